/** The first bytes of a file without reading the rest. */
import * as assert from 'node:assert/strict';
import { readFileHead } from '../../../../src/extension/common/file-head';
import { fixture, resetWorkbench, textOf } from '../api';

suite('file head', () => {
  teardown(resetWorkbench);

  test('readFileHead returns the first bytes and says whether that is the whole file', async () => {
    // Fixture sizes: traces/btrace-baseline.txt is 953 bytes, README.md 2,334.
    const trace = fixture('traces/btrace-baseline.txt');
    const whole = await readFileHead(trace, 1024);
    assert.ok(whole);
    assert.equal(whole.bytes.length, 953);
    assert.equal(whole.whole, true);
    const readme = await readFileHead(fixture('README.md'), 1024);
    assert.ok(readme);
    assert.equal(readme.bytes.length, 1024);
    assert.equal(readme.whole, false);
    assert.equal(new TextDecoder().decode(readme.bytes), (await textOf(fixture('README.md'))).slice(0, 1024));
    assert.equal(await readFileHead(fixture('traces/no-such-file.txt'), 1024), null);
  });
});
