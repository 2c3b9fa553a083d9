#!/usr/bin/env node
// `npm run bench`: builds, then runs every test/bench/*.bench.mjs in turn and prints one table.
// A bench module exports `default async function ({ quick }) => Row[]` where a Row is
//   { name, value, unit, baseline?, ratio?, target?, ok? }
// `ratio` compares against a baseline measured in the same run; `target` is the goal as text.
// Options: --quick (smaller sizes, used by the test suite to keep the benches from rotting), a name filter.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const filter = args.find((a) => !a.startsWith('--'));
if (!args.includes('--no-build')) execFileSync(process.execPath, [join(root, 'build/scripts/build.mjs')], { stdio: 'inherit' });

const dir = join(root, 'test/bench');
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.mjs') && (!filter || f.includes(filter))).sort();
const rows = [];
let failed = 0;
for (const f of files) {
  const t = Date.now();
  process.stdout.write(`bench: ${f} ... `);
  try {
    const mod = await import(pathToFileURL(join(dir, f)).href);
    const result = await mod.default({ quick, root });
    for (const r of result) rows.push({ bench: f.replace('.bench.mjs', ''), ...r });
    console.log(`${((Date.now() - t) / 1000).toFixed(1)} s`);
  } catch (err) {
    failed++;
    console.log('FAILED');
    console.error(err);
  }
}

const fmt = (v) => (typeof v === 'number' ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)) : (v ?? ''));
const table = rows.map((r) => ({
  bench: r.bench,
  measure: r.name,
  value: `${fmt(r.value)} ${r.unit ?? ''}`.trim(),
  baseline: r.baseline == null ? '' : `${fmt(r.baseline)} ${r.unit ?? ''}`.trim(),
  ratio: r.ratio == null ? '' : `${fmt(r.ratio)}x`,
  target: r.target ?? '',
  met: r.ok == null ? '' : r.ok ? 'yes' : 'NO',
}));
const cols = ['bench', 'measure', 'value', 'baseline', 'ratio', 'target', 'met'];
const width = Object.fromEntries(cols.map((c) => [c, Math.max(c.length, ...table.map((r) => String(r[c]).length))]));
const line = (r) => cols.map((c) => String(r[c]).padEnd(width[c])).join('  ');
console.log(`\n${line(Object.fromEntries(cols.map((c) => [c, c])))}`);
console.log(cols.map((c) => '-'.repeat(width[c])).join('  '));
for (const r of table) console.log(line(r));
if (failed) {
  console.error(`\n${failed} bench file(s) failed`);
  process.exit(1);
}
