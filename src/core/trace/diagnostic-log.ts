/**
 * Collects a reader's diagnostics with bounded memory: every problem is counted per code, and
 * the first {@link DiagnosticLog.limitPerCode} of each code are kept with their line numbers.
 */
import { diagnostic, type Diagnostic, type Severity } from '../common/diagnostic';

export class DiagnosticLog {
  private readonly kept: Diagnostic[] = [];
  private readonly counts = new Map<string, number>();
  /** Per code over the limit: the first line that was only counted. */
  private readonly firstOmitted = new Map<string, number>();

  /** @param limitPerCode diagnostics kept per code; the rest are only counted */
  constructor(readonly limitPerCode = 50) {}

  add(line: number, severity: Severity, code: string, message: string): void {
    const n = (this.counts.get(code) ?? 0) + 1;
    this.counts.set(code, n);
    if (n <= this.limitPerCode) this.kept.push(diagnostic(line, severity, code, message));
    else if (n === this.limitPerCode + 1) this.firstOmitted.set(code, line);
  }

  /** How many problems had this code (kept or not). */
  count(code: string): number {
    return this.counts.get(code) ?? 0;
  }

  /** The kept diagnostics in input order, plus one summary per code that went over the limit. */
  list(): Diagnostic[] {
    const out = [...this.kept].sort((a, b) => a.line - b.line);
    for (const [code, n] of this.counts) {
      if (n > this.limitPerCode) {
        const from = this.firstOmitted.get(code) ?? 1;
        out.push(diagnostic(from, 'info', `${code}-more`, `${n - this.limitPerCode} more '${code}' lines from line ${from} on are not listed (${n} in all).`));
      }
    }
    return out;
  }
}

/** A line shortened for a message (at most 80 characters). */
export function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
