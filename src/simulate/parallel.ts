/**
 * Several runs of one scenario (replications with different seeds, or a staffing sweep) on worker
 * threads, one per core. Each worker compiles the contract from its source and runs whole jobs;
 * results come back in job order, so the output does not depend on which worker finished first.
 * From the TypeScript sources (tests) the jobs run in this thread, with the same results.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { analyze } from '../index.js';
import { compileContract } from '../time/contract.js';
import type { LoadOptions } from './load.js';
import type { SimulationReport } from './report.js';
import { simulate } from './simulate.js';

export interface Job {
  readonly scenario: number;
  readonly options: LoadOptions;
}

export interface JobMessage {
  readonly source: string;
  readonly jobs: readonly { readonly index: number; readonly job: Job }[];
}

export type WorkerReply = { readonly type: 'progress'; readonly filed: number } | { readonly type: 'done'; readonly index: number; readonly report: SimulationReport } | { readonly type: 'error'; readonly message: string };

/** Runs one job from the contract's source. */
export function runJob(source: string, job: Job, onProgress?: (filed: number) => void): SimulationReport {
  const { model } = analyze(source);
  const runtime = compileContract(model);
  return simulate(runtime, model.scenarios[job.scenario]!, { ...job.options, ...(onProgress ? { onProgress } : {}) });
}

/**
 * Runs every job and resolves to their reports in job order. `onProgress` gets the tickets filed
 * so far over all jobs.
 */
export async function runJobs(source: string, jobs: readonly Job[], options: { threads?: number; onProgress?: (filed: number) => void } = {}): Promise<SimulationReport[]> {
  const workerUrl = new URL('./worker.js', import.meta.url);
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), jobs.length));
  if (import.meta.url.endsWith('.ts') || threads === 1) {
    let before = 0;
    return jobs.map((job) => {
      const report = runJob(source, job, options.onProgress && ((n) => options.onProgress!(before + n)));
      before += report.tickets.filed;
      return report;
    });
  }
  const results: SimulationReport[] = new Array(jobs.length);
  const progress = new Array<number>(threads).fill(0);
  const finished = new Array<number>(threads).fill(0);
  // Jobs are dealt round-robin: job i goes to worker i mod threads.
  await Promise.all(
    Array.from({ length: threads }, (_, w) =>
      new Promise<void>((resolve, reject) => {
        const mine = jobs.map((job, index) => ({ index, job })).filter((x) => x.index % threads === w);
        const worker = new Worker(workerUrl, { workerData: { source, jobs: mine } satisfies JobMessage });
        worker.on('message', (m: WorkerReply) => {
          if (m.type === 'progress') {
            progress[w] = finished[w]! + m.filed;
            options.onProgress?.(progress.reduce((a, b) => a + b, 0));
          } else if (m.type === 'done') {
            results[m.index] = m.report;
            finished[w] = finished[w]! + m.report.tickets.filed;
            progress[w] = finished[w]!;
          } else reject(new Error(m.message));
        });
        worker.on('error', reject);
        worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a simulation worker stopped with code ${code}`))));
      }),
    ),
  );
  return results;
}
