// What a browser would ask the user, asked by the extension instead: user presence and the account chooser
// in a small extension window (when the presence setting is "ask"), and the account pick of a pending
// conditional get in the popup. A prompt ends when the user answers, closes its window, the page aborts the
// call, or the ceremony's timeout runs out; every way but an answer reads as the user cancelling.
import { credentialSummary } from '../../authenticator/credentialTransfer.js';
import type { StoredCredential } from '../../authenticator/credentialStore.js';
import { AUTO_PROMPTS, type UserPrompts } from '../../authenticator/ceremonyContext.js';
import type { MockPendingPrompt, MockPresenceMode } from '../../messages.js';
import { pendingTable } from '../../rpc.js';

type Answer = boolean | string | null;

/** The prompts waiting for the user, by id: what they show, and the window that shows them. */
const shown = new Map<string, { prompt: MockPendingPrompt; windowId?: number }>();
const answers = pendingTable<Answer>();
const listeners = new Set<() => void>();
let nextId = 1;

/** The prompt window's page: the popup, rendering just the one prompt. */
export const promptUrl = (id: string): string =>
  chrome.runtime.getURL(`popup/popup.html?prompt=${encodeURIComponent(id)}`);

export function pendingPrompts(): MockPendingPrompt[] {
  return [...shown.values()].map((w) => w.prompt);
}

/** Called when the pending list changes (the popup re-reads its state; the badge shows the count). */
export function onPromptsChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed(tabId: number): void {
  for (const l of listeners) l();
  const n = pendingPrompts().filter((p) => p.tabId === tabId).length;
  chrome.action?.setBadgeText({ tabId, text: n ? String(n) : '' })?.catch(() => undefined);
}

/** The user's answer from the prompt window or the popup. False when no such prompt is waiting. */
export function answerPrompt(id: string, answer: Answer): boolean {
  return answers.settle(id, answer);
}

/** Each tab's last windowed prompt: the next one opens after it ends, so a tab has one window at a time. */
const windowTurns = new Map<number, Promise<unknown>>();

/**
 * Whether the tab is the one the user sees: its window's active tab, its page visible. (Not the document's own
 * focus: the prompt window takes that, and the next call of the same page must still be asked.)
 */
async function tabFocused(tabId: number): Promise<boolean> {
  try {
    if (!(await chrome.tabs.get(tabId)).active) return false;
    const [r] = await chrome.scripting.executeScript({
      target: { tabId, frameIds: [0] },
      func: () => document.visibilityState === 'visible',
      injectImmediately: true,
    });
    return r?.result === true;
  } catch {
    return false;
  }
}

/** Chromium's refusal of a call from a document that is not focused. */
const notFocused = (): DOMException => new DOMException('The document is not focused.', 'NotAllowedError');

chrome.windows?.onRemoved.addListener((windowId) => {
  for (const [id, w] of shown) if (w.windowId === windowId) answers.settle(id, null);
});

async function ask(
  prompt: MockPendingPrompt,
  signal: AbortSignal,
  timeoutMs: number,
  inWindow: boolean,
): Promise<Answer> {
  if (signal.aborted) return null;
  const { id, tabId } = prompt;
  // Conditional requests have no timeout: they wait as long as the page keeps them (Infinity).
  const answer = answers.wait(id, timeoutMs, () => null);
  const onAbort = () => answers.settle(id, null);
  signal.addEventListener('abort', onAbort);
  // A window asks for the page only when it is the one the user sees; one window per tab, the others wait.
  let turnDone = (): void => undefined;
  if (inWindow) {
    if (!(await tabFocused(tabId))) {
      signal.removeEventListener('abort', onAbort);
      answers.settle(id, null);
      throw notFocused();
    }
    const before = windowTurns.get(tabId) ?? Promise.resolve();
    const turn = new Promise<void>((r) => (turnDone = r));
    const mine = before.then(() => turn);
    windowTurns.set(tabId, mine);
    void mine.then(() => {
      if (windowTurns.get(tabId) === mine) windowTurns.delete(tabId);
    });
    await Promise.race([before, answer]);
    if (!answers.has(id)) {
      turnDone();
      signal.removeEventListener('abort', onAbort);
      return answer;
    }
  }
  const entry: { prompt: MockPendingPrompt; windowId?: number } = { prompt };
  shown.set(id, entry);
  changed(tabId);
  if (inWindow) {
    chrome.windows.create({ url: promptUrl(id), type: 'popup', width: 420, height: 460, focused: true }).then(
      (win) => {
        if (!answers.has(id)) {
          if (win?.id !== undefined) chrome.windows.remove(win.id).catch(() => undefined);
          return;
        }
        entry.windowId = win?.id;
      },
      () => answers.settle(id, null),
    );
  }
  try {
    return await answer;
  } finally {
    turnDone();
    shown.delete(id);
    signal.removeEventListener('abort', onAbort);
    if (entry.windowId !== undefined) chrome.windows.remove(entry.windowId).catch(() => undefined);
    changed(tabId);
  }
}

export interface PromptCaller {
  tabId: number;
  origin: string;
}

/** The prompts of one call: answered at once in "auto" mode, asked of the user in "ask" mode. */
export function promptsFor(caller: PromptCaller, mode: MockPresenceMode, timeoutMs: number): UserPrompts {
  const base = { tabId: caller.tabId, origin: caller.origin };
  const id = () => `p${nextId++}`;
  return {
    async confirmPresence(p, signal) {
      if (mode === 'auto') return true;
      const answer = await ask(
        {
          ...base,
          id: id(),
          kind: 'presence',
          rpId: p.rpId,
          ceremony: p.ceremony,
          purpose: p.purpose,
          userVerification: p.userVerification,
          candidates: [],
          ...(p.userName !== undefined ? { userName: p.userName } : {}),
        },
        signal,
        timeoutMs,
        true,
      );
      return answer === true;
    },
    async chooseAccount(p, signal) {
      // A conditional get waits for the user however the presence setting is: that is what conditional means.
      if (mode === 'auto' && !p.conditional) return AUTO_PROMPTS.chooseAccount(p, signal);
      const answer = await ask(
        {
          ...base,
          id: id(),
          kind: p.conditional ? 'conditional' : 'choose-account',
          rpId: p.rpId,
          ceremony: 'get',
          candidates: p.candidates.map(credentialSummary),
        },
        signal,
        timeoutMs,
        !p.conditional,
      );
      return typeof answer === 'string' ? p.candidates.find((c: StoredCredential) => c.id === answer) : undefined;
    },
  };
}
