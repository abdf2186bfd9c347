// A software authenticator wired with in-memory parts, for Node tests.
import { AttestationCa, MemoryAttestationCaStorage } from '../../src/authenticator/attestationCa.js';
import { MemoryCredentialStore } from '../../src/authenticator/credentialStore.js';
import { KeyVault } from '../../src/authenticator/keyVault.js';
import { PROFILE_PRESETS, type AuthenticatorProfile } from '../../src/authenticator/profiles.js';
import type { CeremonyContext, UserPrompts } from '../../src/authenticator/ceremonyContext.js';
import { SoftwareAuthenticator } from '../../src/authenticator/softwareAuthenticator.js';
import { toBase64url } from '../../src/webauthn/base64url.js';

export const ORIGIN = 'http://localhost:8443';
export const RP_ID = 'localhost';

export async function makeAuthenticator(prompts?: UserPrompts): Promise<SoftwareAuthenticator> {
  const vault = await KeyVault.ephemeral();
  return new SoftwareAuthenticator({
    store: new MemoryCredentialStore(),
    vault,
    attestationCa: new AttestationCa(new MemoryAttestationCaStorage(), vault),
    ...(prompts ? { prompts } : {}),
  });
}

export function profile(id: string, edit: Partial<AuthenticatorProfile> = {}): AuthenticatorProfile {
  const base = PROFILE_PRESETS.find((p) => p.id === id)!;
  return { ...structuredClone(base), ...edit };
}

export function ctx(p: AuthenticatorProfile, extra: Partial<CeremonyContext> = {}): CeremonyContext {
  return { origin: ORIGIN, crossOrigin: false, profile: p, ...extra };
}

export const challenge = (): string => toBase64url(crypto.getRandomValues(new Uint8Array(32)));
export const userId = (n = 1): string => toBase64url(new TextEncoder().encode(`user-${n}`));

export function creationOptions(edit: Record<string, unknown> = {}) {
  return {
    rp: { id: RP_ID, name: 'Test RP' },
    user: { id: userId(), name: 'alice', displayName: 'Alice' },
    challenge: challenge(),
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    ...edit,
  };
}
