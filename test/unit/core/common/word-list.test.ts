import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alternatives } from '../../../../src/core/common/word-list';

test('names in running text: commas, then "or" before the last', () => {
  assert.equal(alternatives(['kernel-build', 'fork-storm', 'thread-churn', 'poisson']), 'kernel-build, fork-storm, thread-churn or poisson');
  assert.equal(alternatives(['text', 'json']), 'text or json');
  assert.equal(alternatives(['text']), 'text');
  assert.equal(alternatives([]), '');
});
