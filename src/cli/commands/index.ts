/**
 * The subcommands, in the order `reaperscope --help` lists them: name, summary, and the module
 * that runs it, imported only when it runs (the build makes each its own bundle, dist/cli-NAME.js).
 */
import type { CommandEntry } from '../command';

export const commands: CommandEntry[] = [
  { name: 'patch', summary: 'read a patch, mail or review reply: files, hunks, functions, comments', load: async () => (await import('./patch')).patchCommand },
  { name: 'diff-versions', summary: 'what changed between two versions of a series in a thread, patch by patch', load: async () => (await import('./diff-versions')).diffVersionsCommand },
  { name: 'apply', summary: 'apply a patch to a source tree like patch(1): per-hunk outcome, blob-id checks', load: async () => (await import('./apply')).applyCommand },
  { name: 'trace', summary: 'read a btrace/ftrace scheduler trace: reapers per CPU, exit→reap latency, export', load: async () => (await import('./trace')).traceCommand },
  { name: 'simulate', summary: 'simulate the exit path (baseline, patched, lockless) on a multiprocessor', load: async () => (await import('./simulate')).simulateCommand },
  { name: 'compare', summary: 'detect the variant a patch implements and simulate it against baseline', load: async () => (await import('./compare')).compareCommand },
  { name: 'model', summary: 'derive the exit-path models from the C source before and after a patch', load: async () => (await import('./model')).modelCommand },
];
