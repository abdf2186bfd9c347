// The flags byte of authenticator data (WebAuthn L3 §6.1, table "flags"), as a table.

export type AuthenticatorFlagName = 'UP' | 'RFU1' | 'UV' | 'BE' | 'BS' | 'RFU2' | 'AT' | 'ED';

export interface AuthenticatorFlagInfo {
  bit: number;
  mask: number;
  name: AuthenticatorFlagName;
  /** The spec's name for the bit. */
  title: string;
  meaning: string;
}

export const AUTHENTICATOR_FLAGS: readonly AuthenticatorFlagInfo[] = [
  {
    bit: 0,
    mask: 0x01,
    name: 'UP',
    title: 'User Present',
    meaning: 'The user was present (a test of user presence passed).',
  },
  { bit: 1, mask: 0x02, name: 'RFU1', title: 'Reserved (bit 1)', meaning: 'Reserved for future use; must be 0.' },
  {
    bit: 2,
    mask: 0x04,
    name: 'UV',
    title: 'User Verified',
    meaning: 'The user was verified (PIN, biometric or similar).',
  },
  {
    bit: 3,
    mask: 0x08,
    name: 'BE',
    title: 'Backup Eligibility',
    meaning: 'The credential is a multi-device credential: it may be backed up. Fixed at creation.',
  },
  {
    bit: 4,
    mask: 0x10,
    name: 'BS',
    title: 'Backup State',
    meaning: 'The credential is currently backed up. Only valid with BE set.',
  },
  { bit: 5, mask: 0x20, name: 'RFU2', title: 'Reserved (bit 5)', meaning: 'Reserved for future use; must be 0.' },
  {
    bit: 6,
    mask: 0x40,
    name: 'AT',
    title: 'Attested credential data included',
    meaning: 'Attested credential data (AAGUID, credential ID, public key) follows the sign count.',
  },
  {
    bit: 7,
    mask: 0x80,
    name: 'ED',
    title: 'Extension data included',
    meaning: 'A CBOR map of authenticator extension outputs ends the authenticator data.',
  },
];

export type AuthenticatorFlags = { raw: number } & Record<AuthenticatorFlagName, boolean>;

export function decodeFlags(byte: number): AuthenticatorFlags {
  const flags = { raw: byte & 0xff } as AuthenticatorFlags;
  for (const f of AUTHENTICATOR_FLAGS) flags[f.name] = (byte & f.mask) !== 0;
  return flags;
}

/** Each bit with whether it is set, for a flags table in the UI. */
export function describeFlags(byte: number): Array<AuthenticatorFlagInfo & { set: boolean }> {
  return AUTHENTICATOR_FLAGS.map((f) => ({ ...f, set: (byte & f.mask) !== 0 }));
}

/** 'UP UV BE BS AT' — the names of the set bits. */
export const flagNames = (byte: number): string =>
  AUTHENTICATOR_FLAGS.filter((f) => byte & f.mask)
    .map((f) => f.name)
    .join(' ');
