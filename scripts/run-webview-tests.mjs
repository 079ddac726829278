// Webview tests: test/webview/**/*.test.ts with Node's test runner (TypeScript through tsx). They
// load dist/webview.js in headless Chromium; run `npm run build` first. Prints the spec report,
// then `webview: N passed, N failed`. Fails with install instructions when Chromium is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChromiumMissingError, requireChromium } from './vscode-browser.mjs';

try {
  requireChromium();
  if (!existsSync('dist/webview.js')) throw new Error('dist/webview.js missing: run `npm run build` first');
} catch (error) {
  console.error(error instanceof ChromiumMissingError ? error.message : String(error));
  console.log('webview: 0 passed, 1 failed');
  process.exit(1);
}
mkdirSync('test-results', { recursive: true });
const args = process.argv.slice(2);
const files = args.length ? args : readdirSync('test/webview').filter((n) => n.endsWith('.test.ts')).sort().map((n) => join('test/webview', n));
const tmp = mkdtempSync(join(tmpdir(), 'reaperscope-webview-'));
const tap = join(tmp, 'report.tap');
const result = spawnSync(process.execPath, [
  '--import', 'tsx', '--test', '--test-concurrency=1',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=tap', `--test-reporter-destination=${tap}`,
  ...files,
], { stdio: 'inherit' });
const report = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
rmSync(tmp, { recursive: true, force: true });
const count = (name) => Number((report.match(new RegExp(`^# ${name} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
console.log(`webview: ${count('pass')} passed, ${count('fail') + (report ? 0 : 1)} failed`);
process.exit(result.status ?? 1);
