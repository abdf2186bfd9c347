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
  | { channel: typeof PAGE_CHANNEL; type: 'mock-abort'; requestId: string; reason?: RecordedError }
  /** The mock's page side has just arrived in this frame (injected into an open page): it needs the state. */
  | { channel: typeof PAGE_CHANNEL; type: 'mock-hello' };

export type ContentToPage =
  | { channel: typeof PAGE_CHANNEL; type: 'mock-state'; state: MockState }
  | { channel: typeof PAGE_CHANNEL; type: 'mock-response'; requestId: string; answer: MockAnswer }
  /** Carries the frame's direct port to the worker (transferred with the message; Chromium). */
  | { channel: typeof PAGE_CHANNEL; type: 'mock-port' }
  /** The direct port died with the worker: calls waiting on it are lost; new ones go through the bridge. */
  | { channel: typeof PAGE_CHANNEL; type: 'mock-port-closed' };

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

/** The answer to a call whose channel to the worker died under it: what a browser says when it gives up. */
export const LOST_ANSWER: MockAnswer = {
  ok: false,
  error: {
    name: 'NotAllowedError',
    message: 'The operation either timed out or was not allowed: the extension restarted during the call.',
  },
};

// ───────────────────────────── content → background (runtime messages) ─────────────────────────────
export type ContentToBackground =
  | { type: 'log/ceremony'; record: PageCeremony }
  /** A document started in this frame (sent at document_start; the top frame's clears the log unless preserved). */
  | { type: 'page/start' }
  | { type: 'mock/state' };

// ───────────────────────────── content ⇄ background (mock calls, runtime.connect port) ─────────────────────────────
// One port per frame, opened at the frame's first mock call: a port answers in a fraction of the time a
// runtime.sendMessage round trip takes, and its pings keep the worker alive while a conditional get waits.
export const MOCK_CALL_PORT = 'webauthn-devtools-mock-call';

export type ContentToMockHost =
  | { type: 'mock/request'; requestId: string; request: MockRequest }
  | { type: 'mock/abort'; requestId: string; reason?: RecordedError }
  | { type: 'ping' }
  /** Runtime port only: the MessagePort the relay frame brings with this one-time secret is this frame's. */
  | { type: 'direct/offer'; secret: string };

export type MockHostToContent =
  | { requestId: string; answer: MockAnswer }
  /** The offer is registered: only now may the relay frame bring the port (both may wake a stopped worker). */
  | { type: 'direct/offered'; secret: string };

// ───────────────────────────── page ⇄ background (direct port, Chromium) ─────────────────────────────
// A MessagePort the bridge obtains through the relay frame (content/relay.html) and hands to the mock's page
// side. The page sends ContentToMockHost as JSON text; the worker answers MockHostToContent, after one
// DirectPortReady. Relay frame → worker: { secret } with the port transferred.
export type DirectPortReady = { type: 'direct/ready' };
export type RelayToWorker = { secret: string };
export const RELAY_PAGE = 'content/relay.html';

// ───────────────────────────── panel ⇄ background (runtime.connect port) ─────────────────────────────
export const PANEL_PORT = 'webauthn-devtools-panel';

export type PanelToBackground =
  { type: 'subscribe'; tabId: number } | { type: 'clear' } | { type: 'preserve-log'; enabled: boolean };

/** background → content (tabs.sendMessage to every frame): the mock settings changed; ask again. */
export type BackgroundToContent = { type: 'mock/changed' };

export type BackgroundToPanel =
  | { type: 'snapshot'; tabId: number; ceremonies: CeremonyRecord[]; preserveLog: boolean }
  | { type: 'upsert'; ceremony: CeremonyRecord }
  | { type: 'cleared' }
  | { type: 'navigated'; url: string };

// ───────────────────────────── popup / prompt window ⇄ background (mock management) ─────────────────────────────
// A runtime.connect port named MOCK_PORT: the UI sends { id, request }, the background answers { id, reply }
// and pushes { type: 'changed' } when settings, credentials or pending requests change.
import type { AuthenticatorProfile } from './authenticator/profiles.js';

export const MOCK_PORT = 'webauthn-devtools-mock';

export type MockPresenceMode = 'auto' | 'ask';
export type MockFailureMode = 'none' | 'cancel' | 'timeout' | 'no-credential';

export interface MockSettings {
  /** The mock answers everywhere unless a site says otherwise. */
  enabled: boolean;
  /** Per-origin overrides of `enabled`. */
  sites: Record<string, boolean>;
  activeProfileId: string;
  profiles: AuthenticatorProfile[];
  presence: MockPresenceMode;
  /** A failure every ceremony gives until it is set back to 'none'. */
  failure: MockFailureMode;
}

/** What the UI may see of a credential: no key material. */
export interface MockCredentialSummary {
  id: string;
  rpId: string;
  userHandle: string;
  userName: string;
  userDisplayName: string;
  alg: number;
  discoverable: boolean;
  signCount: number;
  profileId: string;
  aaguid: string;
  backupEligible: boolean;
  backupState: boolean;
  hasLargeBlob: boolean;
  createdAt: number;
  lastUsedAt?: number;
}

/** A ceremony waiting for the user: a conditional get (account pick) or a user-presence / chooser prompt. */
export interface MockPendingPrompt {
  id: string;
  kind: 'conditional' | 'choose-account' | 'presence';
  tabId: number;
  origin: string;
  rpId: string;
  ceremony: 'create' | 'get';
  userName?: string;
  purpose?: 'register' | 'authenticate' | 'exclude';
  userVerification?: boolean;
  candidates: MockCredentialSummary[];
}

export type MockUiRequest =
  | { type: 'state' }
  | { type: 'settings/update'; patch: Partial<Omit<MockSettings, 'profiles' | 'sites'>> }
  | { type: 'site/set'; origin: string; enabled: boolean | null }
  | { type: 'profile/save'; profile: AuthenticatorProfile }
  | { type: 'profile/delete'; id: string }
  | { type: 'credential/delete'; id: string }
  | { type: 'credentials/delete-all'; rpId?: string }
  | { type: 'credentials/export'; ids?: string[]; keyFormat: 'jwk' | 'pkcs8'; confirmed: boolean }
  | { type: 'credentials/import'; data: unknown }
  | { type: 'prompt/answer'; promptId: string; answer: boolean | string | null }
  | { type: 'attestation-root' };

export interface MockUiState {
  settings: MockSettings;
  presets: AuthenticatorProfile[];
  credentials: MockCredentialSummary[];
  pending: MockPendingPrompt[];
}

export type MockUiReply = { ok: true; state?: MockUiState; data?: unknown } | { ok: false; error: string };

export type MockUiMessage = { id: number; request: MockUiRequest };
export type MockUiPush = { id: number; reply: MockUiReply } | { type: 'changed' };
