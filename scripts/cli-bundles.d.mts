// Types of cli-bundles.mjs for the TypeScript that imports it (the CLI bundle test).
import type { BuildOptions } from 'esbuild';

/** esbuild options of the CLI's bundles (the dispatcher, then one bundle per command), written to `outdir`. */
export function cliBundles(outdir: string): Promise<BuildOptions[]>;
