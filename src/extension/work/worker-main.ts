/** Entry of dist/worker.js: runs the jobs NodeWorkerHost sends on this worker thread. */
import { serveJobs } from '../../node/serve-jobs';
import { runJob } from './jobs';

serveJobs(runJob);
