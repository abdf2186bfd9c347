// ISOLATED-world bridge, the only way from the page to the worker: the window channel's guard and dispatch.
// It reads messages on the channel from its own window, keeps the well-formed ones of bounded size, drops and
// counts the rest, and relays mock state and answers back. It never trusts the page: the worker takes origin,
// tab and frame from the browser.
import {
  BRIDGE_HERE_EVENT,
  MOCK_HERE_EVENT,
  PAGE_CHANNEL,
  type BridgeToPage,
  type BridgeToWorker,
  type MockReply,
  type MockRequest,
  type MockState,
  type WorkerToBridge,
  type WorkerToBridgeAnswer,
} from '../messages.js';
import { isMockRequest, isPageToBridge, MAX_MESSAGE_BYTES, messageSize } from '../messageGuards.js';
import { rpcServer } from '../rpc.js';
import { directPortState } from './directPortState.js';
import { recordQueue } from './recordQueue.js';
import { workerPort } from './workerPort.js';

const api = chrome;
/** Malformed or oversized messages dropped; read by tests through the DOM-free global of this world. */
const dropped = { malformed: 0, oversized: 0 };
(globalThis as { __webauthnDevtoolsDropped?: typeof dropped }).__webauthnDevtoolsDropped = dropped;

/**
 * The bridge's own messages carry a port, which the hook's records never do: a mock side calling on its direct
 * port reads only messages with one, so it neither deserializes every record on the page's thread nor takes a
 * page's forgery for the bridge. Answers on the window channel need none: a mock side waiting for one reads all.
 */
const toPage = (message: BridgeToPage): void =>
  window.postMessage(message, '*', message.type === 'rpc/answer' ? [] : [new MessageChannel().port1]);

function toWorker<T>(message: BridgeToWorker): Promise<T | undefined> {
  try {
    return api.runtime.sendMessage(message) as Promise<T | undefined>;
  } catch (e) {
    // The extension was reloaded: this content script is orphaned; the page keeps working.
    return Promise.reject(e);
  }
}
const askWorker = <T>(message: BridgeToWorker) => toWorker<T>(message).catch(() => undefined);

const worker = workerPort(api);
const direct = directPortState(api, worker, toPage);
/** A batch the worker has not confirmed in this time is sent again (a worker killed mid-write never answers). */
const CONFIRM_WAIT_MS = 5_000;
const records = recordQueue({
  async send(batch) {
    const answer = await Promise.race([
      toWorker<WorkerToBridgeAnswer>({ type: 'log/records', records: batch }),
      new Promise<undefined>((resolve) => setTimeout(resolve, CONFIRM_WAIT_MS)),
    ]);
    if (answer?.type !== 'log/written' || answer.count !== batch.length) throw new Error('not confirmed');
  },
  quietMs: 20,
  maxWaitMs: 250,
  retryMs: 100,
  maxRetryMs: 2_000,
  maxHeld: 1_000,
  // The worker refuses a message over MAX_MESSAGE_BYTES; a batch stays well under it.
  maxBatchBytes: MAX_MESSAGE_BYTES / 2,
});

/** The page's mock calls, answered by the worker over the bridge's port; aborts follow them there. */
const calls = rpcServer<MockRequest, MockReply>(
  isMockRequest,
  async (body, signal) => {
    const pending = worker.request(body);
    signal.addEventListener('abort', () => pending.abort(signal.reason as never), { once: true });
    const o = await pending.answer;
    if (!o.ok) throw o.error;
    return o.value;
  },
  (answer) => toPage({ channel: PAGE_CHANNEL, ...answer }),
);

/** The mock's page side is in this document (its MOCK_HERE_EVENT). */
let sawMockSide = false;
/**
 * The state the worker last gave, and whether the page has been sent one: no page gets a message before it
 * calls WebAuthn (where the mock answers too), so no page can detect the extension by listening. The direct
 * port follows the first state the page gets.
 */
let lastState: MockState | undefined;
let toldPage = false;
const tellPage = (state: MockState): void => {
  toldPage = true;
  toPage({ channel: PAGE_CHANNEL, type: 'mock/state', state });
  if (state.enabled) direct.offer();
};
window.addEventListener(
  MOCK_HERE_EVENT,
  () => {
    sawMockSide = true;
    // A mock side that arrives in an open page (the mock switched on) never saw a port: it gets the next.
    direct.renew();
  },
  true,
);
window.dispatchEvent(new CustomEvent(BRIDGE_HERE_EVENT));
let askedInject = false;

const OWN_MESSAGES: readonly string[] = [
  'mock/state',
  'mock/asking',
  'rpc/answer',
  'direct/port',
  'direct/closed',
] satisfies BridgeToPage['type'][];

// A page that navigates right after its call (a form posted on sign-in) must not take the record with it, and
// a hidden tab's timers are throttled to a second or more: both send what is held at once.
window.addEventListener('pagehide', records.flush, true);
document.addEventListener(
  'visibilitychange',
  () => {
    if (document.visibilityState === 'hidden') records.flush();
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
    if (typeof type === 'string' && OWN_MESSAGES.includes(type)) return;
    const bytes = messageSize(data);
    if (bytes > MAX_MESSAGE_BYTES) {
      dropped.oversized++;
      return;
    }
    if (!isPageToBridge(data)) {
      dropped.malformed++;
      return;
    }
    switch (data.type) {
      case 'log/ceremony':
        records.hold(data.record, bytes);
        break;
      case 'rpc/request':
        records.busy();
        calls.receive(data);
        direct.offer();
        break;
      case 'rpc/abort':
        calls.receive(data);
        break;
      case 'mock/state-request':
        if (lastState) tellPage(lastState);
        else {
          // A worker that is starting or busy may take a while; the call must wait for it, not go to the browser.
          toPage({ channel: PAGE_CHANNEL, type: 'mock/asking' });
          void refreshMockState(true);
        }
        break;
    }
  },
  true,
);

// The mock state depends on this frame's origin, which only the worker may judge: ask it.
function refreshMockState(asked = false): Promise<void> {
  return askWorker<MockState>({ type: 'mock/state' }).then((answer) => {
    const state = answer ?? { enabled: false };
    lastState = state;
    if (toldPage || asked) tellPage(state);
    if (!state.enabled) return;
    // A page that loads while the browser is still starting can miss the registered page script: without it
    // the page's calls would go to the browser, which has no authenticator to answer them.
    if (!sawMockSide && !askedInject) {
      askedInject = true;
      void askWorker({ type: 'mock/inject' });
    }
  });
}

api.runtime.onMessage.addListener((message: WorkerToBridge, _sender: unknown, respond: (done: boolean) => void) => {
  // Answered once the page has been told, so that the worker's change is complete when it says so.
  if (message?.type === 'mock/changed') {
    void refreshMockState().then(() => respond(true));
    return true;
  }
  // A frame with nothing queued stays silent, so the answer comes from one that had records.
  if (message?.type === 'log/flush' && records.size) {
    void records.drained().then(() => respond(true));
    return true;
  }
  return undefined;
});

void askWorker({ type: 'page/start' });
refreshMockState();
