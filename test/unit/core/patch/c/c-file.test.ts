import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCFile } from '../../../../../src/core/patch/c/c-file';

test('C sources and headers of the seed patch are C files; other files of a kernel tree are not', () => {
  for (const path of ['sys/kern/kern_exit.c', 'sys/kern/kern_sched.c', 'sys/kern/init_main.c', 'sys/sys/proc.h', 'x.c', '.h'])
    assert.equal(isCFile(path), true, path);
  for (const path of ['sys/arch/amd64/amd64/locore.S', 'sys/conf/files', 'Makefile', 'sys/kern/kern_exit.c.orig', 'sys/kern/kern_exit.cc', 'README.md', 'a.C', 'sys/sys/proc.hpp', 'c'])
    assert.equal(isCFile(path), false, path);
});
