/** Entry of dist/worker.js: runs the jobs NodeWorkerHost sends on this worker thread, traces given by path read from the file. */
import { serveJobs } from '../../node/serve-jobs';
import { openFileByteSource } from '../../node/file-byte-source';
import { runJob } from './jobs';
import type { WorkRequest } from './work-protocol';

serveJobs((request: WorkRequest, context) => runJob(request, context, openFileByteSource));
