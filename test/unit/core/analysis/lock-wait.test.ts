import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventTableBuilder } from '../../../../src/core/events/event-table-builder';
import { EventKind } from '../../../../src/core/events/event-kind';
import { lockWaitByName } from '../../../../src/core/analysis/lock-wait';

test('wait → acquire of the same lock on the same CPU is summed per name; the reported locks show at zero', () => {
  const b = new EventTableBuilder();
  const cc = b.strings.intern('cc');
  const dead = b.strings.intern('deadproc_mutex');
  const other = b.strings.intern('uvm_lock');
  b.push(100, 0, EventKind.LockWait, 1, 1, cc, dead);
  b.push(130, 1, EventKind.LockWait, 2, 2, cc, other);
  b.push(150, 0, EventKind.LockAcquire, 1, 1, cc, dead);
  b.push(170, 1, EventKind.LockAcquire, 2, 2, cc, dead); // another lock than CPU 1 waits for: no wait counted
  b.push(200, 1, EventKind.LockAcquire, 2, 2, cc, other);
  // deadproc_mutex 150 - 100 = 50; uvm_lock 200 - 130 = 70
  assert.deepEqual(lockWaitByName(b.finish()), { deadproc_mutex: 50, kernel_lock: 0, sched_lock: 0, uvm_lock: 70 });
});
