import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { diffLines, type Edit } from '../../../../src/core/common/line-diff';

/** `b` rebuilt from `a` and the edits, the count of changed lines, and how many lines of `a` the edits cover. */
function apply(a: readonly string[], b: readonly string[], edits: readonly Edit[]): { rebuilt: string[]; changed: number; oldSeen: number } {
  const rebuilt: string[] = [];
  let changed = 0;
  let oldSeen = 0;
  for (const e of edits) {
    if (e.kind === 'equal') {
      for (let i = 0; i < e.count; i++) assert.equal(a[e.aStart + i], b[e.bStart + i]);
      rebuilt.push(...a.slice(e.aStart, e.aStart + e.count));
      oldSeen += e.count;
    } else if (e.kind === 'insert') {
      rebuilt.push(...b.slice(e.bStart, e.bStart + e.count));
      changed += e.count;
    } else {
      changed += e.count;
      oldSeen += e.count;
    }
  }
  return { rebuilt, changed, oldSeen };
}

/** Length of the longest common subsequence, by dynamic programming: the truth the edit count is checked against. */
function lcs(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = x === b[j - 1] ? diag + 1 : Math.max(row[j]!, row[j - 1]!);
      diag = up;
    }
  }
  return row[b.length]!;
}

test('property: the edits rebuild b from a, cover every line of a, and are a shortest script (n + m - 2·LCS)', () => {
  const lines = fc.array(fc.constantFrom('a', 'b', 'c', '{', '}', ''), { maxLength: 40 });
  fc.assert(fc.property(lines, lines, (a, b) => {
    const { rebuilt, changed, oldSeen } = apply(a, b, diffLines(a, b));
    assert.deepEqual(rebuilt, b);
    assert.equal(oldSeen, a.length);
    assert.equal(changed, a.length + b.length - 2 * lcs(a, b));
  }), { numRuns: 500, seed: 3 });
});

test('past the edit limit the rest is one delete and one insert', () => {
  const edits = diffLines(['x', 'a', 'b', 'y'], ['x', 'c', 'd', 'y'], 1);
  assert.deepEqual(edits.map((e) => [e.kind, e.count]), [['equal', 1], ['delete', 2], ['insert', 2], ['equal', 1]]);
});
