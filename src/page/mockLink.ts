// How the hook finds the mock's page side (page/mock/, a second MAIN-world script the background registers
// only while the mock is on somewhere, so the hook every page runs stays small). Both sides dispatch one
// synchronous DOM event: the mock side announces itself with its functions as the detail, and the hook says
// hello (no detail) so a mock side that ran first announces again. The hook keeps the first announcement.
// A page that listens learns nothing it could not do itself by posting to the bridge; a page that announces
// a fake mock side only changes what its own calls return.
//
// The hook owns recording: the mock side says whether it answers and hands back a credential or an error; it
// never sees the call's record.
import { PAGE_CHANNEL } from '../messages.js';
import * as N from './natives.js';
import type { Json } from './serialize.js';

export const LINK_EVENT = `${PAGE_CHANNEL}link`;

/** A credential the mock made: the object the page gets, and the JSON it was built from (for the record). */
export interface MockAnswer {
  credential: PublicKeyCredential;
  json: Json;
  clientExtensionResults?: Json;
}

/** One create() or get() the mock answers. */
export interface MockCall {
  kind: 'create' | 'get';
  /** The publicKey options as JSON, read once for the record. */
  options: Json | undefined;
  mediation: unknown;
  signal: unknown;
  /** The page's own argument, and the browser's method bound to the page's `this`: the mock side runs the
   * browser's argument conversions with them before it answers. */
  argument: object;
  native: (argument: object) => unknown;
}

export interface MockSide {
  /** Whether the mock answers for this frame: known, or a promise while the bridge has not said yet. */
  answers(): boolean | Promise<boolean>;
  /** Asks the worker; an error is the one the page gets (rebuilt DOMException, or the abort signal's reason). */
  call(request: MockCall): Promise<{ ok: true; value: MockAnswer } | { ok: false; error: unknown }>;
  /** Whether the mock answers for this frame, without waiting; undefined until the bridge has said. */
  enabled(): boolean | undefined;
  /** A PublicKeyCredential static's answer (a value, or a promise) while the mock answers this frame; undefined:
   * ask the browser. `argument` is the call's first argument as JSON. */
  staticAnswer(name: string, argument: Json | undefined): unknown;
}

let side: MockSide | undefined;

export const mockSide = (): MockSide | undefined => side;

/** Hook side: listen for the announcement, then ask for it. */
export function linkMock(): void {
  N.call(N.addEventListener, N.window, [
    LINK_EVENT,
    (e: Event) => {
      const d = N.call(N.customEventDetail!, e, []) as MockSide | null;
      // Only the shape is checked: a page that announces a broken side of its own breaks only its own calls.
      if (!side && d && typeof d.call === 'function') side = d;
    },
  ]);
  N.call(N.dispatchEvent, N.window, [new N.CustomEvent(LINK_EVENT)]);
}
