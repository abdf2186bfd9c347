// decodeCeremony: one recorded ceremony (options + response or error) into the view the panel shows,
// with every check. decodeLog does a whole log in order, so an assertion is verified with the key of a
// registration recorded before it and its signCount compared with the last one seen.
import { authenticatorModel } from './aaguid.js';
import { errorHints } from './errorHints.js';
import { decodeAttestationStatement } from './attestation/formats.js';
import { algorithmName, coseAlgorithm, COSE_CURVES, webCryptoParams } from './algorithms.js';
import { authenticatorDataChecks, type AuthenticatorData } from './authenticatorData.js';
import { describeFlags } from './authenticatorFlags.js';
import { fromBase64url, toBase64url } from './base64url.js';
import { printableUtf8, sha256, toHex } from './bytes.js';
import { cborToJson, type JsonValue } from './cborItem.js';
import { check, type Check } from './check.js';
import { isOnCurve } from './ecPoint.js';
import { clientDataChecks } from './clientData.js';
import { coseKeyToJwk, coseKeyToSpki, coseVerifyKey, importParamsFor, spkiToPem, type CoseKey } from './cose.js';
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
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from './json.js';
import type { CreationOptions, ParsedResponse, PublicKeyCredentialDescriptor, RequestOptions } from './options.js';
import { parseCeremony, rememberSignCount, type ParsedCeremony } from './parsedCeremony.js';
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

function descriptorViews(list: readonly PublicKeyCredentialDescriptor[] | undefined): DescriptorView[] {
  return (list ?? []).map((d) => ({
    type: d.type,
    id: binaryView(d.id),
    ...(Array.isArray(d.transports) ? { transports: d.transports } : {}),
  }));
}

/** The view of options that passed the JSON check; extension inputs are shown as recorded (JSON). */
function creationOptionsView(o: CreationOptions, json: Record<string, unknown>): CreationOptionsView {
  const sel = o.authenticatorSelection;
  return {
    type: 'create',
    rp: {
      ...(o.rp.id !== undefined ? { id: o.rp.id } : {}),
      ...(o.rp.name !== undefined ? { name: o.rp.name } : {}),
    },
    user: { id: binaryView(o.user.id), name: o.user.name, displayName: o.user.displayName },
    challenge: binaryView(o.challenge),
    pubKeyCredParams: o.pubKeyCredParams.map((p): AlgorithmParamView => {
      const a = coseAlgorithm(p.alg);
      return {
        type: p.type,
        alg: p.alg,
        name: algorithmName(p.alg),
        ...(a ? { description: a.description } : {}),
        webCrypto: !!webCryptoParams(p.alg, a?.crv ?? (p.alg === -8 ? 6 : undefined)),
      };
    }),
    ...(o.timeout !== undefined ? { timeout: o.timeout } : {}),
    excludeCredentials: descriptorViews(o.excludeCredentials),
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
    ...(o.hints ? { hints: o.hints } : {}),
    ...(o.attestation !== undefined ? { attestation: o.attestation } : {}),
    ...(o.attestationFormats ? { attestationFormats: o.attestationFormats } : {}),
    ...(json.extensions ? { extensions: jsonObject(json.extensions) ?? {} } : {}),
    other: others(json, OPTION_MEMBERS.create),
  };
}

function requestOptionsView(o: RequestOptions, json: Record<string, unknown>): RequestOptionsView {
  return {
    type: 'get',
    challenge: binaryView(o.challenge),
    ...(o.timeout !== undefined ? { timeout: o.timeout } : {}),
    ...(o.rpId !== undefined ? { rpId: o.rpId } : {}),
    allowCredentials: descriptorViews(o.allowCredentials),
    ...(o.userVerification !== undefined ? { userVerification: o.userVerification } : {}),
    ...(o.hints ? { hints: o.hints } : {}),
    ...(json.extensions ? { extensions: jsonObject(json.extensions) ?? {} } : {}),
    other: others(json, OPTION_MEMBERS.get),
  };
}

function optionsSection(p: ParsedCeremony): Section<OptionsView> | undefined {
  const parsed = p.options;
  if (!parsed) return undefined;
  if (!parsed.ok) return failed(parsed.error, p.record.options);
  const json = p.record.options as Record<string, unknown>;
  return {
    ok: true,
    value:
      p.kind === 'create'
        ? creationOptionsView(parsed.value as CreationOptions, json)
        : requestOptionsView(parsed.value as RequestOptions, json),
  };
}

/** Why the key is not well formed, or undefined: a point on its curve, or else what WebCrypto says of it. */
async function keyRejected(key: CoseKey): Promise<string | undefined> {
  const onCurve = key.crv !== undefined && key.x && key.y ? isOnCurve(key.crv, key.x, key.y) : undefined;
  if (onCurve !== undefined) return onCurve ? undefined : 'the public key is not a point on its curve';
  const params = importParamsFor(key);
  if (!params) return undefined;
  return coseVerifyKey(key, params).then(
    () => undefined,
    (e: unknown) => `WebCrypto rejected the public key: ${e instanceof Error ? e.message : String(e)}`,
  );
}

async function publicKeyView(key: CoseKey): Promise<PublicKeyView> {
  const jwk = coseKeyToJwk(key);
  const spki = await coseKeyToSpki(key);
  const conversionError = !jwk.ok ? jwk.error.what : !spki.ok ? spki.error.what : await keyRejected(key);
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
  p: ParsedCeremony,
  ctx: DecodeContext,
): Promise<AuthenticatorDataView> {
  const { record, rpId } = p;
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

function summaryOf(
  record: CeremonyRecord,
  rpId: string | undefined,
  parsed: ParsedResponse | undefined,
): CeremonySummary {
  const o = record.options as { user?: { name?: unknown } } | undefined;
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
    summary: summaryOf(record, record.origin ? defaultRpId(record.origin) : undefined, undefined),
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
  const p = parseCeremony(record)!;
  out.summary = summaryOf(record, p.rpId, undefined);
  const options = note('options', optionsSection(p));
  if (options) out.options = options;
  if (record.error) out.error = { name: record.error.name, message: record.error.message, hints: errorHints(record) };
  if (!record.response) return out;

  const parsed = p.response!;
  if (!parsed.ok) {
    note('response', failed(parsed.error, record.response));
    return out;
  }
  out.summary = summaryOf(record, p.rpId, parsed.value);
  const cred = parsed.value.credential;
  const r = cred.response;

  // Client data
  const cd = p.clientDataResult!;
  if (!cd.ok)
    out.clientData = note('clientData', failed<ClientDataView>(cd.error, new TextDecoder().decode(r.clientDataJSON)));
  else {
    const expectedChallenge = (record.options as { challenge?: unknown } | undefined)?.challenge;
    // Without options (a record whose options were not kept, a pasted response alone) all but the challenge is
    // still checked against what the browser, or the developer, said of the call.
    const cdChecks = clientDataChecks(cd.value, {
      ceremony: record.kind,
      ...(typeof expectedChallenge === 'string' ? { expectedChallenge } : {}),
      ...(record.origin ? { origin: record.origin } : {}),
      ...(record.topOrigin ? { topOrigin: record.topOrigin } : {}),
      crossOrigin: record.crossOrigin,
    });
    const challenge = binaryFromJson(cd.value.challenge);
    out.clientData = { ok: true, value: { value: cd.value, ...(challenge ? { challenge } : {}), checks: cdChecks } };
    checks.push(...cdChecks);
  }

  // The attestation statement and the authenticator data are decoded side by side: their WebCrypto work runs
  // on the crypto threads while the other's parsing runs here.
  const authDataView =
    p.authDataResult?.ok === true ? authenticatorDataView(p.authDataResult.value, p, ctx) : undefined;
  // Authenticator data: from the attestation object on create, from the response on get.
  if (parsed.value.kind === 'registration') {
    const attResp = parsed.value.credential.response;
    const ao = p.attestationObject!;
    if (!ao.ok)
      out.attestation = note('attestation', failed(ao.error, record.response.response.attestationObject as string));
    else {
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
  }
  out.responseExtras = {
    ...out.responseExtras,
    authenticatorAttachment: cred.authenticatorAttachment ?? null,
    clientExtensionResults: asJson(record.response.clientExtensionResults ?? {}),
  };

  const authDataBytes = p.authDataBytes;
  let ad: AuthenticatorData | undefined;
  if (authDataBytes) {
    const decoded = p.authDataResult!;
    if (!decoded.ok)
      out.authenticatorData = note(
        'authenticatorData',
        failed<AuthenticatorDataView>(decoded.error, toHex(authDataBytes)),
      );
    else {
      ad = decoded.value;
      const view = await authDataView!;
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
  const p = parseCeremony(d.record);
  const id = d.summary.credentialId;
  if (!p || !id || d.status !== 'ok' || !p.authData) return;
  const acd = p.authData.attestedCredentialData;
  if (acd)
    ctx.keys.set(id, {
      key: acd.credentialPublicKey,
      source: 'registration in this log',
      backupEligible: p.authData.flags.BE,
    });
  rememberSignCount(ctx.signCounts, p);
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
