/**
 * Tabs as spaces to the next multiple of `width` columns (8: the kernel's style, KNF), counted
 * from the text's own start. A hunk shown as `+`/`-`/` ` plus expanded text indents every kind
 * of line alike, whatever the renderer's tab width.
 */
export function expandTabs(text: string, width = 8): string {
  let out = '';
  for (const c of text) out += c === '\t' ? ' '.repeat(width - (out.length % width)) : c;
  return out;
}
