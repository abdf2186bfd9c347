// What a ceremony needs to know and to use: the caller and the profile (CeremonyContext), the prompts a
// browser would show (UserPrompts), and the authenticator's state both ceremonies share (AuthenticatorState).
// Kept apart from SoftwareAuthenticator so the ceremonies and the class that runs them do not import each other.
import type { AttestationCa } from './attestationCa.js';
import type { CeremonyOrigin } from './clientSteps.js';
import type { CredentialStore, StoredCredential } from './credentialStore.js';
import type { KeyedLock } from './keyedLock.js';
import type { KeyVault } from './keyVault.js';
import type { AuthenticatorProfile } from './profiles.js';
import type { TamperChange } from './tamperings.js';

/** Failures a developer can ask for, to see how the RP copes. */
export type SimulatedFailure = 'cancel' | 'timeout' | 'no-credential';

export interface PresencePrompt {
  ceremony: 'create' | 'get';
  rpId: string;
  origin: string;
  /** The account the ceremony is about, when known. */
  userName?: string;
  userVerification: boolean;
  /** 'exclude': the user is asked to touch only to be told the authenticator is already registered. */
  purpose: 'register' | 'authenticate' | 'exclude';
}

export interface AccountPrompt {
  rpId: string;
  origin: string;
  candidates: StoredCredential[];
  /** mediation: "conditional": stays pending until the user picks in the extension UI (or the call is aborted). */
  conditional: boolean;
}

/** What a browser would show the user. "auto" implementations answer at once. */
export interface UserPrompts {
  /** Test of user presence; false means the user cancelled. */
  confirmPresence(p: PresencePrompt, signal: AbortSignal): Promise<boolean>;
  /** Account chooser; undefined means the user cancelled. */
  chooseAccount(p: AccountPrompt, signal: AbortSignal): Promise<StoredCredential | undefined>;
}

export const AUTO_PROMPTS: UserPrompts = {
  confirmPresence: async () => true,
  // Without a person to ask, the most recently used account wins, as passkey UIs list it first.
  chooseAccount: async (p) =>
    [...p.candidates].sort((a, b) => (b.lastUsedAt ?? b.createdAt) - (a.lastUsedAt ?? a.createdAt))[0],
};

export interface CeremonyContext extends CeremonyOrigin {
  /** The active profile: new credentials are made by it. */
  profile: AuthenticatorProfile;
  /** All profiles, to find the authenticator holding an existing credential. */
  profiles?: readonly AuthenticatorProfile[];
  mediation?: string;
  failure?: SimulatedFailure;
  signal?: AbortSignal;
  /** Prompts for this call (the host binds them to the calling tab); the authenticator's own otherwise. */
  prompts?: UserPrompts;
  /**
   * Profile ids whose credentials take part (a virtual authenticator sees its own credentials only); all
   * credentials when absent.
   */
  holders?: readonly string[];
  /** An RP security test: the tampering this ceremony applies, and where it records what it changed. */
  tamper?: { id: string; changes: TamperChange[] };
}

export interface OpenedCredential {
  key: CryptoKey;
  prfSecret: Uint8Array;
}

/** The authenticator's state, as the ceremonies use it. */
export interface AuthenticatorState {
  readonly store: CredentialStore;
  readonly vault: KeyVault;
  readonly attestationCa: AttestationCa;
  readonly prompts: UserPrompts;
  readonly now: () => number;
  /** Serializes read-modify-write of one credential (sign count, large blob). */
  readonly lock: KeyedLock;
  /** The last challenge each RP ID used, for the challenge-reused tampering. */
  readonly recentChallenges: Map<string, string>;
  /** The signing key and PRF secret of a stored credential. */
  open(c: StoredCredential): Promise<OpenedCredential>;
  remember(id: string, opened: OpenedCredential): void;
  /** Removes a credential from the store and forgets its opened key. */
  deleteCredential(id: string): Promise<void>;
  profileOf(c: StoredCredential, ctx: CeremonyContext): AuthenticatorProfile;
}

export function nextSignCount(current: number, profile: AuthenticatorProfile): number {
  switch (profile.signCount.policy) {
    case 'zero':
      return 0;
    case 'fixed':
      return profile.signCount.value >>> 0;
    default:
      return (current + 1) >>> 0;
  }
}
