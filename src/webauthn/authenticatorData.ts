// Authenticator data (WebAuthn L3 §6.1): rpIdHash(32) ‖ flags(1) ‖ signCount(4) ‖ [attested credential
// data] ‖ [extensions CBOR map]. Decoded with exact offsets so every error points at a byte.
import { algorithmName, coseAlgorithm } from './algorithms.js';
import { bytesEqual, sha256, toHex, uuidFromBytes } from './bytes.js';
import { cborToJson, decodeCborItem, type JsonValue } from './cborItem.js';
import { check, type Check } from './check.js';
import { decodeCoseKey, type CoseKey } from './cose.js';
import { decodeFlags, flagNames, type AuthenticatorFlags } from './authenticatorFlags.js';
import { fail, ok, type Decoded } from './result.js';

export interface AttestedCredentialData {
  aaguid: string;
  aaguidBytes: Uint8Array;
  credentialIdLength: number;
  credentialId: Uint8Array;
  credentialPublicKey: CoseKey;
  credentialPublicKeyBytes: Uint8Array;
}

export interface AuthenticatorExtensionOutputs {
  /** The CBOR map, JSON-able (byte strings as "h'…'"). */
  value: { [k: string]: JsonValue };
  /** The decoded CBOR map itself (byte strings as Uint8Array). */
  map: Map<unknown, unknown>;
  bytes: Uint8Array;
  offset: number;
}

export interface AuthenticatorData {
  bytes: Uint8Array;
  rpIdHash: Uint8Array;
  flags: AuthenticatorFlags;
  signCount: number;
  attestedCredentialData?: AttestedCredentialData;
  extensions?: AuthenticatorExtensionOutputs;
}

const RP_ID_HASH = 32,
  FLAGS = 32,
  SIGN_COUNT = 33,
  FIXED = 37,
  AAGUID_LEN = 16;
/** §7.1 registration: "Verify that the credentialId is ≤ 1023 bytes." */
export const MAX_CREDENTIAL_ID_LENGTH = 1023;

export function decodeAuthenticatorData(bytes: Uint8Array): Decoded<AuthenticatorData> {
  if (!(bytes instanceof Uint8Array)) return fail('authenticatorData is not bytes');
  if (bytes.length < FIXED)
    return fail(`authenticatorData is ${bytes.length} bytes; at least ${FIXED} needed`, bytes.length);
  const flags = decodeFlags(bytes[FLAGS]!);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ad: AuthenticatorData = {
    bytes,
    rpIdHash: bytes.slice(0, RP_ID_HASH),
    flags,
    signCount: view.getUint32(SIGN_COUNT),
  };
  let at = FIXED;
  if (flags.AT) {
    if (bytes.length < at + AAGUID_LEN + 2) {
      return fail(
        `flags.AT is set but attested credential data is missing: ${bytes.length - at} bytes after signCount, at least ${AAGUID_LEN + 2} needed`,
        at,
        'attestedCredentialData',
      );
    }
    const aaguidBytes = bytes.slice(at, at + AAGUID_LEN);
    const credentialIdLength = view.getUint16(at + AAGUID_LEN);
    at += AAGUID_LEN + 2;
    if (at + credentialIdLength > bytes.length) {
      return fail(
        `credentialIdLength is ${credentialIdLength} but only ${bytes.length - at} bytes follow`,
        at - 2,
        'attestedCredentialData.credentialIdLength',
      );
    }
    const credentialId = bytes.slice(at, at + credentialIdLength);
    at += credentialIdLength;
    if (at >= bytes.length)
      return fail('credentialPublicKey is missing', at, 'attestedCredentialData.credentialPublicKey');
    const key = decodeCoseKey(bytes.subarray(at));
    if (!key.ok) {
      return fail(key.error.what, at + (key.error.offset ?? 0), 'attestedCredentialData.credentialPublicKey');
    }
    ad.attestedCredentialData = {
      aaguid: uuidFromBytes(aaguidBytes),
      aaguidBytes,
      credentialIdLength,
      credentialId,
      credentialPublicKey: key.value.key,
      credentialPublicKeyBytes: bytes.slice(at, at + key.value.length),
    };
    at += key.value.length;
  }
  if (flags.ED) {
    if (at >= bytes.length) return fail('flags.ED is set but no extension data follows', at, 'extensions');
    const ext = decodeCborItem(bytes, at);
    if (!ext.ok) return fail(ext.error.what, ext.error.offset ?? at, 'extensions');
    if (!(ext.value.value instanceof Map)) return fail('extension data is not a CBOR map', at, 'extensions');
    const map = ext.value.value;
    ad.extensions = {
      value: cborToJson(map) as { [k: string]: JsonValue },
      map,
      bytes: bytes.slice(at, at + ext.value.length),
      offset: at,
    };
    at += ext.value.length;
  }
  if (at < bytes.length) {
    const why = !flags.AT && !flags.ED ? ' (flags AT and ED are clear)' : !flags.ED ? ' (flag ED is clear)' : '';
    return fail(`trailing ${bytes.length - at} bytes at offset ${at}${why}`, at);
  }
  return ok(ad);
}

export interface AuthenticatorDataCheckOptions {
  /** create(): attested credential data is expected; get(): it must be absent. */
  ceremony?: 'create' | 'get';
  /** The options asked userVerification: 'required'. */
  userVerificationRequired?: boolean;
  /** BE as registered, to check that it did not change (§6.1.3). */
  registeredBackupEligibility?: boolean;
  /** Conditional create (mediation 'conditional') allows UP clear (§5.1.3 step 22). */
  conditionalCreate?: boolean;
}

const SPEC_AD = '#sctn-authenticator-data';
const SPEC_BACKUP = '#sctn-credential-backup';

export async function authenticatorDataChecks(
  ad: AuthenticatorData,
  rpId: string,
  opts: AuthenticatorDataCheckOptions = {},
): Promise<Check[]> {
  const out: Check[] = [];
  const expected = await sha256(new TextEncoder().encode(rpId));
  out.push(
    bytesEqual(ad.rpIdHash, expected)
      ? check('authData.rpIdHash', `rpIdHash is SHA-256("${rpId}")`, 'pass', undefined, SPEC_AD)
      : check(
          'authData.rpIdHash',
          `rpIdHash is SHA-256("${rpId}")`,
          'fail',
          `expected ${toHex(expected)}, got ${toHex(ad.rpIdHash)}`,
          SPEC_AD,
        ),
  );
  const f = ad.flags;
  const upLabel = 'User Present (UP) is set';
  out.push(
    f.UP
      ? check('authData.flags.UP', upLabel, 'pass', undefined, SPEC_AD)
      : check(
          'authData.flags.UP',
          upLabel,
          opts.conditionalCreate ? 'info' : 'fail',
          opts.conditionalCreate
            ? 'UP is clear; allowed for conditional create'
            : 'UP is clear: the authenticator did not test user presence',
          SPEC_AD,
        ),
  );
  if (opts.userVerificationRequired !== undefined || f.UV) {
    out.push(
      f.UV
        ? check('authData.flags.UV', 'User Verified (UV)', 'pass', undefined, SPEC_AD)
        : check(
            'authData.flags.UV',
            'User Verified (UV)',
            opts.userVerificationRequired ? 'fail' : 'info',
            opts.userVerificationRequired ? "userVerification was 'required' but UV is clear" : 'UV is clear',
            SPEC_AD,
          ),
    );
  }
  if (f.BS && !f.BE) {
    out.push(
      check(
        'authData.flags.BS',
        'Backup State (BS) only with Backup Eligibility (BE)',
        'fail',
        'BS is set while BE is clear; the spec forbids this combination',
        SPEC_BACKUP,
      ),
    );
  } else {
    out.push(
      check(
        'authData.flags.BS',
        'Backup State (BS) only with Backup Eligibility (BE)',
        'pass',
        f.BE
          ? f.BS
            ? 'multi-device credential, backed up'
            : 'multi-device credential, not backed up'
          : 'single-device credential',
        SPEC_BACKUP,
      ),
    );
  }
  if (opts.registeredBackupEligibility !== undefined && opts.registeredBackupEligibility !== f.BE) {
    out.push(
      check(
        'authData.flags.BE',
        'Backup Eligibility (BE) unchanged since registration',
        'fail',
        `registered with BE=${opts.registeredBackupEligibility}, now BE=${f.BE}`,
        SPEC_BACKUP,
      ),
    );
  }
  if (f.RFU1 || f.RFU2) {
    out.push(
      check(
        'authData.flags.RFU',
        'Reserved flag bits are 0',
        'warn',
        `flags 0x${f.raw.toString(16).padStart(2, '0')} (${flagNames(f.raw)})`,
        SPEC_AD,
      ),
    );
  }
  if (opts.ceremony === 'create') {
    out.push(
      ad.attestedCredentialData
        ? check('authData.flags.AT', 'Attested credential data present (AT)', 'pass', undefined, SPEC_AD)
        : check(
            'authData.flags.AT',
            'Attested credential data present (AT)',
            'fail',
            'a registration must carry attested credential data',
            SPEC_AD,
          ),
    );
  } else if (opts.ceremony === 'get' && f.AT) {
    out.push(
      check(
        'authData.flags.AT',
        'No attested credential data in an assertion',
        'warn',
        'AT is set in an assertion; relying parties ignore it',
        SPEC_AD,
      ),
    );
  }
  const acd = ad.attestedCredentialData;
  if (acd) {
    out.push(
      acd.credentialIdLength <= MAX_CREDENTIAL_ID_LENGTH
        ? check(
            'authData.credentialId.length',
            `Credential ID is at most ${MAX_CREDENTIAL_ID_LENGTH} bytes`,
            'pass',
            `${acd.credentialIdLength} bytes`,
            '#credential-id',
          )
        : check(
            'authData.credentialId.length',
            `Credential ID is at most ${MAX_CREDENTIAL_ID_LENGTH} bytes`,
            'fail',
            `${acd.credentialIdLength} bytes`,
            '#credential-id',
          ),
    );
    const alg = acd.credentialPublicKey.alg;
    out.push(
      alg === undefined
        ? check(
            'authData.credentialPublicKey.alg',
            'Credential public key names its algorithm',
            'fail',
            'the COSE_Key has no alg (label 3)',
            '#sctn-attested-credential-data',
          )
        : check(
            'authData.credentialPublicKey.alg',
            'Credential public key names its algorithm',
            coseAlgorithm(alg) ? 'pass' : 'warn',
            algorithmName(alg),
            '#sctn-attested-credential-data',
          ),
    );
  }
  out.push(
    check(
      'authData.signCount',
      'Signature counter',
      'info',
      ad.signCount === 0 ? '0: the authenticator does not implement a counter' : String(ad.signCount),
      '#sctn-sign-counter',
    ),
  );
  return out;
}
