// Two ceremonies side by side, field by field: what the RP asked (options), what the browser collected
// (client data), what the authenticator said (flags, sign count, key, attestation) and what came back
// (extension outputs). Answers "why does this sign-in fail when that one works?". The fields are one table;
// a field either ceremony lacks shows as absent, and a row differs when its two shown values differ.
import { toHex } from './bytes.js';
import { algorithmName } from './algorithms.js';
import { parseCeremony, type ParsedCeremony } from './parsedCeremony.js';
import type { CeremonyRecord } from './record.js';

export interface ComparedField {
  group: 'call' | 'options' | 'client data' | 'authenticator data' | 'response';
  field: string;
  a: string;
  b: string;
  differs: boolean;
}

type Read = (p: ParsedCeremony) => unknown;
const ABSENT = '—';

const shown = (v: unknown): string =>
  v === undefined || v === null
    ? ABSENT
    : typeof v === 'string'
      ? v
      : v instanceof Uint8Array
        ? toHex(v)
        : JSON.stringify(v);

const opts = (p: ParsedCeremony): Record<string, unknown> =>
  ((p.kind === 'create' ? p.create : p.get) ?? {}) as Record<string, unknown>;
const sel = (p: ParsedCeremony) => (p.create?.authenticatorSelection ?? {}) as Record<string, unknown>;
const list = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : undefined);
const flag =
  (name: 'UP' | 'UV' | 'BE' | 'BS' | 'AT' | 'ED'): Read =>
  (p) =>
    p.authData?.flags[name];
const key = (p: ParsedCeremony) => p.authData?.attestedCredentialData?.credentialPublicKey;
const response = (p: ParsedCeremony) =>
  (p.record.response ?? {}) as {
    authenticatorAttachment?: unknown;
    clientExtensionResults?: unknown;
    response?: { transports?: unknown };
  };

/** The compared fields, in the order they are shown. */
const FIELDS: ReadonlyArray<[ComparedField['group'], string, Read]> = [
  ['call', 'kind', (p) => p.kind],
  ['call', 'outcome', (p) => p.record.error?.name ?? p.record.status],
  ['call', 'origin', (p) => p.record.origin],
  ['call', 'cross-origin frame', (p) => p.record.crossOrigin],
  ['call', 'mediation', (p) => p.record.mediation],
  ['options', 'RP ID', (p) => p.rpId],
  ['options', 'challenge length', (p) => p.challengeBytes?.length],
  ['options', 'timeout', (p) => opts(p).timeout],
  ['options', 'userVerification', (p) => (p.kind === 'create' ? sel(p).userVerification : p.get?.userVerification)],
  ['options', 'residentKey', (p) => sel(p).residentKey],
  ['options', 'requireResidentKey', (p) => sel(p).requireResidentKey],
  ['options', 'authenticatorAttachment', (p) => sel(p).authenticatorAttachment],
  ['options', 'attestation', (p) => p.create?.attestation],
  ['options', 'user.name', (p) => p.create?.user?.name],
  ['options', 'user.displayName', (p) => p.create?.user?.displayName],
  ['options', 'user.id', (p) => p.create?.user?.id],
  ['options', 'algorithms', (p) => list(p.create?.pubKeyCredParams)?.map((x) => (x as { alg?: unknown })?.alg)],
  ['options', 'allowCredentials', (p) => list(p.get?.allowCredentials)?.length],
  ['options', 'excludeCredentials', (p) => list(p.create?.excludeCredentials)?.length],
  ['options', 'hints', (p) => opts(p).hints],
  ['options', 'extensions', (p) => opts(p).extensions],
  ['client data', 'type', (p) => p.clientData?.type],
  ['client data', 'origin', (p) => p.clientData?.origin],
  ['client data', 'crossOrigin', (p) => p.clientData?.crossOrigin],
  ['client data', 'topOrigin', (p) => p.clientData?.topOrigin],
  [
    'client data',
    'challenge matches the options',
    (p) => (p.clientData && p.challenge ? p.clientData.challenge === p.challenge : undefined),
  ],
  ['authenticator data', 'rpIdHash', (p) => p.authData?.rpIdHash],
  ['authenticator data', 'UP', flag('UP')],
  ['authenticator data', 'UV', flag('UV')],
  ['authenticator data', 'BE', flag('BE')],
  ['authenticator data', 'BS', flag('BS')],
  ['authenticator data', 'AT', flag('AT')],
  ['authenticator data', 'ED', flag('ED')],
  ['authenticator data', 'signCount', (p) => p.authData?.signCount],
  ['authenticator data', 'AAGUID', (p) => p.authData?.attestedCredentialData?.aaguid],
  ['authenticator data', 'key algorithm', (p) => (key(p)?.alg === undefined ? undefined : algorithmName(key(p)!.alg!))],
  ['authenticator data', 'key curve', (p) => key(p)?.crvName],
  ['authenticator data', 'extension outputs', (p) => p.authData?.extensions?.value],
  ['response', 'credential id', (p) => p.credentialId],
  ['response', 'attestation format', (p) => (p.attestationObject?.ok ? p.attestationObject.value.fmt : undefined)],
  ['response', 'authenticatorAttachment', (p) => response(p).authenticatorAttachment],
  ['response', 'transports', (p) => response(p).response?.transports],
  ['response', 'client extension results', (p) => response(p).clientExtensionResults],
];

/** Every field of the two ceremonies; undefined unless both are create() or get() records. */
export function compareCeremonies(a: CeremonyRecord, b: CeremonyRecord): ComparedField[] | undefined {
  const pa = parseCeremony(a),
    pb = parseCeremony(b);
  if (!pa || !pb) return undefined;
  return FIELDS.map(([group, field, read]) => {
    const x = shown(safe(read, pa)),
      y = shown(safe(read, pb));
    return { group, field, a: x, b: y, differs: x !== y };
  });
}

function safe(read: Read, p: ParsedCeremony): unknown {
  try {
    return read(p);
  } catch {
    return undefined;
  }
}
