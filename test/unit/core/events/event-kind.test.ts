/** The event kinds' names: one per kind, in the order of the kinds' numbers, as the exporters and counts print them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EVENT_KIND_NAMES, EventKind, eventKindName } from '../../../../src/core/events/event-kind';

test('each kind is named after its key in kebab case (OnCpu: on-cpu, LockWait: lock-wait)', () => {
  const kebab = (key: string): string => key.replace(/[A-Z]/g, (c, i: number) => (i === 0 ? '' : '-') + c.toLowerCase());
  for (const [key, kind] of Object.entries(EventKind)) assert.equal(eventKindName(kind), kebab(key), key);
  assert.equal(EVENT_KIND_NAMES.length, Object.keys(EventKind).length);
});

test('a number that is no kind is named as unknown, with the number', () => {
  assert.equal(eventKindName(16), 'unknown(16)');
  assert.equal(eventKindName(-1), 'unknown(-1)');
});
