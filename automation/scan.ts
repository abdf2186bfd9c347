// scan(): RP security tests in one call. For each tampering of the catalogue it opens a fresh page with a
// fresh user name, runs the honest ceremonies the tampering needs (another user's registration, this user's
// registration, sign-ins) with the user's own register/login flows, then the tampered one, and records
// whether the RP accepted it. A flow resolves when the RP accepted and throws when it refused.
import { randomUUID } from 'node:crypto';
import { TAMPERINGS, type Tampering } from '../src/authenticator/tamperings.js';
import type { AttachTarget } from './attach.js';
import { Controller, type AuthenticatorOptions } from './controller.js';
import { writeScorecard, type Scorecard, type ScorecardEntry } from './scorecard.js';

export type { Scorecard, ScorecardEntry } from './scorecard.js';

export interface ScanFlowArgs<P> {
  page: P;
  username: string;
}

export interface ScanOptions<P> {
  /** What attach() takes. */
  target: AttachTarget & { newPage(): Promise<P> };
  register(a: ScanFlowArgs<P>): Promise<unknown>;
  login(a: ScanFlowArgs<P>): Promise<unknown>;
  /** Ids (`origin-other-site`, or `get:origin-other-site` for one ceremony); all of the catalogue by default. */
  tamperings?: string[];
  /** The authenticator the scan uses; by default one that can do everything an RP may ask. */
  authenticator?: Partial<AuthenticatorOptions>;
  /** Writes scorecard.json and scorecard.html there. */
  outDir?: string;
  /** A controller already attached to `target`. */
  controller?: Controller;
}

/** The authenticator a scan uses unless told otherwise: one that can do everything an RP may ask. */
export const SCAN_AUTHENTICATOR: AuthenticatorOptions = {
  protocol: 'ctap2',
  transport: 'usb',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  attestation: 'packed-x5c',
};

const selected = (ids: string[] | undefined): Tampering[] =>
  ids === undefined
    ? [...TAMPERINGS]
    : TAMPERINGS.filter((t) => ids.includes(t.id) || ids.includes(`${t.ceremony}:${t.id}`));

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function scan<P extends { close(): Promise<unknown> }>(o: ScanOptions<P>): Promise<Scorecard> {
  const started = Date.now();
  const controller = o.controller ?? new Controller(o.target);
  const entries: ScorecardEntry[] = [];
  for (const t of selected(o.tamperings)) {
    const entry: ScorecardEntry = {
      id: t.id,
      ceremony: t.ceremony,
      severity: t.severity,
      probes: t.probes,
      spec: t.spec,
      accepted: null,
      evidence: { changes: [] },
    };
    entries.push(entry);
    const authenticatorId = await controller.addVirtualAuthenticator({ ...SCAN_AUTHENTICATOR, ...o.authenticator });
    const page = (await o.target.newPage()) as unknown as P;
    const username = `scan-${t.id}-${randomUUID().slice(0, 8)}`;
    try {
      const honest: Array<[string, () => Promise<unknown>]> = t.needs.map((need) =>
        need === 'other-user'
          ? [need, () => o.register({ page, username: `${username}-other` })]
          : need === 'register'
            ? [need, () => o.register({ page, username })]
            : [need, () => o.login({ page, username })],
      );
      let ready = true;
      for (const [need, step] of honest) {
        try {
          await step();
        } catch (e) {
          entry.evidence.note = `the honest ${need} before it failed: ${message(e)}`;
          ready = false;
          break;
        }
      }
      if (!ready) continue;
      await controller.tamperNext(authenticatorId, t.id, t.ceremony);
      let accepted: boolean;
      try {
        await (t.ceremony === 'create' ? o.register : o.login)({ page, username });
        accepted = true;
      } catch (e) {
        accepted = false;
        entry.evidence.error = message(e);
      }
      const applied = await controller.lastTampering(authenticatorId);
      if (applied?.id === t.id && applied.changes.length) {
        entry.accepted = accepted;
        entry.evidence.changes = applied.changes;
      } else {
        entry.evidence.note =
          applied?.id === t.id
            ? 'not applicable here (the RP did not ask for what it changes, or there is nothing to change)'
            : 'the tampered ceremony never reached the authenticator';
      }
    } finally {
      await page.close().catch(() => undefined);
      await controller.removeVirtualAuthenticator(authenticatorId).catch(() => undefined);
    }
  }
  const card: Scorecard = {
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    entries,
    summary: {
      accepted: entries.filter((e) => e.accepted === true).length,
      refused: entries.filter((e) => e.accepted === false).length,
      notApplicable: entries.filter((e) => e.accepted === null).length,
    },
  };
  if (o.outDir) await writeScorecard(card, o.outDir);
  if (!o.controller) await controller.close();
  return card;
}
