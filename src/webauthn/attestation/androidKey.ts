// "android-key" (§8.4): a signature by a key whose certificate's KeyDescription extension says the
// credential key lives in Android Keystore, with attestationChallenge = clientDataHash.
import { AsnParser } from '@peculiar/asn1-schema';
import { AuthorizationList, KeyDescription, SecurityLevel } from '@peculiar/asn1-android';
import { algorithmName } from '../algorithms.js';
import { bytesEqual, toHex } from '../bytes.js';
import type { JsonValue } from '../cborItem.js';
import { check, type Check } from '../check.js';
import { coseKeyToSpki } from '../cose.js';
import { parseCertificate } from '../certificates.js';
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

const SPEC = '#sctn-android-key-attestation';
export const ANDROID_KEY_OID = '1.3.6.1.4.1.11129.2.1.17';
const KM_ORIGIN_GENERATED = 0;
const KM_PURPOSE_SIGN = 2;
const SECURITY_LEVELS: Readonly<Record<number, string>> = {
  [SecurityLevel.software]: 'Software',
  [SecurityLevel.trustedEnvironment]: 'TrustedEnvironment',
  [SecurityLevel.strongBox]: 'StrongBox',
};

function authorizations(list: AuthorizationList): { [k: string]: JsonValue } {
  const out: { [k: string]: JsonValue } = {};
  if (list.purpose) out.purpose = list.purpose.map(Number);
  if (list.origin !== undefined) out.origin = list.origin;
  if (list.algorithm !== undefined) out.algorithm = list.algorithm;
  if (list.keySize !== undefined) out.keySize = list.keySize;
  if (list.ecCurve !== undefined) out.ecCurve = list.ecCurve;
  if (list.allApplications !== undefined) out.allApplications = true;
  return out;
}

export const androidKeyFormat: AttestationFormat = {
  fmt: 'android-key',
  title: 'Android Key',
  spec: SPEC,
  async decode(input) {
    const { attStmt, authData, clientDataHash } = input;
    const alg = numberField(attStmt, 'alg');
    const sig = bytesField(attStmt, 'sig');
    const x5c = x5cField(attStmt);
    const chain = await decodeChain(x5c);
    const checks: Check[] = [];
    const data = attToBeSigned(input);
    let signature: SignatureVerdict;
    if (alg === undefined || !sig || !x5c?.[0]) signature = notChecked('alg, sig or x5c missing');
    else if (!data) signature = notChecked('clientDataJSON not available');
    else signature = verdict(await verifyWithCertificate(x5c[0], alg, data, sig), 'sig (attestation certificate key)');
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

    let details: { [k: string]: JsonValue } | undefined;
    const leaf = x5c?.[0] ? parseCertificate(x5c[0]) : undefined;
    const key = authData.attestedCredentialData?.credentialPublicKey;
    if (leaf && key) {
      const spki = await coseKeyToSpki(key);
      checks.push(
        check(
          'attestation.androidKey.key',
          'certificate key is the credential public key',
          spki.ok && bytesEqual(spki.value, new Uint8Array(leaf.publicKey.rawData)) ? 'pass' : 'fail',
          undefined,
          SPEC,
        ),
      );
    }
    const ext = leaf?.getExtension(ANDROID_KEY_OID);
    if (ext) {
      try {
        const kd = AsnParser.parse(ext.value, KeyDescription);
        const challenge = new Uint8Array(kd.attestationChallenge.buffer);
        details = {
          attestationVersion: Number(kd.attestationVersion),
          attestationSecurityLevel: SECURITY_LEVELS[kd.attestationSecurityLevel] ?? kd.attestationSecurityLevel,
          keymasterVersion: kd.keymasterVersion,
          keymasterSecurityLevel: SECURITY_LEVELS[kd.keymasterSecurityLevel] ?? kd.keymasterSecurityLevel,
          attestationChallenge: toHex(challenge),
          softwareEnforced: authorizations(kd.softwareEnforced),
          teeEnforced: authorizations(kd.teeEnforced),
        };
        if (clientDataHash) {
          checks.push(
            check(
              'attestation.androidKey.challenge',
              'attestationChallenge equals clientDataHash',
              bytesEqual(challenge, clientDataHash) ? 'pass' : 'fail',
              undefined,
              SPEC,
            ),
          );
        }
        const anyAllApps =
          kd.softwareEnforced.allApplications !== undefined || kd.teeEnforced.allApplications !== undefined;
        checks.push(
          check(
            'attestation.androidKey.allApplications',
            'key is scoped to the RP (no allApplications)',
            anyAllApps ? 'fail' : 'pass',
            undefined,
            SPEC,
          ),
        );
        const originOk = [kd.softwareEnforced, kd.teeEnforced].some((l) => l.origin === KM_ORIGIN_GENERATED);
        const purposeOk = [kd.softwareEnforced, kd.teeEnforced].some((l) =>
          l.purpose?.some((p) => Number(p) === KM_PURPOSE_SIGN),
        );
        checks.push(
          check(
            'attestation.androidKey.origin',
            'key generated in the keystore (KM_ORIGIN_GENERATED)',
            originOk ? 'pass' : 'warn',
            undefined,
            SPEC,
          ),
        );
        checks.push(
          check(
            'attestation.androidKey.purpose',
            'key purpose is KM_PURPOSE_SIGN',
            purposeOk ? 'pass' : 'warn',
            undefined,
            SPEC,
          ),
        );
      } catch (e) {
        checks.push(
          check(
            'attestation.androidKey.extension',
            'KeyDescription extension decodes',
            'fail',
            e instanceof Error ? e.message : String(e),
            SPEC,
          ),
        );
      }
    } else if (leaf) {
      checks.push(
        check(
          'attestation.androidKey.extension',
          'certificate has the KeyDescription extension',
          'fail',
          `no ${ANDROID_KEY_OID}`,
          SPEC,
        ),
      );
    }
    return {
      fmt: 'android-key',
      known: true,
      attestationType: 'Basic',
      ...(alg === undefined ? {} : { alg, algName: algorithmName(alg) }),
      fields: statementFields(attStmt),
      ...chain,
      signature,
      ...(details ? { details } : {}),
      checks,
    };
  },
};
