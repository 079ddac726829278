// Lint: typescript-eslint's recommended rules plus the layer boundaries of DESIGN.md.
// src/core is pure: no `vscode`, no Node built-ins, no DOM, no clocks, no Math.random.
// Only src/extension imports `vscode`; nothing imports upwards into extension/cli/webview;
// src/node (Node code both hosts share) imports neither host.
import tseslint from 'typescript-eslint';

// Exact module names (a pattern such as 'events' would also match a folder of ours named so).
const nodeBuiltinNames = ['fs', 'fs/promises', 'path', 'os', 'child_process', 'worker_threads',
  'crypto', 'stream', 'util', 'events', 'url', 'http', 'https', 'net', 'zlib', 'readline', 'buffer'];
const nodeBuiltins = nodeBuiltinNames.map((name) => ({ name, message: 'src/core is pure: pass data in, no Node built-ins.' }));
const upward = ['**/extension/**', '**/cli/**', '**/webview/**', '../../webview/**'];
// core owns its models; src/protocol (the host <-> webview messages) builds on core, never the reverse.
const coreUpward = [...upward, '**/protocol/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', 'test-results/**', '.vscode-test/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins,
        patterns: [
          { group: ['vscode'], message: 'src/core and src/protocol never import vscode.' },
          { group: ['node:*'], message: 'src/core is pure: pass data in, no Node built-ins.' },
          { group: upward, message: 'core depends on nothing above it.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'No DOM in src/core.' },
        { name: 'document', message: 'No DOM in src/core.' },
        { name: 'process', message: 'No Node globals in src/core.' },
        { name: 'require', message: 'No Node globals in src/core.' },
        { name: 'Buffer', message: 'No Node globals in src/core: use Uint8Array.' },
        { name: 'setTimeout', message: 'No clocks in src/core.' },
        { name: 'setInterval', message: 'No clocks in src/core.' },
        { name: 'performance', message: 'No clocks in src/core.' },
      ],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Use the seeded PRNG (src/core/sim/prng.ts).' },
        { object: 'Date', property: 'now', message: 'No clocks in src/core.' },
      ],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'No clocks in src/core.' },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins,
        patterns: [
          { group: ['vscode'], message: 'src/core never imports vscode.' },
          { group: ['node:*'], message: 'src/core is pure: pass data in, no Node built-ins.' },
          { group: coreUpward, message: 'core depends on nothing above it, not even src/protocol.' },
        ],
      }],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['vscode'], message: 'Only src/extension imports vscode.' },
        { group: ['**/extension/**', '**/cli/**'], message: 'The webview depends on core/protocol only.' },
      ] }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['vscode'], message: 'Only src/extension imports vscode.' },
        { group: ['**/extension/**', '**/webview/**'], message: 'The CLI depends on core/protocol only (the HTML report reads the built webview bundle as a file).' },
      ] }],
    },
  },
  {
    // Node code both hosts share (the worker pool): the rules of src/cli, and it imports neither host.
    files: ['src/node/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['vscode'], message: 'Only src/extension imports vscode.' },
        { group: ['**/extension/**', '**/cli/**', '**/webview/**'], message: 'src/node serves both Node hosts: it depends on core only.' },
      ] }],
    },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/cli/**', '**/webview/**'], message: 'The extension depends on core/protocol; the webview is a separate bundle it loads, the CLI a separate program.' },
      ] }],
    },
  },
);
