/**
 * Invariants the machine checks on every run: each exited thread reaped exactly
 * once, one CPU per thread at a time, time never goes back, a per-CPU dead list touched only by
 * its own CPU; and, for the global list of the baseline, how often consecutive accesses come
 * from different CPUs.
 */

/** Violations kept verbatim; beyond this only the count grows. */
const KEEP = 50;

export interface InvariantReport {
  ok: boolean;
  violations: string[];
  /** All violations, including those not kept in `violations`. */
  violationCount: number;
  /** Reap events (each names the reaped thread). */
  reaps: number;
  /** Threads that left exit1 but were not reaped when the run ended (still in the pipeline). */
  unreapedAtEnd: number;
  /** Changes of a dead list (insert/remove). */
  listAccesses: number;
  /** Accesses to the global deadproc list from a CPU other than the previous accessor's. */
  globalListCrossCpuTouches: number;
}

export class InvariantLog {
  reaps = 0;
  listAccesses = 0;
  globalListCrossCpuTouches = 0;
  private readonly kept: string[] = [];
  private count = 0;

  violation(message: string): void {
    this.count++;
    if (this.kept.length < KEEP) this.kept.push(message);
  }

  report(unreapedAtEnd: number): InvariantReport {
    return {
      ok: this.count === 0,
      violations: [...this.kept],
      violationCount: this.count,
      reaps: this.reaps,
      unreapedAtEnd,
      listAccesses: this.listAccesses,
      globalListCrossCpuTouches: this.globalListCrossCpuTouches,
    };
  }
}
