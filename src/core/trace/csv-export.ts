/** CSV of trace metrics (RFC 4180: comma-separated, LF line ends, fields quoted when needed by core/common/csv.ts). */
import { csvRecord } from '../common/csv';

/** A value as its CSV text: integers as they are, others to 12 significant digits without trailing zeros; nothing for null. */
function field(v: string | number | null): string {
  if (v === null) return '';
  return typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(12).replace(/\.?0+$/, '')) : v;
}

/** One line per row, header first; values are strings or numbers (null = empty). */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return [header, ...rows].map((r) => csvRecord(r.map(field))).join('\n') + '\n';
}
