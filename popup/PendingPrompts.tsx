// Ceremonies waiting for the user: a conditional get's account pick (the autofill list a browser would show),
// and presence or chooser prompts whose window the user may have lost behind others.
import type { MockPendingPrompt } from '../src/messages.js';
import type { Send } from './useMock.js';
import { AccountChoices } from './AccountChoices.js';

export function PendingPrompts(p: { pending: MockPendingPrompt[]; send: Send }) {
  if (!p.pending.length) return null;
  return (
    <section aria-label="Waiting for you">
      <h2>Waiting for you ({p.pending.length})</h2>
      {p.pending.map((q) => (
        <article aria-label={`${q.kind} request from ${q.origin}`}>
          <p>
            <strong>{q.origin}</strong> {PROMPT_TITLES[q.kind]} ({q.rpId})
          </p>
          <PromptAnswer prompt={q} send={p.send} />
        </article>
      ))}
    </section>
  );
}

const PROMPT_TITLES: Record<MockPendingPrompt['kind'], string> = {
  conditional: 'offers sign-in with a passkey (conditional mediation)',
  'choose-account': 'asks which passkey to use',
  presence: 'asks you to touch the authenticator',
};

/** The controls that answer one prompt; shared by the popup list and the prompt window. */
export function PromptAnswer(p: { prompt: MockPendingPrompt; send: Send; onAnswered?: () => void }) {
  const answer = async (a: boolean | string | null) => {
    const r = await p.send({ type: 'prompt/answer', promptId: p.prompt.id, answer: a });
    if (r.ok) p.onAnswered?.();
  };
  if (p.prompt.kind === 'presence') {
    const verb =
      p.prompt.purpose === 'register'
        ? 'create a passkey'
        : p.prompt.purpose === 'exclude'
          ? 'confirm (this authenticator is already registered)'
          : 'sign in';
    return (
      <div>
        <p>
          {p.prompt.userName ? `Account ${p.prompt.userName}: ` : ''}
          {verb}
          {p.prompt.userVerification ? ', with user verification' : ''}?
        </p>
        <button type="button" aria-label="Allow" onClick={() => void answer(true)}>
          Allow
        </button>{' '}
        <button type="button" aria-label="Cancel" onClick={() => void answer(false)}>
          Cancel
        </button>
      </div>
    );
  }
  return <AccountChoices candidates={p.prompt.candidates} onChoose={(id) => void answer(id)} />;
}
