import { test } from 'node:test';
import assert from 'node:assert/strict';
import { declaredName } from '../../../../../src/core/patch/c/c-declarators';
import { cParser } from '../../sim/derive/exit-path-fixture';

test('declaredName follows parenthesized declarators to the name', async () => {
  assert.equal(declaredName(null), null);
  const tree = (await cParser()).parse('int (*(reapq_pick)(int n))(int);\nvoid (*reapq_hooks[4])(struct proc *);\n')!;
  try {
    const names = tree.rootNode.namedChildren.map((d) => declaredName(d?.childForFieldName('declarator') ?? null));
    assert.deepEqual(names, ['reapq_pick', 'reapq_hooks']);
  } finally {
    tree.delete();
  }
});
