// The demo's security scan (npm start's "A relying party with mistakes" page): the page has the scan, the
// server runs scan() against a relying party that skips DEMO_MISTAKES' checks, in its own headless Chromium,
// and the scorecard it shows flags exactly the tamperings those checks refuse.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startRpServer, type RpServer } from '../server/rpServer.js';
import { demoScan, DEMO_MISTAKES } from '../server/demoScan.js';
import { CHECK_OF } from '../server/scanRp.js';

let rp: RpServer;
before(async () => {
  rp = await startRpServer({ scan: demoScan() });
});
after(() => rp?.close());

test("the bad RP page runs the scan and shows its scorecard: exactly the skipped checks' tamperings accepted", async () => {
  const page = await (await fetch(`${rp.url}/bad-rp.html`)).text();
  assert.match(page, /<button id="scan">/);
  assert.equal((await fetch(`${rp.url}/scan/scorecard.html`)).status, 404, 'no scorecard before a scan');

  const r = await fetch(`${rp.url}/scan/run`, { method: 'POST' });
  assert.equal(r.status, 200);
  const { summary } = (await r.json()) as { summary: { accepted: number; refused: number; notApplicable: number } };
  const html = await (await fetch(`${rp.url}/scan/scorecard.html`)).text();
  // The scorecard's rows, failures first: each names ceremony:id, its class the observed outcome.
  const rows = new Map(
    [...html.matchAll(/<tr class="(\w+)"><td><code>([^<]+)<\/code>/g)].map(([, k, id]) => [id!, k!]),
  );
  assert.equal(rows.size, Object.keys(CHECK_OF).length, 'a row for each tampering');
  const skipped = (id: string) => DEMO_MISTAKES.includes(CHECK_OF[id]!);
  const accepted = [...rows].filter(([, k]) => k === 'accepted').map(([id]) => id);
  // Accepted: exactly the applicable tamperings the skipped checks would have refused (on localhost there is
  // no parent origin, so origin-parent does not apply).
  assert.deepEqual(
    accepted.sort(),
    [...rows]
      .filter(([id, k]) => skipped(id) && k !== 'not')
      .map(([id]) => id)
      .sort(),
  );
  assert.deepEqual(
    new Set(accepted.map((id) => CHECK_OF[id])),
    new Set(DEMO_MISTAKES),
    'every mistake shows in the scorecard',
  );
  assert.equal(summary.accepted, accepted.length);
  assert.ok(summary.refused > 20, `${summary.refused} refused`);
});
