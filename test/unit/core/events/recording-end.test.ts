import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventTableBuilder } from '../../../../src/core/events/event-table-builder';
import { EventKind } from '../../../../src/core/events/event-kind';
import { recordingEnd } from '../../../../src/core/events/recording-end';

test('the recorded end when there is one (never before the last event), else the last event, else 0', () => {
  const make = (endTs?: number) => {
    const b = new EventTableBuilder();
    b.push(40, 0, EventKind.OnCpu, 1, 1, b.strings.intern('sh'));
    return b.finish(endTs);
  };
  assert.equal(recordingEnd(make(100)), 100);
  assert.equal(recordingEnd(make(30)), 40);
  assert.equal(recordingEnd(make()), 40);
  assert.equal(recordingEnd(new EventTableBuilder().finish()), 0);
});
