#!/usr/bin/env node
// `npm run test:hardening`: the fault, load and hostile-input suites at full size, then a table of
// cases tried, passed and data lost per suite. `--quick` runs the small sizes that `npm test` uses.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');
const dir = mkdtempSync(join(tmpdir(), 'sb-hardening-'));
const ledger = join(dir, 'ledger.jsonl');

// vitest's package exports do not include its bin; find it beside package.json.
const vitest = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const result = spawnSync(process.execPath, [vitest, 'run', '--config', join(root, 'test/hardening/vitest.config.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, HARDENING_SCALE: quick ? 'quick' : 'full', HARDENING_LEDGER: ledger },
  timeout: 45 * 60 * 1000,
});

const rows = existsSync(ledger) ? readFileSync(ledger, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
rmSync(dir, { recursive: true, force: true });
const cols = ['suite', 'tried', 'passed', 'lost', 'note'];
const width = Object.fromEntries(cols.map((c) => [c, Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length))]));
const line = (r) => cols.map((c) => String(r[c] ?? '').padEnd(width[c])).join('  ');
console.log(`\n${line(Object.fromEntries(cols.map((c) => [c, c])))}`);
console.log(cols.map((c) => '-'.repeat(width[c])).join('  '));
for (const r of rows) console.log(line(r));
const lost = rows.reduce((n, r) => n + r.lost, 0);
const tried = rows.reduce((n, r) => n + r.tried, 0);
const passed = rows.reduce((n, r) => n + r.passed, 0);
console.log(`\nhardening: ${tried} cases tried, ${passed} passed, ${lost} data lost`);
process.exit(result.status === 0 && lost === 0 && passed === tried ? 0 : 1);
