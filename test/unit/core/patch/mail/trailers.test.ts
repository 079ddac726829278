import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replyTrailers } from '../../../../../src/core/patch/mail/trailers';

test('trailers in the reviewer\'s own lines, in their usual spelling, with their body line', () => {
  const body = [
    'On Wed, 10 Jul 2024, Christian Ludwig wrote:',
    '> Signed-off-by: Christian Ludwig <cludwig@example.org>',
    '> Reviewed-by: Someone Quoted <q@example.org>',
    '',
    'Looks right to me.',
    '',
    'reviewed-BY:   Mark Kettenis <kettenis@example.org>  ',
    'Tested-by: Claudio Jeker <claudio@example.org>',
    'Fixes: 1234abcd5678 ("sched: reap on the idle thread")',
    'Signed-off-by: Mark Kettenis <kettenis@example.org>',
    'Cc: tech@example.org',
  ].join('\n');
  assert.deepEqual(replyTrailers(body), [
    { name: 'Reviewed-by', value: 'Mark Kettenis <kettenis@example.org>', bodyIndex: 6 },
    { name: 'Tested-by', value: 'Claudio Jeker <claudio@example.org>', bodyIndex: 7 },
    { name: 'Fixes', value: '1234abcd5678 ("sched: reap on the idle thread")', bodyIndex: 8 },
  ]);
});

test('a trailer name with no value, or prose with a colon, is no trailer', () => {
  assert.deepEqual(replyTrailers('Acked-by:\nNote: Acked-by is what I mean\nAcked-by Mark'), []);
});
