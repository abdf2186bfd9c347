// The mock's page side (page/mockAnswers.js) runs only while the mock is on for some site: registered as a
// MAIN-world content script then, unregistered when it is off everywhere, so the hook that every page runs
// carries none of it. On for some sites only, it runs only on their hosts: other pages see nothing of it.
// Switched on, it is also injected into the frames already open.
import type { MockSettings } from '../../messages.js';

const ID = 'mock-answers';
const FILE = 'page/mockAnswers.js';

const mockWanted = (s: MockSettings): boolean => s.enabled || Object.values(s.sites).some((v) => v === true);

/** Where the script runs: everywhere, or the hosts of the sites turned on (match patterns take no port). */
function matchesFor(s: MockSettings, everywhere: boolean): string[] {
  if (everywhere || s.enabled) return ['<all_urls>'];
  const patterns = new Set<string>();
  for (const [origin, on] of Object.entries(s.sites)) {
    if (on !== true) continue;
    try {
      const u = new URL(origin);
      if (u.protocol === 'https:' || u.protocol === 'http:') patterns.add(`${u.protocol}//${u.hostname}/*`);
    } catch {
      // Not an origin: nothing to match.
    }
  }
  return [...patterns].sort();
}

const script = (fallback: boolean, matches: string[]): chrome.scripting.RegisteredContentScript => ({
  id: ID,
  js: [FILE],
  matches,
  runAt: 'document_start',
  allFrames: true,
  world: 'MAIN',
  ...(fallback ? { matchOriginAsFallback: true } : {}),
});

async function register(matches: string[]): Promise<void> {
  try {
    await chrome.scripting.registerContentScripts([script(true, matches)]);
  } catch {
    // Browsers before matchOriginAsFallback (Chromium < 119): without about:blank and data: frames.
    await chrome.scripting.registerContentScripts([script(false, matches)]);
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
      const [current] = await chrome.scripting.getRegisteredContentScripts({ ids: [ID] });
      const wanted = keep || mockWanted(settings);
      const matches = matchesFor(settings, keep);
      if (wanted && !current) {
        await register(matches);
        // On for some sites only, their open frames ask for the script themselves (the bridge's mock/inject).
        if (matches.includes('<all_urls>')) await injectIntoOpenTabs();
      } else if (wanted && current && [...(current.matches ?? [])].sort().join() !== matches.join()) {
        // Frames already open on a newly listed site ask for the script themselves (the bridge's mock/inject).
        await chrome.scripting.unregisterContentScripts({ ids: [ID] });
        await register(matches);
      } else if (!wanted && current) {
        await chrome.scripting.unregisterContentScripts({ ids: [ID] });
      }
    })
    .catch((e: unknown) => console.warn('webauthn-devtools: mock page script not updated', e));
  queue = next;
  return next;
}
