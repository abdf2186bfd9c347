// "android-safetynet" (§8.5): a SafetyNet attestation JWS (compact form, UTF-8 in attStmt.response) whose
// payload nonce is base64(SHA-256(authenticatorData ‖ clientDataHash)), signed by a certificate issued to
// attest.android.com. Google retired SafetyNet; old recordings still carry it.
import { algorithmName } from '../algorithms.js';
import { fromBase64url, toBase64url } from '../base64url.js';
import { sha256, utf8Encode } from '../bytes.js';
import type { JsonValue } from '../cborItem.js';
import { check, type Check } from '../check.js';
import { rawToDerSignature } from '../signatures.js';
import {
  attToBeSigned,
  bytesField,
  decodeChain,
  notChecked,
  statementFields,
  verdict,
  verifyWithCertificate,
  type AttestationFormat,
  type SignatureVerdict,
} from './statement.js';

const SPEC = '#sctn-android-safetynet-attestation';
/** JWS "alg" names to COSE algorithm identifiers. */
const JWS_ALGORITHMS: Readonly<Record<string, number>> = {
  RS256: -257,
  RS384: -258,
  RS512: -259,
  ES256: -7,
  ES384: -35,
  ES512: -36,
  PS256: -37,
};

function jsonPart(part: string | undefined): { [k: string]: JsonValue } | undefined {
  if (part === undefined) return undefined;
  const bytes = fromBase64url(part);
  if (!bytes.ok) return undefined;
  try {
    const v: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.value));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as { [k: string]: JsonValue }) : undefined;
  } catch {
    return undefined;
  }
}

export const androidSafetynetFormat: AttestationFormat = {
  fmt: 'android-safetynet',
  title: 'Android SafetyNet',
  spec: SPEC,
  async decode(input) {
    const { attStmt } = input;
    const response = bytesField(attStmt, 'response');
    const jws = response ? new TextDecoder().decode(response) : '';
    const parts = jws.split('.');
    const header = jsonPart(parts[0]);
    const payload = jsonPart(parts[1]);
    const sigBytes = parts[2] === undefined ? undefined : fromBase64url(parts[2]);
    const x5c = Array.isArray(header?.x5c)
      ? header.x5c.flatMap((c) => {
          const b = typeof c === 'string' ? fromBase64url(c) : undefined;
          return b?.ok ? [b.value] : [];
        })
      : undefined;
    const chain = await decodeChain(x5c);
    const checks: Check[] = [
      check(
        'attestation.safetynet.jws',
        'response is a compact JWS (header.payload.signature)',
        parts.length === 3 && header && payload ? 'pass' : 'fail',
        undefined,
        SPEC,
      ),
    ];
    const alg = typeof header?.alg === 'string' ? JWS_ALGORITHMS[header.alg] : undefined;
    const data = attToBeSigned(input);
    if (payload && data) {
      const expected = btoaBytes(await sha256(data));
      checks.push(
        check(
          'attestation.safetynet.nonce',
          'payload nonce = base64(SHA-256(authenticatorData ‖ clientDataHash))',
          payload.nonce === expected ? 'pass' : 'fail',
          `nonce ${String(payload.nonce)}, expected ${expected}`,
          SPEC,
        ),
      );
    }
    if (payload) {
      checks.push(
        check(
          'attestation.safetynet.cts',
          'ctsProfileMatch is true',
          payload.ctsProfileMatch === true ? 'pass' : 'fail',
          undefined,
          SPEC,
        ),
      );
    }
    const leaf = chain.certificates[0];
    if (leaf?.ok) {
      checks.push(
        check(
          'attestation.safetynet.hostname',
          'certificate issued to attest.android.com',
          leaf.value.subject.includes('CN=attest.android.com') ? 'pass' : 'fail',
          leaf.value.subject,
          SPEC,
        ),
      );
    }
    let signature: SignatureVerdict;
    if (!x5c?.[0] || alg === undefined || !sigBytes?.ok)
      signature = notChecked('JWS x5c, alg or signature missing or unsupported');
    else {
      // JWS ECDSA signatures are raw r ‖ s; the verifier takes DER like every WebAuthn signature.
      const sig = alg === -7 || alg === -35 || alg === -36 ? rawToDerSignature(sigBytes.value) : sigBytes.value;
      signature = verdict(
        await verifyWithCertificate(x5c[0], alg, utf8Encode(`${parts[0]}.${parts[1]}`), sig),
        'JWS signature',
      );
      if (signature.verified !== undefined)
        checks.push(
          check(
            'attestation.signature',
            'attestation signature',
            signature.verified ? 'pass' : 'fail',
            signature.detail,
            SPEC,
          ),
        );
    }
    return {
      fmt: 'android-safetynet',
      known: true,
      attestationType: 'Basic',
      ...(alg === undefined ? {} : { alg, algName: algorithmName(alg) }),
      fields: statementFields(attStmt, { response: 'SafetyNet JWS, decoded under details' }),
      ...chain,
      signature,
      details: { header: header ?? null, payload: payload ?? null },
      checks,
    };
  },
};

/** Standard base64 with padding, as SafetyNet writes its nonce. */
function btoaBytes(b: Uint8Array): string {
  const s = toBase64url(b).replace(/-/g, '+').replace(/_/g, '/');
  return s + '='.repeat((4 - (s.length % 4)) % 4);
}
