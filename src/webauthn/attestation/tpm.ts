// "tpm" (§8.3): the TPM signs certInfo (TPMS_ATTEST), whose extraData is the hash of attToBeSigned and
// whose attested name is the name of pubArea, which must hold the credential public key.
import { algorithmName, coseAlgorithm } from '../algorithms.js';
import { bytesEqual, concatBytes, toArrayBuffer } from '../bytes.js';
import { check, type Check } from '../check.js';
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
import {
  certInfoJson,
  decodeCertInfo,
  decodePubArea,
  pubAreaJson,
  TPM_ECC_CURVES,
  TPM_GENERATED_VALUE,
  TPM_HASHES,
  TPM_ST_ATTEST_CERTIFY,
} from './tpmStructures.js';

const SPEC = '#sctn-tpm-attestation';

export const tpmFormat: AttestationFormat = {
  fmt: 'tpm',
  title: 'TPM',
  spec: SPEC,
  async decode(input) {
    const { attStmt, authData } = input;
    const alg = numberField(attStmt, 'alg');
    const sig = bytesField(attStmt, 'sig');
    const x5c = x5cField(attStmt);
    const certInfoBytes = bytesField(attStmt, 'certInfo');
    const pubAreaBytes = bytesField(attStmt, 'pubArea');
    const chain = await decodeChain(x5c);
    const checks: Check[] = [
      check(
        'attestation.tpm.ver',
        'ver is "2.0"',
        attStmt.get('ver') === '2.0' ? 'pass' : 'fail',
        String(attStmt.get('ver')),
        SPEC,
      ),
    ];
    const certInfo = certInfoBytes ? decodeCertInfo(certInfoBytes) : undefined;
    const pubArea = pubAreaBytes ? decodePubArea(pubAreaBytes) : undefined;
    if (certInfo && !certInfo.ok)
      checks.push(
        check(
          'attestation.tpm.certInfo',
          'certInfo decodes',
          'fail',
          `${certInfo.error.what} (offset ${certInfo.error.offset})`,
          SPEC,
        ),
      );
    if (pubArea && !pubArea.ok)
      checks.push(
        check(
          'attestation.tpm.pubArea',
          'pubArea decodes',
          'fail',
          `${pubArea.error.what} (offset ${pubArea.error.offset})`,
          SPEC,
        ),
      );

    if (certInfo?.ok) {
      const c = certInfo.value;
      checks.push(
        check(
          'attestation.tpm.magic',
          'magic is TPM_GENERATED_VALUE',
          c.magic === TPM_GENERATED_VALUE ? 'pass' : 'fail',
          undefined,
          SPEC,
        ),
      );
      checks.push(
        check(
          'attestation.tpm.type',
          'type is TPM_ST_ATTEST_CERTIFY',
          c.type === TPM_ST_ATTEST_CERTIFY ? 'pass' : 'fail',
          undefined,
          SPEC,
        ),
      );
      const data = attToBeSigned(input);
      const hash = alg === undefined ? undefined : coseAlgorithm(alg)?.hash;
      if (data && hash) {
        const digest = new Uint8Array(await crypto.subtle.digest(hash, toArrayBuffer(data)));
        checks.push(
          check(
            'attestation.tpm.extraData',
            `extraData = ${hash}(attToBeSigned)`,
            bytesEqual(digest, c.extraData) ? 'pass' : 'fail',
            undefined,
            SPEC,
          ),
        );
      }
      if (pubArea?.ok && pubAreaBytes) {
        const nameHash = TPM_HASHES[pubArea.value.nameAlg];
        if (nameHash) {
          const name = concatBytes(
            new Uint8Array([pubArea.value.nameAlg >> 8, pubArea.value.nameAlg & 0xff]),
            new Uint8Array(await crypto.subtle.digest(nameHash, toArrayBuffer(pubAreaBytes))),
          );
          checks.push(
            check(
              'attestation.tpm.name',
              'attested name is the name of pubArea',
              bytesEqual(name, c.attestedName) ? 'pass' : 'fail',
              undefined,
              SPEC,
            ),
          );
        }
      }
    }
    const key = authData.attestedCredentialData?.credentialPublicKey;
    if (pubArea?.ok && key) {
      const p = pubArea.value;
      const same = p.ecc
        ? TPM_ECC_CURVES[p.ecc.curveId]?.cose === key.crv &&
          !!key.x &&
          !!key.y &&
          bytesEqual(p.ecc.x, key.x) &&
          bytesEqual(p.ecc.y, key.y)
        : !!p.rsa && !!key.n && bytesEqual(p.rsa.modulus, key.n);
      checks.push(
        check(
          'attestation.tpm.key',
          'pubArea holds the credential public key',
          same ? 'pass' : 'fail',
          undefined,
          SPEC,
        ),
      );
    }
    let signature: SignatureVerdict;
    if (alg === undefined || !sig || !x5c?.[0] || !certInfoBytes)
      signature = notChecked('alg, sig, x5c or certInfo missing');
    else
      signature = verdict(
        await verifyWithCertificate(x5c[0], alg, certInfoBytes, sig),
        'sig over certInfo (AIK certificate key)',
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
    const leaf = chain.certificates[0];
    if (leaf?.ok) {
      checks.push(
        check(
          'attestation.tpm.subject',
          'AIK certificate subject is empty',
          leaf.value.subject === '' ? 'pass' : 'warn',
          leaf.value.subject || '(empty)',
          '#sctn-tpm-cert-requirements',
        ),
      );
    }
    return {
      fmt: 'tpm',
      known: true,
      attestationType: 'AttCA',
      ...(alg === undefined ? {} : { alg, algName: algorithmName(alg) }),
      fields: statementFields(attStmt, {
        certInfo: 'TPMS_ATTEST, decoded under details',
        pubArea: 'TPMT_PUBLIC, decoded under details',
      }),
      ...chain,
      signature,
      details: {
        certInfo: certInfo?.ok ? certInfoJson(certInfo.value) : null,
        pubArea: pubArea?.ok ? pubAreaJson(pubArea.value) : null,
      },
      checks,
    };
  },
};
