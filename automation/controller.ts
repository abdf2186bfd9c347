// The controller a test gets from attach(): the WebAuthn specification's Automation commands by name and
// field (binary values as base64url), our documented extras, and CDP's four events. Every command is one
// evaluation in the extension's control page, which sends it to the worker; events come back with each
// answer, and are polled while listeners exist.
import type { AutomationCommandName, AutomationEventName } from '../src/messages.js';
import type {
  CredentialProperties,
  VirtualAuthenticatorOptions,
  VirtualCredential,
} from '../src/authenticator/virtualAuthenticators.js';
import type { TamperChange } from '../src/authenticator/tamperings.js';
import { findProblems, type CeremonyRecord, type Problem } from '../src/webauthn/index.js';
import { controlPage, run, type AttachTarget, type ControlPage } from './attach.js';

export type { CredentialProperties, VirtualAuthenticatorOptions, VirtualCredential };

/** addVirtualAuthenticator's options: `protocol` and `transport` are required, as in the specification. */
export type AuthenticatorOptions = Pick<VirtualAuthenticatorOptions, 'protocol' | 'transport'> &
  Partial<Omit<VirtualAuthenticatorOptions, 'protocol' | 'transport'>>;

export interface CredentialEvent {
  authenticatorId: string;
  credential: VirtualCredential;
}

export interface AppliedTampering {
  id: string;
  ceremony: 'create' | 'get';
  changes: TamperChange[];
}

/** A recorded ceremony with the problems the inspector finds in it. */
export interface RecordedCeremony {
  record: CeremonyRecord;
  problems: Problem[];
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: { name: string; message: string } };
type Answer = { outcome: Outcome; events: Array<{ name: AutomationEventName; params: CredentialEvent }> };

const POLL_MS = 50;

function commandError(command: string, e: { name: string; message: string }): Error {
  const err =
    e.name === 'TypeError' ? new TypeError(`${command}: ${e.message}`) : new Error(`${command}: ${e.message}`);
  if (e.name !== 'TypeError') err.name = e.name;
  return err;
}

export class Controller {
  private page?: Promise<ControlPage>;
  private listeners = new Map<AutomationEventName, Set<(e: CredentialEvent) => void>>();
  private poller?: ReturnType<typeof setInterval>;

  constructor(private readonly target: AttachTarget) {}

  /** Opens the control page now (attach() does), so that the first command pays nothing for it. */
  async ready(): Promise<void> {
    await this.controlPage();
  }

  private controlPage(): Promise<ControlPage> {
    const current = this.page;
    if (current) {
      return current.then((p) => (p.isClosed?.() ? ((this.page = undefined), this.controlPage()) : p));
    }
    const opened = controlPage(this.target);
    opened.catch(() => (this.page = undefined));
    this.page = opened;
    return opened;
  }

  private async call(command: AutomationCommandName, ...args: unknown[]): Promise<unknown> {
    const page = await this.controlPage();
    const answer = await run(
      page,
      async ([c, a]: [string, unknown[]]): Promise<Answer> => {
        const api = (
          globalThis as unknown as {
            __webauthnAutomation: { send(c: string, a: unknown[]): Promise<Outcome>; drain(): Answer['events'] };
          }
        ).__webauthnAutomation;
        const outcome = await api.send(c, a);
        return { outcome, events: api.drain() };
      },
      [command, args] as [string, unknown[]],
    );
    this.dispatch(answer.events);
    if (!answer.outcome.ok) throw commandError(command, answer.outcome.error);
    return answer.outcome.value;
  }

  private dispatch(events: Answer['events']): void {
    for (const e of events) for (const l of this.listeners.get(e.name) ?? []) l(e.params);
  }

  private async poll(): Promise<void> {
    const page = await this.page?.catch(() => undefined);
    if (!page || page.isClosed?.()) return;
    const events = await run(
      page,
      () =>
        (globalThis as unknown as { __webauthnAutomation: { drain(): Answer['events'] } }).__webauthnAutomation.drain(),
      null,
    ).catch((): Answer['events'] => []);
    this.dispatch(events);
  }

  /** Listens for credentialAdded, credentialAsserted, credentialDeleted or credentialUpdated; returns `off`. */
  on(name: AutomationEventName, listener: (e: CredentialEvent) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener);
    if (!this.poller) {
      this.poller = setInterval(() => void this.poll(), POLL_MS);
      this.poller.unref?.();
    }
    return () => {
      set.delete(listener);
      if ([...this.listeners.values()].every((s) => s.size === 0) && this.poller) {
        clearInterval(this.poller);
        this.poller = undefined;
      }
    };
  }

  /** Delivers the events that happened up to now (a test asserting on them right after a ceremony). */
  async flushEvents(): Promise<void> {
    // Events still being read in the worker (a ceremony's opens its key) are sent first.
    await this.call('eventsSent');
    await this.poll();
  }

  addVirtualAuthenticator(options: AuthenticatorOptions): Promise<string> {
    return this.call('addVirtualAuthenticator', options) as Promise<string>;
  }
  async removeVirtualAuthenticator(authenticatorId: string): Promise<void> {
    await this.call('removeVirtualAuthenticator', authenticatorId);
  }
  async addCredential(authenticatorId: string, credential: VirtualCredential): Promise<void> {
    await this.call('addCredential', authenticatorId, credential);
  }
  getCredentials(authenticatorId: string): Promise<VirtualCredential[]> {
    return this.call('getCredentials', authenticatorId) as Promise<VirtualCredential[]>;
  }
  async removeCredential(authenticatorId: string, credentialId: string): Promise<void> {
    await this.call('removeCredential', authenticatorId, credentialId);
  }
  async removeAllCredentials(authenticatorId: string): Promise<void> {
    await this.call('removeAllCredentials', authenticatorId);
  }
  async setUserVerified(authenticatorId: string, isUserVerified: boolean): Promise<void> {
    await this.call('setUserVerified', authenticatorId, isUserVerified);
  }
  async setCredentialProperties(
    authenticatorId: string,
    credentialId: string,
    properties: CredentialProperties,
  ): Promise<void> {
    await this.call('setCredentialProperties', authenticatorId, credentialId, properties);
  }
  /** Beyond the specification: the user stops (false) or starts again (true) consenting. */
  async setUserConsenting(authenticatorId: string, isUserConsenting: boolean): Promise<void> {
    await this.call('setUserConsenting', authenticatorId, isUserConsenting);
  }
  /** Beyond the specification: the authenticator's credentials, keys included, for importCredentials() later. */
  exportCredentials(authenticatorId: string): Promise<VirtualCredential[]> {
    return this.call('exportCredentials', authenticatorId) as Promise<VirtualCredential[]>;
  }
  /** Beyond the specification: adds every credential of an export; returns how many. */
  importCredentials(authenticatorId: string, credentials: VirtualCredential[]): Promise<number> {
    return this.call('importCredentials', authenticatorId, credentials) as Promise<number>;
  }
  /** Beyond the specification: the user picks this credential in a pending conditional get(). */
  async chooseCredential(credentialId: string): Promise<void> {
    await this.call('chooseCredential', credentialId);
  }
  /**
   * Beyond the specification: the ceremonies recorded in the tabs whose URL starts with `url` (every tab
   * without it), oldest first, each with the problems the inspector finds.
   */
  async ceremonies(url?: string): Promise<RecordedCeremony[]> {
    const records = ((await this.call('ceremonies', ...(url === undefined ? [] : [url]))) as CeremonyRecord[]).sort(
      (a, b) => a.startTime - b.startTime,
    );
    const problems = findProblems(records);
    return records.map((record) => ({ record, problems: problems.get(record.id) ?? [] }));
  }
  /**
   * RP security tests: the authenticator's next ceremony (of the tampering's kind, or `ceremony`) answers
   * with that tampering from the catalogue (TAMPERINGS); the one after is honest again.
   */
  async tamperNext(authenticatorId: string, tamperingId: string, ceremony?: 'create' | 'get'): Promise<void> {
    await this.call('tamperNext', authenticatorId, tamperingId, ...(ceremony ? [ceremony] : []));
  }
  /** The last tampering the authenticator applied, with each change (field, before, after); null if none. */
  lastTampering(authenticatorId: string): Promise<AppliedTampering | null> {
    return this.call('lastTampering', authenticatorId) as Promise<AppliedTampering | null>;
  }
  /** The PEM of the mock's attestation root, for an RP's trust anchors. */
  attestationRoot(): Promise<string> {
    return this.call('attestationRoot') as Promise<string>;
  }
  /** Removes this controller's authenticators' effect: every virtual authenticator goes, and the control page. */
  async close(authenticatorIds: string[] = []): Promise<void> {
    for (const id of authenticatorIds) await this.removeVirtualAuthenticator(id).catch(() => undefined);
    if (this.poller) clearInterval(this.poller);
    this.poller = undefined;
    const page = await this.page?.catch(() => undefined);
    this.page = undefined;
    await page?.close().catch(() => undefined);
  }
}
