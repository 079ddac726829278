/**
 * A problem found while reading input. Readers never throw on bad input: they return what they
 * could read plus diagnostics. Lines and columns are 1-based and refer to the input as given
 * (for mail: the decoded body, see DESIGN.md).
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** 1-based line of the input the problem is on. */
  line: number;
  /** 1-based column, where known. */
  column?: number;
  severity: Severity;
  /** Stable machine-readable code, kebab-case (e.g. `hunk-count-mismatch`). */
  code: string;
  /** One sentence a person can act on. */
  message: string;
}

/** The input is not of the expected format at all (as opposed to a damaged one). */
export interface FormatError {
  kind: 'format-error';
  message: string;
  /** 1-based line where the reader gave up, where known. */
  line?: number;
}

export function diagnostic(line: number, severity: Severity, code: string, message: string, column?: number): Diagnostic {
  return column === undefined ? { line, severity, code, message } : { line, column, severity, code, message };
}
