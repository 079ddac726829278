/**
 * A text file as lines plus the line break each one ends with, so that a patched file keeps
 * its line endings (LF or CRLF, line by line) and its missing final line break.
 */
export interface TextLines {
  /** The lines without their line breaks. */
  lines: string[];
  /** The break after each line: '\n', '\r\n', or '' for a last line without one. */
  breaks: string[];
  /** The break most line breaks are ('\r\n' when CRLF is the majority, '\n' for a text without breaks); used for inserted lines. */
  usual: '\n' | '\r\n';
}

/** Splits `text` into lines and their breaks. An empty text has no lines. */
export function splitLines(text: string): TextLines {
  const lines: string[] = [];
  const breaks: string[] = [];
  let crlf = 0;
  let start = 0;
  while (start < text.length) {
    const lf = text.indexOf('\n', start);
    if (lf < 0) {
      lines.push(text.slice(start));
      breaks.push('');
      break;
    }
    if (lf > start && text.charCodeAt(lf - 1) === 13) {
      lines.push(text.slice(start, lf - 1));
      breaks.push('\r\n');
      crlf++;
    } else {
      lines.push(text.slice(start, lf));
      breaks.push('\n');
    }
    start = lf + 1;
  }
  const lf = lines.length - crlf - (breaks[breaks.length - 1] === '' ? 1 : 0);
  return { lines, breaks, usual: crlf > lf ? '\r\n' : '\n' };
}

/** Joins lines and breaks back into text. */
export function joinLines(lines: readonly string[], breaks: readonly string[]): string {
  let text = '';
  for (let i = 0; i < lines.length; i++) text += lines[i]! + breaks[i]!;
  return text;
}
