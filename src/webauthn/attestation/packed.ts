// "packed" (§8.2): a signature over authenticatorData ‖ clientDataHash, either by the credential key itself
// (self attestation, no x5c) or by an attestation certificate whose AAGUID extension must match authData.
import { algorithmName } from '../algorithms.js';
import { check, type Check } from '../check.js';
import { verifySignature } from '../signatures.js';
import {
  attToBeSigned,
  bytesField,
  decodeChain,
  notChecked,
  numberField,
  statementFields,
  verdict,
  verifyWithCertificate,
  x5cField,
  type AttestationFormat,
  type SignatureVerdict,
} from './statement.js';

const SPEC = '#sctn-packed-attestation';

export const packedFormat: AttestationFormat = {
  fmt: 'packed',
  title: 'Packed',
  spec: SPEC,
  async decode(input) {
    const { attStmt, authData } = input;
    const alg = numberField(attStmt, 'alg');
    const sig = bytesField(attStmt, 'sig');
    const x5c = x5cField(attStmt);
    const data = attToBeSigned(input);
    // The chain's decoding and the signature's verification share the leaf's one parse; they run side by side.
    const leafSignature =
      alg !== undefined && sig && data && x5c && x5c.length > 0
        ? verifyWithCertificate(x5c[0]!, alg, data, sig)
        : undefined;
    const chain = await decodeChain(x5c);
    const credentialKey = authData.attestedCredentialData?.credentialPublicKey;
    const checks: Check[] = [
      check(
        'attestation.packed.alg',
        'alg is a COSE algorithm identifier',
        alg === undefined ? 'fail' : 'pass',
        alg === undefined ? 'alg missing or not an integer' : algorithmName(alg),
        SPEC,
      ),
      check('attestation.packed.sig', 'sig is a byte string', sig ? 'pass' : 'fail', undefined, SPEC),
    ];
    let signature: SignatureVerdict;
    if (alg === undefined || !sig) signature = notChecked('alg or sig missing');
    else if (!data) signature = notChecked('clientDataJSON not available');
    else if (x5c && x5c.length > 0) {
      signature = verdict(await leafSignature!, 'sig (attestation certificate key)');
      const leaf = chain.certificates[0];
      const aaguid = authData.attestedCredentialData?.aaguid;
      if (leaf?.ok) {
        const ext = leaf.value.aaguid;
        checks.push(
          check(
            'attestation.packed.aaguid',
            'certificate AAGUID extension matches authData AAGUID',
            ext === undefined ? 'info' : ext === aaguid ? 'pass' : 'fail',
            ext === undefined ? 'the certificate has no AAGUID extension' : `certificate ${ext}, authData ${aaguid}`,
            '#sctn-packed-attestation-cert-requirements',
          ),
        );
        checks.push(
          check(
            'attestation.packed.basicConstraints',
            'attestation certificate is not a CA',
            leaf.value.isCA ? 'fail' : 'pass',
            undefined,
            '#sctn-packed-attestation-cert-requirements',
          ),
        );
        checks.push(
          check(
            'attestation.packed.version',
            'certificate is X.509 v3 with OU "Authenticator Attestation"',
            leaf.value.subject.includes('OU=Authenticator Attestation') ? 'pass' : 'warn',
            leaf.value.subject,
            '#sctn-packed-attestation-cert-requirements',
          ),
        );
      }
    } else if (!credentialKey) signature = notChecked('no credential public key in authData');
    else {
      checks.push(
        check(
          'attestation.packed.selfAlg',
          'self attestation: alg equals the credential key alg',
          credentialKey.alg === alg ? 'pass' : 'fail',
          `attStmt ${algorithmName(alg)}, key ${credentialKey.alg === undefined ? 'none' : algorithmName(credentialKey.alg)}`,
          SPEC,
        ),
      );
      signature = verdict(
        await verifySignature(credentialKey, alg, data, sig),
        'sig (credential key, self attestation)',
      );
    }
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
    return {
      fmt: 'packed',
      known: true,
      attestationType: x5c ? 'Basic' : 'Self',
      ...(alg === undefined ? {} : { alg, algName: algorithmName(alg) }),
      fields: statementFields(attStmt, {
        sig: 'over authenticatorData ‖ clientDataHash',
        x5c: 'attestation certificate first',
      }),
      ...chain,
      signature,
      checks,
    };
  },
};
