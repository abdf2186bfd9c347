// "fido-u2f" (§8.6): a U2F authenticator's registration signature over
// 0x00 ‖ rpIdHash ‖ clientDataHash ‖ credentialId ‖ publicKeyU2F (0x04 ‖ x ‖ y), ES256 by a P-256 certificate key.
import { concatBytes } from '../bytes.js';
import { check, type Check } from '../check.js';
import {
  bytesField,
  decodeChain,
  notChecked,
  statementFields,
  verdict,
  verifyWithCertificate,
  x5cField,
  type AttestationFormat,
  type SignatureVerdict,
} from './statement.js';

const SPEC = '#sctn-fido-u2f-attestation';

export const fidoU2fFormat: AttestationFormat = {
  fmt: 'fido-u2f',
  title: 'FIDO U2F',
  spec: SPEC,
  async decode({ attStmt, authData, clientDataHash }) {
    const sig = bytesField(attStmt, 'sig');
    const x5c = x5cField(attStmt);
    const chain = await decodeChain(x5c);
    const acd = authData.attestedCredentialData;
    const key = acd?.credentialPublicKey;
    const checks: Check[] = [
      check(
        'attestation.u2f.x5c',
        'x5c holds exactly one certificate',
        x5c?.length === 1 ? 'pass' : 'fail',
        `${x5c?.length ?? 0} certificate(s)`,
        SPEC,
      ),
      check(
        'attestation.u2f.key',
        'credential key is EC2 P-256',
        key?.kty === 2 && key.crv === 1 ? 'pass' : 'fail',
        undefined,
        SPEC,
      ),
      check(
        'attestation.u2f.aaguid',
        'AAGUID is all zeros',
        acd?.aaguid === '00000000-0000-0000-0000-000000000000' ? 'pass' : 'warn',
        acd?.aaguid,
        SPEC,
      ),
    ];
    let signature: SignatureVerdict;
    if (!sig || !x5c?.[0]) signature = notChecked('sig or x5c missing');
    else if (!clientDataHash) signature = notChecked('clientDataJSON not available');
    else if (!acd || !key?.x || !key.y) signature = notChecked('no EC2 credential public key in authData');
    else {
      const data = concatBytes(
        new Uint8Array([0]),
        authData.rpIdHash,
        clientDataHash,
        acd.credentialId,
        new Uint8Array([4]),
        key.x,
        key.y,
      );
      signature = verdict(await verifyWithCertificate(x5c[0], -7, data, sig), 'sig (U2F registration signature)');
      checks.push(
        check(
          'attestation.signature',
          'attestation signature',
          signature.verified ? 'pass' : signature.verified === false ? 'fail' : 'skip',
          signature.detail,
          SPEC,
        ),
      );
    }
    return {
      fmt: 'fido-u2f',
      known: true,
      attestationType: 'Basic',
      alg: -7,
      algName: 'ES256',
      fields: statementFields(attStmt, { sig: 'over 0x00 ‖ rpIdHash ‖ clientDataHash ‖ credentialId ‖ publicKeyU2F' }),
      ...chain,
      signature,
      checks,
    };
  },
};
