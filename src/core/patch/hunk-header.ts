/**
 * The `@@ -oldStart[,oldLines] +newStart[,newLines] @@ [function context]` line of a unified
 * diff hunk. A missing count means 1 (GNU diff omits `,1`).
 */
export interface HunkRange {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** The text after the closing `@@`, trimmed; '' when absent. */
  header: string;
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(.*)$/;

/** Parses a hunk header line, or returns null when `line` is not one. */
export function parseHunkHeader(line: string): HunkRange | null {
  const match = HUNK_HEADER.exec(line);
  if (!match) return null;
  return {
    oldStart: Number(match[1]),
    oldLines: match[2] === undefined ? 1 : Number(match[2]),
    newStart: Number(match[3]),
    newLines: match[4] === undefined ? 1 : Number(match[4]),
    header: match[5]!.trim(),
  };
}
