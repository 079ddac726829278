import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reaperIndexOfComm } from '../../../../src/core/events/reaper-name';

test('reaper is the global one (-1), reaperN serves CPU N, other names are none', () => {
  assert.equal(reaperIndexOfComm('reaper'), -1);
  assert.equal(reaperIndexOfComm('reaper0'), 0);
  assert.equal(reaperIndexOfComm('reaper15'), 15);
  for (const name of ['reaper-1', 'reapers', 'xreaper', 'Reaper', '', 'reaper 1']) assert.equal(reaperIndexOfComm(name), null, name);
});
