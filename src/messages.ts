// The one typed protocol between page (MAIN world), content bridge (ISOLATED world), background,
// DevTools panel and popup. Every message that crosses a boundary is declared here, with a guard
// for the ones that arrive from a less trusted side.

import type { CeremonyRecord, RecordedError } from './webauthn/record.js';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from './webauthn/json.js';

/** Tag on every window message between hook and bridge; anything else on the window is ignored. */
export const PAGE_CHANNEL = '__webauthn_devtools__';

// ───────────────────────────── page ⇄ content (window channel) ─────────────────────────────
/** The parts of a record the page may state; origin, tab and frame are added by the background. */
export type PageCeremony = Omit<CeremonyRecord, 'tabId' | 'frameId' | 'origin' | 'topOrigin' | 'crossOrigin'> & {
  /** What the page believes; informational only, never trusted. */
  origin?: string;
  crossOrigin?: boolean;
};

export type PageToContent =
  | { channel: typeof PAGE_CHANNEL; type: 'ceremony'; record: PageCeremony }
  | { channel: typeof PAGE_CHANNEL; type: 'mock-request'; requestId: string; request: MockRequest }
  | { channel: typeof PAGE_CHANNEL; type: 'mock-abort'; requestId: string; reason?: RecordedError };

export type ContentToPage =
  | { channel: typeof PAGE_CHANNEL; type: 'mock-state'; state: MockState }
  | { channel: typeof PAGE_CHANNEL; type: 'mock-response'; requestId: string; answer: MockAnswer };

// ───────────────────────────── mock (page → background via bridge) ─────────────────────────────
/** What the hook needs to know before a call, kept current by the bridge. */
export interface MockState {
  /** The mock answers create()/get() for this frame's site. */
  enabled: boolean;
}

export type MockRequest =
  | { kind: 'create'; ceremonyId: string; options: PublicKeyCredentialCreationOptionsJSON; mediation?: string }
  | { kind: 'get'; ceremonyId: string; options: PublicKeyCredentialRequestOptionsJSON; mediation?: string };

export type MockAnswer =
  | { ok: true; credential: PublicKeyCredentialJSON; clientExtensionResults?: Record<string, unknown> }
  | { ok: false; error: RecordedError };

// ───────────────────────────── content → background (runtime messages) ─────────────────────────────
export type ContentToBackground =
  | { type: 'log/ceremony'; record: PageCeremony }
  | { type: 'mock/request'; requestId: string; request: MockRequest }
  | { type: 'mock/abort'; requestId: string; reason?: RecordedError }
  | { type: 'mock/state' };

// ───────────────────────────── panel ⇄ background (runtime.connect port) ─────────────────────────────
export const PANEL_PORT = 'webauthn-devtools-panel';

export type PanelToBackground =
  | { type: 'subscribe'; tabId: number }
  | { type: 'clear' }
  | { type: 'preserve-log'; enabled: boolean };

export type BackgroundToPanel =
  | { type: 'snapshot'; tabId: number; ceremonies: CeremonyRecord[]; preserveLog: boolean }
  | { type: 'upsert'; ceremony: CeremonyRecord }
  | { type: 'cleared' }
  | { type: 'navigated'; url: string };
