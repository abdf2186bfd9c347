// The extension page the Node library drives (automation/controller.ts evaluates in it): one runtime port
// to the worker, an rpc client for the commands, and the events the worker pushes, kept until the library
// drains them. The port is opened again when the worker restarts.
import {
  AUTOMATION_PORT,
  type AutomationCommand,
  type AutomationEvent,
  type ControlToWorker,
  type WorkerToControl,
} from '../../src/messages.js';
import { rpcClient, type Outcome, type RpcClient } from '../../src/rpc.js';

/** At most this many events wait for the library; older ones go (a suite that never drains loses nothing else). */
const MAX_EVENTS = 10_000;
const queue: Array<Pick<AutomationEvent, 'name' | 'params'>> = [];

let port: chrome.runtime.Port | undefined;
let client: RpcClient<AutomationCommand, unknown> | undefined;

function connect(): RpcClient<AutomationCommand, unknown> {
  if (client && port) return client;
  const p = chrome.runtime.connect({ name: AUTOMATION_PORT });
  const c = rpcClient<AutomationCommand, unknown>((m: ControlToWorker) => {
    try {
      p.postMessage(m);
      return true;
    } catch {
      return false;
    }
  });
  p.onMessage.addListener((m: WorkerToControl) => {
    if ((m as AutomationEvent).type === 'automation/event') {
      const e = m as AutomationEvent;
      queue.push({ name: e.name, params: e.params });
      if (queue.length > MAX_EVENTS) queue.shift();
    } else c.receive(m);
  });
  p.onDisconnect.addListener(() => {
    c.failAll({ name: 'NotAllowedError', message: 'The extension restarted during the command; send it again.' });
    if (port === p) ((port = undefined), (client = undefined));
  });
  port = p;
  client = c;
  return c;
}

const api = {
  send(command: AutomationCommand['command'], args: unknown[]): Promise<Outcome<unknown>> {
    return connect().request({ type: 'automation/command', command, args }).answer;
  },
  /** The events since the last drain, in order. */
  drain(): Array<Pick<AutomationEvent, 'name' | 'params'>> {
    return queue.splice(0, queue.length);
  },
};
(globalThis as { __webauthnAutomation?: typeof api }).__webauthnAutomation = api;
connect();
