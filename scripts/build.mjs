// One esbuild script for every bundle: the extension (Node, `vscode` external) and its worker,
// the CLI (Node: a dispatcher and a bundle per command, cli-bundles.mjs) and its simulation
// worker, and the webview app (browser). `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { cliBundles } from './cli-bundles.mjs';

const watch = process.argv.includes('--watch');
const common = { bundle: true, sourcemap: true, logLevel: 'warning', legalComments: 'none' };

/** @type {esbuild.BuildOptions[]} */
const bundles = [
  {
    ...common,
    entryPoints: { extension: 'src/extension/extension.ts' },
    platform: 'node', format: 'cjs', target: 'node20', outdir: 'dist',
    external: ['vscode'],
    // As for the CLI: web-tree-sitter's CJS build (its ESM build needs import.meta.url).
    alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' },
  },
  {
    // Long work (trace reading, simulation sweeps) off the extension host's thread.
    ...common,
    entryPoints: { worker: 'src/extension/work/worker-main.ts' },
    platform: 'node', format: 'cjs', target: 'node20', outdir: 'dist',
    // It derives models from C (derive-models-job.ts): tree-sitter's CJS build, as for the CLI.
    alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' },
  },
  ...(await cliBundles('dist')).map((b) => ({ ...common, ...b })),
  {
    // Worker threads of the CLI's simulation sweeps (src/cli/sim-workers.ts).
    ...common,
    entryPoints: { 'sim-worker': 'src/cli/sim-worker-main.ts' },
    platform: 'node', format: 'cjs', target: 'node20', outdir: 'dist',
  },
  {
    ...common,
    entryPoints: { webview: 'webview/main.ts' },
    platform: 'browser', format: 'iife', target: 'es2022', outdir: 'dist',
    loader: { '.css': 'text' },
  },
];

await mkdir('dist', { recursive: true });
// tree-sitter's C grammar (wasm) and runtime wasm are loaded at run time by the patch reader.
await copyFile('node_modules/tree-sitter-c/tree-sitter-c.wasm', 'dist/tree-sitter-c.wasm');
await copyFile('node_modules/web-tree-sitter/tree-sitter.wasm', 'dist/tree-sitter.wasm');
// The editorconfig library's INI parser (wasm) is read from the bundle's own folder.
await copyFile('node_modules/@one-ini/wasm/one_ini_bg.wasm', 'dist/one_ini_bg.wasm');
await copyFile('node_modules/@vscode/codicons/dist/codicon.css', 'dist/codicon.css');
await copyFile('node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/codicon.ttf');

if (watch) {
  const contexts = await Promise.all(bundles.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(bundles.map((b) => esbuild.build(b)));
}
