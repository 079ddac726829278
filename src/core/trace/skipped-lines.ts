/**
 * Lines a reader skipped, counted by what they were (an event name, or a kind of non-event
 * line), so the user gets one diagnostic per name with its count and first line instead of one
 * per line.
 */
import { clip, type DiagnosticLog } from './diagnostic-log';

interface Skipped {
  count: number;
  firstLine: number;
  /** The first such line's problem, shown with the count. */
  example: string;
}

export class SkippedLines {
  private readonly byName = new Map<string, Skipped>();
  total = 0;

  /** A line of `name` was skipped because of `problem` (the first one of each name is kept). */
  add(name: string, lineNo: number, problem: string): void {
    this.total++;
    const s = this.byName.get(name);
    if (s) s.count++;
    else this.byName.set(name, { count: 1, firstLine: lineNo, example: problem });
  }

  /** One warning per name, at its first line, with the count. */
  report(log: DiagnosticLog, code: string): void {
    for (const [name, s] of this.byName) {
      const lines = s.count === 1 ? '1 line' : `${s.count} lines`;
      log.add(s.firstLine, 'warning', code, `${clip(name)}: ${lines} skipped, first at line ${s.firstLine}: ${s.example}`);
    }
  }
}
