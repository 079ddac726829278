/**
 * Which workspace files to offer when the user picks a trace: the names a trace is saved under
 * (btrace and ftrace text, trace-cmd reports, trace-cmd's trace.dat), the order they are listed
 * in, and the one already picked left out. Pure: no `vscode`.
 */

/** Extensions (without the dot) of files offered as traces. */
export const TRACE_EXTENSIONS = ['btrace', 'ftrace', 'txt', 'log', 'dat'] as const;

/** The glob of trace files for a workspace search. */
export const TRACE_GLOB = `**/*.{${TRACE_EXTENSIONS.join(',')}}`;

/** Whether a path names a file offered as a trace. */
export function isTraceFileName(path: string): boolean {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') && (TRACE_EXTENSIONS as readonly string[]).includes(path.slice(dot + 1).toLowerCase());
}

/**
 * The trace files to offer, as workspace-relative paths: those with a trace name, without
 * `exclude` (the trace picked in the step before), files whose name or folder says trace first
 * (`traces/…`, `*.btrace`), then by path.
 */
export function traceChoices(paths: readonly string[], exclude?: string): string[] {
  const rank = (p: string): number => (/(^|\/)traces?\/|\.(btrace|ftrace|dat)$|trace/i.test(p) ? 0 : 1);
  return paths.filter((p) => p !== exclude && isTraceFileName(p))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
