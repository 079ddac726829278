/**
 * The C files a model is derived from, parsed once: every function definition by name (the
 * first definition wins; a later one is reported), with the file it is in. tree-sitter's C
 * grammar leaves ERROR nodes around kernel macros; definitions stay right (c-functions.ts).
 */
import type { Node, Parser, Tree } from 'web-tree-sitter';

/** One file of a kernel tree, by its path in the tree (e.g. `sys/kern/kern_exit.c`). */
export interface CSourceFile {
  path: string;
  text: string;
}

export interface FunctionDefinition {
  name: string;
  file: string;
  node: Node;
}

export interface CFunctionsIndex {
  functions: Map<string, FunctionDefinition>;
  /** Every call to `kthread_create` with the function it is in. */
  kthreadCreates: { file: string; func: string; node: Node }[];
  /** Frees the parse trees (tree-sitter memory); the index is unusable afterwards. */
  dispose(): void;
}

/** Follows the declarator chain (pointer, function, parenthesized declarators) to the name. */
export function declaredName(node: Node | null): string | null {
  let n = node;
  while (n) {
    if (n.type === 'identifier' || n.type === 'field_identifier') return n.text;
    n = n.childForFieldName('declarator');
  }
  return null;
}

/** Parses `files` and indexes their function definitions. */
export function indexCFunctions(parser: Parser, files: readonly CSourceFile[]): CFunctionsIndex {
  const trees: Tree[] = [];
  const functions = new Map<string, FunctionDefinition>();
  const kthreadCreates: CFunctionsIndex['kthreadCreates'] = [];
  for (const file of files) {
    const tree = parser.parse(file.text);
    if (!tree) continue;
    trees.push(tree);
    for (const node of tree.rootNode.descendantsOfType('function_definition')) {
      const name = node ? declaredName(node.childForFieldName('declarator')) : null;
      if (!node || !name) continue;
      if (!functions.has(name)) functions.set(name, { name, file: file.path, node });
      for (const call of node.descendantsOfType('call_expression')) {
        if (call && call.childForFieldName('function')?.text === 'kthread_create') kthreadCreates.push({ file: file.path, func: name, node: call });
      }
    }
  }
  return { functions, kthreadCreates, dispose: () => trees.forEach((t) => t.delete()) };
}
