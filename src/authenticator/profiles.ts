// Authenticator profiles: what kind of authenticator the mock pretends to be. Presets mimic common
// authenticators with their real AAGUIDs and typical flags; users copy and edit them.

import { ALL_ALGORITHMS, type AuthenticatorProfile } from '../messages.js';

export type { AttestationKind, AuthenticatorProfile, SignCountPolicy } from '../messages.js';

export const PROFILE_PRESETS: readonly AuthenticatorProfile[] = [
  {
    id: 'security-key',
    name: 'Security key (YubiKey 5 Series)',
    aaguid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8',
    attachment: 'cross-platform',
    transports: ['nfc', 'usb'],
    residentKeys: true,
    alwaysDiscoverable: false,
    userVerification: true,
    signCount: { policy: 'increment', value: 0 },
    backupEligible: false,
    backupState: false,
    attestation: 'packed-x5c',
    algorithms: ALL_ALGORITHMS,
    extensions: { prf: true, largeBlob: true, credProtect: true, minPinLength: true },
    minPinLength: 4,
  },
  {
    id: 'platform',
    name: 'Platform authenticator (Windows Hello)',
    aaguid: '08987058-cadc-4b81-b6e1-30de50dcbe96',
    attachment: 'platform',
    transports: ['internal'],
    residentKeys: true,
    alwaysDiscoverable: false,
    userVerification: true,
    signCount: { policy: 'increment', value: 0 },
    backupEligible: false,
    backupState: false,
    attestation: 'packed-self',
    algorithms: [-7, -257, -37],
    extensions: { prf: true, largeBlob: false, credProtect: true, minPinLength: false },
    minPinLength: 6,
  },
  {
    id: 'synced-passkeys',
    name: 'Synced passkeys (Google Password Manager)',
    aaguid: 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4',
    attachment: 'platform',
    transports: ['hybrid', 'internal'],
    residentKeys: true,
    alwaysDiscoverable: true,
    userVerification: true,
    signCount: { policy: 'zero', value: 0 },
    backupEligible: true,
    backupState: true,
    attestation: 'none',
    algorithms: [-7, -257],
    extensions: { prf: true, largeBlob: false, credProtect: false, minPinLength: false },
    minPinLength: 6,
  },
  {
    id: 'basic-u2f-like',
    name: 'Basic key (no PIN, no resident keys)',
    aaguid: '00000000-0000-0000-0000-000000000000',
    attachment: 'cross-platform',
    transports: ['usb'],
    residentKeys: false,
    alwaysDiscoverable: false,
    userVerification: false,
    signCount: { policy: 'increment', value: 0 },
    backupEligible: false,
    backupState: false,
    attestation: 'packed-self',
    algorithms: [-7],
    extensions: { prf: false, largeBlob: false, credProtect: false, minPinLength: false },
    minPinLength: 4,
  },
];

export const DEFAULT_PROFILE_ID = 'security-key';

/** Fills a stored (possibly older or user-edited) profile from the preset it came from, or the default. */
export function normalizeProfile(p: Partial<AuthenticatorProfile> & { id: string }): AuthenticatorProfile {
  const base = PROFILE_PRESETS.find((x) => x.id === p.id) ?? PROFILE_PRESETS[0]!;
  return {
    ...base,
    ...p,
    signCount: { ...base.signCount, ...(p.signCount ?? {}) },
    extensions: { ...base.extensions, ...(p.extensions ?? {}) },
    transports: Array.isArray(p.transports) ? p.transports.filter((t) => typeof t === 'string') : base.transports,
    algorithms: Array.isArray(p.algorithms) ? p.algorithms.filter((a) => Number.isInteger(a)) : base.algorithms,
  };
}
