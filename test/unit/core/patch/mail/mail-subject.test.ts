import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isReplySubject, seriesPosition, subjectTags } from '../../../../../src/core/patch/mail/mail-subject';

test('series position: the n/m in brackets; none when n > m, m is 0, or there is no counter', () => {
  assert.deepEqual(seriesPosition('[PATCH v2 03/12] sched: x'), { index: 3, total: 12 });
  assert.deepEqual(seriesPosition('[RFC PATCH net-next 0/4] cover'), { index: 0, total: 4 });
  assert.equal(seriesPosition('[PATCH 5/4] x'), undefined);
  assert.equal(seriesPosition('[PATCH 1/0] x'), undefined);
  assert.equal(seriesPosition('[PATCH] 1/2 of the work'), undefined);
});

test('reply prefixes, localised ones too; a subject that merely contains "re:" is none', () => {
  for (const s of ['Re: [PATCH] x', 'RE: x', 'AW: x', 'SV: x', 'Antw: x', '  re : x']) assert.equal(isReplySubject(s), true, s);
  for (const s of ['[PATCH] re: x', 'Reaper per CPU', 'Fwd: x']) assert.equal(isReplySubject(s), false, s);
});

test('tags: version, flags, prefixes, counters n/m and n of m, list tags before, pull requests, title', () => {
  assert.deepEqual(subjectTags('Re: [tech] [RFC PATCH net-next v3 02/12] sched:  one  reaper'), {
    isReply: true, isPatch: true, isPull: false, version: 3, flags: ['RFC'], prefixes: ['tech', 'net-next'],
    position: { index: 2, total: 12 }, title: 'sched: one reaper',
  });
  assert.deepEqual(subjectTags('[PATCHv2 1 of 3] sched: hg'), {
    isReply: false, isPatch: true, isPull: false, version: 2, flags: [], prefixes: [], position: { index: 1, total: 3 }, title: 'sched: hg',
  });
  const pull = subjectTags('[GIT PULL] sched fixes for 7.6');
  assert.deepEqual([pull.isPull, pull.isPatch, pull.title], [true, false, 'sched fixes for 7.6']);
  const resend = subjectTags('[RESEND PATCH] sched: fix');
  assert.deepEqual([resend.flags, resend.version, resend.position], [['RESEND'], 1, undefined]);
  assert.equal(subjectTags('sched: no tags').isPatch, false);
});
