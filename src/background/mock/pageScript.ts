// The mock's page side (page/mockAnswers.js) runs only while the mock is on for some site: registered as a
// MAIN-world content script then, unregistered when it is off everywhere, so the hook that every page runs
// carries none of it. Switched on, it is also injected into the frames already open.
import type { MockSettings } from '../../messages.js';

const ID = 'mock-answers';
const FILE = 'page/mockAnswers.js';

const mockWanted = (s: MockSettings): boolean => s.enabled || Object.values(s.sites).some((v) => v === true);

const script = (fallback: boolean): chrome.scripting.RegisteredContentScript => ({
  id: ID,
  js: [FILE],
  matches: ['<all_urls>'],
  runAt: 'document_start',
  allFrames: true,
  world: 'MAIN',
  ...(fallback ? { matchOriginAsFallback: true } : {}),
});

async function register(): Promise<void> {
  try {
    await chrome.scripting.registerContentScripts([script(true)]);
  } catch {
    // Browsers before matchOriginAsFallback (Chromium < 119): without about:blank and data: frames.
    await chrome.scripting.registerContentScripts([script(false)]);
  }
}

/** Into one frame that missed the registration (it loaded while the browser was starting). */
export async function injectMockSide(tabId: number, frameId: number): Promise<void> {
  await chrome.scripting
    .executeScript({ target: { tabId, frameIds: [frameId] }, files: [FILE], world: 'MAIN', injectImmediately: true })
    .catch(() => undefined);
}

async function injectIntoOpenTabs(): Promise<void> {
  const tabs = await chrome.tabs.query({});
  await Promise.all(
    tabs.map((t) =>
      t.id === undefined
        ? undefined
        : chrome.scripting
            .executeScript({
              target: { tabId: t.id, allFrames: true },
              files: [FILE],
              world: 'MAIN',
              injectImmediately: true,
            })
            .catch(() => undefined),
    ),
  ); // pages the extension may not script (the store, browser pages)
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Brings the registration in line with the settings (or keeps it, while a test suite is attached: its
 * authenticators come and go for every test); runs one at a time, in call order.
 */
export function syncMockPageScript(settings: MockSettings, keep = false): Promise<void> {
  const next = queue
    .then(async () => {
      const registered = (await chrome.scripting.getRegisteredContentScripts({ ids: [ID] })).length > 0;
      const wanted = keep || mockWanted(settings);
      if (wanted && !registered) {
        await register();
        await injectIntoOpenTabs();
      } else if (!wanted && registered) {
        await chrome.scripting.unregisterContentScripts({ ids: [ID] });
      }
    })
    .catch((e: unknown) => console.warn('webauthn-devtools: mock page script not updated', e));
  queue = next;
  return next;
}
