// The CLI's bundles: a small dispatcher (cli.js, from src/cli/main.ts) and one bundle per
// subcommand (cli-NAME.js, from src/cli/commands/NAME.ts), so a run compiles and initialises
// only its command's code (the whole CLI in one bundle costs about 50 ms CPU more at every
// start). scripts/build.mjs builds them into dist/; test/unit/cli/main.test.ts into a temp folder.
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const commandsDir = join(root, 'src/cli/commands');

/**
 * esbuild options of the CLI's bundles, written to `outdir`.
 * @returns {Promise<import('esbuild').BuildOptions[]>}
 */
export async function cliBundles(outdir) {
  const names = (await readdir(commandsDir)).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.slice(0, -3));
  /** The dispatcher's `import('./NAME')` in commands/index.ts becomes a require of that command's bundle. */
  const commandBundles = {
    name: 'command-bundles',
    setup(build) {
      build.onResolve({ filter: /^\.\/[a-z-]+$/ }, (args) => {
        const name = args.path.slice(2);
        if (args.kind !== 'dynamic-import' || args.importer !== join(commandsDir, 'index.ts') || !names.includes(name)) return undefined;
        return { path: `./cli-${name}.js`, external: true };
      });
    },
  };
  const node = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', outdir, absWorkingDir: root };
  return [
    {
      ...node,
      entryPoints: { cli: 'src/cli/main.ts' },
      banner: { js: '#!/usr/bin/env node' },
      plugins: [commandBundles],
      // import() as require(): Node's ESM loader would cost more at start than the split saves.
      supported: { 'dynamic-import': false },
    },
    {
      ...node,
      entryPoints: Object.fromEntries(names.map((name) => [`cli-${name}`, `src/cli/commands/${name}.ts`])),
      // web-tree-sitter's ESM build needs import.meta.url, which a CJS bundle lacks: use its CJS build.
      alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' },
    },
  ];
}
