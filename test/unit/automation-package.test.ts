// webauthn-devtools/automation as a user installs it: `npm install <this folder>` into a fresh project, then a
// plain `import` in Node (no tsx) finds built JavaScript with its types, and the package holds both builds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test('npm pack holds the extension for both browsers and the built automation library with its types', () => {
  const [packed] = JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts'], root)) as Array<{
    files: Array<{ path: string }>;
  }>;
  const files = new Set(packed!.files.map((f) => f.path));
  for (const f of [
    'dist/chrome/manifest.json',
    'dist/chrome/automation/control.html',
    'dist/firefox/manifest.json',
    'dist/firefox/background/background.js',
    'dist/automation/index.js',
    'dist/automation/types/automation/index.d.ts',
  ])
    assert.ok(files.has(f), `${f} is in the package`);
  assert.ok(![...files].some((f) => f.startsWith('src/') || f.startsWith('test/')), 'sources stay out');
});

test('installed into another project, a plain Node import works', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wa-pkg-'));
  try {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'user-suite', version: '1.0.0', type: 'module' }));
    npm(['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', root], dir);
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const m = await import('webauthn-devtools/automation'); console.log(JSON.stringify({ keys: Object.keys(m).sort(), args: m.chromiumArgs(), ff: m.firefoxLaunchOptions().protocol }))",
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    const got = JSON.parse(out) as { keys: string[]; args: string[]; ff: string };
    assert.deepEqual(got.keys, [
      'Controller',
      'SCAN_AUTHENTICATOR',
      'TAMPERINGS',
      'attach',
      'chromiumArgs',
      'extensionPath',
      'firefoxLaunchOptions',
      'scan',
    ]);
    assert.match(got.args[0]!, /^--disable-extensions-except=.*dist[/\\]chrome$/);
    assert.equal(got.ff, 'webDriverBiDi');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
