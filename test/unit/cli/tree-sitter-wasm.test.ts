import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cFunctionFinder, cParser } from '../../../src/cli/tree-sitter-wasm';

// BSD style: the return type on its own line above the name; the span covers both.
const SOURCE = 'static int\nfirst(void)\n{\n\treturn 1;\n}\n\nvoid\nsecond(int a)\n{\n}\n';

test('the finder is read from the installed wasm files once, and finds each function\'s lines', async () => {
  const promise = cFunctionFinder();
  assert.equal(cFunctionFinder(), promise, 'one load for the process');
  const finder = await promise;
  assert.ok(finder, 'web-tree-sitter and tree-sitter-c are dependencies: their wasm files are in node_modules');
  assert.deepEqual(finder.functionSpans(SOURCE), [{ name: 'first', startLine: 1, endLine: 5 }, { name: 'second', startLine: 7, endLine: 10 }]);
});

test('the parser shares the wasm and parses C', async () => {
  const promise = cParser();
  assert.equal(cParser(), promise);
  const parser = (await promise)!;
  const root = parser.parse(SOURCE)!.rootNode;
  assert.deepEqual(root.children.map((n) => n?.type), ['function_definition', 'function_definition']);
  assert.equal(root.hasError, false);
});
