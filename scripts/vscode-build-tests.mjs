// Bundles the integration entry (test/integration/index.ts) and every suite
// (test/integration/suites/**/*.test.ts) into out/integration/ as CommonJS for the extension
// host: `vscode` and `mocha` stay external (resolved from node_modules at run time).
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const outDir = 'out/integration';

function find(dir, suffix) {
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...find(path, suffix));
    else if (name.endsWith(suffix)) found.push(path);
  }
  return found;
}

/** @returns {Promise<{ index: string, suites: number }>} absolute path of the compiled index (no extension). */
export async function buildIntegrationTests(root = process.cwd()) {
  const suiteDir = join(root, 'test/integration/suites');
  const suites = find(suiteDir, '.test.ts');
  const entryPoints = { index: join(root, 'test/integration/index.ts') };
  for (const file of suites) entryPoints[join('suites', relative(suiteDir, file)).replace(/\.ts$/, '')] = file;
  rmSync(join(root, outDir), { recursive: true, force: true });
  await esbuild.build({
    entryPoints, outdir: join(root, outDir), bundle: true, platform: 'node', format: 'cjs',
    target: 'node20', sourcemap: 'inline', external: ['vscode', 'mocha'], logLevel: 'warning',
    absWorkingDir: root,
  });
  return { index: join(root, outDir, 'index'), suites: suites.length };
}

if (process.argv[1]?.endsWith('vscode-build-tests.mjs')) {
  const built = await buildIntegrationTests();
  console.log(`built ${built.suites} suites into ${outDir}`);
}
