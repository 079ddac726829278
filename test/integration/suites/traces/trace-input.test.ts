/** How a trace goes to a job: a local file by path to the Node worker, its bytes to any other host. */
import * as assert from 'node:assert/strict';
import { traceInputOf } from '../../../../src/extension/traces/trace-input';
import { fixture } from '../api';

suite('trace input', () => {
  test('a local file goes by path to the worker and as bytes to an in-process host', async () => {
    const uri = fixture('traces/btrace-baseline.txt');
    assert.deepEqual(await traceInputOf(uri, { kind: 'worker' }), { path: uri.fsPath, fileName: 'btrace-baseline.txt' });
    const inProcess = await traceInputOf(uri, { kind: 'in-process' });
    assert.ok('bytes' in inProcess);
    // The sample's size (test/fixtures/workspace/traces): 953 bytes.
    assert.equal(inProcess.bytes.length, 953);
    assert.equal(inProcess.fileName, 'btrace-baseline.txt');
  });
});
