/**
 * What one ticket's events mean under the contract, reduced to what reports count: each clock's
 * state, due time and time to its stop, the escalation steps that fired, the credits earned.
 *
 * `TicketEvaluator.evaluate` is the simulator's hot path. It follows `timeline()` (the one
 * definition of the clocks, in src/time/timeline.ts) step for step for tickets whose priority never
 * changes and whose clocks never restart, without its allocations; any other ticket goes through
 * `timeline()` itself. A property test holds the two equal (test/simulate/outcome.test.ts).
 */
import type * as A from '../ast/nodes.js';
import { TICKET_EVENTS, type TicketEvent } from '../check/model.js';
import { breachPercent, breachPercentOf } from '../time/credits.js';
import { MINUTE_MS, type CompiledCalendar } from '../time/calendar.js';
import type { RuntimeContract } from '../time/contract.js';
import { targetMs, timeline, type ClockState, type EventInput, type Timeline, type TimelineInput } from '../time/timeline.js';
import { ticketUpdates, updateCredits, type UpdateState } from '../time/updates.js';
import { grown } from './tickets.js';

export interface ClockOutcome {
  readonly clock: string;
  /**
   * The priority the clock is counted under (grammar/reference.md, "Changing priority", rule 6):
   * for a breached clock the one whose target was breached, else the one in force at the end.
   */
  readonly priority: string;
  readonly state: ClockState;
  readonly starts?: number;
  readonly stopped?: number;
  readonly due?: number;
  /** Open and real ms from the start to the stop; 0 while the clock has not stopped. */
  readonly open: number;
  readonly wall: number;
  /** Real ms the clock ran past `due` (pauses left out), to its stop or the evaluator's `lateUntil`; graded credits count it. */
  readonly late?: number;
}

export interface StepFiring {
  /** Index of the step among all escalation steps of the contract (`EscalationFiring.step`). */
  readonly step: number;
  readonly time: number;
  /** How many of the step's contacts were off their calendar when it fired. */
  readonly unreachable: number;
}

export interface CreditOutcome {
  /** The clock, or `update` for the `update every` promise. */
  readonly clock: string;
  readonly priority: string;
  /** The sum of the per-breach credits that apply, in percent of the monthly fee. */
  readonly percent: number;
  /** When the deadline passed. */
  readonly time: number;
}

export interface TicketOutcome {
  readonly priority: string;
  readonly clocks: readonly ClockOutcome[];
  readonly escalations: readonly StepFiring[];
  readonly credits: readonly CreditOutcome[];
  /**
   * The `update every` intervals judged at the evaluator's horizon, each with the priority it was
   * judged by (grammar/reference.md, "Periodic updates"); absent when no priority of the ticket's
   * life has the promise.
   */
  readonly updates?: readonly UpdateOutcome[];
}

export interface UpdateOutcome {
  readonly priority: string;
  readonly state: UpdateState;
}

/** Reduces a full timeline to an outcome: the reference the fast path is tested against. */
export function outcomeOf(tl: Timeline): TicketOutcome {
  const last = tl.clocks.reduce((p, c) => (c.priority !== tl.priority ? c.priority : p), tl.priority);
  const credits = new Map<string, CreditOutcome>();
  for (const c of tl.credits) {
    const key = `${c.clock}\u0000${c.priority}\u0000${c.time}`;
    const prev = credits.get(key);
    credits.set(key, { clock: c.clock, priority: c.priority, percent: (prev?.percent ?? 0) + c.percent, time: c.time });
  }
  return {
    priority: last,
    clocks: tl.clocks.map((c) => ({
      clock: c.clock,
      // Rule 6: a breach is filed under the priority whose target was breached.
      priority: c.breachedUnder ?? c.priority,
      state: c.state,
      ...(c.starts !== undefined ? { starts: c.starts } : {}),
      ...(c.stopped !== undefined ? { stopped: c.stopped } : {}),
      ...(c.due !== undefined ? { due: c.due } : {}),
      open: c.stopped !== undefined ? c.open : 0,
      wall: c.stopped !== undefined ? c.wall : 0,
      late: c.late,
    })),
    escalations: tl.escalations
      .filter((e) => e.time !== undefined)
      .map((e) => ({ step: e.step, time: e.time!, unreachable: e.notify.filter((n) => !n.reachable).length }))
      .sort((a, b) => a.time - b.time || a.step - b.step),
    credits: [...credits.values()],
    ...(tl.updates ? { updates: tl.updates.map((u) => ({ priority: u.priority, state: u.state })) } : {}),
  };
}

const EVENT_BIT = new Map<string, number>(TICKET_EVENTS.map((e, i) => [e, 1 << i]));
const EVENT_OF_BIT = new Map<number, TicketEvent>(TICKET_EVENTS.map((e, i) => [1 << i, e]));
const FILED_BIT = EVENT_BIT.get('filed')!;
const RECLASSIFIED_BIT = EVENT_BIT.get('reclassified')!;
const CONFIRMED_BIT = EVENT_BIT.get('confirmed')!;

/** The bit of a ticket event in the masks `evaluateOrdered` takes. */
export function eventBit(event: string): number {
  return EVENT_BIT.get(event) ?? 0;
}
const NONE: readonly never[] = Object.freeze([]);

interface ClockSpec {
  readonly name: string;
  readonly starts: number;
  readonly stops: number;
  readonly pauses: number;
  readonly resumes: number;
  readonly restarts: number;
}

interface StepSpec {
  readonly step: number;
  readonly clock: number;
  readonly at: { readonly kind: 'percent'; readonly value: number } | { readonly kind: 'ms'; readonly value: number } | { readonly kind: 'days'; readonly value: number };
  readonly contacts: readonly (CompiledCalendar | undefined)[];
}

interface LevelSpec {
  /** Per clock, in model order: the target in force and its calendar. */
  readonly targets: readonly ({ readonly calendar: CompiledCalendar; readonly target: Parameters<typeof targetMs>[1]; /** Open ms of an `m`/`h` target; -1 for `d`, which depends on the start. */ readonly fixed: number } | undefined)[];
  /** Per clock: 1 when it has a target (and so a calendar) at this level. */
  readonly hasCal: Uint8Array;
  readonly steps: readonly StepSpec[];
  /** Per clock: the per-breach credit percent for this priority (of a breach one unit late). */
  readonly credit: readonly number[];
  /** Per clock: the per-breach credit percent as a function of the lateness (graded credits). */
  readonly creditOf: readonly ((lateMs: number) => number)[];
}

/** Clock states in an `OutcomeView`. */
export const S_NO_TARGET = 0;
export const S_NOT_STARTED = 1;
export const S_RUNNING = 2;
export const S_PAUSED = 3;
export const S_BREACHED = 4;
export const S_MET = 5;
const STATE_NAMES: readonly ClockState[] = ['no-target', 'not-started', 'running', 'paused', 'breached', 'met'];

/**
 * One ticket's outcome as numbers in reusable arrays, per clock in model order (NaN for "none"):
 * what `TicketOutcome` says, without objects. The evaluator writes one per ticket and the tally
 * reads it; `toOutcome` turns it into the object form and `load` does the reverse.
 */
export class OutcomeView {
  /** The priority the ticket was filed with (`TicketOutcome.priority`). */
  ticketPriority = '';
  /** Per clock: the priority whose target is in force at the end. */
  readonly priority: string[];
  readonly state: Uint8Array;
  readonly starts: Float64Array;
  readonly stopped: Float64Array;
  readonly due: Float64Array;
  readonly open: Float64Array;
  readonly wall: Float64Array;
  /** Per clock: real ms run past the deadline (NaN without a deadline). */
  readonly late: Float64Array;
  /** Escalation steps fired, in time order once `toOutcome` sorted them (the tally does not care). */
  escalations = 0;
  stepOf = new Int32Array(4);
  stepTime = new Float64Array(4);
  stepUnreachable = new Int32Array(4);
  /** Per-breach credits earned: the clock, its priority, percent and when the deadline passed. */
  credits = 0;
  creditClock = new Int32Array(4);
  creditPriority: string[] = [];
  creditPercent = new Float64Array(4);
  creditTime = new Float64Array(4);
  /** The `update every` intervals (`TicketOutcome.updates`); undefined without the promise. */
  updates: readonly UpdateOutcome[] | undefined;
  private readonly clockIndex: ReadonlyMap<string, number>;

  constructor(readonly clocks: readonly string[]) {
    const n = clocks.length;
    this.priority = new Array<string>(n).fill('');
    this.state = new Uint8Array(n);
    this.starts = new Float64Array(n);
    this.stopped = new Float64Array(n);
    this.due = new Float64Array(n);
    this.open = new Float64Array(n);
    this.wall = new Float64Array(n);
    this.late = new Float64Array(n);
    this.clockIndex = new Map(clocks.map((c, i) => [c, i]));
  }

  addEscalation(step: number, time: number, unreachable: number): void {
    const k = this.escalations++;
    if (k >= this.stepOf.length) {
      this.stepOf = grown(this.stepOf, this.stepOf.length * 2);
      this.stepTime = grown(this.stepTime, this.stepTime.length * 2);
      this.stepUnreachable = grown(this.stepUnreachable, this.stepUnreachable.length * 2);
    }
    this.stepOf[k] = step;
    this.stepTime[k] = time;
    this.stepUnreachable[k] = unreachable;
  }

  addCredit(clock: number, priority: string, percent: number, time: number): void {
    const k = this.credits++;
    if (k >= this.creditClock.length) {
      this.creditClock = grown(this.creditClock, this.creditClock.length * 2);
      this.creditPercent = grown(this.creditPercent, this.creditPercent.length * 2);
      this.creditTime = grown(this.creditTime, this.creditTime.length * 2);
    }
    this.creditClock[k] = clock;
    this.creditPriority[k] = priority;
    this.creditPercent[k] = percent;
    this.creditTime[k] = time;
  }

  /** The object form; escalations sorted by time, then step. */
  toOutcome(): TicketOutcome {
    const clocks: ClockOutcome[] = this.clocks.map((clock, c) => {
      const starts = this.starts[c]!;
      const stopped = this.stopped[c]!;
      const due = this.due[c]!;
      // Every field present (undefined where `timeline()` leaves it out): one object shape.
      return {
        clock,
        priority: this.priority[c]!,
        state: STATE_NAMES[this.state[c]!]!,
        starts: starts === starts ? starts : undefined,
        stopped: stopped === stopped ? stopped : undefined,
        due: due === due ? due : undefined,
        open: this.open[c]!,
        wall: this.wall[c]!,
        late: due === due ? this.late[c]! : undefined,
      } as ClockOutcome;
    });
    const escalations: StepFiring[] = [];
    for (let k = 0; k < this.escalations; k++) escalations.push({ step: this.stepOf[k]!, time: this.stepTime[k]!, unreachable: this.stepUnreachable[k]! });
    if (escalations.length > 1) escalations.sort((a, b) => a.time - b.time || a.step - b.step);
    const credits: CreditOutcome[] = [];
    for (let k = 0; k < this.credits; k++) credits.push({ clock: this.clocks[this.creditClock[k]!] ?? 'update', priority: this.creditPriority[k]!, percent: this.creditPercent[k]!, time: this.creditTime[k]! });
    return { priority: this.ticketPriority, clocks, escalations: escalations.length ? escalations : NONE, credits: credits.length ? credits : NONE, ...(this.updates ? { updates: this.updates } : {}) };
  }

  /** Overwrites this view with an outcome (from `timeline()`); clocks it does not name are left without a target. */
  load(o: TicketOutcome): this {
    this.ticketPriority = o.priority;
    this.state.fill(S_NO_TARGET);
    this.starts.fill(NaN);
    this.stopped.fill(NaN);
    this.due.fill(NaN);
    this.open.fill(0);
    this.wall.fill(0);
    this.late.fill(NaN);
    this.priority.fill(o.priority);
    for (const c of o.clocks) {
      const i = this.clockIndex.get(c.clock);
      if (i === undefined) continue;
      this.priority[i] = c.priority;
      this.state[i] = STATE_NAMES.indexOf(c.state);
      this.starts[i] = c.starts ?? NaN;
      this.stopped[i] = c.stopped ?? NaN;
      this.due[i] = c.due ?? NaN;
      this.open[i] = c.open;
      this.wall[i] = c.wall;
      this.late[i] = c.late ?? NaN;
    }
    this.escalations = 0;
    for (const e of o.escalations) this.addEscalation(e.step, e.time, e.unreachable);
    this.credits = 0;
    // An `update` credit has no clock: index -1 (`toOutcome` names it again).
    for (const c of o.credits) this.addCredit(c.clock === 'update' ? -1 : (this.clockIndex.get(c.clock) ?? 0), c.priority, c.percent, c.time);
    this.updates = o.updates;
    return this;
  }
}


const IDLE = 0;
const RUNNING = 1;
const PAUSED = 2;
const STOPPED = 3;

/**
 * The instant `amount` open ms have accumulated over flat segments [s0, e0, s1, e1, …] (the last
 * end may be missing), given each segment's open ms (`open[i / 2]`, Infinity for the unended one).
 */
function reach(cal: CompiledCalendar, segs: Float64Array, open: Float64Array, length: number, amount: number): number | undefined {
  let acc = 0;
  for (let i = 0; i < length; i += 2) {
    const inSeg = open[i >> 1]!;
    if (acc + inSeg >= amount) {
      const t = cal.addOpen(segs[i]!, amount - acc);
      return t <= (i + 1 < length ? segs[i + 1]! : Infinity) ? t : undefined;
    }
    acc += inSeg;
  }
  return undefined;
}

export class TicketEvaluator {
  private readonly clocks: readonly ClockSpec[];
  private readonly restartMask: number;
  /** Per clock: the event bits that start, pause, resume and stop it, and any of these. */
  private readonly startsMask: Int32Array;
  private readonly pausesMask: Int32Array;
  private readonly resumesMask: Int32Array;
  private readonly stopsMask: Int32Array;
  private readonly anyMask: Int32Array;
  private readonly usesConfirmed: boolean;
  // Scratch buffers reused by every `evaluate` (NaN stands for "not yet").
  private readonly phase: Uint8Array;
  private readonly starts: Float64Array;
  private readonly stopped: Float64Array;
  private readonly count: Int32Array;
  private readonly amounts: Float64Array;
  private readonly filedAt = new Float64Array(1);
  /** Per clock: the open ms of its segments, summed in order (Infinity while one runs on). */
  private readonly totals: Float64Array;
  /** Per clock: the deadline, read by the escalation steps at 100%. */
  private readonly dues: Float64Array;
  /** Where `evaluateStored` writes (and `evaluate` works). */
  private readonly view: OutcomeView;
  private segs: Float64Array[] = [];
  /** Per clock: the open ms of each of its segments, computed once and read by every `reach`. */
  private segOpen: Float64Array[] = [];

  /**
   * @param lateUntil the instant the lateness of a clock that has not stopped is measured to (the
   *   tally's horizon), for graded credits; by default the ticket's last event, as `timeline()`.
   */
  constructor(
    private readonly runtime: RuntimeContract,
    private readonly lateUntil?: number,
  ) {
    const mask = (names: readonly A.Name[]) => names.reduce((m, n) => m | (EVENT_BIT.get(n.text) ?? 0), 0);
    this.clocks = [...runtime.model.clocks.values()].map((c) => ({
      name: c.name,
      starts: mask(c.on.starts),
      stops: mask(c.on.stops),
      pauses: mask(c.on.pauses),
      resumes: mask(c.on.resumes),
      restarts: mask(c.on.restarts),
    }));
    this.restartMask = this.clocks.reduce((m, c) => m | c.restarts, 0);
    this.startsMask = Int32Array.from(this.clocks, (c) => c.starts);
    this.pausesMask = Int32Array.from(this.clocks, (c) => c.pauses);
    this.resumesMask = Int32Array.from(this.clocks, (c) => c.resumes);
    this.stopsMask = Int32Array.from(this.clocks, (c) => c.stops);
    this.anyMask = Int32Array.from(this.clocks, (c) => c.starts | c.pauses | c.resumes | c.stops);
    const n = this.clocks.length;
    this.phase = new Uint8Array(n);
    this.starts = new Float64Array(n);
    this.stopped = new Float64Array(n);
    this.count = new Int32Array(n);
    this.amounts = new Float64Array(n);
    this.totals = new Float64Array(n);
    this.dues = new Float64Array(n);
    this.view = new OutcomeView(this.clocks.map((c) => c.name));
    const model = runtime.model;
    this.hasUpdates = model.priorities.some((p) => p.update) || [...model.plans.values()].some((pl) => pl.decl.body.some((b) => b.kind === 'PriorityOverride' && b.body.some((x) => x.kind === 'Update')));
    this.usesConfirmed = [...runtime.model.clocks.values()].some((c) => Object.values(c.on).some((names) => names.some((n) => n.text === 'confirmed')));
  }

  /** Whether any priority has `update every` (its own or a plan's): only then are a ticket's updates judged. */
  private readonly hasUpdates: boolean;

  /**
   * The `update every` intervals and their credit, as `timeline()` judges them (the same
   * functions, src/time/updates.ts), into `this.view`: judged at `lateUntil`, the silence of a
   * graded credit measured to it (else to the last event). Events from the scratch or stored arrays.
   */
  private judgeUpdates(priority: string, plan: string | undefined, filed: number, times: Float64Array, tOffset: number, bits: Int32Array, bOffset: number, length: number): void {
    const v = this.view;
    if (!this.hasUpdates) {
      v.updates = undefined;
      return;
    }
    const events: EventInput[] = [];
    for (let k = 0; k < length; k++) events.push({ event: EVENT_OF_BIT.get(bits[bOffset + k]!)!, at: times[tOffset + k]! });
    const { updates, lapses } = ticketUpdates(this.runtime, priority, plan, filed, events, this.lateUntil);
    v.updates = updates?.map((u) => ({ priority: u.priority, state: u.state }));
    if (!updates) return;
    const lateEnd = this.lateUntil ?? (length > 0 ? times[tOffset + length - 1]! : filed);
    const credits = updateCredits(this.runtime.model, updates, lateEnd, lapses);
    // One credit per ticket: the statements of its priority summed, as `outcomeOf` sums a timeline's.
    if (credits.length) v.addCredit(-1, credits[0]!.priority, credits.reduce((x, c) => x + c.percent, 0), credits[0]!.time);
  }

  /** Level specs by plan ('' for none), then priority: two lookups, no key built per ticket. */
  private readonly byPlan = new Map<string, Map<string, LevelSpec | null>>();

  private level(priority: string, plan: string | undefined): LevelSpec | undefined {
    let levels = this.byPlan.get(plan ?? '');
    if (!levels) this.byPlan.set(plan ?? '', (levels = new Map()));
    const known = levels.get(priority);
    if (known !== undefined) return known ?? undefined;
    const spec = this.buildLevel(priority, plan);
    levels.set(priority, spec ?? null);
    return spec;
  }

  private buildLevel(priority: string, plan: string | undefined): LevelSpec | undefined {
    const { runtime } = this;
    const model = runtime.model;
    const targets = runtime.targets(priority, plan);
    const clockIndex = new Map(this.clocks.map((c, i) => [c.name, i]));
    const levelTargets = targets && this.clocks.map((c) => {
      const t = targets.get(c.name);
      const calendar = t && runtime.calendars.get(t.calendar);
      return t && calendar ? { calendar, target: t, fixed: t.duration.unit === 'minute' ? t.duration.amount * MINUTE_MS : -1 } : undefined;
    });
    const spec: LevelSpec | undefined = levelTargets && {
      targets: levelTargets,
      hasCal: Uint8Array.from(levelTargets, (t) => (t ? 1 : 0)),
      steps: (() => {
        const steps: StepSpec[] = [];
        let index = 0;
        for (const esc of model.escalations) {
          const first = index;
          index += esc.steps.length;
          if (esc.priorities.length > 0 && !esc.priorities.some((p) => p.text === priority)) continue;
          esc.steps.forEach((step, k) => {
            const clock = clockIndex.get(step.clock.text);
            if (clock === undefined) return;
            const at: StepSpec['at'] =
              step.at.kind === 'Percent'
                ? { kind: 'percent', value: step.at.value }
                : step.at.unit === 'minute'
                  ? { kind: 'ms', value: step.at.amount * MINUTE_MS }
                  : { kind: 'days', value: step.at.amount };
            const contacts = step.notify.map((who) => {
              const contact = model.contacts.get(who.value);
              return contact ? runtime.calendars.get(contact.calendar.text) : undefined;
            });
            steps.push({ step: first + k, clock, at, contacts });
          });
        }
        return steps;
      })(),
      credit: this.clocks.map((c) => breachPercent(model, c.name, priority)),
      creditOf: this.clocks.map((c) => breachPercentOf(model, c.name, priority)),
    };
    return spec;
  }

  /** As `evaluate`, into the reusable view (overwritten by the next call). */
  evaluateView(input: TimelineInput): OutcomeView {
    return this.tryFast(input) ?? this.view.load(outcomeOf(timeline(this.runtime, { ...input, asOf: null, ...(this.lateUntil !== undefined ? { lateUntil: this.lateUntil } : {}) })));
  }

  /** The outcome of one ticket; `input.events` in time order (ties in the order given). */
  evaluate(input: TimelineInput): TicketOutcome {
    return this.tryFast(input)?.toOutcome() ?? outcomeOf(timeline(this.runtime, { ...input, asOf: null, ...(this.lateUntil !== undefined ? { lateUntil: this.lateUntil } : {}) }));
  }

  /** The fast path into `this.view`, or undefined when only `timeline()` can tell. */
  private tryFast(input: TimelineInput): OutcomeView | undefined {
    const events = input.events ?? [];
    const level = this.level(input.priority, input.plan);
    const fast = this.fast(input.filed, events);
    if (!level || fast === 'no') return undefined;
    const len = events.length;
    this.scratch(len);
    const { evT, evB } = this;
    for (let k = 0; k < len; k++) {
      evT[k] = events[k]!.at;
      evB[k] = EVENT_BIT.get(events[k]!.event) ?? 0;
    }
    const length = fast === 'assume-confirmed' ? this.insertConfirmed(input.filed, len) : len;
    this.core(level, input.priority, input.filed, evT, 0, evB, 0, length);
    this.judgeUpdates(input.priority, input.plan, input.filed, evT, 0, evB, 0, length);
    return this.view;
  }

  /**
   * The outcome of a ticket stored as the simulator keeps it (src/simulate/tickets.ts): `length`
   * events after `filed`, in time order, their times from `times[tOffset]` and their `eventBit`s
   * from `bits[bOffset]`, `mask` all their bits OR-ed. The result is `this.view`, overwritten by
   * the next call: nothing is allocated per ticket. Undefined when only `timeline()` can tell (a
   * reclassified or restarted ticket, or a priority the plan does not offer): the caller then
   * passes the events to `evaluate`.
   */
  evaluateStored(priority: string, plan: string | undefined, filed: number, mask: number, times: Float64Array, tOffset: number, bits: Int32Array, bOffset: number, length: number): OutcomeView | undefined {
    if (mask & (RECLASSIFIED_BIT | this.restartMask)) return undefined;
    const level = this.level(priority, plan);
    if (!level) return undefined;
    if (!this.usesConfirmed || (mask & CONFIRMED_BIT) !== 0) {
      this.core(level, priority, filed, times, tOffset, bits, bOffset, length);
      this.judgeUpdates(priority, plan, filed, times, tOffset, bits, bOffset, length);
    } else {
      this.scratch(length);
      this.evT.set(times.subarray(tOffset, tOffset + length));
      this.evB.set(bits.subarray(bOffset, bOffset + length));
      const n = this.insertConfirmed(filed, length);
      this.core(level, priority, filed, this.evT, 0, this.evB, 0, n);
      this.judgeUpdates(priority, plan, filed, this.evT, 0, this.evB, 0, n);
    }
    return this.view;
  }

  /** Scratch events: times and bits. */
  private evT = new Float64Array(16);
  private evB = new Int32Array(16);

  /** Makes room in the scratch events for `length` events and one more. */
  private scratch(length: number): void {
    if (this.evT.length < length + 1) {
      this.evT = new Float64Array(2 * length + 2);
      this.evB = new Int32Array(2 * length + 2);
    }
  }

  /**
   * As `timeline()` assumes when no event confirms: confirmed when filed, after the other events
   * at that instant. Works on the scratch events; returns the new length.
   */
  private insertConfirmed(filed: number, length: number): number {
    const { evT, evB } = this;
    let k = 0;
    while (k < length && evT[k] === filed) k++;
    evT.copyWithin(k + 1, k, length);
    evB.copyWithin(k + 1, k, length);
    evT[k] = filed;
    evB[k] = CONFIRMED_BIT;
    return length + 1;
  }

  /**
   * The clocks, escalations and credits of `filed` and then `length` events in time order (times
   * from `times[tOffset]`, bits from `bits[bOffset]`), into `this.view`.
   */
  private core(level: LevelSpec, priority: string, filed: number, times: Float64Array, tOffset: number, bits: Int32Array, bOffset: number, length: number): void {
    const n = this.clocks.length;
    const need = 2 * length + 2;
    if (this.segs.length < n || this.segs[0]!.length < need) {
      this.segs = Array.from({ length: n }, () => new Float64Array(Math.max(need, 32)));
      this.segOpen = Array.from({ length: n }, () => new Float64Array(Math.max(need, 32) / 2));
    }
    const { phase, starts, stopped, count, segs, segOpen } = this;
    for (let c = 0; c < n; c++) {
      phase[c] = IDLE;
      starts[c] = NaN;
      stopped[c] = NaN;
      count[c] = 0;
    }
    const { startsMask, pausesMask, resumesMask, stopsMask, anyMask } = this;
    const hasCal = level.hasCal;
    // Every time below comes out of a typed array, `filed` too: were one input a tagged number,
    // V8 would keep `t` tagged and box each event's time as a heap number.
    const filedAt = this.filedAt;
    filedAt[0] = filed;
    for (let k = -1; k < length; k++) {
      const bit = k < 0 ? FILED_BIT : bits[bOffset + k]!;
      const t = k < 0 ? filedAt[0]! : times[tOffset + k]!;
      for (let c = 0; c < n; c++) {
        if ((anyMask[c]! & bit) === 0) continue;
        const p = phase[c];
        if (startsMask[c]! & bit && p === IDLE) {
          phase[c] = RUNNING;
          starts[c] = t;
          if (hasCal[c]) segs[c]![count[c]!++] = t;
        } else if (pausesMask[c]! & bit && p === RUNNING) {
          if (hasCal[c]) segs[c]![count[c]!++] = t;
          phase[c] = PAUSED;
        } else if (resumesMask[c]! & bit && p === PAUSED) {
          phase[c] = RUNNING;
          if (hasCal[c]) segs[c]![count[c]!++] = t;
        } else if (stopsMask[c]! & bit && (p === RUNNING || p === PAUSED)) {
          if (p === RUNNING && hasCal[c]) segs[c]![count[c]!++] = t;
          phase[c] = STOPPED;
          stopped[c] = t;
        }
      }
    }

    const v = this.view;
    v.ticketPriority = priority;
    v.credits = 0;
    v.escalations = 0;
    const { amounts, totals } = this;
    for (let c = 0; c < n; c++) {
      const tg = level.targets[c];
      const s = starts[c]!;
      const started = s === s;
      let due = NaN;
      amounts[c] = Infinity;
      totals[c] = 0;
      const g = segs[c]!;
      const k = count[c]!;
      const so = segOpen[c]!;
      if (tg && started) {
        const total = (totals[c] = tg.calendar.openOfSegments(g, k, so));
        let amount = tg.fixed;
        let opening = false;
        if (amount < 0) ({ amount, opening } = targetMs(tg.calendar, tg.target, s));
        amounts[c] = amount;
        // A run whose segments all ended with less open time than the target never reaches it
        // (`reach` would find no segment): most stopped clocks, met, skip the search.
        if (amount !== Infinity && total >= amount) {
          const t = reach(tg.calendar, g, so, k, amount);
          if (t !== undefined) due = opening ? tg.calendar.nextOpening(t) : t;
        }
      }
      const hasDue = due === due;
      const p = phase[c]!;
      const stop = stopped[c]!;
      const hasStop = stop === stop;
      v.state[c] = !tg
        ? S_NO_TARGET
        : p === IDLE
          ? S_NOT_STARTED
          : p === RUNNING
            ? S_RUNNING
            : p === PAUSED
              ? hasDue
                ? S_BREACHED
                : S_PAUSED
              : hasDue && hasStop && due < stop
                ? S_BREACHED
                : S_MET;
      // A stopped clock's segments all end by its stop: its open time is their total.
      const open = hasStop && started && tg ? totals[c]! : 0;
      v.priority[c] = priority;
      v.starts[c] = s;
      v.stopped[c] = stop;
      v.due[c] = due;
      v.open[c] = open;
      v.wall[c] = hasStop && started ? Math.max(0, stop - s) : 0;
      // Lateness (reference, "Graded credits by lateness"): real ms run in [due, stop), or to `lateUntil`
      // (else the last event) while not stopped; the segments are [start, end) pairs, the last open while running.
      let late = NaN;
      if (hasDue) {
        const end = hasStop ? stop : (this.lateUntil ?? (length > 0 ? times[tOffset + length - 1]! : filed));
        late = 0;
        for (let i = 0; i < k; i += 2) {
          const a = Math.max(g[i]!, due);
          const b = Math.min(i + 1 < k ? g[i + 1]! : end, end);
          if (b > a) late += b - a;
        }
      }
      v.late[c] = late;
      if (hasStop && hasDue && due < stop && level.credit[c]! > 0) v.addCredit(c, priority, level.creditOf[c]!(late), due);
    }

    const dues = this.dues;
    for (let c = 0; c < n; c++) dues[c] = v.due[c]!;
    for (let i = 0; i < level.steps.length; i++) {
      const st = level.steps[i]!;
      const tg = level.targets[st.clock];
      const s = starts[st.clock]!;
      const amount = amounts[st.clock]!;
      if (!tg || s !== s || amount === Infinity) continue;
      // As timeline(): 100% is the deadline itself; a `d` step is computed like a `d` deadline.
      let time: number | undefined;
      if (st.at.kind === 'percent' && st.at.value === 100) {
        const d = dues[st.clock]!;
        time = d === d ? d : undefined;
      } else if (st.at.kind === 'days') {
        const d = targetMs(tg.calendar, { clock: '', duration: { kind: 'Duration', unit: 'day', amount: st.at.value, text: '' } as A.DurationLit, calendar: '', source: undefined as never }, s);
        time = d.amount !== Infinity && totals[st.clock]! >= d.amount ? reach(tg.calendar, segs[st.clock]!, segOpen[st.clock]!, count[st.clock]!, d.amount) : undefined;
        if (time !== undefined && d.opening) time = tg.calendar.nextOpening(time);
      } else {
        const milestone = st.at.kind === 'percent' ? (amount * st.at.value) / 100 : st.at.value;
        time = totals[st.clock]! >= milestone ? reach(tg.calendar, segs[st.clock]!, segOpen[st.clock]!, count[st.clock]!, milestone) : undefined;
      }
      const stop = stopped[st.clock]!;
      // A step exactly at the stop fires only when the clock was breached.
      if (time === undefined || (stop === stop && (time > stop || (time === stop && v.state[st.clock] !== S_BREACHED)))) continue;
      let unreachable = 0;
      for (let j = 0; j < st.contacts.length; j++) if (st.contacts[j] && !st.contacts[j]!.isOpen(time)) unreachable++;
      v.addEscalation(st.step, time, unreachable);
    }
  }

  /** Whether the fast path applies: events in time order, no reclassification, no restart. */
  private fast(filed: number, events: readonly EventInput[]): 'yes' | 'no' | 'assume-confirmed' {
    let confirmed = !this.usesConfirmed;
    let last = filed;
    for (const e of events) {
      if (e.at < last) return 'no';
      last = e.at;
      if (e.event === 'reclassified') return 'no';
      if (this.restartMask & (EVENT_BIT.get(e.event) ?? 0)) return 'no';
      if (e.event === 'confirmed') confirmed = true;
    }
    return confirmed ? 'yes' : 'assume-confirmed';
  }
}

export type { TicketEvent };
