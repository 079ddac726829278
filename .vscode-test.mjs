// For machines that can download VS Code: `npx vscode-test` runs the same integration suites
// with @vscode/test-cli in a desktop VS Code. Offline CI uses scripts/run-vscode-tests.mjs
// (code-server + headless Chromium) instead. Build the suites first:
//   npm run build && node scripts/vscode-build-tests.mjs
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  label: 'integration',
  files: 'out/integration/suites/**/*.test.js',
  workspaceFolder: 'test/fixtures/workspace',
  mocha: { ui: 'tdd', timeout: 60_000 },
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  env: {},
});
