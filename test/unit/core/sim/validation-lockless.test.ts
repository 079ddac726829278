import { test } from 'node:test';
import { assertMatchesTheory } from './validation-check';

test('lockless matches queueing theory within 3 %: 1/(μ − λ/N), a reaper per CPU, N M/M/1 queues', () => {
  assertMatchesTheory('lockless');
});
