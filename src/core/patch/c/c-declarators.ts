/**
 * Names in C declarators as tree-sitter's C grammar gives them: the one home of following a
 * declarator chain (pointer, array, function, init and parenthesized declarators) to the name
 * it declares, for the function index of the model derivation and the function spans of hunks.
 */
import type { Node } from 'web-tree-sitter';

/**
 * The declarator inside `node`: its `declarator` field (pointer, array, function, init
 * declarators); a parenthesized declarator has no such field in tree-sitter's C grammar, its
 * inner declarator is its one named child besides comments.
 */
export function innerDeclarator(node: Node): Node | null {
  if (node.type !== 'parenthesized_declarator') return node.childForFieldName('declarator');
  return node.namedChildren.find((c): c is Node => !!c && c.type !== 'comment') ?? null;
}

/** Follows the declarator chain to the name: `p`, `*p`, `(*handler(int sig))(int)`, `(foo)(void)`. */
export function declaredName(node: Node | null): string | null {
  let n = node;
  while (n) {
    if (n.type === 'identifier' || n.type === 'field_identifier') return n.text;
    n = innerDeclarator(n);
  }
  return null;
}
