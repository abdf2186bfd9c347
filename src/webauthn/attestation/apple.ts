// "apple" (§8.8): Apple anonymous attestation. No signature in attStmt: the leaf certificate carries
// nonce = SHA-256(authenticatorData ‖ clientDataHash) in extension 1.2.840.113635.100.8.2, and its key
// must be the credential public key.
import * as asn1js from 'asn1js';
import { bytesEqual, sha256, toHex } from '../bytes.js';
import { check, type Check } from '../check.js';
import { coseKeyToSpki } from '../cose.js';
import { parseCertificate } from '../certificates.js';
import {
  attToBeSigned,
  decodeChain,
  notChecked,
  statementFields,
  x5cField,
  type AttestationFormat,
  type SignatureVerdict,
} from './statement.js';

const SPEC = '#sctn-apple-anonymous-attestation';
export const APPLE_NONCE_OID = '1.2.840.113635.100.8.2';

/** Extension value: SEQUENCE { [1] EXPLICIT OCTET STRING nonce }. */
export function appleNonce(extValue: ArrayBuffer): Uint8Array | undefined {
  const parsed = asn1js.fromBER(extValue);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) return undefined;
  const tagged = parsed.result.valueBlock.value[0];
  if (!(tagged instanceof asn1js.Constructed) || tagged.idBlock.tagNumber !== 1) return undefined;
  const octets = tagged.valueBlock.value[0];
  return octets instanceof asn1js.OctetString ? new Uint8Array(octets.valueBlock.valueHexView) : undefined;
}

export const appleFormat: AttestationFormat = {
  fmt: 'apple',
  title: 'Apple Anonymous',
  spec: SPEC,
  async decode(input) {
    const { attStmt, authData } = input;
    const x5c = x5cField(attStmt);
    const chain = await decodeChain(x5c);
    const checks: Check[] = [];
    const leaf = x5c?.[0] ? parseCertificate(x5c[0]) : undefined;
    const ext = leaf?.getExtension(APPLE_NONCE_OID);
    const nonce = ext ? appleNonce(ext.value) : undefined;
    const data = attToBeSigned(input);
    let signature: SignatureVerdict;
    if (!leaf) signature = notChecked('x5c missing or its first entry is not a certificate');
    else if (!nonce) signature = notChecked(`the certificate has no readable nonce extension ${APPLE_NONCE_OID}`);
    else if (!data) signature = notChecked('clientDataJSON not available');
    else {
      const expected = await sha256(data);
      const same = bytesEqual(expected, nonce);
      signature = {
        verified: same,
        detail: same
          ? 'certificate nonce equals SHA-256(authenticatorData ‖ clientDataHash)'
          : `nonce ${toHex(nonce)} differs from ${toHex(expected)}`,
      };
      checks.push(
        check(
          'attestation.apple.nonce',
          'certificate nonce matches the ceremony',
          same ? 'pass' : 'fail',
          signature.detail,
          SPEC,
        ),
      );
    }
    const key = authData.attestedCredentialData?.credentialPublicKey;
    if (leaf && key) {
      const spki = await coseKeyToSpki(key);
      const same = spki.ok && bytesEqual(spki.value, new Uint8Array(leaf.publicKey.rawData));
      checks.push(
        check(
          'attestation.apple.key',
          'certificate key is the credential public key',
          same ? 'pass' : 'fail',
          undefined,
          SPEC,
        ),
      );
    }
    return {
      fmt: 'apple',
      known: true,
      attestationType: 'AnonCA',
      fields: statementFields(attStmt),
      ...chain,
      signature,
      ...(nonce ? { details: { nonce: toHex(nonce) } } : {}),
      checks,
    };
  },
};
