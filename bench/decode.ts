// decodeCeremony throughput (ceremonies per second) for a registration (packed x5c, ES256: CBOR, COSE,
// certificate, two signature checks) and an authentication (one signature check), against a baseline
// measured in the same run: parsing the same record's JSON and base64url-decoding its binary members,
// the least any decoder must do.
import { toBase64url, fromBase64url } from '../src/webauthn/base64url.js';
import { fromHex } from '../src/webauthn/bytes.js';
import { decodeCeremony, decodeLog, newDecodeContext, learn } from '../src/webauthn/decodeCeremony.js';
import type { CeremonyRecord } from '../src/webauthn/record.js';
import { SPEC_ORIGIN, SPEC_RP_ID, packedEs256 } from '../test/fixtures/spec-vectors.js';

const b64 = (hex: string) => toBase64url(fromHex(hex));
const where = {
  origin: SPEC_ORIGIN,
  url: `${SPEC_ORIGIN}/`,
  crossOrigin: false,
  topLevel: true,
  mode: 'native' as const,
  status: 'ok' as const,
};
const credId = b64(packedEs256.registration.credential_id);
const registration: CeremonyRecord = {
  ...where,
  id: 'r',
  kind: 'create',
  startTime: 0,
  endTime: 1,
  options: {
    rp: { id: SPEC_RP_ID, name: 'Example' },
    user: { id: 'dXNlcg', name: 'user', displayName: 'User' },
    challenge: b64(packedEs256.registration.challenge),
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    attestation: 'direct',
  },
  response: {
    id: credId,
    rawId: credId,
    type: 'public-key',
    clientExtensionResults: {},
    response: {
      clientDataJSON: b64(packedEs256.registration.clientDataJSON),
      attestationObject: b64(packedEs256.registration.attestationObject),
    },
  },
};
const authentication: CeremonyRecord = {
  ...where,
  id: 'a',
  kind: 'get',
  startTime: 2,
  endTime: 3,
  options: { challenge: b64(packedEs256.authentication.challenge), rpId: SPEC_RP_ID },
  response: {
    id: credId,
    rawId: credId,
    type: 'public-key',
    clientExtensionResults: {},
    response: {
      clientDataJSON: b64(packedEs256.authentication.clientDataJSON),
      authenticatorData: b64(packedEs256.authentication.authenticatorData),
      signature: b64(packedEs256.authentication.signature),
    },
  },
};

/** Baseline: what every decoder of a record must do at the least. */
function baseline(record: CeremonyRecord): number {
  const r = JSON.parse(JSON.stringify(record)) as CeremonyRecord;
  let n = 0;
  for (const v of Object.values((r.response?.response ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string') {
      const d = fromBase64url(v);
      if (d.ok) n += d.value.length;
    }
  }
  return n;
}

async function perSecond(fn: () => unknown, ms = 1500): Promise<number> {
  for (let i = 0; i < 20; i++) await fn();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    await fn();
    n++;
  }
  return n / ((performance.now() - start) / 1000);
}

export async function run(): Promise<object> {
  const [reg] = await decodeLog([registration]);
  const ctx = newDecodeContext();
  learn(ctx, reg!);
  const figures: Record<string, unknown> = {};
  for (const [name, record, context] of [
    ['registration', registration, undefined],
    ['authentication', authentication, ctx],
  ] as const) {
    const decoded = await perSecond(() => decodeCeremony(record, context));
    const base = await perSecond(() => baseline(record));
    figures[name] = {
      decodeCeremonyPerSecond: Math.round(decoded),
      baselineJsonAndBase64urlPerSecond: Math.round(base),
      ratioDecodeToBaseline: Number((decoded / base).toFixed(4)),
      microsecondsPerCeremony: Number((1e6 / decoded).toFixed(1)),
    };
  }
  return figures;
}
