// The mock authenticator's host in the worker: one SoftwareAuthenticator over extension storage, answering a
// frame's create()/get() for the caller's real origin (from the browser's sender info). Nothing here ever
// sends key material to a page.
import { AttestationCa } from '../../authenticator/attestationCa.js';
import { promptTimeout } from '../../authenticator/clientSteps.js';
import { KeyVault } from '../../authenticator/keyVault.js';
import { SoftwareAuthenticator } from '../../authenticator/softwareAuthenticator.js';
import type {
  MockCallRequest,
  MockCredential,
  MockReply,
  MockRequest,
  MockSignalRequest,
  SignalOutcome,
} from '../../messages.js';
import { applySignal } from '../../authenticator/signals.js';
import { recordedError } from '../../webauthn/record.js';
import type { Caller } from '../senderInfo.js';
import { checkCrossOriginCall } from './crossOriginPolicy.js';
import { relatedRpId } from './relatedOrigins.js';
import { promptsFor } from './prompts.js';
import { virtualContext, reportCeremony, reportSignal, signalReach } from './automation.js';
import { activeProfile, answeringSettings, mockAnswers } from './settings.js';
import { handTampering, handTamperingDone } from './handTampering.js';
import { indexedDbAttestationCa, IndexedDbCredentialStore, indexedDbWrappingKey } from './storage.js';

let authenticator: SoftwareAuthenticator | undefined;

/** Built on first use: a worker that never sees a mock call never opens IndexedDB. */
export function mockAuthenticator(): SoftwareAuthenticator {
  if (!authenticator) {
    const vault = new KeyVault(indexedDbWrappingKey());
    authenticator = new SoftwareAuthenticator({
      store: new IndexedDbCredentialStore(),
      vault,
      attestationCa: new AttestationCa(indexedDbAttestationCa, vault),
    });
  }
  return authenticator;
}

/** A frame's request answered: a call's credential or a signal's changes, or a throw named as the browser names it. */
export function answerMockRequest(request: MockRequest, caller: Caller, signal: AbortSignal): Promise<MockReply> {
  return request.type === 'mock/signal' ? answerSignal(request, caller) : answerCall(request, caller, signal);
}

/** A signal applied to the credentials of the caller's RP ID (the attached virtual authenticators' only). */
async function answerSignal(request: MockSignalRequest, caller: Caller): Promise<SignalOutcome> {
  try {
    const settings = await answeringSettings();
    if (!mockAnswers(settings, caller.origin).enabled) {
      throw new DOMException(`The mock authenticator is off for ${caller.origin}.`, 'NotAllowedError');
    }
    const a = mockAuthenticator();
    const within = await signalReach();
    // Deleted credentials are gone from the store when the events are sent: keep what they were. Only a test
    // suite (attached: `within`) gets events, so only then is the RP's list copied.
    const rpId = (request.argument as { rpId?: unknown } | null)?.rpId;
    const before = new Map(within && typeof rpId === 'string' ? (await a.store.list(rpId)).map((c) => [c.id, c]) : []);
    const outcome = await applySignal(a.store, request.name, request.argument, caller, {
      unknownCredential: within ? 'delete' : settings.unknownCredential,
      ...(within ? { within } : {}),
    });
    // Queued now, so that the events keep the order of what happened.
    if (outcome.changes.length) void reportSignal(a, outcome.changes, before);
    return outcome;
  } catch (e) {
    throw recordedError(e);
  }
}

async function answerCall(request: MockCallRequest, caller: Caller, signal: AbortSignal): Promise<MockCredential> {
  try {
    const settings = await answeringSettings();
    // The settings may have changed since the frame was told the mock answers it.
    if (!mockAnswers(settings, caller.origin).enabled) {
      throw new DOMException(`The mock authenticator is off for ${caller.origin}.`, 'NotAllowedError');
    }
    await checkCrossOriginCall(caller, request.kind);
    const o = request.options as { rp?: { id?: unknown }; rpId?: unknown };
    const related = await relatedRpId(caller.origin, request.kind === 'create' ? o.rp?.id : o.rpId);
    const a = mockAuthenticator();
    const timeoutMs = request.mediation === 'conditional' ? Infinity : promptTimeout(request.options.timeout);
    // While a test suite drives virtual authenticators, they answer instead of the user's profiles (and its
    // tamperNext, not the popup's tampering, applies).
    const virtual = await virtualContext(request, caller, a, signal);
    const hand = virtual ? undefined : handTampering(settings, request.kind);
    const ctx = {
      prompts: promptsFor({ tabId: caller.tabId, origin: caller.origin }, settings.presence, timeoutMs),
      origin: caller.origin,
      crossOrigin: caller.crossOrigin,
      ...(caller.topOrigin ? { topOrigin: caller.topOrigin } : {}),
      ...(related ? { relatedRpId: related } : {}),
      profile: activeProfile(settings),
      profiles: settings.profiles,
      signal,
      ...(request.mediation ? { mediation: request.mediation } : {}),
      ...(settings.failure !== 'none' ? { failure: settings.failure } : {}),
      ...(hand ? { tamper: hand } : {}),
      ...virtual,
    };
    let clientDataJSON: string | undefined;
    try {
      const credential =
        request.kind === 'create' ? await a.create(request.options, ctx) : await a.get(request.options, ctx);
      clientDataJSON = credential.response.clientDataJSON;
      // Queued now, so that a later command's event cannot overtake it; reading the store and opening the key
      // are asynchronous and do not hold the answer.
      if (ctx.holders) void reportCeremony(a, request.kind, credential.id);
      return { credential, clientExtensionResults: credential.clientExtensionResults };
    } finally {
      // Before the page has the answer, so that its record finds the mark.
      if (hand)
        await handTamperingDone(
          hand,
          clientDataJSON === undefined ? undefined : { tabId: caller.tabId, clientDataJSON },
        );
    }
  } catch (e) {
    throw recordedError(e);
  }
}
