// The RP security scan against the deliberately vulnerable RP (test/server/scanRp.ts), in whichever browser
// the test file launched: with every check on, the scan flags nothing; with one check switched off, exactly
// the tamperings that probe it are accepted. Together they show that each tampering is refused by its own
// check and by no other (every other check stays on in the second run).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scan, TAMPERINGS, type AttachTarget, type Controller } from 'webauthn-devtools/automation';
import { CHECK_OF, SCAN_CHECKS, scanFlows, type EvaluatingPage, type ScanRp } from '../../server/scanRp.js';

type ScanPage = EvaluatingPage & { close(): Promise<unknown> };
export interface ScanSetup {
  target: AttachTarget & { newPage(): Promise<ScanPage> };
  controller: Controller;
  rp: ScanRp;
}

/** Tamperings that cannot apply on http://localhost (it has no parent domain). */
const NOT_APPLICABLE = ['create:origin-parent', 'get:origin-parent'];
const key = (e: { ceremony: string; id: string }) => `${e.ceremony}:${e.id}`;

export async function everyCheckOn(s: ScanSetup): Promise<void> {
  s.rp.vulnerable.clear();
  const out = mkdtempSync(join(tmpdir(), 'wa-scan-'));
  try {
    const card = await scan<ScanPage>({ target: s.target, controller: s.controller, ...scanFlows(s.rp), outDir: out });
    assert.equal(card.entries.length, TAMPERINGS.length);
    const accepted = card.entries.filter((e) => e.accepted === true).map(key);
    const notRun = card.entries.filter((e) => e.accepted === null);
    assert.deepEqual(accepted, [], 'an RP with every check on accepts no tampering');
    assert.deepEqual(notRun.map(key), NOT_APPLICABLE, JSON.stringify(notRun.map((e) => [key(e), e.evidence.note])));
    for (const e of card.entries.filter((x) => x.accepted === false)) {
      assert.ok(e.evidence.changes.length > 0, `${key(e)} changed something`);
      assert.match(
        e.evidence.error ?? '',
        new RegExp(`^Error: ${CHECK_OF[key(e)]}:`),
        `${key(e)} was refused by its own check`,
      );
    }
    const json = JSON.parse(readFileSync(join(out, 'scorecard.json'), 'utf8')) as { entries: unknown[] };
    assert.equal(json.entries.length, TAMPERINGS.length);
    assert.match(readFileSync(join(out, 'scorecard.html'), 'utf8'), /0 tampered responses accepted/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export async function oneCheckOff(s: ScanSetup): Promise<void> {
  const flagged: Record<string, string[]> = {};
  for (const check of SCAN_CHECKS) {
    const probing = Object.entries(CHECK_OF)
      .filter(([k, c]) => c === check && !NOT_APPLICABLE.includes(k))
      .map(([k]) => k);
    s.rp.vulnerable.clear();
    s.rp.vulnerable.add(check);
    const card = await scan<ScanPage>({
      target: s.target,
      controller: s.controller,
      ...scanFlows(s.rp),
      tamperings: probing,
    });
    flagged[check] = card.entries.filter((e) => e.accepted === true).map(key);
    assert.deepEqual(
      flagged[check],
      probing,
      `${check} off: ${JSON.stringify(card.entries.map((e) => [key(e), e.accepted, e.evidence]))}`,
    );
  }
  s.rp.vulnerable.clear();
  assert.equal(Object.values(flagged).flat().length, TAMPERINGS.length - NOT_APPLICABLE.length);
}
