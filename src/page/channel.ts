// The hook's side of the window channel to the ISOLATED-world bridge: records out. (The mock's page side,
// page/mock/, has its own listener for mock state and answers.)
import { PAGE_CHANNEL, type PageCeremony } from '../messages.js';
import * as N from './natives.js';

/** Posts on the channel; a message that cannot be cloned is lost, never the page's call. */
export function post(message: unknown): void {
  try {
    N.call(N.postMessage, N.window, [message, '*']);
  } catch {
    // Nothing to do: see above.
  }
}

export function sendRecord(record: PageCeremony): void {
  post({ channel: PAGE_CHANNEL, type: 'log/ceremony', record });
}
