/**
 * Reaper threads are known by name: `reaper` before the "one reaper per CPU" patch,
 * `reaper0`, `reaper1`, … after it (DESIGN.md "OpenBSD tracing facts"). The trace readers and
 * the analysis both ask.
 */

/**
 * Which reaper a thread name denotes: -1 for the single global `reaper`, N for `reaperN`,
 * null for any other name.
 */
export function reaperIndexOfComm(comm: string): number | null {
  if (comm === 'reaper') return -1;
  const m = /^reaper(\d+)$/.exec(comm);
  return m ? Number(m[1]) : null;
}
