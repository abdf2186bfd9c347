// ISOLATED-world bridge: the only way from the page's hook to the background. It reads messages on the
// window channel from its own window, keeps the well-formed ones of bounded size, drops and counts the
// rest, and relays mock state and answers back. It never trusts the page: the background takes origin,
// tab and frame from the browser.
import type { BackgroundToContent, ContentToBackground, ContentToPage, MockState, PageCeremony } from '../messages.js';
import { PAGE_CHANNEL } from '../messages.js';
import { mockCallChannel } from './mockCallChannel.js';
import { isPageToContent, MAX_MESSAGE_BYTES, messageSize } from '../messageGuards.js';
import { quietTimer } from '../quietTimer.js';

const api = chrome;
/** Malformed or oversized messages dropped; read by tests through the DOM-free global of this world. */
const dropped = { malformed: 0, oversized: 0 };
(globalThis as { __webauthnDevtoolsDropped?: typeof dropped }).__webauthnDevtoolsDropped = dropped;

function toPage(message: ContentToPage): void {
  window.postMessage(message, '*');
}

function toBackground<T>(message: ContentToBackground): Promise<T | undefined> {
  try {
    return api.runtime.sendMessage(message).catch(() => undefined) as Promise<T | undefined>;
  } catch {
    // The extension was reloaded: this content script is orphaned; the page keeps working.
    return Promise.resolve(undefined);
  }
}

const mockCalls = mockCallChannel(api);
const OWN_MESSAGES: readonly string[] = [
  'mock-state',
  'mock-response',
  'mock-port',
  'mock-port-closed',
] satisfies ContentToPage['type'][];

/**
 * The page's direct port to the worker (Chromium): opened once the mock is on for this frame, handed to the
 * mock's page side, and opened again at the first call after the worker stopped (never just to keep one:
 * that would wake a stopped worker for nothing). A page whose CSP blocks the relay frame keeps the bridge.
 */
let direct: 'none' | 'opening' | 'open' | 'failed' = 'none';
let directGeneration = 0;
/** The page holds a port bound to the current runtime port; it must hear when that one closes. */
let pageHasPort = false;
function offerDirectPort(): void {
  if (__BROWSER__ !== 'chrome' || direct !== 'none') return;
  // The relay frame needs a root element to hang from; at document_start there may be none yet.
  if (!document.documentElement) {
    document.addEventListener('DOMContentLoaded', offerDirectPort, { once: true });
    return;
  }
  direct = 'opening';
  const generation = directGeneration;
  void mockCalls.openDirect().then(
    (port) => {
      if (generation !== directGeneration) {
        port?.close();
        return;
      }
      direct = port ? 'open' : 'failed';
      if (!port) return;
      pageHasPort = true;
      window.postMessage({ channel: PAGE_CHANNEL, type: 'mock-port' } satisfies ContentToPage, '*', [port]);
    },
    () => {
      if (generation === directGeneration) direct = 'failed';
    },
  );
}
mockCalls.onClosed(() => {
  directGeneration++;
  if (pageHasPort) toPage({ channel: PAGE_CHANNEL, type: 'mock-port-closed' });
  pageHasPort = false;
  if (direct !== 'failed') direct = 'none';
});

/**
 * Records wait here until the frame's calls pause for RECORD_QUIET_MS (at most RECORD_MAX_WAIT_MS), and a
 * record replaced by a later version of itself (pending, then done) is sent once. Sent at once, each one
 * costs the page's next call a worker round trip; the panel is a few milliseconds later instead.
 */
const RECORD_QUIET_MS = 20;
const RECORD_MAX_WAIT_MS = 250;
const held = new Map<string, PageCeremony>();
const heldTimer = quietTimer(RECORD_QUIET_MS, RECORD_MAX_WAIT_MS, () => sendHeld());

/** A message that meets a service worker in the middle of stopping is refused: try again, twice at most. */
const RECORD_RETRY_MS = 250;
function sendRecord(record: PageCeremony, triesLeft = 2): void {
  try {
    api.runtime.sendMessage({ type: 'log/ceremony', record } satisfies ContentToBackground).catch(() => {
      if (triesLeft > 0) setTimeout(() => sendRecord(record, triesLeft - 1), RECORD_RETRY_MS);
    });
  } catch {
    // Orphaned (the extension was reloaded): nothing can take the record.
  }
}

function sendHeld(): void {
  heldTimer.cancel();
  for (const record of held.values()) sendRecord(record);
  held.clear();
}

function hold(record: PageCeremony): void {
  held.delete(record.id); // re-inserted: the order is that of the latest versions
  held.set(record.id, record);
  heldTimer.poke();
}

// A page that navigates right after its call (a form posted on sign-in) must not take the record with it, and
// a hidden tab's timers are throttled to a second or more: both send what is held at once.
window.addEventListener('pagehide', sendHeld, true);
document.addEventListener(
  'visibilitychange',
  () => {
    if (document.visibilityState === 'hidden') sendHeld();
  },
  true,
);

window.addEventListener(
  'message',
  (event) => {
    if (event.source !== window) return;
    const data: unknown = event.data;
    if (!data || typeof data !== 'object' || (data as { channel?: unknown }).channel !== PAGE_CHANNEL) return;
    const type = (data as { type?: unknown }).type;
    if (typeof type === 'string' && OWN_MESSAGES.includes(type)) return; // our own messages to the page
    if (messageSize(data) > MAX_MESSAGE_BYTES) {
      dropped.oversized++;
      return;
    }
    if (!isPageToContent(data)) {
      dropped.malformed++;
      return;
    }
    switch (data.type) {
      case 'ceremony':
        hold(data.record);
        break;
      case 'mock-request': {
        if (held.size) heldTimer.poke(); // a call on the way: records wait for the pause after it
        const requestId = data.requestId;
        mockCalls.request(requestId, data.request, (answer) =>
          toPage({ channel: PAGE_CHANNEL, type: 'mock-response', requestId, answer }),
        );
        offerDirectPort();
        break;
      }
      case 'mock-abort':
        mockCalls.abort(data.requestId, data.reason);
        break;
      case 'mock-hello':
        // A mock side that arrives now never saw a port handed over before it: it gets a new one.
        if (direct === 'open') direct = 'none';
        refreshMockState();
        break;
    }
  },
  true,
);

// The mock state depends on this frame's origin, which only the background may judge: ask it.
function refreshMockState(): void {
  void toBackground<MockState>({ type: 'mock/state' }).then((state) => {
    toPage({ channel: PAGE_CHANNEL, type: 'mock-state', state: state ?? { enabled: false } });
    if (state?.enabled) offerDirectPort();
  });
}

api.runtime.onMessage.addListener((message: BackgroundToContent) => {
  if (message?.type === 'mock/changed') refreshMockState();
});

void toBackground({ type: 'page/start' });
refreshMockState();
