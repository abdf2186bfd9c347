// The software authenticator: owns the credential store, the key vault, the attestation CA and the prompts,
// and keeps the state both ceremonies share (opened signing keys, per-credential locks).
import type { AttestationCa } from './attestationCa.js';
import type { CredentialStore, StoredCredential } from './credentialStore.js';
import { importSigningKey } from './credentialKeys.js';
import type { KeyVault } from './keyVault.js';
import { KeyedLock } from './keyedLock.js';
import type { AuthenticatorProfile } from './profiles.js';
import type { Caller } from './clientSteps.js';
import { createCredential } from './createCredential.js';
import { getAssertion } from './getAssertion.js';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '../webauthn/json.js';

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

export interface CeremonyContext extends Caller {
  /** The active profile: new credentials are made by it. */
  profile: AuthenticatorProfile;
  /** All profiles, to find the authenticator holding an existing credential. */
  profiles?: readonly AuthenticatorProfile[];
  mediation?: string;
  failure?: SimulatedFailure;
  signal?: AbortSignal;
  /** Prompts for this call (the host binds them to the calling tab); the authenticator's own otherwise. */
  prompts?: UserPrompts;
}

export interface AuthenticatorDeps {
  store: CredentialStore;
  vault: KeyVault;
  attestationCa: AttestationCa;
  prompts?: UserPrompts;
  now?: () => number;
}

interface OpenedCredential {
  key: CryptoKey;
  prfSecret: Uint8Array;
}

export class SoftwareAuthenticator {
  readonly store: CredentialStore;
  readonly vault: KeyVault;
  readonly attestationCa: AttestationCa;
  prompts: UserPrompts;
  readonly now: () => number;
  /** Serializes read-modify-write of one credential (sign count, large blob). */
  readonly lock = new KeyedLock();
  private opened = new Map<string, Promise<OpenedCredential>>();

  constructor(deps: AuthenticatorDeps) {
    this.store = deps.store;
    this.vault = deps.vault;
    this.attestationCa = deps.attestationCa;
    this.prompts = deps.prompts ?? AUTO_PROMPTS;
    this.now = deps.now ?? Date.now;
  }

  /** navigator.credentials.create() for public-key options in JSON form. */
  create(options: PublicKeyCredentialCreationOptionsJSON, ctx: CeremonyContext): Promise<RegistrationResponseJSON> {
    return createCredential(this, options, ctx);
  }

  /** navigator.credentials.get() for public-key options in JSON form. */
  get(options: PublicKeyCredentialRequestOptionsJSON, ctx: CeremonyContext): Promise<AuthenticationResponseJSON> {
    return getAssertion(this, options, ctx);
  }

  /** The signing key and PRF secret of a stored credential, opened once per worker lifetime. */
  open(c: StoredCredential): Promise<OpenedCredential> {
    let p = this.opened.get(c.id);
    if (!p) {
      p = this.vault
        .open(c.secret)
        .then(async (s) => ({ key: await importSigningKey(c.alg, s.pkcs8), prfSecret: s.prfSecret }));
      this.opened.set(c.id, p);
      p.catch(() => this.opened.delete(c.id));
    }
    return p;
  }

  remember(id: string, opened: OpenedCredential): void {
    this.opened.set(id, Promise.resolve(opened));
  }

  forget(id: string): void {
    this.opened.delete(id);
  }

  profileOf(c: StoredCredential, ctx: CeremonyContext): AuthenticatorProfile {
    return ctx.profiles?.find((p) => p.id === c.profileId) ?? ctx.profile;
  }
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
