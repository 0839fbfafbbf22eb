/**
 * Assertions over event sequences (`… within 5d wall excluding pauses under awaiting_customer,
 * reclassified`): fast-check searches tickets filed anywhere in the term followed by sequences of
 * the named events, and shrinks a failure to the smallest counterexample (fewest events, shortest
 * gaps, earliest filing). The search is seeded, so a run can be replayed.
 */
import fc from 'fast-check';
import type * as A from '../ast/nodes.js';
import type { TicketEvent } from '../check/model.js';
import { DAY_MS, MINUTE_MS } from './calendar.js';
import type { RuntimeContract } from './contract.js';
import { timeline, type EventInput } from './timeline.js';
import { charge, termWindow, type SearchBudget } from './worst-case.js';

export interface SearchOptions {
  readonly seed: number;
  readonly runs: number;
  readonly plan?: string;
  /**
   * The budget of steps of this assert line's check of one priority (language reference,
   * "Limits"); each sequence tried spends `SEQUENCE_STEPS` plus the open spans its clock runs
   * over. Without one the search is bounded by `runs` only.
   */
  readonly budget?: SearchBudget;
}

/**
 * Steps one sequence tried costs before the open spans it runs over: about the CPU time of one
 * sequence on the reference machine in microseconds, as one step of the exact searches is about a
 * microsecond. Measured: 2,000 sequences on an office-hours calendar take about 0.4 s of CPU past
 * start-up (200 µs each); on a calendar of 96 ranges a day with a 10d target, about 0.85 ms each,
 * which the per-span charge covers (one step per span: about 900 steps a sequence).
 */
export const SEQUENCE_STEPS = 200;

export interface SearchResult {
  readonly passed: boolean;
  /** Sequences tried (up to and including the first counterexample). */
  readonly runs: number;
  /**
   * Set when the budget ran out: `'search'` before `runs` sequences were tried and no
   * counterexample was found (the result is not decided: `passed` is false, with `problem`), or
   * `'shrinking'` while a counterexample found was being shrunk (it fails, with the smallest
   * counterexample found so far).
   */
  readonly stopped?: 'search' | 'shrinking';
  readonly counterexample?: {
    readonly filed: number;
    readonly events: readonly EventInput[];
    readonly due: number;
    /** The measured time: due − start, less paused time with `excluding pauses`. */
    readonly measured: number;
  };
  readonly problem?: string;
}

/** One generated step: which event, how long after the previous one, and how long a pause lasts. */
interface Step {
  readonly event: string;
  readonly afterMinutes: number;
  readonly holdMinutes: number;
  readonly priority: number;
}

/**
 * Searches sequences of the statement's `under` events for a ticket of `priority`.
 * @example searchSequences(runtime, stmt, 'P1', { seed: 1, runs: 500 }).counterexample
 */
export function searchSequences(runtime: RuntimeContract, stmt: A.AssertStmt, priority: string, options: SearchOptions): SearchResult {
  const { model } = runtime;
  const clock = model.clocks.get(stmt.clock.text);
  const target = runtime.targets(priority, options.plan)?.get(stmt.clock.text);
  const cal = target ? runtime.calendars.get(target.calendar) : undefined;
  if (!clock || !target || !cal) return { passed: false, runs: 0, problem: `\`${priority}\` has no \`${stmt.clock.text}\` target` };
  if (!model.term) return { passed: false, runs: 0, problem: 'the contract has no term to search over' };
  const [from, to] = termWindow(model.term, cal);
  const minutes = Math.max(1, Math.floor((to - from) / MINUTE_MS));
  const resume = clock.on.resumes[0]?.text as TicketEvent | undefined;
  const stop = clock.on.stops[0]?.text as TicketEvent | undefined;
  const priorities = model.priorities.map((p) => p.name).filter((p) => runtime.targets(p, options.plan)?.has(stmt.clock.text));
  const bound = stmt.bound.unit === 'day' ? stmt.bound.amount * DAY_MS : stmt.bound.amount * MINUTE_MS;

  const events = (filed: number, steps: readonly Step[]): EventInput[] => {
    const out: EventInput[] = [];
    let t = filed;
    for (const s of steps) {
      t += s.afterMinutes * MINUTE_MS;
      const event = s.event as TicketEvent;
      if (event === 'reclassified') {
        out.push({ event, at: t, priority: priorities[s.priority % priorities.length]! });
      } else if (event === 'reopened') {
        if (stop) out.push({ event: stop, at: t });
        t += s.holdMinutes * MINUTE_MS;
        out.push({ event, at: t });
      } else if (clock.on.pauses.some((n) => n.text === event) && resume) {
        out.push({ event, at: t });
        t += s.holdMinutes * MINUTE_MS;
        out.push({ event: resume, at: t });
      } else out.push({ event, at: t });
    }
    return out;
  };

  /** The measured time of a sequence, or undefined when the clock ends with no deadline. */
  const measure = (filed: number, list: readonly EventInput[]): { due: number; measured: number } | undefined => {
    const result = timeline(runtime, { priority, filed, events: list, ...(options.plan !== undefined ? { plan: options.plan } : {}) });
    const c = result.clocks.find((x) => x.clock === stmt.clock.text);
    if (!c || c.due === undefined || c.starts === undefined || !Number.isFinite(c.due)) return undefined;
    const paused = stmt.excludingPauses ? c.pauses.reduce((sum, p) => sum + Math.max(0, Math.min(p.to ?? c.due!, c.due!) - Math.max(p.from, c.starts!)), 0) : 0;
    return { due: c.due, measured: c.due - c.starts - paused };
  };

  const step: fc.Arbitrary<Step> = fc.record({
    event: fc.constantFrom(...stmt.under.map((n) => n.text)),
    afterMinutes: fc.integer({ min: 1, max: 3 * 1440 }),
    holdMinutes: fc.integer({ min: 1, max: 3 * 1440 }),
    priority: fc.nat({ max: 16 }),
  });
  // The open spans a day of the calendars this clock can run on (a reclassification may move it
  // to another's), from the window's first week: a sequence is charged that many steps per day
  // between its filing and its deadline, the spans the engine reads.
  const calendars = new Set(priorities.map((p) => runtime.targets(p, options.plan)?.get(stmt.clock.text)?.calendar).filter((c): c is string => c !== undefined));
  const week = Math.min(to, from + 7 * DAY_MS);
  const perDay = Math.max(1, ...[...calendars].map((c) => Math.ceil((runtime.calendars.get(c)?.spans(from, week).length ?? 0) / 7)));

  const { budget } = options;
  let done = 0;
  let stopped = false;
  let failure: [number, readonly Step[]] | undefined;
  const STOP = new Error('the budget is spent');
  const property = fc.property(fc.integer({ min: 0, max: minutes - 1 }), fc.array(step, { maxLength: 6 }), (offset, steps) => {
    // Once the budget is spent every run, and every shrink, stops at once: fast-check takes a
    // throw for a failure, so it shrinks down to its smallest value in a few dozen cheap runs; what
    // it then reports is ignored (`failure` is the last real counterexample).
    if (stopped) throw STOP;
    const filed = from + offset * MINUTE_MS;
    const m = measure(filed, events(filed, steps));
    const holds = m === undefined || m.measured <= bound;
    if (!failure) done++;
    if (!holds) failure = [offset, steps];
    if (!charge(budget, SEQUENCE_STEPS + (m ? Math.ceil(Math.max(0, m.due - filed) / DAY_MS) * perDay : 0))) {
      stopped = true;
      throw STOP;
    }
    return holds;
  });
  if (budget && budget.left < 0) return { passed: false, runs: 0, stopped: 'search' };
  const details = fc.check(property, { seed: options.seed, numRuns: options.runs });
  if (stopped && !failure) return { passed: false, runs: done - 1, stopped: 'search' };
  if (!stopped && (!details.failed || !details.counterexample)) return { passed: true, runs: details.numRuns };
  if (!failure) throw details.errorInstance; // the property itself failed: not a counterexample
  const [offset, steps] = failure;
  const filed = from + offset * MINUTE_MS;
  const list = events(filed, steps);
  const m = measure(filed, list)!;
  return { passed: false, runs: done, ...(stopped ? { stopped: 'shrinking' as const } : {}), counterexample: { filed, events: list, due: m.due, measured: m.measured } };
}
