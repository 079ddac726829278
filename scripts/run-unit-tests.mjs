// Runs every test/unit/**/*.test.ts with Node's test runner, TypeScript loaded through tsx.
// Prints the spec report, then `unit: N passed, N failed`. Extra `--flags` go to `node --test`;
// other arguments narrow the run to those files or folders.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function findTests(dir) {
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...findTests(path));
    else if (name.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

const args = process.argv.slice(2);
const roots = args.filter((a) => !a.startsWith('-'));
const flags = args.filter((a) => a.startsWith('-'));
const files = (roots.length ? roots : ['test/unit']).flatMap((r) => (r.endsWith('.ts') ? [r] : findTests(r)));
if (files.length === 0) {
  console.error('unit: no test files found');
  process.exit(1);
}
const tmp = mkdtempSync(join(tmpdir(), 'reaperscope-unit-'));
const tap = join(tmp, 'report.tap');
const result = spawnSync(process.execPath, [
  '--import', 'tsx', '--test',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=tap', `--test-reporter-destination=${tap}`,
  ...flags, ...files,
], { stdio: 'inherit' });
const report = readFileSync(tap, 'utf8');
rmSync(tmp, { recursive: true, force: true });
const count = (name) => Number((report.match(new RegExp(`^# ${name} (\\d+)$`, "m")) ?? [])[1] ?? 0);
console.log(`unit: ${count('pass')} passed, ${count('fail')} failed`);
process.exit(result.status ?? 1);
