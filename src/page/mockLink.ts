// How the hook finds the mock's page side (page/mock/, a second MAIN-world script the background registers
// only while the mock is on somewhere, so the hook every page runs stays small). Both sides dispatch one
// synchronous DOM event: the mock side announces itself with its functions as the detail, and the hook says
// hello (no detail) so a mock side that ran first announces again. The hook keeps the first announcement.
// A page that listens learns nothing it could not do itself by posting to the bridge; a page that announces
// a fake mock side only changes what its own calls return.
import type { CallRecord } from './ceremonyRecorder.js';
import { PAGE_CHANNEL } from '../messages.js';
import * as N from './natives.js';

export const LINK_EVENT = `${PAGE_CHANNEL}link`;

export interface MockSide {
  /** Whether the mock answers for this frame; undefined until the bridge has said. */
  enabled(): boolean | undefined;
  /** create()/get() with public-key options: answered by the mock, or handed to `native` where it is off. */
  call(kind: 'create' | 'get', signal: unknown, startRecord: () => CallRecord, native: () => unknown): unknown;
}

let side: MockSide | undefined;

export const mockSide = (): MockSide | undefined => side;

/** Hook side: listen for the announcement, then ask for it. */
export function linkMock(): void {
  N.call(N.addEventListener, N.window, [
    LINK_EVENT,
    (e: Event) => {
      const d = N.call(N.customEventDetail!, e, []) as MockSide | null;
      if (!side && d && typeof d.call === 'function' && typeof d.enabled === 'function') side = d;
    },
  ]);
  N.call(N.dispatchEvent, N.window, [new N.CustomEvent(LINK_EVENT)]);
}
