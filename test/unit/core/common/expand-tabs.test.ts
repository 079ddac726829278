import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { expandTabs } from '../../../../src/core/common/expand-tabs';

test('tabs expand to the next multiple of 8 columns', () => {
  assert.equal(expandTabs('\tfoo'), '        foo');
  assert.equal(expandTabs('ab\tc'), 'ab      c');
  assert.equal(expandTabs('\t\tx', 4), '        x');
  assert.equal(expandTabs('no tabs'), 'no tabs');
});

test('a KNF line of kern_exit.c keeps its columns: a tab after 7 characters is one space, after 8 a whole 8 more', () => {
  // `struct\t` is 6 characters then a tab to column 8 (2 spaces); `int\t\t` 3 + 5 + 8.
  assert.equal(expandTabs('struct\tproc *p;'), 'struct  proc *p;');
  assert.equal(expandTabs('int\t\tfoo;'), 'int             foo;');
  // 7 characters: the tab is a single space; 8 characters: the tab is 8 more.
  assert.equal(expandTabs('abcdefg\tx'), 'abcdefg x');
  assert.equal(expandTabs('abcdefgh\tx'), 'abcdefgh        x');
});

test('every tab ends at a multiple of the width, and the text without tabs is unchanged (fast-check, seeded)', () => {
  fc.assert(fc.property(
    fc.array(fc.constantFrom('\t', 'a', ' ', '(', ';'), { maxLength: 40 }).map((cs) => cs.join('')),
    fc.integer({ min: 1, max: 12 }),
    (text, width) => {
      const out = expandTabs(text, width);
      assert.ok(!out.includes('\t'));
      // The non-space characters keep their order.
      assert.equal(out.replace(/ /g, ''), text.replace(/[\t ]/g, ''));
      // The character after each tab starts at a column that is a multiple of the width.
      let column = 0;
      for (let i = 0; i < text.length; i++) {
        column = text[i] === '\t' ? (Math.floor(column / width) + 1) * width : column + 1;
        if (text[i] === '\t') assert.equal(column % width, 0);
      }
      assert.equal(out.length, column);
    },
  ), { seed: 8, numRuns: 500 });
});
