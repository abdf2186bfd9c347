// decodeCeremony / decodeLog over records built from the spec's test vectors: every section decoded,
// every check of the ceremony itself passing, assertions verified with the key registered earlier in the log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toBase64url } from '../../src/webauthn/base64url.js';
import { fromHex } from '../../src/webauthn/bytes.js';
import { decodeCeremony, decodeLog, residentKeyView } from '../../src/webauthn/decodeCeremony.js';
import type { CeremonyRecord } from '../../src/webauthn/record.js';
import { SPEC_ORIGIN, SPEC_RP_ID, SPEC_TOP_ORIGIN, SPEC_VECTORS } from '../fixtures/spec-vectors.js';

type Part = { readonly [k: string]: string };
type Vector = { id: string; registration: Part; authentication: Part };
const vectors = Object.values(SPEC_VECTORS).filter((v): v is typeof v & Vector => 'registration' in v);
const b64 = (hex: string) => toBase64url(fromHex(hex));

function recordsOf(v: Vector): [CeremonyRecord, CeremonyRecord] {
  const credId = b64(v.registration.credential_id!);
  const cross = JSON.parse(new TextDecoder().decode(fromHex(v.registration.clientDataJSON!))) as {
    crossOrigin?: boolean;
    topOrigin?: string;
  };
  const where = {
    origin: SPEC_ORIGIN,
    url: `${SPEC_ORIGIN}/`,
    crossOrigin: cross.crossOrigin === true,
    topLevel: !cross.crossOrigin,
    ...(cross.topOrigin ? { topOrigin: SPEC_TOP_ORIGIN } : {}),
  };
  const create: CeremonyRecord = {
    id: `${v.id}-create`,
    kind: 'create',
    mode: 'native',
    status: 'ok',
    ...where,
    startTime: 1000,
    endTime: 1250,
    options: {
      rp: { id: SPEC_RP_ID, name: 'Example' },
      user: { id: toBase64url(new TextEncoder().encode('user-1')), name: 'alice@example.org', displayName: 'Alice' },
      challenge: b64(v.registration.challenge!),
      pubKeyCredParams: [
        { type: 'public-key', alg: -7 },
        { type: 'public-key', alg: -257 },
      ],
      authenticatorSelection: { residentKey: 'preferred', requireResidentKey: false, userVerification: 'preferred' },
      attestation: 'direct',
    },
    response: {
      id: credId,
      rawId: credId,
      type: 'public-key',
      authenticatorAttachment: 'cross-platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64(v.registration.clientDataJSON!),
        attestationObject: b64(v.registration.attestationObject!),
        transports: ['usb'],
      },
    },
  };
  const get: CeremonyRecord = {
    id: `${v.id}-get`,
    kind: 'get',
    mode: 'native',
    status: 'ok',
    ...where,
    startTime: 2000,
    endTime: 2100,
    options: {
      challenge: b64(v.authentication.challenge!),
      rpId: SPEC_RP_ID,
      allowCredentials: [{ type: 'public-key', id: credId, transports: ['usb'] }],
    },
    response: {
      id: credId,
      rawId: credId,
      type: 'public-key',
      authenticatorAttachment: 'cross-platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64(v.authentication.clientDataJSON!),
        authenticatorData: b64(v.authentication.authenticatorData!),
        signature: b64(v.authentication.signature!),
      },
    },
  };
  return [create, get];
}

// The vectors' flag bytes are random (auth_data_UV_BE_BS): flag consistency checks may rightly fail.
const ceremonyChecks = (checks: { id: string; status: string }[]) =>
  checks.filter((c) => c.status === 'fail' && !c.id.startsWith('authData.flags'));

for (const v of vectors) {
  test(`${v.id}: registration then authentication decode, checks pass, assertion verified`, async () => {
    const [create, get] = await decodeLog(recordsOf(v));
    assert.ok(create && get);
    assert.deepEqual(create.decodeErrors, []);
    assert.deepEqual(get.decodeErrors, []);
    assert.deepEqual(ceremonyChecks(create.checks), []);
    assert.deepEqual(ceremonyChecks(get.checks), []);
    assert.equal(create.summary.rpId, SPEC_RP_ID);
    assert.equal(create.summary.userName, 'alice@example.org');
    assert.equal(create.summary.durationMs, 250);
    assert.ok(create.options?.ok && create.options.value.type === 'create');
    assert.equal(create.options.value.challenge.hex, v.registration.challenge);
    assert.equal(create.options.value.user.id.utf8, 'user-1');
    assert.deepEqual(
      create.options.value.pubKeyCredParams.map((p) => p.name),
      ['ES256', 'RS256'],
    );
    assert.equal(create.options.value.authenticatorSelection?.residentKey.effective, 'preferred');
    assert.ok(create.clientData?.ok);
    assert.equal(create.clientData.value.value.type, 'webauthn.create');
    assert.ok(create.authenticatorData?.ok);
    const ad = create.authenticatorData.value;
    assert.equal(ad.rpIdHashMatches, true);
    assert.equal(ad.attestedCredentialData?.credentialId.hex, v.registration.credential_id);
    assert.equal(ad.attestedCredentialData?.aaguid.replace(/-/g, ''), v.registration.aaguid);
    assert.ok(ad.attestedCredentialData?.publicKey.cose.length);
    assert.ok(create.attestation?.ok);
    assert.deepEqual(create.responseExtras?.transports, ['usb']);
    assert.ok(get.assertion?.ok);
    const a = get.assertion.value;
    if (v.id === 'packed-ed448') {
      assert.equal(a.verified, undefined, 'Ed448 is not in WebCrypto');
      assert.match(a.detail, /Ed448|cannot be verified/);
    } else {
      assert.equal(a.verified, true, a.detail);
      assert.equal(a.keySource, 'registration in this log');
      assert.ok(get.checks.some((c) => c.id === 'assertion.signature' && c.status === 'pass'));
    }
    if (create.attestation.value.fmt !== 'none' && v.id !== 'packed-ed448') {
      assert.equal(
        create.attestation.value.statement.signature?.verified,
        true,
        create.attestation.value.statement.signature?.detail,
      );
    }
    assert.ok(
      ad.attestedCredentialData?.publicKey.pem?.startsWith('-----BEGIN PUBLIC KEY-----') || v.id === 'packed-ed448',
    );
  });
}

test('an assertion without its registration in the log says so instead of guessing', async () => {
  const [, get] = recordsOf(SPEC_VECTORS.noneEs256 as unknown as Vector);
  const d = await decodeCeremony(get);
  assert.ok(d.assertion?.ok);
  assert.equal(d.assertion.value.verified, undefined);
  assert.match(d.assertion.value.detail, /no public key known/);
  assert.ok(d.assertion.value.signature.r && d.assertion.value.signature.s);
});

test('a tampered assertion or a signCount going backwards fails its check', async () => {
  const [create, get] = recordsOf(SPEC_VECTORS.packedEs256 as unknown as Vector);
  const resp = get.response!.response as { clientDataJSON: string; authenticatorData: string; signature: string };
  const cd = JSON.parse(new TextDecoder().decode(fromHex(SPEC_VECTORS.packedEs256.authentication.clientDataJSON))) as {
    challenge: string;
  };
  const forged = new TextEncoder().encode(JSON.stringify({ ...cd, challenge: 'Zm9yZ2Vk' }));
  const withCount = (n: number): string => {
    const ad = fromHex(SPEC_VECTORS.packedEs256.authentication.authenticatorData);
    new DataView(ad.buffer).setUint32(33, n);
    return toBase64url(ad);
  };
  const variant = (id: string, patch: Record<string, string>): CeremonyRecord => ({
    ...get,
    id,
    response: { ...get.response!, response: { ...resp, ...patch } },
  });
  const [, , tampered, five, three] = await decodeLog([
    create,
    get,
    variant('forged', { clientDataJSON: toBase64url(forged) }),
    variant('five', { authenticatorData: withCount(5) }),
    variant('three', { authenticatorData: withCount(3) }),
  ]);
  assert.ok(tampered?.assertion?.ok);
  assert.equal(tampered.assertion.value.verified, false);
  assert.equal(tampered.checks.find((c) => c.id === 'assertion.signature')?.status, 'fail');
  assert.equal(tampered.checks.find((c) => c.id === 'clientData.challenge')?.status, 'fail');
  assert.equal(five?.checks.find((c) => c.id === 'assertion.signCount')?.status, 'pass');
  assert.ok(three?.assertion?.ok);
  assert.equal(three.assertion.value.previousSignCount, 5);
  assert.equal(three.checks.find((c) => c.id === 'assertion.signCount')?.status, 'fail');
});

test('errors, static calls, pending calls and garbage decode without throwing', async () => {
  const base = {
    origin: 'https://a.example',
    url: 'https://a.example/',
    crossOrigin: false,
    topLevel: true,
    startTime: 1,
    mode: 'native' as const,
  };
  const err = await decodeCeremony({
    ...base,
    id: 'e',
    kind: 'create',
    status: 'error',
    options: { challenge: 'AAAA' },
    error: { name: 'NotAllowedError', message: 'timed out' },
  });
  assert.equal(err.error?.name, 'NotAllowedError');
  assert.equal(err.summary.statusText, 'NotAllowedError');
  assert.ok(err.options && !err.options.ok);
  assert.equal(err.decodeErrors[0]?.section, 'options');
  const st = await decodeCeremony({
    ...base,
    id: 's',
    kind: 'isUserVerifyingPlatformAuthenticatorAvailable',
    status: 'ok',
    result: true,
  });
  assert.deepEqual(st.staticCall, { result: true });
  const pending = await decodeCeremony({
    ...base,
    id: 'p',
    kind: 'get',
    status: 'pending',
    options: { challenge: 'AAAAAAAAAAAAAAAAAAAAAA' },
    mediation: 'conditional',
  });
  assert.ok(pending.options?.ok);
  assert.equal(pending.summary.statusText, 'pending');
  const junk = await decodeCeremony({
    ...base,
    id: 'j',
    kind: 'get',
    status: 'ok',
    options: { challenge: 'AAAA' },
    response: {
      id: 'x',
      rawId: 'x',
      type: 'public-key',
      clientExtensionResults: {},
      response: { clientDataJSON: '!!', authenticatorData: 'AA', signature: 'AA' },
    },
  });
  assert.ok(junk.decodeErrors.length > 0);
  const nothing = await decodeCeremony(null as unknown as CeremonyRecord);
  assert.equal(nothing.decodeErrors[0]?.section, 'record');
});

test('residentKey and requireResidentKey combine as §5.4.4 says', () => {
  assert.equal(residentKeyView(undefined, true).effective, 'required');
  assert.equal(residentKeyView(undefined, undefined).effective, 'discouraged');
  assert.equal(residentKeyView('preferred', true).effective, 'preferred');
  assert.match(residentKeyView('preferred', true).explanation, /conflicts/);
  assert.equal(residentKeyView('bogus', true).effective, 'required');
});
