/** Names in running text, for messages that list what is accepted. */

/** `a, b or c` (`a` alone, `a or b` for two). */
export function alternatives(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]!}`;
}
