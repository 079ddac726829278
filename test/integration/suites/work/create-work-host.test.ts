/** The work host of the Node extension host. */
import * as assert from 'node:assert/strict';
import { api } from '../api';

suite('create work host', () => {

  test('long work runs in a worker thread', async () => {
    const { panels } = await api();
    assert.equal(panels.work.kind, 'worker');
  });
});
