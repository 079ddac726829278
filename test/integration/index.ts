/**
 * Mocha entry point for the integration suites, in the shape @vscode/test-electron and the
 * smoke-test driver expect: `run()` resolves when every suite passed and rejects otherwise.
 * It loads every compiled `suites/**\/*.test.js` next to this file (scripts/vscode-build-tests.mjs
 * bundles them into out/integration/). Both the TDD (`suite`/`test`) and BDD
 * (`describe`/`it`) globals are available. When REAPERSCOPE_TEST_RESULTS names a file, the
 * pass/fail list is written there as JSON for the runner to count.
 */
import Mocha from 'mocha';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function findSuites(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...findSuites(path));
    else if (name.endsWith('.test.js')) found.push(path);
  }
  return found;
}

interface Outcome { title: string; state: 'passed' | 'failed'; error?: string; durationMs?: number }

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  Mocha.interfaces.bdd(mocha.suite);
  const grep = process.env.REAPERSCOPE_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of findSuites(join(__dirname, 'suites'))) mocha.addFile(file);

  const outcomes: Outcome[] = [];
  // CPU time of the extension host while the suites run: on a shared machine a steadier measure than wall time.
  const cpu = process.cpuUsage();
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const passed = outcomes.filter((o) => o.state === 'passed').length;
      const failed = outcomes.filter((o) => o.state === 'failed').length;
      const resultsFile = process.env.REAPERSCOPE_TEST_RESULTS;
      if (resultsFile) writeFileSync(resultsFile, JSON.stringify({ passed, failed, outcomes }, null, 2));
      console.log(`integration: ${passed} passed, ${failed} failed`);
      const used = process.cpuUsage(cpu);
      console.log(`integration: extension host CPU ${((used.user + used.system) / 1e6).toFixed(1)} s (user ${(used.user / 1e6).toFixed(1)}, system ${(used.system / 1e6).toFixed(1)})`);
      if (failures > 0) reject(new Error(`${failures} integration tests failed`));
      else resolve();
    });
    runner.on('pass', (test) => outcomes.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration }));
    runner.on('fail', (test, error) => outcomes.push({ title: test.fullTitle(), state: 'failed', error: String(error?.stack ?? error) }));
  });
}
