// The scan's scorecard as files: scorecard.json, and a self-contained scorecard.html (one table, failures
// first: tampering, expected, observed, severity, spec link).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TamperChange } from '../src/authenticator/tamperings.js';

export interface ScorecardEntry {
  id: string;
  ceremony: 'create' | 'get';
  severity: string;
  /** The check the tampering probes (the RP must refuse the response). */
  probes: string;
  spec: string;
  /** true: the RP accepted the tampered response (a failure); false: it refused; null: not run here. */
  accepted: boolean | null;
  evidence: { changes: TamperChange[]; error?: string; note?: string };
}

export interface Scorecard {
  startedAt: string;
  durationMs: number;
  entries: ScorecardEntry[];
  summary: { accepted: number; refused: number; notApplicable: number };
}

const ORDER = { true: 0, false: 1, null: 2 } as const;
const escape = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function scorecardHtml(card: Scorecard): string {
  const rows = [...card.entries]
    .sort((a, b) => ORDER[`${a.accepted}`] - ORDER[`${b.accepted}`])
    .map((e) => {
      const observed = e.accepted === null ? 'not applicable' : e.accepted ? 'ACCEPTED' : 'rejected';
      const changes = e.evidence.changes.map(
        (c) => `${c.field}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`,
      );
      const detail = [...changes, e.evidence.error ?? '', e.evidence.note ?? '']
        .filter(Boolean)
        .map(escape)
        .join('<br>');
      return `<tr class="${observed.split(' ')[0]!.toLowerCase()}"><td><code>${escape(e.ceremony)}:${escape(e.id)}</code><div>${escape(e.probes)}</div></td><td>rejected</td><td>${observed}</td><td>${escape(e.severity)}</td><td><a href="${escape(e.spec)}">spec</a></td><td class="detail">${detail}</td></tr>`;
    })
    .join('\n');
  const { accepted, refused, notApplicable } = card.summary;
  return `<!doctype html>
<meta charset="utf-8">
<title>WebAuthn RP security scan</title>
<style>
  :root { color-scheme: light dark; font: 13px system-ui, sans-serif; }
  table { border-collapse: collapse; width: 100%; }
  td, th { border-bottom: 1px solid #8884; padding: 4px 8px; text-align: left; vertical-align: top; }
  tr.accepted td:nth-child(3) { color: #d33; font-weight: bold; }
  tr.rejected td:nth-child(3) { color: #2a2; }
  tr.not td:nth-child(3) { color: #888; }
  td div, td.detail { color: #888; font-size: 12px; }
</style>
<h1>WebAuthn RP security scan</h1>
<p>${accepted} tampered responses accepted (each is a check the RP skips), ${refused} rejected, ${notApplicable} not applicable. Started ${escape(card.startedAt)}, ${Math.round(card.durationMs)} ms.</p>
<table>
<tr><th>tampering</th><th>expected</th><th>observed</th><th>severity</th><th>spec</th><th>evidence</th></tr>
${rows}
</table>
`;
}

export async function writeScorecard(card: Scorecard, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'scorecard.json'), JSON.stringify(card, null, 2) + '\n');
  await writeFile(join(dir, 'scorecard.html'), scorecardHtml(card));
}
