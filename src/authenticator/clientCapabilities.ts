// What getClientCapabilities() and isUserVerifyingPlatformAuthenticatorAvailable() say while the mock answers
// a frame: built from the authenticators it pretends to be (the active profile, or the virtual authenticators
// of a test suite), with Chromium's key names (WebAuthn L3 §5.1.7, ClientCapability and "extension:" keys).
import type { AuthenticatorProfile } from '../messages.js';

export type ClientCapabilities = Record<string, boolean>;

export function clientCapabilities(profiles: readonly AuthenticatorProfile[]): ClientCapabilities {
  const any = (f: (p: AuthenticatorProfile) => boolean) => profiles.some(f);
  const platformUv = (p: AuthenticatorProfile) => p.attachment === 'platform' && p.userVerification;
  return {
    conditionalCreate: false,
    conditionalGet: true,
    hybridTransport: any((p) => p.transports.includes('hybrid')),
    passkeyPlatformAuthenticator: any((p) => platformUv(p) && p.residentKeys),
    userVerifyingPlatformAuthenticator: any(platformUv),
    relatedOrigins: false,
    signalAllAcceptedCredentials: false,
    signalCurrentUserDetails: false,
    signalUnknownCredential: false,
    'extension:appid': true,
    'extension:appidExclude': true,
    'extension:credProps': true,
    'extension:credentialProtectionPolicy': any((p) => p.extensions.credProtect),
    'extension:enforceCredentialProtectionPolicy': any((p) => p.extensions.credProtect),
    'extension:largeBlob': any((p) => p.extensions.largeBlob),
    'extension:minPinLength': any((p) => p.extensions.minPinLength),
    'extension:prf': any((p) => p.extensions.prf),
  };
}
