// The window the background opens for one prompt (popup.html?prompt=ID): what the site asks, and the answer.
// It closes itself once answered; the background closes it when the call is aborted or times out.
import type { Send } from './useMock.js';
import type { MockUiState } from '../src/messages.js';
import { PromptAnswer, Shown } from './PendingPrompts.js';

export function PromptWindow(p: { id: string; state: MockUiState; send: Send }) {
  const prompt = p.state.pending.find((q) => q.id === p.id);
  if (!prompt)
    return (
      <main>
        <p role="status">This request is no longer waiting.</p>
      </main>
    );
  const title = prompt.kind === 'presence' ? 'Security key' : 'Choose a passkey';
  return (
    <main class="prompt">
      <h1>{title}</h1>
      <p>
        <strong>
          <Shown text={prompt.origin} />
        </strong>{' '}
        wants to {prompt.ceremony === 'create' ? 'create a passkey' : 'sign in'} for{' '}
        <strong>
          <Shown text={prompt.rpId} />
        </strong>{' '}
        with the mock authenticator.
      </p>
      <PromptAnswer prompt={prompt} send={p.send} onAnswered={() => window.close()} />
    </main>
  );
}
