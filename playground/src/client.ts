/**
 * The page's side of the checker workers: checks are fire-and-forget (only the newest answer is
 * used), everything else is a request that resolves to its answer or rejects with a `Problem`.
 *
 * Two instances of the same worker: one runs only the per-keystroke fast checks, so that they never
 * wait behind a full check, an assert search or a simulation running in the other.
 */
import { Problem, type CalendarResult, type CodeActionData, type CompletionData, type RangeData, type DeclaredNames, type EventRequest, type MarkerData, type Request, type Response, type SimulationResult, type TestResult, type WhatIfResult } from './protocol.js';
import CheckerWorker from './worker/checker.worker?worker';
import { LIMITS } from '../../src/syntax/limits.js';

export { Problem };

type Hover = Extract<Response, { type: 'hover' }>['hover'];
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * A check or a request without progress that has not answered in this long is stopped: the worker
 * is replaced and the page says "stopped: over the limit". Every input within the documented limits
 * is checked in `LIMITS.checkBudgetMs` on one core, so this only fires on a far slower machine or a
 * bug; the browser tests shorten it through `?watchdog-ms=`.
 */
const WATCHDOG_MS = LIMITS.checkBudgetMs * LIMITS.watchdogFactor;
/** The main worker's watchdog (full checks and requests); only the tests shorten it, and never the keystroke worker's. */
const MAIN_WATCHDOG_MS = (() => {
  const asked = Number(new URLSearchParams(location.search).get('watchdog-ms'));
  return Number.isFinite(asked) && asked > 0 ? asked : WATCHDOG_MS;
})();

/** The message of a stopped request, and of the status line after a stopped check. */
const overLimit = (ms: number) => `stopped: over the limit (no answer in ${ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`})`;
export const OVER_LIMIT = { fast: overLimit(WATCHDOG_MS), all: overLimit(MAIN_WATCHDOG_MS) } as const;

export interface CheckResult {
  readonly id: number;
  readonly speed: 'fast' | 'all';
  readonly markers: readonly MarkerData[];
  readonly names: DeclaredNames;
  readonly ms: number;
}

export class CheckerClient {
  private keystrokes = new CheckerWorker({ name: 'pledge-fast-checks' });
  /**
   * The main worker, started on first use: on a first visit the keystroke worker
   * answers the first check and the first What-if question alone, so a second copy of the checker
   * does not compete for the CPU while they run (issue 18: two cores, and the page's own script).
   */
  private mainWorker: Worker | undefined;
  private get worker(): Worker {
    if (!this.mainWorker) {
      this.mainWorker = new CheckerWorker({ name: 'pledge-checker' });
      this.listen(this.mainWorker);
    }
    return this.mainWorker;
  }
  private set worker(w: Worker) {
    this.mainWorker = w;
  }
  private nextId = 1;
  /** The newest check sent (either speed), the newest fast check, and the newest check whose answer was used. */
  private latestCheck = 0;
  private latestFast = 0;
  private shownCheck = 0;
  private readonly pending = new Map<number, { resolve: (r: Response) => void; reject: (e: unknown) => void; progress?: (done: number, total: number, note?: string) => void }>();

  /** The watchdog of the newest check sent to each worker. */
  private readonly checkWatch = new Map<Worker, ReturnType<typeof setTimeout>>();
  /** The newest check each worker has answered (a worker answers in order). */
  private readonly answered = new Map<Worker, number>();
  /** The newest check sent to each worker. */
  private readonly lastCheck = new Map<Worker, Extract<Request, { type: 'check' }>>();

  constructor(
    private readonly onCheck: (result: CheckResult) => void,
    private readonly onStopped: (speed: 'fast' | 'all') => void = () => {},
  ) {
    this.listen(this.keystrokes);
  }

  private listen(w: Worker): void {
    w.onmessage = (event: MessageEvent<Response>) => {
      if (event.data.type === 'check') this.answered.set(w, event.data.id);
      this.receive(event.data);
    };
    w.onerror = (event) => {
      for (const p of this.pending.values()) p.reject(new Problem(`the checker stopped: ${event.message}`));
      this.pending.clear();
    };
  }

  /**
   * Stops whatever the main worker is doing (a long simulation) by replacing it: a worker runs
   * one job at a time and cannot be interrupted from outside. Its pending requests reject.
   */
  cancel(reason = 'cancelled'): void {
    this.replace('all', reason);
  }

  /** Replaces one of the two workers; everything pending rejects with `reason`. */
  private replace(which: 'fast' | 'all', reason: string, resendCheck = true): void {
    const old = which === 'fast' ? this.keystrokes : this.worker;
    old.terminate();
    clearTimeout(this.checkWatch.get(old));
    this.checkWatch.delete(old);
    for (const p of this.pending.values()) p.reject(new Problem(reason));
    this.pending.clear();
    if (which === 'all') this.lastWhatIf = undefined;
    const fresh = new CheckerWorker({ name: which === 'fast' ? 'pledge-fast-checks' : 'pledge-checker' });
    this.listen(fresh);
    if (which === 'fast') this.keystrokes = fresh;
    else this.worker = fresh;
    // A check the old worker had not answered is not lost with it (a cancelled simulation, a stopped
    // request): the new worker runs it. Only a check that was itself too slow is dropped.
    const last = this.lastCheck.get(old);
    this.lastCheck.delete(old);
    if (resendCheck && last && (this.answered.get(old) ?? 0) < last.id) this.send(fresh, last);
  }

  private receive(r: Response): void {
    if (r.type === 'check') {
      // The newest check's answer is used; so is the newest fast check's while the full check sent
      // after it (same text) has not answered: a slow or stopped full check never hides fast findings.
      if (r.id === this.latestCheck || (r.speed === 'fast' && r.id === this.latestFast && r.id > this.shownCheck)) {
        this.shownCheck = r.id;
        this.onCheck(r);
      }
      return;
    }
    const p = this.pending.get(r.id);
    if (!p) return;
    if (r.type === 'progress') {
      p.progress?.(r.done, r.total, r.note);
      return;
    }
    this.pending.delete(r.id);
    if (r.type === 'problem') p.reject(new Problem(r.message, r.details));
    else p.resolve(r);
  }

  /** Checks `text`; the answer arrives through `onCheck` unless a newer check supersedes it. */
  check(text: string, speed: 'fast' | 'all'): number {
    const id = this.nextId++;
    this.latestCheck = id;
    if (speed === 'fast') this.latestFast = id;
    this.send(speed === 'fast' ? this.keystrokes : this.worker, { type: 'check', id, text, speed });
    return id;
  }

  /** Posts a check to `w` with its watchdog: unanswered in time, the worker is replaced and the page told. */
  private send(w: Worker, check: Extract<Request, { type: 'check' }>): void {
    const { id, speed } = check;
    w.postMessage(check);
    this.lastCheck.set(w, check);
    clearTimeout(this.checkWatch.get(w));
    this.checkWatch.set(w, setTimeout(() => {
      if ((this.answered.get(w) ?? 0) >= id || w !== (speed === 'fast' ? this.keystrokes : this.mainWorker)) return;
      this.replace(speed, OVER_LIMIT[speed], false);
      this.onStopped(speed);
    }, speed === 'fast' ? WATCHDOG_MS : MAIN_WATCHDOG_MS));
  }

  private request<T extends Response['type']>(body: DistributiveOmit<Request, 'id'>, type: T, progress?: (done: number, total: number, note?: string) => void, worker: Worker = this.worker, watchdog = progress === undefined): Promise<Extract<Response, { type: T }>> {
    const id = this.nextId++;
    const which = worker === this.keystrokes ? 'fast' : 'all';
    let watch: ReturnType<typeof setTimeout> | undefined;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: Response) => void, reject, ...(progress ? { progress } : {}) });
      worker.postMessage({ ...body, id } as Request);
      // The assert search and simulations can run long by design; they have their own budgets and a Cancel button.
      if (watchdog) watch = setTimeout(() => { if (this.pending.has(id)) this.replace(which, OVER_LIMIT[which]); }, which === 'fast' ? WATCHDOG_MS : MAIN_WATCHDOG_MS);
    }).finally(() => clearTimeout(watch)).then((r) => {
      if ((r as Response).type !== type) throw new Problem(`unexpected answer ${(r as Response).type}`);
      return r as Extract<Response, { type: T }>;
    });
  }

  async hover(text: string, line: number, column: number): Promise<Hover> {
    return (await this.request({ type: 'hover', text, line, column }, 'hover')).hover;
  }

  /** Completion needs only the fast check's names: it goes to the keystroke worker, never behind a simulation. */
  async complete(text: string, line: number, column: number): Promise<CompletionData> {
    return (await this.request({ type: 'complete', text, line, column }, 'complete', undefined, this.keystrokes)).completions;
  }

  async codeActions(text: string, range: RangeData): Promise<readonly CodeActionData[]> {
    return (await this.request({ type: 'code-actions', text, range }, 'code-actions')).actions;
  }

  /**
   * The newest what-if question and its answer (or the answer under way): the same question asked
   * again shares it, whichever worker answers. `on: 'fast'` asks the keystroke worker: only the
   * page's first question, asked before anything else runs there (`early.ts`).
   */
  private lastWhatIf: { key: string; answer: Promise<WhatIfResult> } | undefined;

  whatIf(text: string, priority: string, filed: string, events: readonly EventRequest[], plan?: string, asOf?: string, on: 'fast' | 'main' = 'main'): Promise<WhatIfResult> {
    const body = { type: 'what-if', text, priority, filed, events, ...(plan ? { plan } : {}), ...(asOf ? { asOf } : {}) } as const;
    const key = JSON.stringify(body);
    if (this.lastWhatIf?.key === key) return this.lastWhatIf.answer;
    const answer = this.request(body, 'what-if', undefined, on === 'fast' ? this.keystrokes : this.worker).then((r) => r.result);
    this.lastWhatIf = { key, answer };
    // A failed answer is not kept: asking again asks the worker again.
    answer.catch(() => {
      if (this.lastWhatIf?.answer === answer) this.lastWhatIf = undefined;
    });
    return answer;
  }

  async calendar(text: string, calendar: string, from: string, to: string): Promise<CalendarResult> {
    return (await this.request({ type: 'calendar', text, calendar, from, to }, 'calendar')).result;
  }

  async test(text: string, plan?: string): Promise<TestResult> {
    return (await this.request({ type: 'test', text, ...(plan ? { plan } : {}) }, 'test', undefined, this.worker, false)).result;
  }

  async simulate(text: string, scenario: string, seed: number, progress: (done: number, total: number, note?: string) => void): Promise<SimulationResult> {
    return (await this.request({ type: 'simulate', text, scenario, seed }, 'simulate', progress)).result;
  }
}
