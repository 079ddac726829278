// Tests in a real VS Code: installs the pinned code-server (scripts/vscode-install.mjs), starts it
// on 127.0.0.1 in its own process group, and drives it with headless Chromium (playwright-core).
//
//   node scripts/run-vscode-tests.mjs               both, integration first
//   node scripts/run-vscode-tests.mjs integration   mocha suites in the real extension host
//   node scripts/run-vscode-tests.mjs ui            playwright tests against the workbench (test/ui)
//
// Prints `integration: N passed, N failed` / `ui: N passed, N failed` and exits with the suites'
// status. The server's process group is always killed: on success, failure, timeout and Ctrl-C.
// REAPERSCOPE_TEST_TIMEOUT_S bounds a stage (default 900 s). Run `npm run build` first.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { runNodeTestStage, testFilesIn } from './node-test-stage.mjs';
import { ChromiumMissingError, launchChromium, requireChromium } from './vscode-browser.mjs';
import { buildIntegrationTests } from './vscode-build-tests.mjs';
import { installCodeServer } from './vscode-install.mjs';
import { copyWorkspace, developmentUrl, startCodeServer } from './vscode-server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const stages = process.argv[2] ? [process.argv[2]] : ['integration', 'ui'];
const timeoutMs = Number(process.env.REAPERSCOPE_TEST_TIMEOUT_S ?? 900) * 1000;
const verbose = process.env.REAPERSCOPE_VERBOSE === '1';

/** Offline noise from the workbench (extension gallery lookups), hidden unless verbose. */
const noise = /ENOTFOUND|open-vsx\.org|authentication provider 'github'|\[Service Worker\]|Creating a socket|AgentHost|AccountPolicyGate/;

function summary(stage, passed, failed) {
  console.log(`${stage}: ${passed} passed, ${failed} failed`);
}


async function runIntegration(install) {
  const built = await buildIntegrationTests(root);
  const resultsDir = mkdtempSync(join(tmpdir(), 'reaperscope-integration-'));
  const resultsFile = join(resultsDir, 'results.json');
  const workspace = copyWorkspace(resultsDir);
  const server = await startCodeServer(install, {
    env: { REAPERSCOPE_TEST_RESULTS: resultsFile, REAPERSCOPE_TEST_WORKSPACE: workspace, ...(process.env.REAPERSCOPE_TEST_GREP ? { REAPERSCOPE_TEST_GREP: process.env.REAPERSCOPE_TEST_GREP } : {}) },
    log: verbose ? (line) => console.log(`[code-server] ${line}`) : undefined,
  });
  let browser;
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    let finish;
    const exitCode = new Promise((r) => { finish = r; });
    // The smoke-test driver forwards the extension host's console as (level, [format, ...args]).
    await page.exposeFunction('codeAutomationLog', (level, args) => {
      const text = Array.isArray(args) ? format(...args) : String(args);
      if (verbose || !noise.test(text)) console.log(level === 'error' ? `[host error] ${text}` : text);
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish(Number(code)));
    if (verbose) page.on('console', (m) => console.log(`[page] ${m.text()}`));
    const url = developmentUrl(server, { folder: workspace, extensionPath: root, testsPath: built.index });
    // A loaded machine takes more than the default 30 s to serve the workbench.
    await page.goto(url, { timeout: 180_000 });
    const timer = new Promise((r) => setTimeout(() => r('timeout'), timeoutMs).unref());
    const crashed = server.exited.then((status) => `code-server exited (${status})`);
    const code = await Promise.race([exitCode, timer, crashed]);
    const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : null;

    if (typeof code === 'string') {
      console.error(code === 'timeout' ? `integration: timed out after ${timeoutMs / 1000} s` : `integration: ${code}:\n${server.output()}`);
      summary('integration', results?.passed ?? 0, (results?.failed ?? 0) + 1);
      return 1;
    }
    if (!results) {
      // run() never reached the reporter: the suites failed to load or the host crashed.
      console.error('integration: no results written (suites failed to load?); rerun with REAPERSCOPE_VERBOSE=1');
      summary('integration', 0, 1);
      return code || 1;
    }
    summary('integration', results.passed, results.failed);
    return code === 0 && results.failed === 0 && results.passed > 0 ? 0 : 1;
  } finally {
    await browser?.close().catch(() => {});
    await server.stop();
    rmSync(resultsDir, { recursive: true, force: true });
  }
}

/** UI tests are node:test files under test/ui; each starts its own server via test/ui/workbench.ts. */
function runUi() {
  mkdirSync(join(root, 'test-results'), { recursive: true });
  return runNodeTestStage('ui', testFilesIn(join(root, 'test', 'ui')), [`--test-timeout=${timeoutMs}`]);
}

let status = 0;
for (const stage of stages) {
  const started = Date.now();
  let result = 1;
  try {
    requireChromium();
    const install = installCodeServer();
    console.log(`${stage}: code-server ${install.cached ? 'found in cache' : 'installed'} in ${install.seconds.toFixed(1)} s`);
    if (!existsSync(join(root, 'dist', 'extension.js'))) throw new Error('dist/extension.js missing: run `npm run build` first');
    if (stage === 'integration') result = await runIntegration(install);
    else if (stage === 'ui') result = await runUi();
    else throw new Error(`unknown stage ${stage}: use integration or ui`);
  } catch (error) {
    console.error(error instanceof ChromiumMissingError ? error.message : error);
    summary(stage, 0, 1);
  }
  console.log(`${stage}: took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result !== 0) status = 1;
}
process.exit(status);
