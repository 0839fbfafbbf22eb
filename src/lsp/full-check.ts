/**
 * All checks of a document, in a worker thread with a watchdog (issue 14: the same guarantees in
 * every entry point). The playground stops a full check that has not answered in
 * `LIMITS.checkBudgetMs × LIMITS.watchdogFactor` and replaces its worker; the language server does
 * the same here: one thread runs one check at a time, a check that overruns is stopped by
 * terminating the thread (a check in progress cannot be interrupted otherwise), the next checks go
 * to a fresh thread, and the caller is told so that it can say "stopped: over the limit".
 *
 * Queued checks are per document: a newer text of a document supersedes its queued one (which
 * answers `superseded`). A check already running is left to finish or be stopped, as the
 * playground does; the server drops its answer if the document has moved on.
 */
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { LIMITS } from '../syntax/limits.js';
import type { IcsParse } from './ics-cache.js';

export interface CheckRequest {
  readonly id: number;
  readonly text: string;
  /** The folder `holidays file` paths are relative to; none: files cannot be read. */
  readonly dir?: string;
}

export type CheckReply =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly id: number; readonly diagnostics: readonly Diagnostic[]; readonly parses: readonly IcsParse[] }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };

export type CheckOutcome =
  /** `parses`: the `holidays file`s it parsed, for the server's thread (ics-cache.ts). */
  | { readonly kind: 'done'; readonly diagnostics: readonly Diagnostic[]; readonly parses: readonly IcsParse[] }
  /** No answer within `ms`: the thread was replaced. */
  | { readonly kind: 'stopped'; readonly ms: number }
  /** A newer text of the same document was queued before this one started. */
  | { readonly kind: 'superseded' }
  /** The check threw, or the thread could not start or died. */
  | { readonly kind: 'failed'; readonly message: string };

/** The watchdog: the documented budget times the factor, or `PLEDGE_LSP_WATCHDOG_MS` (for tests). */
export function watchdogMs(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const asked = Number(env['PLEDGE_LSP_WATCHDOG_MS']);
  return Number.isFinite(asked) && asked > 0 ? asked : LIMITS.checkBudgetMs * LIMITS.watchdogFactor;
}

interface Job extends CheckRequest {
  readonly key: string;
  readonly resolve: (o: CheckOutcome) => void;
}

/** The worker's file: next to this one, as .ts when run from source (tsx), else the build's .js. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCE ? './check-worker.ts' : './check-worker.js', import.meta.url);

/** A worker thread on the worker's file; from source, tsx is registered in the thread first (`--import tsx` is not). */
function startWorker(): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER_URL);
  const api = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`, { eval: true });
}

export class FullChecker {
  private worker: Worker | undefined;
  private ready = false;
  private readonly queue: Job[] = [];
  private running: { job: Job; timer: NodeJS.Timeout } | undefined;
  private nextId = 1;
  private disposed = false;

  constructor(
    readonly timeoutMs: number,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** All checks of `text`, document `key`; `dir` for its `holidays file` lines. */
  check(key: string, text: string, dir?: string): Promise<CheckOutcome> {
    if (this.disposed) return Promise.resolve({ kind: 'failed', message: 'the server is shutting down' });
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const old = this.queue[i]!;
      if (old.key !== key) continue;
      this.queue.splice(i, 1);
      old.resolve({ kind: 'superseded' });
    }
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, key, text, ...(dir === undefined ? {} : { dir }), resolve });
      this.pump();
    });
  }

  /** Stops the thread; queued and running checks answer `failed`. */
  dispose(): void {
    this.disposed = true;
    const jobs = [...(this.running ? [this.running.job] : []), ...this.queue.splice(0)];
    if (this.running) clearTimeout(this.running.timer);
    this.running = undefined;
    void this.worker?.terminate();
    this.worker = undefined;
    for (const j of jobs) j.resolve({ kind: 'failed', message: 'the server is shutting down' });
  }

  private pump(): void {
    if (this.disposed || this.running || this.queue.length === 0) return;
    if (!this.worker) this.spawn();
    if (!this.ready) return; // `ready` pumps again
    const job = this.queue.shift()!;
    // The watchdog starts when the check is handed over, not while the thread loads.
    const timer = setTimeout(() => this.stop(), this.timeoutMs);
    this.running = { job, timer };
    this.worker!.postMessage({ id: job.id, text: job.text, ...(job.dir === undefined ? {} : { dir: job.dir }) } satisfies CheckRequest);
  }

  /** The running check overran: the thread is replaced, the check answers `stopped`. */
  private stop(): void {
    const r = this.running;
    if (!r) return;
    this.running = undefined;
    this.drop(this.worker);
    r.job.resolve({ kind: 'stopped', ms: this.timeoutMs });
    this.pump();
  }

  private drop(w: Worker | undefined): void {
    if (!w || w !== this.worker) return;
    this.worker = undefined;
    this.ready = false;
    w.removeAllListeners();
    w.on('error', () => undefined);
    void w.terminate();
  }

  private spawn(): void {
    const w = startWorker();
    this.worker = w;
    this.ready = false;
    w.on('message', (m: CheckReply) => {
      if (w !== this.worker) return;
      if (m.type === 'ready') {
        this.ready = true;
        this.pump();
        return;
      }
      const r = this.running;
      if (!r || r.job.id !== m.id) return;
      clearTimeout(r.timer);
      this.running = undefined;
      r.job.resolve(m.type === 'done' ? { kind: 'done', diagnostics: m.diagnostics, parses: m.parses } : { kind: 'failed', message: m.message });
      this.pump();
    });
    const died = (message: string) => {
      if (w !== this.worker) return;
      this.log(`pledge: the full-check thread stopped: ${message}`);
      this.drop(w);
      const r = this.running;
      this.running = undefined;
      if (r) {
        clearTimeout(r.timer);
        r.job.resolve({ kind: 'failed', message });
      } else {
        // It never became ready (it could not load): fail what waits rather than respawn in a loop.
        for (const j of this.queue.splice(0)) j.resolve({ kind: 'failed', message });
      }
      this.pump();
    };
    w.on('error', (error) => died(error instanceof Error ? error.message : String(error)));
    w.on('exit', (code) => died(`exit code ${code}`));
  }
}
