import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NameInterner, hashNameBytes } from '../../../../src/core/trace/name-interner';
import { TraceSink } from '../../../../src/core/trace/trace-sink';

const enc = new TextEncoder();

test('a name gets the id its text has in the string table, in the order names are first seen', () => {
  const sink = new TraceSink();
  const names = new NameInterner(sink);
  const line = enc.encode('bash node bash rcu_preempt node');
  const ids = [[0, 4], [5, 9], [10, 14], [15, 26], [27, 31]].map(([s, e]) => names.intern(hashNameBytes(line, s!, e!), line, s!, e!));
  assert.deepEqual(ids.map((id) => sink.strings.get(id)), ['bash', 'node', 'bash', 'rcu_preempt', 'node']);
  assert.equal(ids[0], ids[2]);
  assert.ok(ids[0]! < ids[1]! && ids[1]! < ids[3]!, 'ids in the order first seen');
  assert.equal(names.size, 3);
  assert.equal(names.internBytes(line, 5, 9), ids[1], 'the same name found again');
});

test('names whose hashes collide are told apart by their bytes', () => {
  const sink = new TraceSink();
  const names = new NameInterner(sink);
  const a = enc.encode('worker');
  const b = enc.encode('kthread');
  // one hash for both: the table then holds both in one probe sequence
  const ia = names.intern(7, a, 0, a.length);
  const ib = names.intern(7, b, 0, b.length);
  assert.notEqual(ia, ib);
  assert.equal(names.intern(7, a, 0, a.length), ia);
  assert.equal(names.intern(7, b, 0, b.length), ib);
  assert.deepEqual([sink.strings.get(ia), sink.strings.get(ib)], ['worker', 'kthread']);
});

test('thousands of names: the table grows and every name keeps its id', () => {
  const sink = new TraceSink();
  const names = new NameInterner(sink);
  const texts = Array.from({ length: 5000 }, (_, k) => `task-${k}${'x'.repeat(k % 40)}`);
  const ids = texts.map((t) => names.internBytes(enc.encode(t), 0, enc.encode(t).length));
  assert.deepEqual(texts.map((t) => names.internBytes(enc.encode(t), 0, enc.encode(t).length)), ids);
  assert.deepEqual(ids.map((id) => sink.strings.get(id)), texts);
  assert.equal(names.size, 5000);
});

test('bytes that decode to the same text (invalid UTF-8) share its id', () => {
  const sink = new TraceSink();
  const names = new NameInterner(sink);
  const bytes = new Uint8Array([0x61, 0xff, 0x20, 0x61, 0xfe]);
  assert.equal(names.internBytes(bytes, 0, 2), names.internBytes(bytes, 3, 5), 'both are "a\uFFFD"');
  assert.equal(names.size, 2);
});

test('the hash is FNV-1a over the bytes (a scan that hashes as it reads gives the same number)', () => {
  // FNV-1a 32 of "a": (0x811c9dc5 ^ 0x61) * 0x01000193 mod 2^32 = 0xe40c292c
  assert.equal(hashNameBytes(enc.encode('a'), 0, 1) >>> 0, 0xe40c292c);
  assert.equal(hashNameBytes(enc.encode('xa'), 1, 2), hashNameBytes(enc.encode('a'), 0, 1));
});
