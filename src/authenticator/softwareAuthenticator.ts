// The software authenticator: owns the credential store, the key vault, the attestation CA and the prompts,
// and keeps the state both ceremonies share (opened signing keys, per-credential locks).
import type { AttestationCa } from './attestationCa.js';
import type { CredentialStore, StoredCredential } from './credentialStore.js';
import { importSigningKey } from './credentialKeys.js';
import { ceremonyError } from './errors.js';
import type { KeyVault } from './keyVault.js';
import { KeyedLock } from './keyedLock.js';
import type { AuthenticatorProfile } from './profiles.js';
import {
  AUTO_PROMPTS,
  type AuthenticatorState,
  type CeremonyContext,
  type OpenedCredential,
  type UserPrompts,
} from './ceremonyContext.js';
import { createCredential } from './createCredential.js';
import { getAssertion } from './getAssertion.js';
import { convertCreationOptions, convertRequestOptions } from './idlConversion.js';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '../webauthn/json.js';

export interface AuthenticatorDeps {
  store: CredentialStore;
  vault: KeyVault;
  attestationCa: AttestationCa;
  prompts?: UserPrompts;
  now?: () => number;
}

export class SoftwareAuthenticator implements AuthenticatorState {
  readonly store: CredentialStore;
  readonly vault: KeyVault;
  readonly attestationCa: AttestationCa;
  prompts: UserPrompts;
  readonly now: () => number;
  /** Serializes read-modify-write of one credential (sign count, large blob). */
  readonly lock = new KeyedLock();
  readonly recentChallenges = new Map<string, string>();
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
    return createCredential(this, convertCreationOptions(options), ctx);
  }

  /** navigator.credentials.get() for public-key options in JSON form. */
  get(options: PublicKeyCredentialRequestOptionsJSON, ctx: CeremonyContext): Promise<AuthenticationResponseJSON> {
    return getAssertion(this, convertRequestOptions(options), ctx);
  }

  /** The signing key and PRF secret of a stored credential, opened once per worker lifetime. */
  open(c: StoredCredential): Promise<OpenedCredential> {
    let p = this.opened.get(c.id);
    if (!p) {
      p = this.vault.open(c.secret, { credentialId: c.id, rpId: c.rpId }).then(
        async (s) => ({ key: await importSigningKey(c.alg, s.pkcs8), prfSecret: s.prfSecret }),
        () => {
          // AES-GCM refuses: the record's id or RP ID is not the one its secret was sealed for.
          throw ceremonyError('NotAllowedError', `The credential ${c.id} is unusable: its record was changed.`);
        },
      );
      this.opened.set(c.id, p);
      p.catch(() => this.opened.delete(c.id));
    }
    return p;
  }

  remember(id: string, opened: OpenedCredential): void {
    this.opened.set(id, Promise.resolve(opened));
  }

  /** Drops the opened key of `id` (its stored record is about to be replaced). */
  forget(id: string): void {
    this.opened.delete(id);
  }

  async deleteCredential(id: string): Promise<void> {
    this.opened.delete(id);
    await this.store.delete(id);
  }

  profileOf(c: StoredCredential, ctx: CeremonyContext): AuthenticatorProfile {
    return ctx.profiles?.find((p) => p.id === c.profileId) ?? ctx.profile;
  }
}
