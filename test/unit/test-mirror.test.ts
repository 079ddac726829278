// Tests mirror src a file per module with logic (CONTRIBUTING.md, "How to test"):
//   src/<path>.ts                      -> test/unit/<path>.test.ts
//   src/extension/<feature>/<m>.ts     -> test/unit/extension/<feature>/<m>.test.ts (vscode-free)
//                                      or test/integration/suites/<feature>/<m>.test.ts (real VS Code)
//   src/extension/extension.ts         -> test/integration/suites/extension.test.ts
// A module with no mirrored test fails here unless it is on the allow-list below, which names
// each module that has no logic to test and says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const root = join(__dirname, '../..');
const LAYERS = ['core', 'cli', 'node', 'protocol', 'extension'];

/**
 * Modules without logic: types, constant lists, and entry scripts that only hand over to a
 * tested module. Paths relative to src/. Adding a function to one of them means writing its test
 * and taking it off this list.
 */
const NO_LOGIC: ReadonlyMap<string, string> = new Map([
  // Types and constants only.
  ['cli/command.ts', 'the command contract: types, two error classes, exit statuses'],
  ['cli/commands/index.ts', 'the list of commands'],
  ['core/patch/model.ts', 'the Patch model: types only'],
  ['core/sim/derive/exit-path-files.ts', 'a list of kernel paths'],
  ['core/sim/limits.ts', 'CPU and seed bounds (checked against package.json by test/unit/package-json.test.ts)'],
  ['protocol/messages.ts', 'the message unions: types and re-exported name lists'],
  ['extension/work/work-protocol.ts', 'the job requests and results: types and a re-export'],
  // Entry scripts.
  ['cli/sim-worker-main.ts', 'worker entry: serveJobs over core/sim/sim-job.ts; run by test/unit/cli/sim-workers.test.ts'],
  ['extension/work/worker-main.ts', 'worker entry of dist/worker.js; run by test/integration/suites/work/node-worker-host.test.ts'],
  // Glue without a branch of its own.
  ['extension/common/log.ts', 'the output channel, created on first use'],
]);

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modules(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const posix = (path: string): string => path.split(sep).join('/');
const srcModules = LAYERS.flatMap((layer) => modules(join(root, 'src', layer))).map((p) => posix(relative(join(root, 'src'), p))).sort();

/** The test files that count as the mirror of a module (relative to the repository). */
function mirrors(module: string): string[] {
  const base = module.replace(/\.ts$/, '');
  const found = [`test/unit/${base}.test.ts`];
  if (base.startsWith('extension/')) found.push(`test/integration/suites/${base.slice('extension/'.length)}.test.ts`);
  return found;
}

test('the layers hold modules (the walk finds src/)', () => {
  for (const layer of LAYERS) assert.ok(srcModules.some((m) => m.startsWith(`${layer}/`)), `no module under src/${layer}`);
});

test('every module with logic has a mirrored test file', () => {
  const missing = srcModules.filter((m) => !NO_LOGIC.has(m) && !mirrors(m).some((t) => existsSync(join(root, t))));
  assert.deepEqual(missing, [], `modules without a mirrored test (write ${missing.map((m) => mirrors(m).at(-1)).join(', ')}, or allow-list a module without logic):`);
});

test('the allow-list names existing modules that still have no test', () => {
  const stale = [...NO_LOGIC.keys()].filter((m) => !srcModules.includes(m) || mirrors(m).some((t) => existsSync(join(root, t))));
  assert.deepEqual(stale, [], 'take these off the allow-list (gone, or tested now)');
});

test('every extension test file mirrors a module of src/extension', () => {
  // Cross-module unit tests keep names of their own elsewhere; the extension's tests are by module only.
  const orphans = ['test/integration/suites', 'test/unit/extension'].flatMap((dir) => modules(join(root, dir))
    .map((p) => posix(relative(join(root, dir), p)))
    .filter((p) => p.endsWith('.test.ts'))
    .filter((p) => !srcModules.includes(`extension/${p.replace(/\.test\.ts$/, '.ts')}`))
    .map((p) => `${dir}/${p}`));
  assert.deepEqual(orphans, [], 'test files named after no module of src/extension');
});
