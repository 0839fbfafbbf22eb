/**
 * The page's side of the checker workers: checks are fire-and-forget (only the newest answer is
 * used), everything else is a request that resolves to its answer or rejects with a `Problem`.
 *
 * Two instances of the same worker: one runs only the per-keystroke fast checks, so that they never
 * wait behind a full check, an assert search or a simulation running in the other.
 */
import { Problem, type CalendarResult, type CodeActionData, type CompletionData, type RangeData, type DeclaredNames, type EventRequest, type MarkerData, type Request, type Response, type SimulationResult, type TestResult, type WhatIfResult } from './protocol.js';
import CheckerWorker from './worker/checker.worker?worker';

export { Problem };

type Hover = Extract<Response, { type: 'hover' }>['hover'];
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface CheckResult {
  readonly id: number;
  readonly speed: 'fast' | 'all';
  readonly markers: readonly MarkerData[];
  readonly names: DeclaredNames;
  readonly ms: number;
}

export class CheckerClient {
  private readonly keystrokes = new CheckerWorker({ name: 'pledge-fast-checks' });
  private worker = new CheckerWorker({ name: 'pledge-checker' });
  private nextId = 1;
  private latestCheck = 0;
  private readonly pending = new Map<number, { resolve: (r: Response) => void; reject: (e: unknown) => void; progress?: (done: number, total: number, note?: string) => void }>();

  constructor(private readonly onCheck: (result: CheckResult) => void) {
    for (const w of [this.keystrokes, this.worker]) this.listen(w);
  }

  private listen(w: Worker): void {
    w.onmessage = (event: MessageEvent<Response>) => this.receive(event.data);
    w.onerror = (event) => {
      for (const p of this.pending.values()) p.reject(new Problem(`the checker stopped: ${event.message}`));
      this.pending.clear();
    };
  }

  /**
   * Stops whatever the main worker is doing (a long simulation) by replacing it: a worker runs
   * one job at a time and cannot be interrupted from outside. Its pending requests reject.
   */
  cancel(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Problem('cancelled'));
    this.pending.clear();
    this.lastWhatIf = undefined;
    this.worker = new CheckerWorker({ name: 'pledge-checker' });
    this.listen(this.worker);
  }

  private receive(r: Response): void {
    if (r.type === 'check') {
      if (r.id === this.latestCheck) this.onCheck(r);
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
    (speed === 'fast' ? this.keystrokes : this.worker).postMessage({ type: 'check', id, text, speed } satisfies Request);
    return id;
  }

  private request<T extends Response['type']>(body: DistributiveOmit<Request, 'id'>, type: T, progress?: (done: number, total: number, note?: string) => void, worker: Worker = this.worker): Promise<Extract<Response, { type: T }>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: Response) => void, reject, ...(progress ? { progress } : {}) });
      worker.postMessage({ ...body, id } as Request);
    }).then((r) => {
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

  /** The newest what-if question and its answer (or the answer under way): the same question asked again shares it. */
  private lastWhatIf: { key: string; answer: Promise<WhatIfResult> } | undefined;

  whatIf(text: string, priority: string, filed: string, events: readonly EventRequest[], plan?: string, asOf?: string): Promise<WhatIfResult> {
    const body = { type: 'what-if', text, priority, filed, events, ...(plan ? { plan } : {}), ...(asOf ? { asOf } : {}) } as const;
    const key = JSON.stringify(body);
    if (this.lastWhatIf?.key === key) return this.lastWhatIf.answer;
    const answer = this.request(body, 'what-if').then((r) => r.result);
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
    return (await this.request({ type: 'test', text, ...(plan ? { plan } : {}) }, 'test')).result;
  }

  async simulate(text: string, scenario: string, seed: number, progress: (done: number, total: number, note?: string) => void): Promise<SimulationResult> {
    return (await this.request({ type: 'simulate', text, scenario, seed }, 'simulate', progress)).result;
  }
}
