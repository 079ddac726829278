import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JobCancelled, jobServer, type JobReply } from '../../../../src/core/common/job-messages';

/** A server over `run` and the replies it sent, in order. */
function serve<R>(run: Parameters<typeof jobServer<number, R>>[0]): { handle: ReturnType<typeof jobServer<number, R>>; replies: JobReply<R>[] } {
  const replies: JobReply<R>[] = [];
  return { handle: jobServer(run, (r) => replies.push(r)), replies };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('a job reports progress, then its result, tagged with its id', async () => {
  const { handle, replies } = serve<number>((n, context) => {
    context.progress(0.5, 'half');
    return n * 2;
  });
  handle({ id: 7, type: 'run', request: 21 });
  await settle();
  assert.deepEqual(replies, [{ id: 7, type: 'progress', fraction: 0.5, message: 'half' }, { id: 7, type: 'done', result: 42 }]);
});

test('a job that throws at once or rejects fails with its message', async () => {
  const { handle, replies } = serve<number>((n) => {
    if (n === 1) throw new Error('thrown');
    return Promise.reject(new Error('rejected'));
  });
  handle({ id: 1, type: 'run', request: 1 });
  handle({ id: 2, type: 'run', request: 2 });
  await settle();
  assert.deepEqual(replies, [{ id: 1, type: 'error', message: 'thrown' }, { id: 2, type: 'error', message: 'rejected' }]);
});

test('cancel sets the job\'s flag (only that job\'s); a job stopping on it fails as cancelled', async () => {
  const seen: boolean[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const { handle, replies } = serve<number>(async (n, context) => {
    await gate;
    seen[n] = context.cancelled;
    if (context.cancelled) throw new JobCancelled();
    return n;
  });
  handle({ id: 1, type: 'run', request: 1 });
  handle({ id: 2, type: 'run', request: 2 });
  handle({ id: 1, type: 'cancel' });
  release();
  await settle();
  assert.deepEqual(seen.slice(1), [true, false]);
  assert.deepEqual(replies, [{ id: 1, type: 'error', message: 'cancelled' }, { id: 2, type: 'done', result: 2 }]);
});
