import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../src/cli/command';
import { commitTreeChanges, readTreeText, treePath } from '../../../src/cli/tree-files';

test('paths stay in the tree: -pN strips components, a path leaving the tree is bad input naming patch and line', () => {
  assert.equal(treePath('/t', 'sys/kern/a.c', 'p.diff', 3), join('/t', 'sys/kern/a.c'));
  assert.equal(treePath('/t', 'old/sys/kern/a.c', 'p.diff', 3, 1), join('/t', 'sys/kern/a.c'));
  assert.throws(() => treePath('/t', '../etc/passwd', 'p.diff', 3), (e: unknown) => e instanceof InputError && /^p\.diff:3: the path "\.\.\/etc\/passwd" leaves the tree$/.test(e.message));
  assert.throws(() => treePath('/t', 'sys/../../x', 'p.diff', 4), InputError);
  assert.throws(() => treePath('/t', 'a.c', 'p.diff', 5, 1), /^Error: p\.diff:5: cannot strip 1 leading component/);
});

test('text that is not UTF-8 is kept byte for byte; a missing file reads as null', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reaperscope-tree-'));
  try {
    const latin1 = new Uint8Array([0x63, 0xe9, 0x0a]); // "cé\n" in ISO 8859-1: 0xe9 alone is not UTF-8
    writeFileSync(join(dir, 'l.c'), latin1);
    const read = (await readTreeText(join(dir, 'l.c')))!;
    assert.equal(read.text, 'c\u00e9\n');
    assert.deepEqual([...read.encode(read.text)], [...latin1]);
    assert.equal(await readTreeText(join(dir, 'none.c')), null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('changes are written, moved and removed together, the file\'s own mode kept unless one is given', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reaperscope-tree-'));
  try {
    writeFileSync(join(dir, 'keep.c'), 'old\n');
    chmodSync(join(dir, 'keep.c'), 0o640);
    writeFileSync(join(dir, 'from.c'), 'x\n');
    writeFileSync(join(dir, 'gone.c'), 'y\n');
    const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
    await commitTreeChanges([
      { writePath: join(dir, 'keep.c'), bytes: bytes('new\n'), mode: null, removePath: null },
      { writePath: join(dir, 'sub/to.c'), bytes: bytes('moved\n'), mode: 0o755, removePath: join(dir, 'from.c') },
      { writePath: null, bytes: null, mode: null, removePath: join(dir, 'gone.c') },
    ]);
    assert.equal(readFileSync(join(dir, 'keep.c'), 'utf8'), 'new\n');
    assert.equal(statSync(join(dir, 'keep.c')).mode & 0o777, 0o640);
    assert.equal(readFileSync(join(dir, 'sub/to.c'), 'utf8'), 'moved\n');
    assert.equal(statSync(join(dir, 'sub/to.c')).mode & 0o777, 0o755);
    assert.deepEqual([existsSync(join(dir, 'from.c')), existsSync(join(dir, 'gone.c'))], [false, false]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
