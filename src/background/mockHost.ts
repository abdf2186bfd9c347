// The mock authenticator's host in the background: one SoftwareAuthenticator over extension storage,
// answering the page's create()/get() for the caller's real origin (from the browser's sender info), and
// the popup's management requests over MOCK_PORT. Nothing here ever sends key material to a page.
import { AttestationCa } from '../authenticator/attestationCa.js';
import { errorRecord } from '../authenticator/errors.js';
import { KeyVault } from '../authenticator/keyVault.js';
import { SoftwareAuthenticator } from '../authenticator/softwareAuthenticator.js';
import type { MockAnswer, MockRequest, MockState } from '../messages.js';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '../webauthn/json.js';
import { indexedDbWrappingKey, StorageCredentialStore, storageAttestationCa } from './mock/extensionStorage.js';
import { connectMockUiPort } from './mock/uiPort.js';
import { promptsFor } from './mock/prompts.js';
import { ceremonyTimeout } from '../authenticator/clientSteps.js';
import { loadSettings, onSettingsChanged, stateFor } from './mock/settings.js';

export interface MockCaller {
  tabId: number;
  frameId: number;
  origin: string;
  topOrigin?: string;
  crossOrigin: boolean;
}

let authenticator: SoftwareAuthenticator | undefined;
let store: StorageCredentialStore | undefined;
/** Built on first use: a worker that never sees a mock call never opens IndexedDB. */
export function mockAuthenticator(): SoftwareAuthenticator {
  if (!authenticator) {
    const vault = new KeyVault(indexedDbWrappingKey());
    store = new StorageCredentialStore();
    authenticator = new SoftwareAuthenticator({
      store,
      vault,
      attestationCa: new AttestationCa(storageAttestationCa, vault),
    });
  }
  return authenticator;
}

/** Writes credential updates still waiting for their batch (the background is about to be unloaded). */
export function flushMockWrites(): void {
  store?.flush();
}

export async function mockStateFor(origin: string): Promise<MockState> {
  return stateFor(await loadSettings(), origin);
}

export async function answerMockRequest(
  request: MockRequest,
  caller: MockCaller,
  signal: AbortSignal,
): Promise<MockAnswer> {
  try {
    const settings = await loadSettings();
    if (!stateFor(settings, caller.origin).enabled) {
      return {
        ok: false,
        error: { name: 'NotAllowedError', message: `The mock authenticator is off for ${caller.origin}.` },
      };
    }
    const profile = settings.profiles.find((p) => p.id === settings.activeProfileId) ?? settings.profiles[0]!;
    const options = (request.options ?? {}) as { timeout?: unknown };
    const timeoutMs = request.mediation === 'conditional' ? Infinity : ceremonyTimeout(options.timeout);
    const ctx = {
      prompts: promptsFor({ tabId: caller.tabId, origin: caller.origin }, settings.presence, timeoutMs),
      origin: caller.origin,
      crossOrigin: caller.crossOrigin,
      ...(caller.topOrigin ? { topOrigin: caller.topOrigin } : {}),
      profile,
      profiles: settings.profiles,
      signal,
      ...(request.mediation ? { mediation: request.mediation } : {}),
      ...(settings.failure !== 'none' ? { failure: settings.failure } : {}),
    };
    const a = mockAuthenticator();
    const credential =
      request.kind === 'create'
        ? await a.create(request.options as PublicKeyCredentialCreationOptionsJSON, ctx)
        : await a.get(request.options as PublicKeyCredentialRequestOptionsJSON, ctx);
    return { ok: true, credential, clientExtensionResults: credential.clientExtensionResults };
  } catch (e) {
    return { ok: false, error: errorRecord(e) };
  }
}

export function onMockStateChanged(listener: () => void): void {
  onSettingsChanged(listener);
}

export function connectMockUi(port: chrome.runtime.Port): void {
  connectMockUiPort(port, mockAuthenticator);
}
