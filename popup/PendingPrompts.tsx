// Ceremonies waiting for the user: a conditional get's account pick (the autofill list a browser would show),
// and presence or chooser prompts whose window the user may have lost behind others.
import { useEffect, useState } from 'preact/hooks';
import type { MockPendingPrompt } from '../src/messages.js';
import type { Send } from './useMock.js';
import { AccountChoices } from './AccountChoices.js';

/** How long Allow takes no click: a page cannot time a click meant for itself onto it (keyjacking). */
export const ALLOW_DELAY_MS = 500;
const MAX_SHOWN = 80;

/** A site's string as plain text (Preact escapes it), cut to a length that cannot crowd out the question. */
export function Shown({ text }: { text: string }) {
  return (
    <span title={text.length > MAX_SHOWN ? text : undefined}>
      {text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text}
    </span>
  );
}

export function PendingPrompts(p: { pending: MockPendingPrompt[]; send: Send }) {
  if (!p.pending.length) return null;
  return (
    <section aria-label="Waiting for you">
      <h2>Waiting for you ({p.pending.length})</h2>
      {p.pending.map((q) => (
        <article aria-label={`${q.kind} request from ${q.origin}`}>
          <p>
            <strong>
              <Shown text={q.origin} />
            </strong>{' '}
            {PROMPT_TITLES[q.kind]} (<Shown text={q.rpId} />)
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
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setArmed(true), ALLOW_DELAY_MS);
    return () => clearTimeout(t);
  }, [p.prompt.id]);
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
          {p.prompt.userName ? (
            <>
              Account <Shown text={p.prompt.userName} />:{' '}
            </>
          ) : (
            ''
          )}
          {verb}
          {p.prompt.userVerification ? ', with user verification' : ''}?
        </p>
        {/* Cancel is the default (focused, first); Allow takes no click for its first moment. */}
        <button type="button" aria-label="Cancel" autoFocus onClick={() => void answer(false)}>
          Cancel
        </button>{' '}
        <button type="button" aria-label="Allow" disabled={!armed} onClick={() => void answer(true)}>
          Allow
        </button>
      </div>
    );
  }
  return <AccountChoices candidates={p.prompt.candidates} onChoose={(id) => void answer(id)} />;
}
