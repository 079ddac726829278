// Runs test files with Node's test runner (TypeScript through tsx), one file at a time, the spec
// report on stdout, and counts the outcome from a TAP copy: prints `<stage>: N passed, N failed`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `*.test.ts` files directly in `dir`, sorted. */
export function testFilesIn(dir) {
  return readdirSync(dir).filter((n) => n.endsWith('.test.ts')).sort().map((n) => join(dir, n));
}

/**
 * @param {string} stage name in the summary line
 * @param {string[]} files test files
 * @param {string[]} [flags] extra `node --test` flags (e.g. `--test-timeout=…`)
 * @returns {Promise<number>} the runner's exit status
 */
export function runNodeTestStage(stage, files, flags = []) {
  const tmp = mkdtempSync(join(tmpdir(), `reaperscope-${stage}-`));
  const tap = join(tmp, 'report.tap');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [
      '--import', 'tsx', '--test', '--test-concurrency=1',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${tap}`,
      ...flags, ...files,
    ], { stdio: 'inherit' });
    child.on('close', (code) => {
      const report = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
      rmSync(tmp, { recursive: true, force: true });
      const count = (name) => Number((report.match(new RegExp(`^# ${name} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
      console.log(`${stage}: ${count('pass')} passed, ${count('fail') + (report ? 0 : 1)} failed`);
      resolve(code ?? 1);
    });
  });
}
