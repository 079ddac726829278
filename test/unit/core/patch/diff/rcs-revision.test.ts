import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { labelRevision, rcsRevisionOf, revisionMatches } from '../../../../../src/core/patch/diff/rcs-revision';
import { parseDiff } from '../../../../../src/core/patch/diff/unified-diff';

/** The head of an OpenBSD source file as CVS checks it out: the RCS id in the first comment. */
const KERN_SCHED_HEAD = '/*\t$OpenBSD: kern_sched.c,v 1.99 2024/07/08 14:46:47 mpi Exp $\t*/\n/*\n * Copyright (c) 2007, 2008 Artur Grabowski <art@openbsd.org>\n';

test('the revision of a cvs diff label is its last tab-separated field; git, got and diff -u labels have none', () => {
  assert.equal(labelRevision('sys/kern/kern_sched.c\t8 Jul 2024 14:46:47 -0000\t1.99'), '1.99');
  assert.equal(labelRevision('sys/kern/kern_sched.c\t8 Jul 2024 14:46:47 -0000\t1.1.1.1'), '1.1.1.1');
  assert.equal(labelRevision('sys/kern/kern_sched.c\t10 Jul 2024 15:21:35 -0000'), undefined, 'the working file: a date, no revision');
  assert.equal(labelRevision('a/sys/kern/kern_sched.c'), undefined);
  assert.equal(labelRevision('kern_sched.c.orig\t2024-07-10 17:21:35.000000000 +0200'), undefined);
});

test('the RCS id of a file: OpenBSD, NetBSD and plain $Id$ keywords, with or without a path', () => {
  assert.equal(rcsRevisionOf(KERN_SCHED_HEAD), '1.99');
  assert.equal(rcsRevisionOf('/*\t$NetBSD: kern_exit.c,v 1.297 2024/05/12 10:34:56 rillig Exp $\t*/\n'), '1.297');
  assert.equal(rcsRevisionOf('# $Id: /cvs/src/etc/rc,v 1.577 2024/06/05 ... $\n'), '1.577');
  assert.equal(rcsRevisionOf('/*\t$OpenBSD$\t*/\n'), null, 'an unexpanded keyword has no revision');
  assert.equal(rcsRevisionOf(`${'\n'.repeat(3000)}$OpenBSD: late.c,v 1.1 2024/01/01 00:00:00 x Exp $`), null, 'only the head of the file is looked at');
});

test('a cvs patch against a file at its revision matches; another revision, a missing file or no id say so', () => {
  const patch = parseDiff(readFileSync(new URL('../../../../fixtures/diffs/cvs-diff-up.diff', import.meta.url), 'utf8')).files[0]!;
  assert.equal(patch.oldRevision, '1.99');
  assert.equal(revisionMatches(patch.oldRevision, KERN_SCHED_HEAD), true);
  assert.equal(revisionMatches(patch.oldRevision, KERN_SCHED_HEAD.replace('1.99', '1.100')), false);
  assert.equal(revisionMatches(patch.oldRevision, null), false);
  assert.equal(revisionMatches(patch.oldRevision, 'int x;\n'), null, 'no RCS id: nothing to compare');
  assert.equal(revisionMatches(undefined, KERN_SCHED_HEAD), null, 'a git patch: no revision');
});
