// decodeCeremony: one recorded ceremony (options + response or error) into the view the panel shows,
// with every check. decodeLog does a whole log in order, so an assertion is verified with the key of a
// registration recorded before it and its signCount compared with the last one seen.
import { authenticatorModel } from './aaguid.js';
import { decodeAttestationObject } from './attestation/attestationObject.js';
import { errorHints } from './errorHints.js';
import { decodeAttestationStatement } from './attestation/formats.js';
import { algorithmName, coseAlgorithm, COSE_CURVES, webCryptoParams } from './algorithms.js';
import { authenticatorDataChecks, decodeAuthenticatorData, type AuthenticatorData } from './authenticatorData.js';
import { describeFlags } from './authenticatorFlags.js';
import { fromBase64url, toBase64url } from './base64url.js';
import { printableUtf8, sha256, toHex } from './bytes.js';
import { cborToJson, type JsonValue } from './cborItem.js';
import { check, type Check } from './check.js';
import { clientDataChecks, decodeClientData } from './clientData.js';
import { coseKeyToJwk, coseKeyToSpki, spkiToPem, type CoseKey } from './cose.js';
import type {
  AlgorithmParamView,
  AssertionView,
  AuthenticatorDataView,
  BinaryView,
  CeremonySummary,
  ClientDataView,
  CreationOptionsView,
  DecodedCeremony,
  DescriptorView,
  KeySource,
  OptionsView,
  PublicKeyView,
  RequestOptionsView,
  ResidentKeyView,
  Section,
} from './ceremonyView.js';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialDescriptorJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from './json.js';
import { creationOptionsFromJSON, requestOptionsFromJSON, responseFromJSON, type ParsedResponse } from './options.js';
import type { CeremonyRecord } from './record.js';
import { defaultRpId } from './rpId.js';
import { parseDerSignature, verifyAssertionSignature } from './signatures.js';
import type { DecodeError } from './result.js';

export interface KnownKey {
  key: CoseKey;
  source: KeySource;
  backupEligible?: boolean;
}

/** What earlier ceremonies (or the mock) tell about later ones, keyed by credential ID (base64url). */
export interface DecodeContext {
  keys: Map<string, KnownKey>;
  signCounts: Map<string, number>;
}

/** Credential public keys of decoded registrations, kept out of the JSON-able view. */
const registeredKeys = new WeakMap<DecodedCeremony, CoseKey>();

export const newDecodeContext = (supplied: Iterable<[string, KnownKey]> = []): DecodeContext => ({
  keys: new Map(supplied),
  signCounts: new Map(),
});

// ───────────────────────── small views ─────────────────────────
export function binaryView(bytes: Uint8Array): BinaryView {
  const utf8 = printableUtf8(bytes);
  return {
    base64url: toBase64url(bytes),
    hex: toHex(bytes),
    ...(utf8 === undefined ? {} : { utf8 }),
    length: bytes.length,
  };
}

function binaryFromJson(b64: unknown): BinaryView | undefined {
  if (typeof b64 !== 'string') return undefined;
  const r = fromBase64url(b64);
  return r.ok ? binaryView(r.value) : undefined;
}

const asJson = (v: unknown): JsonValue => {
  try {
    return v === undefined ? null : (JSON.parse(JSON.stringify(v)) as JsonValue);
  } catch {
    return String(v);
  }
};
const jsonObject = (v: unknown): { [k: string]: JsonValue } | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (asJson(v) as { [k: string]: JsonValue }) : undefined;

const failed = <T>(error: DecodeError, raw?: unknown): Section<T> => ({
  ok: false,
  error,
  ...(raw === undefined ? {} : { raw: typeof raw === 'string' ? raw : JSON.stringify(raw) }),
});

function descriptors(list: PublicKeyCredentialDescriptorJSON[] | undefined): DescriptorView[] {
  return (list ?? []).map((d) => ({
    type: d.type,
    id: binaryFromJson(d.id) ?? binaryView(new Uint8Array()),
    ...(Array.isArray(d.transports) ? { transports: d.transports } : {}),
  }));
}

// §5.4.4: residentKey wins when present; requireResidentKey only matters for clients that predate it.
export function residentKeyView(residentKey?: string, requireResidentKey?: boolean): ResidentKeyView {
  const known = residentKey === 'required' || residentKey === 'preferred' || residentKey === 'discouraged';
  const effective = known ? residentKey : requireResidentKey ? 'required' : 'discouraged';
  const explanation = known
    ? requireResidentKey !== undefined && requireResidentKey !== (residentKey === 'required')
      ? `residentKey "${residentKey}" is used; requireResidentKey ${requireResidentKey} conflicts with it (it must be true exactly when residentKey is "required")`
      : `residentKey "${residentKey}" is used${requireResidentKey !== undefined ? `; requireResidentKey ${requireResidentKey} agrees (kept for Level 1 clients)` : ''}`
    : residentKey !== undefined
      ? `residentKey "${residentKey}" is not a known value and is ignored; requireResidentKey ${requireResidentKey ?? false} gives "${effective}"`
      : `residentKey absent: requireResidentKey ${requireResidentKey ?? false} gives "${effective}"`;
  return {
    ...(residentKey !== undefined ? { residentKey } : {}),
    ...(requireResidentKey !== undefined ? { requireResidentKey } : {}),
    effective,
    explanation,
  };
}

const OPTION_MEMBERS = {
  create: [
    'rp',
    'user',
    'challenge',
    'pubKeyCredParams',
    'timeout',
    'excludeCredentials',
    'authenticatorSelection',
    'hints',
    'attestation',
    'attestationFormats',
    'extensions',
  ],
  get: ['challenge', 'timeout', 'rpId', 'allowCredentials', 'userVerification', 'hints', 'extensions'],
};
const others = (o: Record<string, unknown>, known: string[]): { [k: string]: JsonValue } =>
  Object.fromEntries(
    Object.entries(o)
      .filter(([k]) => !known.includes(k))
      .map(([k, v]) => [k, asJson(v)]),
  );

function creationOptionsView(json: PublicKeyCredentialCreationOptionsJSON): CreationOptionsView {
  const sel = json.authenticatorSelection;
  return {
    type: 'create',
    rp: {
      ...(json.rp.id !== undefined ? { id: json.rp.id } : {}),
      ...(json.rp.name !== undefined ? { name: json.rp.name } : {}),
    },
    user: { id: binaryFromJson(json.user.id)!, name: json.user.name, displayName: json.user.displayName },
    challenge: binaryFromJson(json.challenge)!,
    pubKeyCredParams: json.pubKeyCredParams.map((p): AlgorithmParamView => {
      const a = coseAlgorithm(p.alg);
      return {
        type: p.type,
        alg: p.alg,
        name: algorithmName(p.alg),
        ...(a ? { description: a.description } : {}),
        webCrypto: !!webCryptoParams(p.alg, a?.crv ?? (p.alg === -8 ? 6 : undefined)),
      };
    }),
    ...(json.timeout !== undefined ? { timeout: json.timeout } : {}),
    excludeCredentials: descriptors(json.excludeCredentials),
    ...(sel
      ? {
          authenticatorSelection: {
            ...(sel.authenticatorAttachment !== undefined
              ? { authenticatorAttachment: sel.authenticatorAttachment }
              : {}),
            ...(sel.userVerification !== undefined ? { userVerification: sel.userVerification } : {}),
            residentKey: residentKeyView(sel.residentKey, sel.requireResidentKey),
          },
        }
      : {}),
    ...(json.hints ? { hints: json.hints } : {}),
    ...(json.attestation !== undefined ? { attestation: json.attestation } : {}),
    ...(json.attestationFormats ? { attestationFormats: json.attestationFormats } : {}),
    ...(json.extensions ? { extensions: jsonObject(json.extensions) ?? {} } : {}),
    other: others(json, OPTION_MEMBERS.create),
  };
}

function requestOptionsView(json: PublicKeyCredentialRequestOptionsJSON): RequestOptionsView {
  return {
    type: 'get',
    challenge: binaryFromJson(json.challenge)!,
    ...(json.timeout !== undefined ? { timeout: json.timeout } : {}),
    ...(json.rpId !== undefined ? { rpId: json.rpId } : {}),
    allowCredentials: descriptors(json.allowCredentials),
    ...(json.userVerification !== undefined ? { userVerification: json.userVerification } : {}),
    ...(json.hints ? { hints: json.hints } : {}),
    ...(json.extensions ? { extensions: jsonObject(json.extensions) ?? {} } : {}),
    other: others(json, OPTION_MEMBERS.get),
  };
}

function optionsSection(record: CeremonyRecord): Section<OptionsView> | undefined {
  if (record.options === undefined) return undefined;
  if (record.kind === 'create') {
    const r = creationOptionsFromJSON(record.options);
    return r.ok
      ? { ok: true, value: creationOptionsView(record.options as PublicKeyCredentialCreationOptionsJSON) }
      : failed(r.error, record.options);
  }
  const r = requestOptionsFromJSON(record.options);
  return r.ok
    ? { ok: true, value: requestOptionsView(record.options as PublicKeyCredentialRequestOptionsJSON) }
    : failed(r.error, record.options);
}

/** The RP ID the ceremony ran for: what the options named, else the caller's origin's host (§5.1.3, §5.1.4). */
export function ceremonyRpId(record: CeremonyRecord): string | undefined {
  const o = record.options as { rp?: { id?: unknown }; rpId?: unknown } | undefined;
  const named = record.kind === 'create' ? o?.rp?.id : o?.rpId;
  return typeof named === 'string' ? named : record.origin ? defaultRpId(record.origin) : undefined;
}

async function publicKeyView(key: CoseKey): Promise<PublicKeyView> {
  const jwk = coseKeyToJwk(key);
  const spki = await coseKeyToSpki(key);
  const conversionError = !jwk.ok ? jwk.error.what : !spki.ok ? spki.error.what : undefined;
  return {
    ...(key.alg !== undefined ? { alg: key.alg, algName: algorithmName(key.alg) } : {}),
    kty: key.ktyName ?? String(key.kty),
    ...(key.crvName ? { crv: key.crvName } : {}),
    cose: key.labels.map((l) => ({ label: l.label, ...(l.name ? { name: l.name } : {}), value: cborToJson(l.value) })),
    ...(jwk.ok ? { jwk: jwk.value } : {}),
    ...(spki.ok ? { pem: spkiToPem(spki.value) } : {}),
    ...(conversionError ? { conversionError } : {}),
  };
}

async function authenticatorDataView(
  ad: AuthenticatorData,
  record: CeremonyRecord,
  ctx: DecodeContext,
): Promise<AuthenticatorDataView> {
  const rpId = ceremonyRpId(record);
  const uvRequired =
    (record.kind === 'create'
      ? (record.options as PublicKeyCredentialCreationOptionsJSON | undefined)?.authenticatorSelection?.userVerification
      : (record.options as PublicKeyCredentialRequestOptionsJSON | undefined)?.userVerification) === 'required';
  const registeredBE = ctx.keys.get(
    toBase64url(ad.attestedCredentialData?.credentialId ?? new Uint8Array()),
  )?.backupEligible;
  const checks: Check[] = rpId
    ? await authenticatorDataChecks(ad, rpId, {
        ceremony: record.kind === 'create' ? 'create' : 'get',
        userVerificationRequired: uvRequired,
        ...(registeredBE !== undefined ? { registeredBackupEligibility: registeredBE } : {}),
        conditionalCreate: record.kind === 'create' && record.mediation === 'conditional',
      })
    : [check('authData.rpIdHash', 'rpIdHash matches the RP ID', 'skip', 'the RP ID is unknown')];
  const acd = ad.attestedCredentialData;
  const model = acd ? authenticatorModel(acd.aaguid) : undefined;
  return {
    length: ad.bytes.length,
    rpIdHash: toHex(ad.rpIdHash),
    ...(rpId
      ? { expectedRpId: rpId, rpIdHashMatches: checks.find((c) => c.id === 'authData.rpIdHash')?.status === 'pass' }
      : {}),
    flagsByte: ad.flags.raw,
    flags: describeFlags(ad.flags.raw),
    signCount: ad.signCount,
    ...(acd
      ? {
          attestedCredentialData: {
            aaguid: acd.aaguid,
            ...(model?.name ? { authenticatorName: model.name } : {}),
            ...(model?.icon ? { authenticatorIcon: model.icon } : {}),
            credentialId: binaryView(acd.credentialId),
            publicKey: await publicKeyView(acd.credentialPublicKey),
          },
        }
      : {}),
    ...(ad.extensions ? { extensions: ad.extensions.value } : {}),
    checks,
  };
}

async function assertionView(
  authData: Uint8Array,
  clientDataJSON: Uint8Array,
  signature: Uint8Array,
  userHandle: Uint8Array | null | undefined,
  credentialId: string,
  signCount: number,
  ctx: DecodeContext,
): Promise<AssertionView> {
  const known = ctx.keys.get(credentialId);
  // Only ECDSA signatures are DER (r, s); RSA and EdDSA signatures are plain bytes.
  const der = !known || known.key.ktyName === 'EC2' ? parseDerSignature(signature) : undefined;
  const previous = ctx.signCounts.get(credentialId);
  const base = {
    signature: {
      der: toHex(signature),
      length: signature.length,
      ...(der === undefined ? {} : der.ok ? { r: der.value.r, s: der.value.s } : { parseError: der.error.what }),
    },
    ...(userHandle ? { userHandle: binaryView(userHandle) } : {}),
    signCount,
    ...(previous !== undefined ? { previousSignCount: previous } : {}),
  };
  if (!known)
    return {
      ...base,
      detail: 'no public key known for this credential: record its registration in this log, or use the mock',
    };
  const alg =
    known.key.alg ??
    (known.key.ktyName === 'OKP'
      ? -8
      : known.key.ktyName === 'RSA'
        ? -257
        : known.key.crv === 2
          ? -35
          : known.key.crv === 3
            ? -36
            : -7);
  const r = await verifyAssertionSignature(known.key, alg, authData, clientDataJSON, signature);
  return {
    ...base,
    keySource: known.source,
    keyAlg: `${algorithmName(alg)}${known.key.crv !== undefined ? ` on ${COSE_CURVES[known.key.crv]?.name ?? known.key.crv}` : ''}`,
    ...(r.ok
      ? {
          verified: r.value,
          detail: r.value
            ? `signature verified with the key from the ${known.source}`
            : 'signature does NOT verify with the registered key',
        }
      : { detail: r.error.what }),
  };
}

function summaryOf(record: CeremonyRecord, parsed: ParsedResponse | undefined): CeremonySummary {
  const o = record.options as { user?: { name?: unknown } } | undefined;
  const rpId = ceremonyRpId(record);
  const userName = typeof o?.user?.name === 'string' ? o.user.name : undefined;
  return {
    ...(rpId ? { rpId } : {}),
    ...(userName !== undefined ? { userName } : {}),
    ...(parsed ? { credentialId: parsed.credential.id } : {}),
    mode: record.mode === 'mock' ? 'mock' : 'browser',
    ...(record.endTime !== undefined ? { durationMs: Math.max(0, record.endTime - record.startTime) } : {}),
    statusText: record.status === 'error' ? (record.error?.name ?? 'error') : record.status,
  };
}

// ───────────────────────── the ceremony ─────────────────────────
export async function decodeCeremony(
  record: CeremonyRecord,
  context: DecodeContext = newDecodeContext(),
): Promise<DecodedCeremony> {
  try {
    return await decodeUnsafe(record, context);
  } catch (e) {
    // A decoder bug must not take the panel down: show what broke with the raw record.
    const error = { what: `internal decoder error: ${e instanceof Error ? e.message : String(e)}` };
    return {
      id: String(record?.id),
      kind: record?.kind,
      status: record?.status,
      record,
      summary: { mode: record?.mode === 'mock' ? 'mock' : 'browser', statusText: String(record?.status) },
      checks: [],
      decodeErrors: [{ section: 'record', error }],
    };
  }
}

async function decodeUnsafe(record: CeremonyRecord, ctx: DecodeContext): Promise<DecodedCeremony> {
  const checks: Check[] = [];
  const decodeErrors: DecodedCeremony['decodeErrors'] = [];
  const note = <T>(section: string, s: Section<T> | undefined): Section<T> | undefined => {
    if (s && !s.ok) decodeErrors.push({ section, error: s.error });
    return s;
  };
  const out: DecodedCeremony = {
    id: record.id,
    kind: record.kind,
    status: record.status,
    record,
    summary: summaryOf(record, undefined),
    checks,
    decodeErrors,
  };
  if (record.kind !== 'create' && record.kind !== 'get') {
    out.staticCall = {
      ...(record.options !== undefined ? { argument: asJson(record.options) } : {}),
      ...(record.result !== undefined ? { result: asJson(record.result) } : {}),
    };
    if (record.error) out.error = { name: record.error.name, message: record.error.message, hints: [] };
    return out;
  }
  const options = note('options', optionsSection(record));
  if (options) out.options = options;
  if (record.error) out.error = { name: record.error.name, message: record.error.message, hints: errorHints(record) };
  if (!record.response) return out;

  const parsed = responseFromJSON(record.response);
  if (!parsed.ok) {
    note('response', failed(parsed.error, record.response));
    return out;
  }
  out.summary = summaryOf(record, parsed.value);
  const cred = parsed.value.credential;
  const r = cred.response;

  // Client data
  const cd = decodeClientData(r.clientDataJSON);
  if (!cd.ok)
    out.clientData = note('clientData', failed<ClientDataView>(cd.error, new TextDecoder().decode(r.clientDataJSON)));
  else {
    const expectedChallenge = (record.options as { challenge?: unknown } | undefined)?.challenge;
    const cdChecks =
      typeof expectedChallenge === 'string'
        ? clientDataChecks(cd.value, {
            ceremony: record.kind,
            expectedChallenge,
            ...(record.origin ? { origin: record.origin } : {}),
            ...(record.topOrigin ? { topOrigin: record.topOrigin } : {}),
            crossOrigin: record.crossOrigin,
          })
        : [];
    const challenge = binaryFromJson(cd.value.challenge);
    out.clientData = { ok: true, value: { value: cd.value, ...(challenge ? { challenge } : {}), checks: cdChecks } };
    checks.push(...cdChecks);
  }

  // Authenticator data: from the attestation object on create, from the response on get.
  let authDataBytes: Uint8Array | undefined;
  if (parsed.value.kind === 'registration') {
    const attResp = parsed.value.credential.response;
    const ao = decodeAttestationObject(attResp.attestationObject);
    if (!ao.ok)
      out.attestation = note('attestation', failed(ao.error, record.response.response.attestationObject as string));
    else {
      authDataBytes = ao.value.authDataBytes;
      const statement = ao.value.authData.ok
        ? await decodeAttestationStatement(ao.value.fmt, {
            attStmt: ao.value.attStmt,
            authData: ao.value.authData.value,
            ...(cd.ok ? { clientDataHash: await sha256(r.clientDataJSON) } : {}),
          })
        : undefined;
      if (statement) {
        out.attestation = {
          ok: true,
          value: { fmt: ao.value.fmt, statement, unknownMembers: ao.value.unknownMembers },
        };
        checks.push(...statement.checks);
      }
    }
    out.responseExtras = {
      ...(attResp.transports ? { transports: attResp.transports } : {}),
      ...(attResp.publicKeyAlgorithm !== undefined
        ? { publicKeyAlgorithm: `${attResp.publicKeyAlgorithm} (${algorithmName(attResp.publicKeyAlgorithm)})` }
        : {}),
      ...(attResp.publicKey ? { publicKey: toBase64url(attResp.publicKey) } : {}),
    };
  } else {
    authDataBytes = parsed.value.credential.response.authenticatorData;
  }
  out.responseExtras = {
    ...out.responseExtras,
    authenticatorAttachment: cred.authenticatorAttachment ?? null,
    clientExtensionResults: asJson(record.response.clientExtensionResults ?? {}),
  };

  let ad: AuthenticatorData | undefined;
  if (authDataBytes) {
    const decoded = decodeAuthenticatorData(authDataBytes);
    if (!decoded.ok)
      out.authenticatorData = note(
        'authenticatorData',
        failed<AuthenticatorDataView>(decoded.error, toHex(authDataBytes)),
      );
    else {
      ad = decoded.value;
      if (ad.attestedCredentialData) registeredKeys.set(out, ad.attestedCredentialData.credentialPublicKey);
      const view = await authenticatorDataView(ad, record, ctx);
      out.authenticatorData = { ok: true, value: view };
      checks.push(...view.checks);
    }
  }

  if (parsed.value.kind === 'authentication' && ad) {
    const a = parsed.value.credential.response;
    const view = await assertionView(
      authDataBytes!,
      a.clientDataJSON,
      a.signature,
      a.userHandle,
      cred.id,
      ad.signCount,
      ctx,
    );
    out.assertion = { ok: true, value: view };
    checks.push(
      check(
        'assertion.signature',
        'assertion signature verifies',
        view.verified === true ? 'pass' : view.verified === false ? 'fail' : 'skip',
        view.detail,
        '#sctn-verifying-assertion',
      ),
    );
    if (view.previousSignCount !== undefined && (view.signCount !== 0 || view.previousSignCount !== 0)) {
      const grew = view.signCount > view.previousSignCount;
      checks.push(
        check(
          'assertion.signCount',
          'signCount greater than the last one seen',
          grew ? 'pass' : 'fail',
          `${view.previousSignCount} → ${view.signCount}${grew ? '' : ': a possible cloned authenticator (§6.1.1)'}`,
          '#sctn-sign-counter',
        ),
      );
    }
  }
  return out;
}

/** Remembers what a decoded ceremony teaches about later ones: registered keys and sign counts. */
export function learn(ctx: DecodeContext, d: DecodedCeremony): void {
  const id = d.summary.credentialId;
  if (!id || d.status !== 'ok' || !d.authenticatorData?.ok) return;
  const view = d.authenticatorData.value;
  const key = registeredKeys.get(d);
  if (key)
    ctx.keys.set(id, {
      key,
      source: 'registration in this log',
      backupEligible: view.flags.find((f) => f.name === 'BE')?.set ?? false,
    });
  ctx.signCounts.set(id, view.signCount);
}

/** Decodes a log in order: each assertion sees the registrations and sign counts before it. */
export async function decodeLog(
  records: readonly CeremonyRecord[],
  context: DecodeContext = newDecodeContext(),
): Promise<DecodedCeremony[]> {
  const out: DecodedCeremony[] = [];
  for (const r of records) {
    const d = await decodeCeremony(r, context);
    learn(context, d);
    out.push(d);
  }
  return out;
}
