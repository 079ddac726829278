// `npm test`: lint, type-check, build, unit tests, webview tests in headless Chromium,
// integration tests in a real VS Code (code-server) and UI tests driving its workbench.
// Each stage prints `<stage>: N passed, N failed`; the last line sums them.
import { spawn } from 'node:child_process';

/** @type {{ name: string, cmd: string[], counts: boolean }[]} */
const stages = [
  { name: 'lint', cmd: ['npx', 'eslint', '.'], counts: false },
  { name: 'typecheck', cmd: ['npm', 'run', '--silent', 'typecheck'], counts: false },
  { name: 'build', cmd: ['node', 'scripts/build.mjs'], counts: false },
  { name: 'unit', cmd: ['node', 'scripts/run-unit-tests.mjs'], counts: true },
  { name: 'webview', cmd: ['node', 'scripts/run-webview-tests.mjs'], counts: true },
  { name: 'integration', cmd: ['node', 'scripts/run-vscode-tests.mjs', 'integration'], counts: true },
  { name: 'ui', cmd: ['node', 'scripts/run-vscode-tests.mjs', 'ui'], counts: true },
];

function run(stage) {
  return new Promise((resolve) => {
    const started = Date.now();
    let tail = '';
    const child = spawn(stage.cmd[0], stage.cmd.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    });
    child.on('close', (code) => {
      const match = [...tail.matchAll(/^\w[\w-]*: (\d+) passed, (\d+) failed/gm)].at(-1);
      resolve({ code: code ?? 1, passed: match ? Number(match[1]) : 0, failed: match ? Number(match[2]) : 0, seconds: (Date.now() - started) / 1000 });
    });
  });
}

const started = Date.now();
const timings = [];
let passed = 0;
let failed = 0;
let broken = [];
for (const stage of stages) {
  console.log(`\n=== ${stage.name} ===`);
  const result = await run(stage);
  console.log(`=== ${stage.name}: exit ${result.code} in ${result.seconds.toFixed(1)} s ===`);
  timings.push(`${stage.name} ${result.seconds.toFixed(1)} s`);
  passed += result.passed;
  failed += result.failed;
  if (result.code !== 0) {
    broken.push(stage.name);
    if (!stage.counts) failed += 1;
  }
}
if (broken.length) console.log(`\nfailed stages: ${broken.join(', ')}`);
console.log(`\ntimes: ${timings.join(', ')}; total ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(broken.length ? 1 : 0);
