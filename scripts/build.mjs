// Builds dist/chrome and dist/firefox from one source tree and one manifest.
//   node scripts/build.mjs              dev build: source maps, not minified
//   node scripts/build.mjs --release    minified, no source maps
//   node scripts/build.mjs --release --package   also writes the store zips (dist/packages/)
import { build } from 'esbuild';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { ICON_SIZES, iconPng } from './icons.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const release = args.has('--release') || args.has('--package');

// One row per bundle: source entry and output path (without .js) inside each browser's folder.
export const ENTRIES = [
  { in: 'src/page/hook.ts', out: 'page/hook' },
  { in: 'src/page/mock/mockAnswers.ts', out: 'page/mockAnswers' },
  { in: 'src/content/bridge.ts', out: 'content/bridge' },
  { in: 'src/content/relay.ts', out: 'content/relay' },
  { in: 'src/background/index.ts', out: 'background/background' },
  { in: 'devtools/devtools.ts', out: 'devtools/devtools' },
  { in: 'devtools/panel.tsx', out: 'devtools/panel' },
  { in: 'popup/popup.tsx', out: 'popup/popup' },
  { in: 'automation/extension/control.ts', out: 'automation/control' },
];

// Files copied as they are (HTML shells and style sheets): a path, or [source, path in the build].
const STATIC = [
  'devtools/devtools.html',
  'devtools/panel.html',
  'devtools/panel.css',
  'popup/popup.html',
  'popup/popup.css',
  ['automation/extension/control.html', 'automation/control.html'],
];

const GECKO_ID = 'webauthn-devtools@passkey-devtools.dev';
// Firefox 128 runs manifest content scripts in the MAIN world; 140 (the ESR line) is the first that knows
// data_collection_permissions, which addons.mozilla.org now requires. Android got that key in 142.
const FIREFOX_MIN = '140.0';
const FIREFOX_ANDROID_MIN = '142.0';

// Per-browser manifest edits; the source manifest is written for Chromium.
const MANIFEST_FOR = {
  chrome: (m) => m,
  firefox: (m) => {
    const { service_worker } = m.background;
    m.background = { scripts: [service_worker] };
    delete m.minimum_chrome_version;
    // The relay frame hands a MessagePort to a service worker; Firefox's background is a page, so the
    // bridge keeps its runtime port there and nothing needs to be reachable from web pages.
    delete m.web_accessible_resources;
    m.browser_specific_settings = {
      gecko: {
        id: GECKO_ID,
        strict_min_version: FIREFOX_MIN,
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: FIREFOX_ANDROID_MIN },
    };
    return m;
  },
};

async function buildFor(browser) {
  const out = join(root, 'dist', browser);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await build({
    entryPoints: ENTRIES.map((e) => ({ in: join(root, e.in), out: e.out })),
    outdir: out,
    bundle: true,
    format: 'iife',
    target: browser === 'chrome' ? 'chrome111' : 'firefox128',
    minify: release,
    sourcemap: release ? false : 'linked',
    legalComments: 'none',
    define: { __BROWSER__: JSON.stringify(browser) },
    // Extension pages may not eval (MV3 CSP) and store reviews flag code that tries: take the builds of
    // these libraries that never construct functions from strings.
    alias: { 'cbor-x': 'cbor-x/index-no-eval', 'reflect-metadata': '@abraham/reflection' },
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'warning',
    charset: 'utf8',
  });
  for (const entry of STATIC) {
    const [from, to] = Array.isArray(entry) ? entry : [entry, entry];
    if (!existsSync(join(root, from))) continue;
    await mkdir(dirname(join(out, to)), { recursive: true });
    await cp(join(root, from), join(out, to));
  }
  // The relay frame's page: nothing but its script (extension pages may not run inline script).
  await writeFile(
    join(out, 'content', 'relay.html'),
    '<!doctype html><meta charset="utf-8"><script src="relay.js"></script>\n',
  );
  await mkdir(join(out, 'icons'), { recursive: true });
  for (const s of ICON_SIZES) await writeFile(join(out, 'icons', `icon-${s}.png`), iconPng(s));
  const manifest = JSON.parse(await readFile(join(root, 'manifest.json'), 'utf8'));
  manifest.version = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')).version;
  await writeFile(join(out, 'manifest.json'), JSON.stringify(MANIFEST_FOR[browser](manifest), null, 2) + '\n');
  return out;
}

const dirs = {};
for (const browser of Object.keys(MANIFEST_FOR)) dirs[browser] = await buildFor(browser);

// The automation library (webauthn-devtools/automation): Node ESM beside the two extension builds, its
// dependencies left to the package's own.
await build({
  entryPoints: [join(root, 'automation', 'index.ts')],
  outfile: join(root, 'dist', 'automation', 'index.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: release ? false : 'linked',
  logLevel: 'warning',
});
// Its type declarations take tsc a few seconds: made for a release, on `npm install` (prepare), with
// --types, or when missing.
const typesDir = join(root, 'dist', 'automation', 'types');
if (release || args.has('--types') || !existsSync(typesDir)) {
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.automation.json')],
    {
      stdio: 'inherit',
    },
  );
}

if (args.has('--package')) {
  const pkgDir = join(root, 'dist', 'packages');
  await mkdir(pkgDir, { recursive: true });
  const webExt = join(root, 'node_modules', '.bin', 'web-ext');
  for (const [browser, dir] of Object.entries(dirs)) {
    const { version } = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    execFileSync(
      webExt,
      [
        'build',
        '--source-dir',
        dir,
        '--artifacts-dir',
        pkgDir,
        '--overwrite-dest',
        '--filename',
        `webauthn-devtools-${browser}-${version}.zip`,
      ],
      { stdio: 'inherit' },
    );
  }
}
console.log(
  `built ${Object.values(dirs)
    .map((d) => d.replace(root + '/', ''))
    .join(', ')}${release ? ' (release)' : ''}`,
);
