import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseDiff } from '../../../../../src/core/patch/diff/unified-diff';
import { reverseFilePatch } from '../../../../../src/core/patch/apply/reverse-patch';
import type { Hunk, PatchLine } from '../../../../../src/core/patch/model';
import { ParsedHunk, plainHunk } from '../../../../../src/core/patch/diff/parsed-hunk';
import { functionsFromHunkText } from '../../../../../src/core/patch/diff/hunk-text-functions';

const fixture = (name: string): string => readFileSync(new URL(`../../../../fixtures/${name}`, import.meta.url), 'utf8');

/** The seed's kern_exit.c hunk 3 (`@@ -441,20 +408,26 @@ void`, the reaper loop) and the patch text. */
function reaperHunk(): { hunk: Hunk; text: string } {
  const text = fixture('one-reaper-per-cpu.patch');
  const exit = parseDiff(text).files.find((f) => f.newPath === 'sys/kern/kern_exit.c')!;
  return { hunk: exit.hunks[2]!, text };
}

/** The hunk's body lines as the input has them: from the line after its `@@` up to the next `@@` or `diff`. */
function inputBody(text: string, hunk: Hunk): string[] {
  const lines = text.split('\n');
  const body: string[] = [];
  for (let i = hunk.sourceLine; i < lines.length && !/^(@@ |diff |-- $)/.test(lines[i]!); i++) body.push(lines[i]!);
  return body;
}

const asInput = (l: PatchLine): string => ({ context: ' ', add: '+', remove: '-' })[l.kind] + l.text;

test('lines are made on first read, kept, and match the input lines', () => {
  const { hunk, text } = reaperHunk();
  assert.ok(hunk instanceof ParsedHunk);
  assert.deepEqual(Object.keys(hunk), ['oldStart', 'oldLines', 'newStart', 'newLines', 'header', 'sourceLine'], 'lines and functions are accessors of the class');
  assert.deepEqual(hunk.lines.map(asInput), inputBody(text, hunk));
  assert.equal(hunk.lines.filter((l) => l.kind !== 'add').length, hunk.oldLines);
  assert.equal(hunk.lines.filter((l) => l.kind !== 'remove').length, hunk.newLines);
  assert.equal(hunk.lines, hunk.lines, 'made once, then the same array');
  assert.equal(hunk.functions, hunk.functions, 'made once, then the same array');
});

test('functions made on first read are those the hunk text names (header, then its lines)', () => {
  const text = fixture('one-reaper-per-cpu.patch');
  const hunks = parseDiff(text).files.flatMap((f) => f.hunks);
  assert.equal(hunks.length, 12);
  // Read functions before lines on one parse, lines before functions on another: same answer.
  const again = parseDiff(text).files.flatMap((f) => f.hunks);
  for (const [i, hunk] of hunks.entries()) {
    const functions = hunk.functions;
    assert.deepEqual(functions, functionsFromHunkText(hunk.header, hunk.lines), `hunk ${i}`);
    void again[i]!.lines;
    assert.deepEqual(again[i]!.functions, functions, `hunk ${i}, lines read first`);
  }
  assert.deepEqual(reaperHunk().hunk.functions, ['reaper'], 'the reaper hunk: its header is the return type `void`, its lines open reaper()');
});

test('JSON and plainHunk give the whole hunk in the model order; spread copies only what the object owns', () => {
  const { hunk } = reaperHunk();
  const plain = plainHunk(hunk);
  assert.deepEqual(Object.keys(plain), ['oldStart', 'oldLines', 'newStart', 'newLines', 'header', 'functions', 'lines', 'sourceLine']);
  assert.equal(Object.getPrototypeOf(plain), Object.prototype);
  assert.equal(plain.lines, hunk.lines);
  const viaJson = JSON.parse(JSON.stringify(hunk)) as Hunk;
  assert.deepEqual(Object.keys(viaJson), Object.keys(plain));
  assert.deepStrictEqual(viaJson, JSON.parse(JSON.stringify(plain)));
  assert.deepStrictEqual(structuredClone(plain), plain);
  assert.equal(({ ...hunk } as Partial<Hunk>).lines, undefined, 'spread sees own properties only: use plainHunk');
});

test('copies taken before the lines were read get them too (reverse patch spreads hunks)', () => {
  const text = fixture('one-reaper-per-cpu.patch');
  const file = parseDiff(text).files[1]!;
  const reversed = reverseFilePatch(file);
  const original = parseDiff(text).files[1]!;
  reversed.hunks.forEach((h, i) => {
    const forward = original.hunks[i]!;
    assert.equal(h.lines.length, forward.lines.length);
    assert.deepEqual(h.functions, forward.functions, 'functions too (an accessor: spread alone would lose it)');
    assert.deepEqual(h.lines.filter((l) => l.kind === 'add').map((l) => l.text), forward.lines.filter((l) => l.kind === 'remove').map((l) => l.text));
  });
});

test('assigning lines replaces them; mutations of the array stay', () => {
  const { hunk } = reaperHunk();
  const first = hunk.lines[0]!;
  hunk.lines.push({ ...first, sourceLine: 1 });
  assert.equal(hunk.lines[hunk.lines.length - 1]!.sourceLine, 1);
  hunk.lines = [first];
  assert.deepEqual(hunk.lines, [first]);
  const untouched = reaperHunk().hunk;
  untouched.lines = [];
  assert.deepEqual(plainHunk(untouched).lines, []);
  untouched.functions = ['reaper'];
  assert.deepEqual(untouched.functions, ['reaper']);
});

test('reading the lines adds no diagnostics (they were reported while parsing)', () => {
  // A stripped blank context line gives one info diagnostic, once.
  const text = 'diff --git a/x.c b/x.c\n--- a/x.c\n+++ b/x.c\n@@ -1,3 +1,3 @@\n a\n\n-b\n+c\n\\ No newline at end of file\n';
  const parsed = parseDiff(text);
  assert.deepEqual(parsed.diagnostics.map((d) => [d.line, d.code]), [[6, 'stripped-blank-context']]);
  const lines = parsed.files[0]!.hunks[0]!.lines;
  assert.deepEqual(lines.map((l) => [l.kind, l.text, l.oldLine, l.newLine, l.sourceLine, l.noNewlineAtEnd ?? false]), [
    ['context', 'a', 1, 1, 5, false], ['context', '', 2, 2, 6, false], ['remove', 'b', 3, null, 7, false], ['add', 'c', null, 3, 8, true],
  ]);
  assert.equal(parsed.diagnostics.length, 1);
});

test('lines and functions come from the header as parsed, even when the hunk was changed before they are read', () => {
  // The reaper hunk is `@@ -441,20 +408,26 @@`: its first line is old 441, new 408.
  const { hunk } = reaperHunk();
  hunk.oldStart = 1;
  hunk.newStart = 1;
  hunk.oldLines = 0;
  hunk.newLines = 0;
  hunk.header = '';
  assert.deepEqual(hunk.functions, ['reaper']);
  assert.deepEqual([hunk.lines[0]!.oldLine, hunk.lines[0]!.newLine], [441, 408]);
  assert.equal(hunk.lines.filter((l) => l.kind !== 'add').length, 20);
  assert.equal(hunk.lines.filter((l) => l.kind !== 'remove').length, 26);
  assert.equal(Object.getOwnPropertySymbols(hunk).length, 0, 'no symbol-keyed property to copy or compare');
});
