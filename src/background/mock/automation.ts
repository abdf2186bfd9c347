// The automation control channel: the Node library's commands (AUTOMATION_COMMANDS in src/messages.ts) from
// its control page, the virtual authenticators they make, the ceremony context the mock answers with while
// any exist, and the events a test listens to. The authenticators are kept in IndexedDB, so a worker that
// restarts in the middle of a suite keeps them. Only extension pages may connect: no web page, and no
// content script, can add, read or remove anything here.
import type { CeremonyContext, UserPrompts } from '../../authenticator/ceremonyContext.js';
import { AUTO_PROMPTS } from '../../authenticator/ceremonyContext.js';
import { ceremonyTimeout } from '../../authenticator/clientSteps.js';
import { publicKeyOfPkcs8 } from '../../authenticator/credentialKeys.js';
import type { StoredCredential } from '../../authenticator/credentialStore.js';
import { ceremonyError, sleep } from '../../authenticator/errors.js';
import type { SoftwareAuthenticator } from '../../authenticator/softwareAuthenticator.js';
import { TAMPERINGS, type TamperChange } from '../../authenticator/tamperings.js';
import {
  AutomationArgumentError,
  chooseVirtualAuthenticator,
  touchedButIncapable,
  parseAuthenticatorOptions,
  parseCredentialProperties,
  parseVirtualCredential,
  virtualProfile,
  VIRTUAL_ID_PREFIX,
  type VirtualAuthenticator,
  type VirtualCredential,
} from '../../authenticator/virtualAuthenticators.js';
import {
  AUTOMATION_COMMANDS,
  type AutomationCommand,
  type AutomationCommandName,
  type AutomationEvent,
  type AutomationEventName,
  type MockCallRequest,
  type SignalChange,
  type WorkerToBridge,
  type WorkerToControl,
} from '../../messages.js';
import { rpcServer } from '../../rpc.js';
import { base64urlToBytes, toBase64url } from '../../webauthn/base64url.js';
import { isRecord } from '../../webauthn/json.js';
import type { CeremonyRecord } from '../../webauthn/record.js';
import { snapshot } from '../recorder/tabLog.js';
import { fromExtensionPage, type Caller } from '../senderInfo.js';
import { read, STORES, write } from './mockDatabase.js';
import { answerPrompt, pendingPrompts, promptsFor } from './prompts.js';
import { settingsChanged, watchAutomation } from './settings.js';

const KEY = 'automation';
/** The last tampering each authenticator applied, with what it changed (the scan's evidence). */
const lastTampering = new Map<string, { id: string; ceremony: string; changes: TamperChange[] }>();
let authenticators: Promise<VirtualAuthenticator[]> | undefined;
const controls = new Set<(e: AutomationEvent) => void>();

export function virtualAuthenticators(): Promise<VirtualAuthenticator[]> {
  authenticators ??= read<VirtualAuthenticator[]>(STORES.state, KEY).then((v) => v ?? []);
  authenticators.catch(() => (authenticators = undefined));
  return authenticators;
}
watchAutomation(
  async () => (await virtualAuthenticators()).map((a) => virtualProfile(a.authenticatorId, a.options)),
  () => controls.size > 0,
);

async function save(list: VirtualAuthenticator[]): Promise<void> {
  const wasActive = (await virtualAuthenticators()).length > 0;
  await write(STORES.state, (s) => s.put(list, KEY));
  authenticators = Promise.resolve(list);
  // The first authenticator turns the mock on everywhere; removing the last gives the user's settings back.
  if (wasActive !== list.length > 0) await settingsChanged();
}

/**
 * Events leave in the order of what caused them: each is queued as its cause completes, and waits for those
 * queued before it (a ceremony's event reads the store and opens the key; a later command's must not overtake it).
 */
let eventQueue: Promise<unknown> = Promise.resolve();
function inOrder(work: () => Promise<void> | void): Promise<void> {
  const next = eventQueue.then(work).catch(() => undefined);
  eventQueue = next;
  return next;
}

function emit(name: AutomationEventName, authenticatorId: string, credential: VirtualCredential): void {
  const event: AutomationEvent = { type: 'automation/event', name, params: { authenticatorId, credential } };
  for (const send of controls) send(event);
}

const noSuchAuthenticator = (id: unknown): never => {
  throw new AutomationArgumentError('authenticatorId', `no virtual authenticator ${JSON.stringify(id)}`);
};

async function authenticatorOf(id: unknown): Promise<VirtualAuthenticator> {
  return (await virtualAuthenticators()).find((a) => a.authenticatorId === id) ?? noSuchAuthenticator(id);
}

async function toVirtualCredential(a: SoftwareAuthenticator, c: StoredCredential): Promise<VirtualCredential> {
  return virtualCredentialOf(c, (await a.vault.open(c.secret, { credentialId: c.id, rpId: c.rpId })).pkcs8);
}

function virtualCredentialOf(c: StoredCredential, pkcs8: Uint8Array): VirtualCredential {
  return {
    credentialId: c.id,
    isResidentCredential: c.discoverable,
    rpId: c.rpId,
    privateKey: toBase64url(pkcs8),
    ...(c.userHandle ? { userHandle: c.userHandle } : {}),
    signCount: c.signCount,
    ...(c.largeBlob !== undefined ? { largeBlob: c.largeBlob } : {}),
    backupEligibility: c.backupEligible,
    backupState: c.backupState,
    userName: c.userName,
    userDisplayName: c.userDisplayName,
  };
}

async function credentialsOf(a: SoftwareAuthenticator, authenticatorId: string): Promise<StoredCredential[]> {
  return (await a.store.list()).filter((c) => c.profileId === authenticatorId);
}

async function credentialOf(
  a: SoftwareAuthenticator,
  va: VirtualAuthenticator,
  id: unknown,
): Promise<StoredCredential> {
  const c = typeof id === 'string' ? await a.store.get(id) : undefined;
  if (!c || c.profileId !== va.authenticatorId)
    throw new AutomationArgumentError('credentialId', `no credential ${JSON.stringify(id)} on ${va.authenticatorId}`);
  return c;
}

async function addCredential(a: SoftwareAuthenticator, va: VirtualAuthenticator, input: unknown): Promise<void> {
  const v = parseVirtualCredential(input);
  const profile = virtualProfile(va.authenticatorId, va.options);
  if (v.isResidentCredential && !profile.residentKeys)
    throw new AutomationArgumentError('credential.isResidentCredential', `${va.authenticatorId} has no resident keys`);
  const existing = await a.store.get(v.credentialId);
  if (existing && existing.profileId !== va.authenticatorId)
    throw new AutomationArgumentError('credential.credentialId', 'is taken by another authenticator');
  const pkcs8 = base64urlToBytes(v.privateKey);
  let key: Awaited<ReturnType<typeof publicKeyOfPkcs8>>;
  try {
    key = await publicKeyOfPkcs8(pkcs8);
  } catch (e) {
    throw new AutomationArgumentError('credential.privateKey', e instanceof Error ? e.message : String(e));
  }
  const backupEligible = v.backupEligibility ?? profile.backupEligible;
  const stored: StoredCredential = {
    id: v.credentialId,
    rpId: v.rpId,
    userHandle: v.userHandle ?? '',
    userName: v.userName ?? '',
    userDisplayName: v.userDisplayName ?? '',
    alg: key.alg,
    publicKey: toBase64url(key.cosePublicKey),
    spki: toBase64url(key.spki),
    discoverable: v.isResidentCredential,
    signCount: v.signCount,
    profileId: va.authenticatorId,
    aaguid: profile.aaguid,
    transports: [...profile.transports],
    attachment: profile.attachment,
    backupEligible,
    backupState: backupEligible && (v.backupState ?? profile.backupState),
    credProtect: 1,
    largeBlobSupported: v.isResidentCredential && profile.extensions.largeBlob,
    ...(v.largeBlob !== undefined ? { largeBlob: v.largeBlob } : {}),
    createdAt: a.now(),
    secret: await a.vault.seal(
      { pkcs8, prfSecret: crypto.getRandomValues(new Uint8Array(32)) },
      { credentialId: v.credentialId, rpId: v.rpId },
    ),
  };
  a.forget(stored.id);
  await a.store.put(stored);
  await inOrder(() => emit('credentialAdded', va.authenticatorId, virtualCredentialOf(stored, pkcs8)));
}

async function removeCredential(
  a: SoftwareAuthenticator,
  va: VirtualAuthenticator,
  c: StoredCredential,
): Promise<void> {
  const gone = await toVirtualCredential(a, c);
  await a.deleteCredential(c.id);
  await inOrder(() => emit('credentialDeleted', va.authenticatorId, gone));
}

async function setOption(id: unknown, field: 'isUserVerified' | 'isUserConsenting', value: unknown): Promise<void> {
  if (typeof value !== 'boolean') throw new AutomationArgumentError(field, 'must be a boolean');
  const list = await virtualAuthenticators();
  const va = await authenticatorOf(id);
  await save(list.map((x) => (x === va ? { ...x, options: { ...x.options, [field]: value } } : x)));
}

type Handler = (a: SoftwareAuthenticator, args: unknown[]) => Promise<unknown>;

const COMMANDS: Record<AutomationCommandName, Handler> = {
  async eventsSent() {
    await eventQueue;
    return null;
  },
  async addVirtualAuthenticator(_, [options]) {
    const parsed = parseAuthenticatorOptions(options);
    const authenticatorId = `${VIRTUAL_ID_PREFIX}${toBase64url(crypto.getRandomValues(new Uint8Array(9)))}`;
    await save([...(await virtualAuthenticators()), { authenticatorId, options: parsed }]);
    return authenticatorId;
  },
  async removeVirtualAuthenticator(a, [id]) {
    const va = await authenticatorOf(id);
    for (const c of await credentialsOf(a, va.authenticatorId)) await a.deleteCredential(c.id);
    await save((await virtualAuthenticators()).filter((x) => x !== va));
    return null;
  },
  async addCredential(a, [id, credential]) {
    await addCredential(a, await authenticatorOf(id), credential);
    return null;
  },
  async getCredentials(a, [id]) {
    const va = await authenticatorOf(id);
    return Promise.all((await credentialsOf(a, va.authenticatorId)).map((c) => toVirtualCredential(a, c)));
  },
  async removeCredential(a, [id, credentialId]) {
    const va = await authenticatorOf(id);
    await removeCredential(a, va, await credentialOf(a, va, credentialId));
    return null;
  },
  async removeAllCredentials(a, [id]) {
    const va = await authenticatorOf(id);
    for (const c of await credentialsOf(a, va.authenticatorId)) await removeCredential(a, va, c);
    return null;
  },
  async setUserVerified(_, [id, value]) {
    await setOption(id, 'isUserVerified', value);
    return null;
  },
  async setUserConsenting(_, [id, value]) {
    await setOption(id, 'isUserConsenting', value);
    return null;
  },
  async setCredentialProperties(a, [id, credentialId, properties]) {
    const va = await authenticatorOf(id);
    const c = await credentialOf(a, va, credentialId);
    const p = parseCredentialProperties(properties);
    const backupEligible = p.backupEligibility ?? c.backupEligible;
    const updated: StoredCredential = {
      ...c,
      backupEligible,
      backupState: p.backupState ?? c.backupState,
      signCount: p.signCount ?? c.signCount,
    };
    await a.store.put(updated);
    const event = await toVirtualCredential(a, updated);
    await inOrder(() => emit('credentialUpdated', va.authenticatorId, event));
    return null;
  },
  async exportCredentials(a, [id]) {
    const va = await authenticatorOf(id);
    return Promise.all((await credentialsOf(a, va.authenticatorId)).map((c) => toVirtualCredential(a, c)));
  },
  async importCredentials(a, [id, credentials]) {
    const va = await authenticatorOf(id);
    if (!Array.isArray(credentials)) throw new AutomationArgumentError('credentials', 'must be a list');
    for (const [i, c] of credentials.entries()) {
      try {
        await addCredential(a, va, c);
      } catch (e) {
        throw new AutomationArgumentError(`credentials[${i}]`, e instanceof Error ? e.message : String(e));
      }
    }
    return credentials.length;
  },
  async chooseCredential(_, [credentialId]) {
    const waiting = pendingPrompts().find(
      (p) => p.kind === 'conditional' && p.candidates.some((c) => c.id === credentialId),
    );
    if (!waiting || !answerPrompt(waiting.id, credentialId as string))
      throw new AutomationArgumentError('credentialId', 'no pending conditional get() offers that credential');
    return null;
  },
  async tamperNext(_, [id, tamperingId, ceremony]) {
    const va = await authenticatorOf(id);
    if (ceremony !== undefined && ceremony !== 'create' && ceremony !== 'get')
      throw new AutomationArgumentError('ceremony', 'must be "create" or "get"');
    const t = TAMPERINGS.find((x) => x.id === tamperingId && (ceremony === undefined || x.ceremony === ceremony));
    if (!t)
      throw new AutomationArgumentError('tampering', `no tampering ${JSON.stringify(tamperingId)} in the catalogue`);
    const list = await virtualAuthenticators();
    await save(list.map((x) => (x === va ? { ...x, tamperNext: { id: t.id, ceremony: t.ceremony } } : x)));
    return null;
  },
  async attestationRoot(a) {
    return a.attestationCa.rootCertificatePem();
  },
  async lastTampering(_, [id]) {
    return lastTampering.get((await authenticatorOf(id)).authenticatorId) ?? null;
  },
  async ceremonies(_, [url]) {
    if (url !== undefined && typeof url !== 'string') throw new AutomationArgumentError('url', 'must be a string');
    const tabs = (await chrome.tabs.query({})).filter(
      (t) => t.id !== undefined && (url === undefined || (t.url ?? '').startsWith(url)),
    );
    // Records still queued in a frame (they wait for a pause in its calls) are sent first.
    await Promise.all(
      tabs.map((t) =>
        chrome.tabs.sendMessage(t.id!, { type: 'log/flush' } satisfies WorkerToBridge).catch(() => undefined),
      ),
    );
    const out: CeremonyRecord[] = [];
    for (const t of tabs) out.push(...(await snapshot(t.id!)));
    return out;
  },
};

const isCommand = (b: unknown): b is AutomationCommand =>
  isRecord(b) &&
  b.type === 'automation/command' &&
  typeof b.command === 'string' &&
  (AUTOMATION_COMMANDS as readonly string[]).includes(b.command) &&
  Array.isArray(b.args);

export function connectAutomation(port: chrome.runtime.Port, authenticator: () => SoftwareAuthenticator): void {
  if (!fromExtensionPage(port)) {
    port.disconnect();
    return;
  }
  const send = (m: WorkerToControl) => {
    try {
      port.postMessage(m);
    } catch {
      // The control page closed.
    }
  };
  const server = rpcServer(isCommand, (c) => COMMANDS[c.command](authenticator(), c.args), send);
  port.onMessage.addListener((m: unknown) => server.receive(m));
  controls.add(send);
  // While a suite is attached the mock's page script stays in every page, so that authenticators added and
  // removed for each test cost no script injection; it goes with the last control page.
  if (controls.size === 1) void settingsChanged();
  port.onDisconnect.addListener(() => {
    controls.delete(send);
    server.abortAll(undefined);
    if (controls.size === 0) void settingsChanged();
  });
}

/** The prompts of a virtual authenticator: a user who consents or never does, and conditional picks from code. */
function virtualPrompts(va: VirtualAuthenticator, caller: Caller, timeoutMs: number): UserPrompts {
  const conditional = promptsFor({ tabId: caller.tabId, origin: caller.origin }, 'auto', Infinity);
  return {
    // A user who does not consent lets the ceremony run out of time, as Chromium's virtual authenticator does.
    confirmPresence: async (_, signal) => va.options.isUserConsenting || sleep(timeoutMs, signal).then(() => false),
    chooseAccount: (p, signal) => (p.conditional ? conditional : AUTO_PROMPTS).chooseAccount(p, signal),
  };
}

/**
 * The context a ceremony runs in while virtual authenticators exist: the one chosen for it, its credentials
 * only, its user. Undefined when there are none; a throw when none can take the ceremony: at once when one
 * is touched and lacks what the RP requires, else after the timeout, as a browser waits for an authenticator
 * that never comes.
 */
export async function virtualContext(
  request: MockCallRequest,
  caller: Caller,
  a: SoftwareAuthenticator,
  signal: AbortSignal,
): Promise<Pick<CeremonyContext, 'profile' | 'profiles' | 'holders' | 'prompts' | 'tamper'> | undefined> {
  const list = await virtualAuthenticators();
  if (!list.length) return undefined;
  const options: Record<string, unknown> = isRecord(request.options) ? request.options : {};
  const allow = Array.isArray(options.allowCredentials)
    ? options.allowCredentials.map((d) => (isRecord(d) ? d.id : undefined))
    : [];
  const rpId = typeof options.rpId === 'string' ? options.rpId : new URL(caller.origin).hostname;
  const all = await a.store.list();
  const holds = (id: string) =>
    all.some((c) => c.profileId === id && (allow.length ? allow.includes(c.id) : c.discoverable && c.rpId === rpId));
  const va = chooseVirtualAuthenticator(list, request.kind, options, holds);
  const tamper = va?.tamperNext?.ceremony === request.kind ? { id: va.tamperNext.id, changes: [] } : undefined;
  if (va && tamper) {
    // Used once: the next ceremony is honest again, whatever this one's outcome.
    await save(list.map((x) => (x === va ? { ...x, tamperNext: undefined } : x)));
    lastTampering.set(va.authenticatorId, { id: tamper.id, ceremony: request.kind, changes: tamper.changes });
  }
  const timeoutMs = request.mediation === 'conditional' ? Infinity : ceremonyTimeout(options.timeout);
  const incapable = va ? undefined : touchedButIncapable(list, request.kind, options);
  if (incapable) {
    throw ceremonyError(
      'NotAllowedError',
      `The virtual authenticator ${incapable.authenticatorId} cannot take this ceremony: it lacks the resident key or user verification the RP requires.`,
    );
  }
  if (!va) {
    await sleep(timeoutMs, signal);
    throw ceremonyError('NotAllowedError', 'No virtual authenticator can take this ceremony (it timed out).');
  }
  return {
    profile: virtualProfile(va.authenticatorId, va.options),
    profiles: list.map((x) => virtualProfile(x.authenticatorId, x.options)),
    holders: [va.authenticatorId],
    prompts: virtualPrompts(va, caller, timeoutMs),
    ...(tamper ? { tamper } : {}),
  };
}

/** Before the popup deletes a credential: a virtual authenticator's fires credentialDeleted. */
export function reportDeletion(a: SoftwareAuthenticator, id: string): Promise<void> {
  const read = eventOf(a, id);
  return inOrder(async () => {
    const e = await read;
    if (e) emit('credentialDeleted', e.authenticatorId, e.credential);
  });
}

/** A virtual authenticator's credential as an event carries it, read now (before later changes). */
async function eventOf(
  a: SoftwareAuthenticator,
  id: string,
  known?: StoredCredential,
): Promise<{ authenticatorId: string; credential: VirtualCredential } | undefined> {
  if (!controls.size) return undefined;
  const c = known ?? (await a.store.get(id));
  if (!c?.profileId.startsWith(VIRTUAL_ID_PREFIX)) return undefined;
  return { authenticatorId: c.profileId, credential: await toVirtualCredential(a, c) };
}

/** Which credentials a signal reaches: while test suites drive virtual authenticators, theirs alone. */
export async function signalReach(): Promise<((c: StoredCredential) => boolean) | undefined> {
  const ids = new Set((await virtualAuthenticators()).map((v) => v.authenticatorId));
  return ids.size ? (c) => ids.has(c.profileId) : undefined;
}

/** After a signal changed virtual authenticators' credentials: credentialDeleted or credentialUpdated. */
export function reportSignal(
  a: SoftwareAuthenticator,
  changes: readonly SignalChange[],
  deleted: ReadonlyMap<string, StoredCredential>,
): Promise<void> {
  const reads = changes.map((ch) =>
    eventOf(a, ch.credentialId, ch.change === 'deleted' ? deleted.get(ch.credentialId) : undefined).then(
      (e) =>
        e && { ...e, name: ch.change === 'deleted' ? ('credentialDeleted' as const) : ('credentialUpdated' as const) },
    ),
  );
  return inOrder(async () => {
    for (const e of await Promise.all(reads)) if (e) emit(e.name, e.authenticatorId, e.credential);
  });
}

/** After a ceremony a virtual authenticator answered: its event. */
export function reportCeremony(a: SoftwareAuthenticator, kind: 'create' | 'get', credentialId: string): Promise<void> {
  const read = eventOf(a, credentialId);
  return inOrder(async () => {
    const e = await read;
    if (e) emit(kind === 'create' ? 'credentialAdded' : 'credentialAsserted', e.authenticatorId, e.credential);
  });
}
