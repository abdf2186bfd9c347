// The mock side's channels to the worker, each an rpc client (src/rpc.ts): the window channel through the
// bridge, and where the bridge has handed over a direct port to the worker (Chromium), that port, which skips
// two window hops and the browser's extension-message routing. Also the frame's mock state as the bridge says
// it. Only messages carrying PAGE_CHANNEL from this very window are read.
import {
  LOST_ERROR,
  PAGE_CHANNEL,
  type BridgeToPage,
  type MockReply,
  type MockRequest,
  type MockState,
} from '../../messages.js';
import { rpcClient, type RequestHandle, type RpcClient } from '../../rpc.js';
import { post } from '../channel.js';
import * as N from '../natives.js';
import * as M from './mockNatives.js';
const call = N.call;

type Client = RpcClient<MockRequest, MockReply>;

/** Request ids of this copy of the mock side (a page may hold two: the mock switched off and on). */
const copy = ((N.mathRandom() * 2 ** 32) >>> 0).toString(36);
let mockState: MockState | undefined;
interface StateWaiter {
  resolve(s: MockState): void;
  timer: ReturnType<typeof N.setTimeout>;
  askingMs: number;
}
const stateWaiters: StateWaiter[] = [];

const viaWindow: Client = rpcClient((m) => {
  post({ channel: PAGE_CHANNEL, ...m });
  return true;
}, `w${copy}-`);

/**
 * A newer direct port (the bridge hands one to each mock side that arrives) takes new calls; older ones stay
 * open for the calls still waiting on them. All die with the worker's end of the bridge: then every call sent
 * on them is lost, as a call on the bridge's own port would be.
 */
const direct: Array<{ port: MessagePort; client: Client }> = [];

function useDirect(port: MessagePort): void {
  const client: Client = rpcClient((m) => {
    try {
      // JSON text: the worker reads it exactly as it would read the bridge's port.
      call(M.portPostMessage!, port, [call(M.stringifyJson, JSON, [m])]);
      return true;
    } catch {
      return false;
    }
  }, `d${copy}-${direct.length}-`);
  call(N.addEventListener, port, ['message', (e: MessageEvent) => client.receive(call(M.messageEventData!, e, []))]);
  call(M.portStart!, port, []);
  direct.push({ port, client });
}

function dropDirect(): void {
  while (direct.length) {
    const { port, client } = direct.pop()!;
    call(M.portClose!, port, []);
    client.failAll(LOST_ERROR);
  }
}

export function request(body: MockRequest): RequestHandle<MockReply> {
  return (direct[direct.length - 1]?.client ?? viaWindow).request(body);
}

/** The frame's mock state as the bridge last said it; undefined before it has. */
export function currentMockState(): MockState | undefined {
  return mockState;
}

/**
 * The state once the bridge says it, or "off" when it does not: after `unheardMs` with no word from the bridge
 * (a frame it does not run in), after `askingMs` once it has said it is asking the worker. An early call must
 * not hang, nor go to the browser while the mock is on.
 */
export function awaitMockState(unheardMs: number, askingMs: number): Promise<MockState> {
  if (mockState) return N.Promise.resolve(mockState);
  return new N.Promise<MockState>((resolve) => {
    const waiter = { resolve, askingMs } as StateWaiter;
    waiter.timer = stateTimer(waiter, unheardMs);
    stateWaiters.push(waiter);
  });
}

const stateTimer = (w: StateWaiter, ms: number) => N.setTimeout(() => w.resolve({ enabled: false }), ms);

function onMessage(event: MessageEvent): void {
  if (call(M.messageEventSource!, event, []) !== N.window) return;
  // See the bridge's toPage: with calls on a direct port and none waiting on the window, only a message with a
  // port can be the bridge's.
  if (direct.length && !viaWindow.size && !(call(M.messageEventPorts!, event, []) as readonly MessagePort[]).length)
    return;
  const data = call(M.messageEventData!, event, []) as Partial<BridgeToPage> | null;
  if (!data || typeof data !== 'object' || data.channel !== PAGE_CHANNEL) return;
  if (data.type === 'mock/state' && data.state && typeof data.state.enabled === 'boolean') {
    const caps = data.state.capabilities;
    mockState = { enabled: data.state.enabled, ...(caps && typeof caps === 'object' ? { capabilities: caps } : {}) };
    while (stateWaiters.length) {
      const w = stateWaiters.shift()!;
      N.clearTimeout(w.timer);
      w.resolve(mockState);
    }
  } else if (data.type === 'mock/asking') {
    for (const w of stateWaiters) {
      N.clearTimeout(w.timer);
      w.timer = stateTimer(w, w.askingMs);
    }
  } else if (data.type === 'rpc/answer') {
    viaWindow.receive(data);
  } else if (data.type === 'direct/port') {
    const port = (call(M.messageEventPorts!, event, []) as readonly MessagePort[])[0];
    if (port) useDirect(port);
  } else if (data.type === 'direct/closed') {
    dropDirect();
  }
}

export function listen(): void {
  call(N.addEventListener, N.window, ['message', onMessage, true]);
}
