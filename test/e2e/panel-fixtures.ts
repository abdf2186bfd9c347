// Recordings for the panel tests, built from real bytes: the WebAuthn L3 spec's test vectors (RP ID example.org),
// each registration followed by an authentication with the same credential, plus an error and a static call.
import { toBase64url } from '../../src/webauthn/base64url.js';
import { fromHex, utf8Encode } from '../../src/webauthn/bytes.js';
import { RECORDING_FORMAT, RECORDING_VERSION, type CeremonyRecord, type Recording } from '../../src/webauthn/record.js';
import { noneEs256, packedEs256, SPEC_ORIGIN, SPEC_RP_ID } from '../fixtures/spec-vectors.js';

const b64 = (hex: string): string => toBase64url(fromHex(hex));
const T0 = Date.UTC(2026, 0, 2, 3, 4, 5);

interface Vector {
  registration: { challenge: string; credential_id: string; clientDataJSON: string; attestationObject: string };
  authentication: { challenge: string; authenticatorData: string; clientDataJSON: string; signature: string };
}

const base = (
  id: string,
  i: number,
): Pick<
  CeremonyRecord,
  'id' | 'mode' | 'origin' | 'url' | 'crossOrigin' | 'topLevel' | 'tabId' | 'frameId' | 'startTime' | 'endTime'
> => ({
  id,
  mode: 'native',
  origin: SPEC_ORIGIN,
  url: `${SPEC_ORIGIN}/login`,
  crossOrigin: false,
  topLevel: true,
  tabId: 7,
  frameId: 0,
  startTime: T0 + i * 1000,
  endTime: T0 + i * 1000 + 120 + i,
});

function registration(v: Vector, id: string, i: number, userName: string, userHandle: string): CeremonyRecord {
  const credId = b64(v.registration.credential_id);
  return {
    ...base(id, i),
    kind: 'create',
    status: 'ok',
    options: {
      rp: { id: SPEC_RP_ID, name: 'Example' },
      user: { id: toBase64url(utf8Encode(userHandle)), name: userName, displayName: userName },
      challenge: b64(v.registration.challenge),
      pubKeyCredParams: [
        { type: 'public-key', alg: -7 },
        { type: 'public-key', alg: -257 },
      ],
      timeout: 60000,
      authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'preferred' },
      attestation: 'direct',
    },
    response: {
      id: credId,
      rawId: credId,
      type: 'public-key',
      authenticatorAttachment: 'cross-platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64(v.registration.clientDataJSON),
        attestationObject: b64(v.registration.attestationObject),
        transports: ['usb'],
      },
    },
  };
}

function authentication(v: Vector, id: string, i: number, userHandle: string): CeremonyRecord {
  const credId = b64(v.registration.credential_id);
  return {
    ...base(id, i),
    kind: 'get',
    status: 'ok',
    options: {
      challenge: b64(v.authentication.challenge),
      rpId: SPEC_RP_ID,
      timeout: 60000,
      userVerification: 'preferred',
      allowCredentials: [{ type: 'public-key', id: credId, transports: ['usb'] }],
    },
    response: {
      id: credId,
      rawId: credId,
      type: 'public-key',
      authenticatorAttachment: 'cross-platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64(v.authentication.clientDataJSON),
        authenticatorData: b64(v.authentication.authenticatorData),
        signature: b64(v.authentication.signature),
        userHandle: toBase64url(utf8Encode(userHandle)),
      },
    },
  };
}

export const SPEC_CEREMONIES: CeremonyRecord[] = [
  registration(noneEs256, 'c1', 0, 'alice', 'alice-handle'),
  authentication(noneEs256, 'c2', 1, 'alice-handle'),
  registration(packedEs256, 'c3', 2, 'bob', 'bob-handle'),
  authentication(packedEs256, 'c4', 3, 'bob-handle'),
  {
    ...base('c5', 4),
    kind: 'create',
    status: 'error',
    crossOrigin: true,
    topLevel: false,
    frameId: 3,
    origin: 'https://widget.example.net',
    url: 'https://widget.example.net/frame',
    topOrigin: SPEC_ORIGIN,
    options: {
      rp: { id: 'widget.example.net', name: 'Widget' },
      user: { id: 'Y2Fyb2w', name: 'carol', displayName: 'Carol' },
      challenge: b64('00112233445566778899aabbccddeeff'),
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    },
    error: { name: 'NotAllowedError', message: 'The operation either timed out or was not allowed.' },
  },
  { ...base('c6', 5), kind: 'isUserVerifyingPlatformAuthenticatorAvailable', status: 'ok', result: false },
];

export const specRecording = (ceremonies: CeremonyRecord[] = SPEC_CEREMONIES): Recording => ({
  format: RECORDING_FORMAT,
  version: RECORDING_VERSION,
  exportedAt: new Date(T0).toISOString(),
  source: `${SPEC_ORIGIN}/login`,
  ceremonies,
});

/** `n` ceremonies for the benchmark: the spec ceremonies over and over, each with its own id and time. */
export function manyCeremonies(n: number): CeremonyRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const c = SPEC_CEREMONIES[i % SPEC_CEREMONIES.length]!;
    return { ...c, id: `m${i}`, startTime: T0 + i * 10, endTime: T0 + i * 10 + 5 + (i % 50) };
  });
}
