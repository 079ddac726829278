import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { isBinaryPatchData, noGitHeaderFacts, readGitHeaderLine, type GitHeaderFacts } from '../../../../../src/core/patch/diff/git-extended-header';

const fixture = (name: string): string => readFileSync(new URL(`../../../../fixtures/${name}`, import.meta.url), 'utf8');

/** Reads header lines into one facts object as parseDiff does; stops at the first that is not one. */
function read(lines: string[]): { facts: GitHeaderFacts; read: number } {
  const facts = noGitHeaderFacts();
  let n = 0;
  for (const line of lines) {
    if (!readGitHeaderLine(facts, line, 0, line.length)) break;
    n++;
  }
  return { facts, read: n };
}

/** The set fields of a facts object. */
const set = (facts: GitHeaderFacts): Partial<GitHeaderFacts> => Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined));

/** The header lines after each `diff --git` line of a fixture, up to the `---` (or the next file). */
function headers(text: string): string[][] {
  return text.split('diff --git ').slice(1).map((block) => block.split('\n').slice(1));
}

test('every file of git-features.diff: what git wrote for it (git-diff(1), "extended header lines")', () => {
  const facts = headers(fixture('diffs/git-features.diff')).map((h) => set(read(h).facts));
  assert.deepEqual(facts, [
    { newFile: true, newMode: '100644', oldBlob: '0000000', newBlob: '07f33c4' },
    { oldMode: '100644', newMode: '100644', oldBlob: 'b43761b27df02a0c6c305120d37445368d1ac5e1', newBlob: 'f18d138a9153cf437536b0c9fc85409cd68e30f2' },
    { oldMode: '100644', newMode: '100644', oldBlob: '572eb43', newBlob: 'bd4d203' },
    { similarity: 93, copyFrom: 'dir/copy-src.txt', copyTo: 'dir/copy-dst.txt', oldMode: '100644', newMode: '100644', oldBlob: '1c99002', newBlob: '742bd57' },
    { deletedFile: true, oldMode: '100644', oldBlob: '286c5f5', newBlob: '0000000' },
    { oldMode: '100644', newMode: '100644', oldBlob: 'e5c5c55', newBlob: 'f5439c0' },
    { oldMode: '100644', newMode: '100644', oldBlob: '1045c4a', newBlob: '47d0090' },
    { similarity: 87, renameFrom: 'dir/to-rename.txt', renameTo: 'dir/renamed.txt', oldMode: '100644', newMode: '100644', oldBlob: '71ac1b5', newBlob: '797b965' },
    // A mode change alone: no index line.
    { oldMode: '100644', newMode: '100755' },
    { oldMode: '100644', newMode: '100644', oldBlob: '383ba0a', newBlob: 'd1962d0' },
    { oldMode: '100644', newMode: '100644', oldBlob: 'daa834d', newBlob: '25456be' },
  ]);
  // The seed patch's index lines: the README's blob ids.
  const seed = headers(fixture('one-reaper-per-cpu.patch')).map((h) => read(h).facts);
  assert.deepEqual(seed.map((f) => [f.oldBlob, f.newBlob]), [
    ['d571b0855cff', '83a03a14a042'], ['ba87dcd42cd0', 'a5cc37ac0f74'], ['0ee965183323', 'c3e3d4a1c14b'], ['50b708954bff', '6139f25c3640'],
  ]);
});

test('mode changes, quoted renames and dissimilarity; the header ends at ---, @@ and unknown lines', () => {
  const { facts, read: n } = read([
    'old mode 100644',
    'new mode 100755',
    'dissimilarity index 75%',
    'rename old "dir/caf\\303\\251.c"',
    'rename new dir/cafe.c',
    '--- a/dir/café.c',
  ]);
  // dissimilarity 75 % is similarity 25 %.
  assert.deepEqual(set(facts), { oldMode: '100644', newMode: '100755', similarity: 25, renameFrom: 'dir/café.c', renameTo: 'dir/cafe.c' });
  assert.equal(n, 5);
  for (const line of ['--- a/x', '+++ b/x', '@@ -1 +1 @@', 'GIT binary patch', 'Binary files a/x and b/x differ', 'similarity', 'index', ''])
    assert.equal(readGitHeaderLine(noGitHeaderFacts(), line, 0, line.length), false, line);
  // The mode an `old mode` line gave is kept over the `index` line's.
  assert.deepEqual(set(read(['old mode 100755', 'index 1c99002..742bd57 100644']).facts), { oldMode: '100755', newMode: '100644', oldBlob: '1c99002', newBlob: '742bd57' });
  // A similarity line without a percent is a header line that says nothing.
  assert.deepEqual(set(read(['similarity index x%']).facts), {});
});

test('a line is read between the offsets given, in the middle of a text', () => {
  const text = 'diff --git a/x b/x\nindex 0ee965183323..c3e3d4a1c14b 100644\n--- a/x\n';
  const start = text.indexOf('index');
  const facts = noGitHeaderFacts();
  assert.equal(readGitHeaderLine(facts, text, start, text.indexOf('\n', start)), true);
  assert.deepEqual(set(facts), { oldBlob: '0ee965183323', newBlob: 'c3e3d4a1c14b', oldMode: '100644', newMode: '100644' });
});

test('`index` lines: blob ids and mode read as git writes them, anything else ends the header (fast-check against the regular expression, seeded)', () => {
  // The reference: the regular expression the hand-written reader must agree with.
  const reference = /^index ([0-9a-fA-F]+)\.\.([0-9a-fA-F]+)(?: ([0-7]{6}))?\s*$/;
  const piece = fc.constantFrom('0', '7', 'a', 'F', 'g', '.', '..', ' ', '\t', '100644', '1006449', '  ');
  fc.assert(fc.property(fc.array(piece, { maxLength: 10 }).map((p) => `index ${p.join('')}`), (line) => {
    const facts = noGitHeaderFacts();
    const isIndex = readGitHeaderLine(facts, line, 0, line.length);
    const match = reference.exec(line);
    assert.equal(isIndex, match !== null, line);
    assert.equal(facts.oldBlob, match?.[1]!.toLowerCase(), line);
    assert.equal(facts.newBlob, match?.[2]!.toLowerCase(), line);
    assert.equal(facts.oldMode, match?.[3], line);
  }), { seed: 172, numRuns: 5000 });
});

test('the data after GIT binary patch: literal/delta sizes, base85 lines, blank lines', () => {
  const text = fixture('diffs/git-features.diff');
  const data = text.slice(text.indexOf('GIT binary patch\n') + 'GIT binary patch\n'.length, text.indexOf('diff --git "')).split('\n');
  assert.deepEqual(data.slice(0, 3), ['literal 10', 'RcmZQzWKPP=ODwAV2LKE|1Bd_s', '']);
  assert.ok(data.every(isBinaryPatchData), JSON.stringify(data));
  // (`literal` alone is a base85 line: a length letter and data characters.)
  for (const line of ['diff --git a/x b/x', '--- a/x', 'delta x', 'literal 10 ', ' RcmZQ', '9abc'])
    assert.equal(isBinaryPatchData(line), false, line);
});
