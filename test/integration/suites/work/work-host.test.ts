/** runWithProgress: a job's progress reaches the caller as it comes, and its result or error comes back unchanged. */
import * as assert from 'node:assert/strict';
import { runWithProgress, type WorkHost } from '../../../../src/extension/work/work-host';
import type { ResultOf, WorkRequest } from '../../../../src/extension/work/work-protocol';

/** A host that reports the given progress steps, then answers with `result` (or fails with `error`). */
function scriptedHost(steps: [number | null, string][], outcome: { result: unknown } | { error: Error }): WorkHost {
  return {
    kind: 'in-process',
    async run<R extends WorkRequest>(_request: R, onProgress: (fraction: number | null, message: string) => void): Promise<ResultOf<R>> {
      for (const [fraction, message] of steps) onProgress(fraction, message);
      if ('error' in outcome) throw outcome.error;
      return outcome.result as ResultOf<R>;
    },
    dispose: () => undefined,
  };
}

const request: WorkRequest = { job: 'chrome-trace', trace: { bytes: new Uint8Array(0), fileName: 'empty.txt' } };

suite('work host', () => {
  test('progress goes to the extra listener in order; the result comes back', async () => {
    const steps: [number | null, string][] = [[0.25, 'a quarter'], [null, 'no fraction'], [0.2, 'went back'], [1, 'done']];
    const result = { job: 'chrome-trace', json: '{"traceEvents":[]}', events: 0 };
    const seen: [number | null, string][] = [];
    const answer = await runWithProgress(scriptedHost(steps, { result }), 'test job', request, (f, m) => seen.push([f, m]));
    assert.deepEqual(seen, steps);
    assert.equal(answer, result);
  });

  test('a failing job rejects with its error', async () => {
    await assert.rejects(runWithProgress(scriptedHost([], { error: new Error('cancelled') }), 'test job', request), /^Error: cancelled$/);
  });
});
