/**
 * Trailers a reviewer gives in a reply (`Reviewed-by: Name <address>`), as b4 collects them: the
 * reviewer's own lines only (quoted lines, `> ...`, are someone else's), the names below, matched
 * without regard to case and written in their usual spelling.
 */

/** The trailers collected from replies, in their usual spelling. */
export const REPLY_TRAILER_NAMES = ['Reviewed-by', 'Acked-by', 'Tested-by', 'Reported-by', 'Suggested-by', 'Fixes'] as const;

/** A trailer line of a reply. */
export interface TrailerLine {
  name: (typeof REPLY_TRAILER_NAMES)[number];
  value: string;
  /** 0-based index of the body line it is on. */
  bodyIndex: number;
}

const SPELLING = new Map<string, TrailerLine['name']>(REPLY_TRAILER_NAMES.map((n) => [n.toLowerCase(), n]));
const TRAILER = /^[ \t]*([A-Za-z][A-Za-z-]*):[ \t]*(\S.*?)\s*$/;

/** The trailers in the reviewer's own (unquoted) lines of `body`, in body order. */
export function replyTrailers(body: string): TrailerLine[] {
  const found: TrailerLine[] = [];
  body.split('\n').forEach((line, bodyIndex) => {
    if (/^\s*>/.test(line)) return;
    const m = TRAILER.exec(line);
    const name = m ? SPELLING.get(m[1]!.toLowerCase()) : undefined;
    if (m && name) found.push({ name, value: m[2]!, bodyIndex });
  });
  return found;
}
