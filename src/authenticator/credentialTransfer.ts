// Credentials leaving and entering the store at the user's explicit request: the UI's summary (no key
// material), an export file with the private key as JWK or PKCS#8, and its import.
import { MAX_CRED_BLOB_BYTES } from './creationExtensions.js';
import { base64urlToBytes, fromBase64url, toBase64url } from '../webauthn/base64url.js';
import { credentialKeyAlgorithm, jwkToPkcs8, pkcs8ToJwk, publicKeyOfPkcs8 } from './credentialKeys.js';
import { truncateName } from './storageLimits.js';
import { isValidRpId } from '../webauthn/rpId.js';
import type { CredentialSummary } from '../messages.js';
import type { StoredCredential } from './credentialStore.js';
import type { SoftwareAuthenticator } from './softwareAuthenticator.js';

export const CREDENTIAL_EXPORT_FORMAT = 'webauthn-devtools-credentials';

export function credentialSummary(c: StoredCredential): CredentialSummary {
  return {
    id: c.id,
    rpId: c.rpId,
    userHandle: c.userHandle,
    userName: c.userName,
    userDisplayName: c.userDisplayName,
    alg: c.alg,
    discoverable: c.discoverable,
    signCount: c.signCount,
    profileId: c.profileId,
    aaguid: c.aaguid,
    backupEligible: c.backupEligible,
    backupState: c.backupState,
    hasLargeBlob: c.largeBlob !== undefined,
    createdAt: c.createdAt,
    ...(c.lastUsedAt !== undefined ? { lastUsedAt: c.lastUsedAt } : {}),
    ...(c.hidden ? { hidden: true } : {}),
  };
}

/** An imported credBlob is kept when it is base64url of at most the bytes an authenticator stores. */
function credBlobOf(v: unknown): boolean {
  const d = typeof v === 'string' ? fromBase64url(v) : undefined;
  return !!d?.ok && d.value.length <= MAX_CRED_BLOB_BYTES;
}

type ExportedKey = { format: 'jwk'; jwk: JsonWebKey } | { format: 'pkcs8'; pkcs8: string };
export type ExportedCredential = Omit<StoredCredential, 'secret'> & { privateKey: ExportedKey; prfSecret: string };
export interface CredentialExport {
  format: typeof CREDENTIAL_EXPORT_FORMAT;
  version: 1;
  exportedAt: string;
  credentials: ExportedCredential[];
}

export async function exportCredentials(
  a: SoftwareAuthenticator,
  ids: string[] | undefined,
  keyFormat: 'jwk' | 'pkcs8',
): Promise<CredentialExport> {
  const all = await a.store.list();
  const chosen = ids ? all.filter((c) => ids.includes(c.id)) : all;
  const credentials: ExportedCredential[] = [];
  for (const c of chosen) {
    const { secret, ...rest } = c;
    const s = await a.vault.open(secret, { credentialId: c.id, rpId: c.rpId });
    const privateKey: ExportedKey =
      keyFormat === 'jwk'
        ? { format: 'jwk', jwk: await pkcs8ToJwk(c.alg, s.pkcs8) }
        : { format: 'pkcs8', pkcs8: toBase64url(s.pkcs8) };
    credentials.push({ ...rest, privateKey, prfSecret: toBase64url(s.prfSecret) });
  }
  return { format: CREDENTIAL_EXPORT_FORMAT, version: 1, exportedAt: new Date().toISOString(), credentials };
}

const str = (v: unknown): v is string => typeof v === 'string';
const bool = (v: unknown, d: boolean): boolean => (typeof v === 'boolean' ? v : d);
const MAX_CREDENTIAL_ID_BYTES = 1023;

/** Why an entry cannot be imported, naming the field; undefined when it can. */
function entryProblem(e: Record<string, unknown>): string | undefined {
  const id = str(e.id) ? fromBase64url(e.id) : undefined;
  if (!id?.ok || id.value.length === 0 || id.value.length > MAX_CREDENTIAL_ID_BYTES)
    return `id: must be base64url of 1 to ${MAX_CREDENTIAL_ID_BYTES} bytes`;
  if (!str(e.rpId) || !isValidRpId(e.rpId)) return `rpId: ${JSON.stringify(e.rpId)} is not a domain an RP may use`;
  if (typeof e.alg !== 'number' || !credentialKeyAlgorithm(e.alg))
    return `alg: ${JSON.stringify(e.alg)} is not supported`;
  const key = e.privateKey as ExportedKey | undefined;
  if (!key || (key.format === 'jwk' ? typeof key.jwk !== 'object' : !str((key as { pkcs8?: unknown }).pkcs8)))
    return 'privateKey: must be { format: "jwk", jwk } or { format: "pkcs8", pkcs8 }';
  if (!str(e.prfSecret) || !fromBase64url(e.prfSecret).ok) return 'prfSecret: must be base64url';
  if (e.userHandle !== undefined && (!str(e.userHandle) || !fromBase64url(e.userHandle).ok))
    return 'userHandle: must be base64url';
  return undefined;
}

/**
 * Imports an export file. Every entry is checked (the RP ID is one an origin may use, the id is base64url of
 * an allowed length, the private key is of its algorithm; the public key is derived from it, never taken from
 * the file), unknown members are dropped, and an entry is stored whole or not at all. An id that already
 * exists under another RP ID is refused unless `replace` says the user confirmed it. `skipped` names each
 * refused entry and why, the first bad one first.
 */
export async function importCredentials(
  a: SoftwareAuthenticator,
  data: unknown,
  replace = false,
): Promise<{ imported: number; skipped: string[]; conflicts: string[] }> {
  const skipped: string[] = [];
  const conflicts: string[] = [];
  const file = data as Partial<CredentialExport> | null;
  if (!file || file.format !== CREDENTIAL_EXPORT_FORMAT || !Array.isArray(file.credentials)) {
    return { imported: 0, skipped: ['not a WebAuthn DevTools credentials file'], conflicts };
  }
  let imported = 0;
  for (const [i, raw] of (file.credentials as unknown[]).entries()) {
    const where = `credentials[${i}]`;
    const e = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const problem = entryProblem(e);
    if (problem) {
      skipped.push(`${where}: ${problem}`);
      continue;
    }
    const id = e.id as string,
      rpId = e.rpId as string,
      alg = e.alg as number;
    try {
      const existing = await a.store.get(id);
      if (existing && existing.rpId !== rpId && !replace) {
        conflicts.push(id);
        skipped.push(`${where}: id: exists for ${existing.rpId}; confirm to replace it with the one for ${rpId}`);
        continue;
      }
      const key = e.privateKey as ExportedKey;
      let pkcs8: Uint8Array, derived: Awaited<ReturnType<typeof publicKeyOfPkcs8>>;
      try {
        pkcs8 = key.format === 'jwk' ? await jwkToPkcs8(alg, key.jwk) : base64urlToBytes(key.pkcs8);
        derived = await publicKeyOfPkcs8(pkcs8, alg);
      } catch {
        throw new Error(`privateKey: not a key of algorithm ${alg}`);
      }
      const c: StoredCredential = {
        id,
        rpId,
        userHandle: str(e.userHandle) ? e.userHandle : '',
        userName: truncateName(str(e.userName) ? e.userName : ''),
        userDisplayName: truncateName(str(e.userDisplayName) ? e.userDisplayName : ''),
        alg,
        publicKey: toBase64url(derived.cosePublicKey),
        spki: toBase64url(derived.spki),
        discoverable: bool(e.discoverable, false),
        signCount: Number.isInteger(e.signCount) && (e.signCount as number) >= 0 ? (e.signCount as number) >>> 0 : 0,
        profileId: str(e.profileId) ? e.profileId : 'imported',
        aaguid: str(e.aaguid) ? e.aaguid : '00000000-0000-0000-0000-000000000000',
        transports: Array.isArray(e.transports) ? e.transports.filter(str) : [],
        attachment: e.attachment === 'platform' ? 'platform' : 'cross-platform',
        backupEligible: bool(e.backupEligible, false),
        backupState: bool(e.backupEligible, false) && bool(e.backupState, false),
        credProtect: [1, 2, 3].includes(e.credProtect as number) ? (e.credProtect as 1 | 2 | 3) : 1,
        largeBlobSupported: bool(e.largeBlobSupported, false),
        ...(str(e.largeBlob) && fromBase64url(e.largeBlob).ok ? { largeBlob: e.largeBlob } : {}),
        ...(credBlobOf(e.credBlob) ? { credBlob: e.credBlob as string } : {}),
        createdAt: typeof e.createdAt === 'number' ? e.createdAt : Date.now(),
        ...(typeof e.lastUsedAt === 'number' ? { lastUsedAt: e.lastUsedAt } : {}),
        secret: await a.vault.seal(
          { pkcs8, prfSecret: base64urlToBytes(e.prfSecret as string) },
          { credentialId: id, rpId },
        ),
      };
      // The key must sign: importing a key that WebCrypto rejects fails here rather than at the next get().
      a.forget(c.id);
      await a.open(c);
      await a.store.put(c);
      imported++;
    } catch (err) {
      skipped.push(`${where}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { imported, skipped, conflicts };
}
