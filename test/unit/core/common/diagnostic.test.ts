import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnostic } from '../../../../src/core/common/diagnostic';

test('a diagnostic has its 1-based line, severity, code and message; the column only when given', () => {
  const d = diagnostic(12, 'error', 'hunk-count-mismatch', 'Hunk has 3 old lines, not 4.');
  assert.deepEqual(d, { line: 12, severity: 'error', code: 'hunk-count-mismatch', message: 'Hunk has 3 old lines, not 4.' });
  // No `column: undefined` key: diagnostics are compared and serialized as they are.
  assert.ok(!('column' in d));
  assert.deepEqual(diagnostic(3, 'warning', 'w', 'm', 7), { line: 3, column: 7, severity: 'warning', code: 'w', message: 'm' });
  assert.equal(JSON.stringify(diagnostic(1, 'info', 'i', 'm', 1)), '{"line":1,"column":1,"severity":"info","code":"i","message":"m"}');
});
