/** A simulation worker thread: runs the jobs it is given (see parallel.ts) and posts each report. */
import { parentPort, workerData } from 'node:worker_threads';
import { runJob, type JobMessage, type WorkerReply } from './parallel.js';

const { source, jobs } = workerData as JobMessage;
const post = (m: WorkerReply) => parentPort!.postMessage(m);
try {
  for (const { index, job } of jobs) post({ type: 'done', index, report: runJob(source, job, (filed) => post({ type: 'progress', filed })) });
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
