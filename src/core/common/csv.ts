/**
 * CSV fields as RFC 4180 writes them, the one quoter of the panel's metrics export and the
 * trace metrics export: a field holding a comma, a double quote, a line feed or a carriage
 * return is put in double quotes, its double quotes doubled; any other field is as is.
 */

const NEEDS_QUOTES = /[",\n\r]/;

/** One field, quoted when it must be. */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record: the fields quoted where needed, joined by commas (no line break). */
export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}
