// Credentials leaving and entering the store at the user's explicit request: the UI's summary (no key
// material), an export file with the private key as JWK or PKCS#8, and its import.
import { base64urlToBytes, fromBase64url, toBase64url } from '../webauthn/base64url.js';
import { credentialKeyAlgorithm, jwkToPkcs8, pkcs8ToJwk } from './credentialKeys.js';
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
  };
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
const b64ok = (v: unknown): v is string => str(v) && fromBase64url(v).ok;

/** Imports an export file; entries that are not well-formed are counted and skipped, never half-stored. */
export async function importCredentials(
  a: SoftwareAuthenticator,
  data: unknown,
): Promise<{ imported: number; skipped: string[] }> {
  const skipped: string[] = [];
  const file = data as Partial<CredentialExport> | null;
  if (!file || file.format !== CREDENTIAL_EXPORT_FORMAT || !Array.isArray(file.credentials)) {
    return { imported: 0, skipped: ['not a WebAuthn DevTools credentials file'] };
  }
  let imported = 0;
  for (const [i, e] of file.credentials.entries()) {
    const where = `credentials[${i}]`;
    if (
      !e ||
      !b64ok(e.id) ||
      !str(e.rpId) ||
      !b64ok(e.publicKey) ||
      !b64ok(e.spki) ||
      !credentialKeyAlgorithm(e.alg) ||
      !b64ok(e.prfSecret) ||
      !e.privateKey
    ) {
      skipped.push(`${where}: missing or malformed members`);
      continue;
    }
    try {
      const pkcs8 =
        e.privateKey.format === 'jwk'
          ? await jwkToPkcs8(e.alg, e.privateKey.jwk)
          : base64urlToBytes(e.privateKey.pkcs8);
      const { privateKey: _k, prfSecret, ...rest } = e;
      const c: StoredCredential = {
        ...rest,
        userHandle: str(e.userHandle) ? e.userHandle : '',
        userName: str(e.userName) ? e.userName : '',
        userDisplayName: str(e.userDisplayName) ? e.userDisplayName : '',
        signCount: Number.isInteger(e.signCount) ? e.signCount : 0,
        transports: Array.isArray(e.transports) ? e.transports.filter(str) : [],
        credProtect: [1, 2, 3].includes(e.credProtect) ? e.credProtect : 1,
        createdAt: typeof e.createdAt === 'number' ? e.createdAt : Date.now(),
        secret: await a.vault.seal(
          { pkcs8, prfSecret: base64urlToBytes(prfSecret) },
          { credentialId: rest.id, rpId: rest.rpId },
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
  return { imported, skipped };
}
