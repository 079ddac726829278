/** Worker thread of the simulation pool (sim-workers.ts): runs each job it is sent, posts the result. */
import { serveJobs } from '../node/serve-jobs';
import { runJob, type SimJob } from '../core/sim/sim-job';

serveJobs((job: SimJob) => runJob(job), (error) => (error instanceof Error ? error.stack ?? error.message : String(error)));
