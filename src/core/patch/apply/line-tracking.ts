/**
 * Following a line of a document through text edits, as the editor reports them (a replaced
 * range in the text before the edit, and the text put there): what a comment thread needs to
 * stay on its line while the user types, applies or undoes. Lines are 0-based. Pure: no `vscode`.
 */

/** One replacement: the range [start, end) of the text before it, and the new text. */
export interface TextEdit {
  start: { line: number; character: number };
  end: { line: number; character: number };
  text: string;
}

function lineBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * The line `line` is on after `edit`. Lines above the edit stay; lines below move by the lines
 * it adds or removes; the line where it ends moves with the end of the new text; a line inside
 * the replaced range keeps its distance from the start, up to the new text's last line.
 */
export function trackLine(line: number, edit: TextEdit): number {
  if (line < edit.start.line) return line;
  const added = lineBreaks(edit.text);
  if (line > edit.end.line) return line + added - (edit.end.line - edit.start.line);
  if (line === edit.end.line && edit.end.line > edit.start.line) return edit.start.line + added;
  if (line === edit.end.line) {
    // The edit is within this line: text that ends at or before its first character moves it down.
    return edit.end.character === 0 && edit.start.character === 0 && added > 0 && edit.start.line === edit.end.line ? line + added : line;
  }
  return edit.start.line + Math.min(line - edit.start.line, added);
}

/**
 * The line after several edits reported together (VS Code's contentChanges of one event: each
 * range refers to the text before the event, and they do not overlap).
 */
export function trackLineThrough(line: number, edits: readonly TextEdit[]): number {
  // Bottom-up: an edit lower in the text never moves the ranges of those above it.
  const ordered = [...edits].sort((a, b) => b.start.line - a.start.line || b.start.character - a.start.character);
  return ordered.reduce((at, edit) => trackLine(at, edit), line);
}
