// The one vocabulary of every channel: page (MAIN world), bridge (content script, ISOLATED world), worker
// (background), relay frame, DevTools panel and popup. Each payload is named once and keeps its name on every
// hop; every message has a `type`; route types are named `<From>To<To>`. Request/answer pairs travel in the
// envelopes of rpc.ts, whose bodies are named here.
import type { RpcAbort, RpcAnswer, RpcRequest } from './rpc.js';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from './webauthn/json.js';
import type { CeremonyRecord, RecordedError } from './webauthn/record.js';

// ───────────────────────────── payloads ─────────────────────────────
/** The parts of a record the page may state; origin, tab and frame are added by the worker. */
export type PageCeremony = Omit<CeremonyRecord, 'tabId' | 'frameId' | 'origin' | 'topOrigin' | 'crossOrigin'> & {
  /** What the page believes; informational only, never trusted. */
  origin?: string;
  crossOrigin?: boolean;
};

/** Who sent a message, as the browser says (sender tab, frame, origin, top-level origin); never the page's words. */
export interface Caller {
  tabId: number;
  frameId: number;
  origin: string;
  url: string;
  topOrigin?: string;
  crossOrigin: boolean;
  topLevel: boolean;
}

/** Whether the mock answers create()/get() for a frame's site. */
export interface MockState {
  enabled: boolean;
  /** While enabled: what getClientCapabilities() answers (isUserVerifyingPlatformAuthenticatorAvailable() too). */
  capabilities?: Record<string, boolean>;
}

/** A create() or get() for the mock to answer: the rpc body on the window channel, the direct port and the bridge's port. */
export type MockCallRequest =
  | { type: 'mock/call'; kind: 'create'; options: PublicKeyCredentialCreationOptionsJSON; mediation?: string }
  | { type: 'mock/call'; kind: 'get'; options: PublicKeyCredentialRequestOptionsJSON; mediation?: string };
/** A PublicKeyCredential.signal…() call the mock takes: its argument as JSON, checked in the worker. */
export type MockSignalRequest = { type: 'mock/signal'; name: SignalName; argument: unknown };
export type MockRequest = MockCallRequest | MockSignalRequest;

/** The three signal statics (WebAuthn L3 §5.1.10). */
export type SignalName = 'signalUnknownCredential' | 'signalAllAcceptedCredentials' | 'signalCurrentUserDetails';
export const SIGNAL_NAMES: readonly SignalName[] = [
  'signalUnknownCredential',
  'signalAllAcceptedCredentials',
  'signalCurrentUserDetails',
];

/** What a signal changed in the mock's store (the panel shows it; the page gets undefined). */
export interface SignalChange {
  change: 'deleted' | 'hidden' | 'shown' | 'renamed';
  credentialId: string;
  rpId: string;
  userName: string;
  /** For a rename: the names before and after. */
  before?: { name: string; displayName: string };
  after?: { name: string; displayName: string };
}
export interface SignalOutcome {
  changes: SignalChange[];
}

/** The answer to a MockRequest: a credential for a call, the changes for a signal. */
export type MockReply = MockCredential | SignalOutcome;

/** The mock's answer to a MockRequest; a failure is the rpc error, named as the browser names it. */
export interface MockCredential {
  credential: PublicKeyCredentialJSON;
  clientExtensionResults?: Record<string, unknown>;
}

/** Bridge → worker on the bridge's port: the MessagePort the relay frame brings with this secret is this frame's. */
export type DirectOffer = { type: 'direct/offer'; secret: string };

/** The error of a call whose channel to the worker died under it: what a browser says when it gives up. */
export const LOST_ERROR: RecordedError = {
  name: 'NotAllowedError',
  message: 'The operation either timed out or was not allowed: the extension restarted during the call.',
};

// ───────────────────────────── page ⇄ bridge (window channel) ─────────────────────────────
/** Tag on every window message between page and bridge; anything else on the window is ignored. */
export const PAGE_CHANNEL = '__webauthn_devtools__';
type OnWindow<T> = T & { channel: typeof PAGE_CHANNEL };
/**
 * Synchronous DOM events (no detail) by which the mock's page side and the bridge learn that the other is in
 * the frame, whichever runs first: both run at document_start, before any page script can listen, so unlike
 * a window message (delivered a task later) no page sees them.
 */
export const MOCK_HERE_EVENT = `${PAGE_CHANNEL}mock-here`;
export const BRIDGE_HERE_EVENT = `${PAGE_CHANNEL}bridge-here`;

export type PageToBridge = OnWindow<
  | { type: 'log/ceremony'; record: PageCeremony }
  /** A call needs the mock state: the bridge sends none before a frame's first WebAuthn call. */
  | { type: 'mock/state-request' }
  | RpcRequest<MockRequest>
  | RpcAbort
>;

export type BridgeToPage = OnWindow<
  | { type: 'mock/state'; state: MockState }
  /** The bridge has no state for the frame yet and has asked the worker: it comes, however long that takes. */
  | { type: 'mock/asking' }
  | RpcAnswer<MockReply>
  /** Carries the frame's direct port to the worker (transferred with the message; Chromium). */
  | { type: 'direct/port' }
  /** The direct port died with the worker: calls waiting on it are lost; new ones go through the bridge. */
  | { type: 'direct/closed' }
>;

// ───────────────────────────── bridge ⇄ worker ─────────────────────────────
/** runtime.sendMessage, answered by the browser's sendResponse. */
export type BridgeToWorker =
  /** Answered with `log/written` once every record is in storage: the bridge keeps them until then. */
  | { type: 'log/records'; records: PageCeremony[] }
  /** A document started in this frame (the top frame's clears the log unless it is preserved). */
  | { type: 'page/start' }
  | { type: 'mock/state' }
  /** The mock answers this frame but its page side never arrived: the worker injects it. */
  | { type: 'mock/inject' };

/** The worker's answers to BridgeToWorker messages (mock/state is answered with a MockState). */
export type WorkerToBridgeAnswer = { type: 'log/written'; count: number };

/** tabs.sendMessage to every frame: the mock settings changed; ask again. */
/** tabs.sendMessage to every frame: the mock settings changed (ask again), or send the queued records now. */
export type WorkerToBridge = { type: 'mock/changed' } | { type: 'log/flush' };

// One runtime port per frame, opened at the frame's first mock call: a port answers in a fraction of the time a
// runtime.sendMessage round trip takes, and its pings keep the worker alive while a conditional get waits.
export const MOCK_CALL_PORT = 'webauthn-devtools-mock-call';
export type BridgeToWorkerPort = RpcRequest<MockRequest | DirectOffer> | RpcAbort | { type: 'ping' };
export type WorkerToBridgePort = RpcAnswer<MockReply | true>;

// ───────────────────────────── page ⇄ worker (direct port, Chromium) ─────────────────────────────
// A MessagePort the bridge obtains through the relay frame and hands to the mock's page side. The page sends
// PageToWorker as JSON text; the worker answers WorkerToPage, after one `direct/ready`.
export type PageToWorker = RpcRequest<MockRequest> | RpcAbort;
export type WorkerToPage = RpcAnswer<MockReply> | { type: 'direct/ready' };
/** Relay frame → worker, with the port transferred. */
export type RelayToWorker = { type: 'relay/port'; secret: string };
/** Bridge → relay frame, with the port transferred. */
export type BridgeToRelay = RelayToWorker;
export const RELAY_PAGE = 'content/relay.html';

// ───────────────────────────── panel ⇄ worker (runtime.connect port) ─────────────────────────────
export const PANEL_PORT = 'webauthn-devtools-panel';

export type PanelToWorker =
  { type: 'subscribe'; tabId: number } | { type: 'clear' } | { type: 'preserve-log'; enabled: boolean };

export type WorkerToPanel =
  /** `dropped`: how many of the tab's records were dropped to keep the log within its budgets. */
  | { type: 'snapshot'; tabId: number; ceremonies: CeremonyRecord[]; preserveLog: boolean; dropped: number }
  | { type: 'upsert'; ceremony: CeremonyRecord }
  | { type: 'dropped'; dropped: number; ids: string[] }
  | { type: 'cleared' }
  | { type: 'navigated'; url: string };

// ───────────────────────────── popup / prompt window ⇄ worker (mock management) ─────────────────────────────
export const MOCK_PORT = 'webauthn-devtools-mock';

export type AttestationKind = 'packed-x5c' | 'packed-self' | 'none';
export type SignCountPolicy = 'increment' | 'zero' | 'fixed';

/** What kind of authenticator the mock pretends to be. */
export interface AuthenticatorProfile {
  id: string;
  name: string;
  /** AAGUID as a UUID string. */
  aaguid: string;
  attachment: 'platform' | 'cross-platform';
  transports: string[];
  /** Can store discoverable credentials (resident keys). */
  residentKeys: boolean;
  /** Makes every credential discoverable, as platform passkey providers do. */
  alwaysDiscoverable: boolean;
  /**
   * CTAP 2.0 with resident keys: a credential asked for as non-resident may be discoverable all the same, so
   * the client cannot say which it is (Chromium leaves credProps.rk out).
   */
  nonResidentMayBeDiscoverable?: boolean;
  /** Can verify the user (PIN, biometrics): the UV flag is set when the RP asks for it or prefers it. */
  userVerification: boolean;
  signCount: { policy: SignCountPolicy; value: number };
  backupEligible: boolean;
  backupState: boolean;
  /** The statement it gives when the RP asks for attestation (`direct`, `enterprise`, `indirect`). */
  attestation: AttestationKind;
  /** COSE algorithms it can create keys for; the RP's order picks among them. */
  algorithms: number[];
  /** credBlob is absent from profiles saved before the mock had it. */
  extensions: { prf: boolean; largeBlob: boolean; credProtect: boolean; minPinLength: boolean; credBlob?: boolean };
  /** Reported by the minPinLength extension. */
  minPinLength: number;
}

/** Every COSE algorithm the mock can make keys for. */
export const ALL_ALGORITHMS = [-7, -35, -36, -8, -19, -257, -37];

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
  /** What signalUnknownCredential does: delete the credential, or hide it with an undo in the popup. */
  unknownCredential: 'delete' | 'hide';
  /** An RP security test by hand: the tampering the next ceremony of its kind answers with (or every one). */
  tampering: { id: string; ceremony: 'create' | 'get'; every: boolean } | null;
}

/** What the UI may see of a credential: no key material. */
export interface CredentialSummary {
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
  /** Hidden from sign-in by an RP's signal. */
  hidden?: boolean;
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
  candidates: CredentialSummary[];
}

export type MockUiRequest =
  | { type: 'state' }
  | { type: 'settings/update'; patch: Partial<Omit<MockSettings, 'profiles' | 'sites'>> }
  | { type: 'site/set'; origin: string; enabled: boolean | null }
  | { type: 'profile/save'; profile: AuthenticatorProfile }
  | { type: 'profile/delete'; id: string }
  | { type: 'credential/delete'; id: string }
  /** Undoes a signal's hiding: the credential is offered at sign-in again. */
  | { type: 'credential/show'; id: string }
  | { type: 'credentials/delete-all'; rpId?: string }
  | { type: 'credentials/export'; ids?: string[]; keyFormat: 'jwk' | 'pkcs8'; confirmed: boolean }
  | {
      type: 'credentials/import';
      data: unknown;
      /** The user confirmed replacing ids held for another RP ID. */ replace?: boolean;
    }
  | { type: 'prompt/answer'; promptId: string; answer: boolean | string | null }
  | { type: 'attestation-root' };

export interface MockUiState {
  settings: MockSettings;
  presets: AuthenticatorProfile[];
  credentials: CredentialSummary[];
  pending: MockPendingPrompt[];
}

/** The answer to a MockUiRequest: the new state, and the request's own data (an export, an import's result). */
export interface MockUiValue {
  state?: MockUiState;
  data?: unknown;
}

export type UiToWorker = RpcRequest<MockUiRequest> | RpcAbort;
export type WorkerToUi = RpcAnswer<MockUiValue> | { type: 'changed' };

// —— Automation: the Node library's control page (automation/extension/control.html) ↔ worker ——

/** The control page's runtime port; the worker takes it from extension pages only. */
export const AUTOMATION_PORT = 'webauthn-devtools-automation';

/** The controller's commands, named as the specification's Automation section names them, and our extras. */
export const AUTOMATION_COMMANDS = [
  'addVirtualAuthenticator',
  'removeVirtualAuthenticator',
  'addCredential',
  'getCredentials',
  'removeCredential',
  'removeAllCredentials',
  'setUserVerified',
  'setCredentialProperties',
  'setUserConsenting',
  'exportCredentials',
  'importCredentials',
  'chooseCredential',
  'ceremonies',
  'tamperNext',
  'lastTampering',
  'attestationRoot',
  /** Resolves once every event caused so far has been sent (flushEvents). */
  'eventsSent',
] as const;
export type AutomationCommandName = (typeof AUTOMATION_COMMANDS)[number];
export interface AutomationCommand {
  type: 'automation/command';
  command: AutomationCommandName;
  /** The command's arguments, in order. */
  args: unknown[];
}

export const AUTOMATION_EVENTS = [
  'credentialAdded',
  'credentialAsserted',
  'credentialDeleted',
  'credentialUpdated',
] as const;
export type AutomationEventName = (typeof AUTOMATION_EVENTS)[number];
export interface AutomationEvent {
  type: 'automation/event';
  name: AutomationEventName;
  params: { authenticatorId: string; credential: unknown };
}

export type ControlToWorker = RpcRequest<AutomationCommand> | RpcAbort;
export type WorkerToControl = RpcAnswer<unknown> | AutomationEvent;
