// `npm run bench`: runs every benchmark group and prints one JSON object, group name → figures.
// Figures are ratios against a baseline measured in the same run, never absolute pass/fail thresholds.
// A group is a module with `run(): Promise<object>`; add a row here to add one. `npm run bench -- decode`
// runs only the groups whose name contains one of the arguments.
const GROUPS: ReadonlyArray<{ name: string; module: string; needsBrowser: boolean }> = [
  { name: 'decode', module: './decode.js', needsBrowser: false },
  { name: 'recorder', module: './recorder.js', needsBrowser: true },
  { name: 'mock', module: './mock.js', needsBrowser: true },
  { name: 'panel', module: './panel.js', needsBrowser: true },
  { name: 'automation', module: './automation.js', needsBrowser: true },
  { name: 'scan', module: './scan.js', needsBrowser: true },
  { name: 'rate', module: './rate.js', needsBrowser: true },
];

const filters = process.argv.slice(2);
const out: Record<string, unknown> = { node: process.version, date: new Date().toISOString() };
for (const g of GROUPS) {
  if (filters.length && !filters.some((f) => g.name.includes(f))) continue;
  try {
    const mod = (await import(g.module)) as { run(): Promise<object> };
    out[g.name] = await mod.run();
  } catch (e) {
    out[g.name] = { error: e instanceof Error ? e.message : String(e) };
  }
}
console.log(JSON.stringify(out, null, 2));
export {};
