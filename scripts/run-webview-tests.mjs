// Webview tests: test/webview/*.test.ts with Node's test runner (TypeScript through tsx). They
// load dist/webview.js in headless Chromium; run `npm run build` first. Prints the spec report,
// then `webview: N passed, N failed`. Fails with install instructions when Chromium is missing.
// Arguments narrow the run to those files.
import { existsSync, mkdirSync } from 'node:fs';
import { runNodeTestStage, testFilesIn } from './node-test-stage.mjs';
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
process.exit(await runNodeTestStage('webview', args.length ? args : testFilesIn('test/webview')));
