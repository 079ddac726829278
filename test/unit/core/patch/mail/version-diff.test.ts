import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupSeries } from '../../../../../src/core/patch/mail/series';
import { readThread } from '../../../../../src/core/patch/mail/thread';
import { diffVersions, formatVersionDiff, versionTexts } from '../../../../../src/core/patch/mail/version-diff';
import { mail, mbox, patchBody, seriesMails, type MailSpec } from './thread-mails';

test('v1 → v2 patch by patch: unchanged, changed (the differing lines), dropped and added patches', async () => {
  const v1 = seriesMails({ version: 1, total: 3, cover: false, threading: 'chain', minute: 0 });
  const v2 = seriesMails({ version: 2, total: 3, cover: false, threading: 'chain', minute: 60 });
  // The new patch 3 shares only its skeleton with v1's (signature, braces, `int s;`): 8 of its 20
  // lines with v1's patch 3 differ, more than a third, so it is not paired by number.
  // v2: patch 1 the same as v1's (same title and diff), patch 2 changed (its added line differs:
  // seriesMails names it v2_step2), v1's patch 3 dropped, and a new patch 3 with another title.
  v2[0] = { ...v2[0]!, body: v1[0]!.body };
  v2[2] = { ...v2[2]!, subject: '[PATCH v2 3/3] sched: new step', body: patchBody('sys/kern/kern_exit.c', 'exit1', 'reaper_wakeup();', 'Wake the reaper.') };
  const thread = await readThread([{ name: 't.mbox', data: mbox([...v1, ...v2].map((m: MailSpec) => mail(m))) }]);
  const [from, to] = groupSeries(thread).series;
  const pairs = diffVersions(thread.messages, from!, to!);
  assert.deepEqual(pairs.map((p) => [p.fromN, p.status, p.toN, p.title]), [
    [1, 'same', 1, 'sched: step 1'],
    [2, 'changed', 2, 'sched: step 2'],
    [3, 'dropped', null, 'sched: step 3'],
    [null, 'added', 3, 'sched: new step'],
  ]);
  // The changed pair: one line removed, one added, with the three lines of context before
  // (`@@ step2(void)`, ` {`, ` \tint s;`) and the one after (` `, the hunk's last line).
  assert.deepEqual(pairs[1]!.lines, [' @@ step2(void)', '  {', '  \tint s;', '-+\tv1_step2();', '++\tv2_step2();', '  ']);
  const text = formatVersionDiff(from!, to!, pairs);
  assert.match(text, /^v1 → v2: 3 patch\(es\) in v1, 3 in v2$/m);
  assert.match(text, /^2\/3 ! 2\/3  sched: step 2$/m);
  assert.match(text, /^3\/3 < -    sched: step 3$/m);
  assert.match(text, /^ {4}-\+\tv1_step2\(\);$/m);
  // Side by side: v1's patches 1, 2, 3 on the left, v2's 1, 2 and the new 3 on the right.
  const { older, newer } = versionTexts(thread.messages, from!, to!, pairs);
  assert.deepEqual(older.split('\n').filter((l) => l.startsWith('# ')), ['# 1/3 sched: step 1', '# 2/3 sched: step 2', '# 3/3 sched: step 3']);
  assert.deepEqual(newer.split('\n').filter((l) => l.startsWith('# ')), ['# 1/3 sched: step 1', '# 2/3 sched: step 2', '# 3/3 sched: new step']);
  assert.ok(newer.includes('+\treaper_wakeup();') && !older.includes('reaper_wakeup'));
});
