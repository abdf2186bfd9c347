// What an authenticator's capabilities give a page, case by case: one the user touches that lacks a resident
// key or user verification (Chromium fails such a ceremony at the touch, it does not wait out the timeout),
// credProps where CTAP 2.0 cannot tell, an algorithm no authenticator has, and credBlob. The expected
// outcomes are those of Chromium's virtual authenticator under the same options, which the Playwright +
// Chromium file checks against CDP in the same run; every set-up checks the mock against them.
import type { AuthenticatorOptions } from 'webauthn-devtools/automation';

export type CapabilityProbe =
  'create-rk-required' | 'get-uv-required' | 'credprops-discouraged' | 'alg-42' | 'credblob';

export interface CapabilityCase {
  name: string;
  authenticator: AuthenticatorOptions;
  probe: CapabilityProbe;
  /** A DOMException's name, or the client extension results (ArrayBuffers as "bytes:<base64>"). */
  expected: unknown;
}

const BLOB = `bytes:${Buffer.alloc(16, 7).toString('base64')}`;

export const CAPABILITY_CASES: readonly CapabilityCase[] = [
  {
    name: 'U2F key, residentKey required',
    authenticator: { protocol: 'ctap1/u2f', transport: 'usb' },
    probe: 'create-rk-required',
    expected: 'NotAllowedError',
  },
  {
    name: 'CTAP 2.1 key without resident keys, residentKey required',
    authenticator: { protocol: 'ctap2_1', transport: 'usb', hasResidentKey: false },
    probe: 'create-rk-required',
    expected: 'NotAllowedError',
  },
  {
    name: 'U2F key, userVerification required in get()',
    authenticator: { protocol: 'ctap1/u2f', transport: 'usb' },
    probe: 'get-uv-required',
    expected: 'NotAllowedError',
  },
  {
    name: 'CTAP 2.0 key with resident keys, credProps of a discouraged resident key',
    authenticator: { protocol: 'ctap2', transport: 'usb', hasResidentKey: true },
    probe: 'credprops-discouraged',
    expected: { credProps: {} },
  },
  {
    name: 'CTAP 2.1 key with resident keys, credProps of a discouraged resident key',
    authenticator: { protocol: 'ctap2_1', transport: 'usb', hasResidentKey: true },
    probe: 'credprops-discouraged',
    expected: { credProps: { rk: false } },
  },
  {
    name: 'only algorithm 42',
    authenticator: { protocol: 'ctap2', transport: 'usb' },
    probe: 'alg-42',
    expected: 'NotAllowedError',
  },
  {
    name: 'credBlob stored and read back',
    authenticator: { protocol: 'ctap2_1', transport: 'usb', extensions: ['credBlob'] },
    probe: 'credblob',
    expected: { create: { credBlob: true }, get: { getCredBlob: BLOB } },
  },
  {
    name: 'credBlob on a key without it',
    authenticator: { protocol: 'ctap2_1', transport: 'usb' },
    probe: 'credblob',
    expected: { create: { credBlob: false }, get: { getCredBlob: 'bytes:' } },
  },
];

/** Runs one probe in the page (evaluated there: self-contained); the outcome as CapabilityCase.expected. */
export async function capabilityProbeInPage(probe: CapabilityProbe): Promise<unknown> {
  const b64 = (b: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(b)));
  const plain = (ext: AuthenticationExtensionsClientOutputs) =>
    JSON.parse(JSON.stringify(ext, (_, v) => (v instanceof ArrayBuffer ? `bytes:${b64(v)}` : v)));
  // Ten minutes: a browser that waited for the timeout would outlast the test.
  const timeout = 600_000;
  const create = (alg: number, selection: object, extensions: object) =>
    navigator.credentials.create({
      publicKey: {
        rp: { id: location.hostname, name: 'Capabilities' },
        user: { id: crypto.getRandomValues(new Uint8Array(8)), name: 'caps', displayName: 'Caps' },
        challenge: crypto.getRandomValues(new Uint8Array(32)),
        pubKeyCredParams: [{ type: 'public-key', alg }],
        authenticatorSelection: selection,
        extensions,
        timeout,
      } as PublicKeyCredentialCreationOptions,
    }) as Promise<PublicKeyCredential>;
  const get = (id: BufferSource, extra: object) =>
    navigator.credentials.get({
      publicKey: {
        challenge: crypto.getRandomValues(new Uint8Array(32)),
        allowCredentials: [{ type: 'public-key', id }],
        timeout,
        ...extra,
      } as PublicKeyCredentialRequestOptions,
    }) as Promise<PublicKeyCredential>;
  try {
    switch (probe) {
      case 'create-rk-required':
        return plain((await create(-7, { residentKey: 'required' }, {})).getClientExtensionResults());
      case 'get-uv-required':
        return plain((await get(new Uint8Array(16), { userVerification: 'required' })).getClientExtensionResults());
      case 'credprops-discouraged':
        return plain(
          (await create(-7, { residentKey: 'discouraged' }, { credProps: true })).getClientExtensionResults(),
        );
      case 'alg-42':
        return plain((await create(42, {}, {})).getClientExtensionResults());
      case 'credblob': {
        const c = await create(-7, {}, { credBlob: new Uint8Array(16).fill(7) });
        const a = await get(c.rawId, { extensions: { getCredBlob: true } });
        return { create: plain(c.getClientExtensionResults()), get: plain(a.getClientExtensionResults()) };
      }
    }
  } catch (e) {
    return (e as Error).name;
  }
}
