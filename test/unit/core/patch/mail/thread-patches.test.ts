import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSeriesPatches } from '../../../../../src/core/patch/mail/thread-patches';
import { mail, mbox, patchBody, reply, seriesMails } from './thread-mails';

test('an mbox of two versions, delivered interleaved with a reply: v1 then v2, each cover first, the reply left out', async () => {
  const v1 = seriesMails({ version: 1, total: 2, cover: true, threading: 'to-cover', minute: 0 });
  const v2 = seriesMails({ version: 2, total: 2, cover: false, threading: 'chain', minute: 60 });
  const text = mbox([v2[1]!, v1[2]!, reply('r@y', v1[1]!, 'Acked-by: A <a@example.org>'), v1[0]!, v2[0]!, v1[1]!].map(mail));
  const patches = await readSeriesPatches(text);
  assert.deepEqual(patches.map((p) => p.mail?.subject.replace(/ sched:.*$/, '')), ['[PATCH 0/2]', '[PATCH 1/2]', '[PATCH 2/2]', '[PATCH v2 1/2]', '[PATCH v2 2/2]']);
  assert.deepEqual(patches.map((p) => p.files.length), [0, 1, 1, 1, 1]);
});

test('a single mail (no mbox of several messages) reads as one patch', async () => {
  const patches = await readSeriesPatches(mail({ id: 'p@x', subject: '[PATCH] sched: one', body: patchBody('sys/kern/kern_sched.c', 'f', 'g();') }));
  assert.deepEqual(patches.map((p) => p.files.map((f) => [f.newPath, f.added])), [[['sys/kern/kern_sched.c', 1]]]);
});
