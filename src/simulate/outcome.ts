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
import { MINUTE_MS, type CompiledCalendar } from '../time/calendar.js';
import type { RuntimeContract } from '../time/contract.js';
import { targetMs, timeline, type ClockState, type EventInput, type Timeline, type TimelineInput } from '../time/timeline.js';

export interface ClockOutcome {
  readonly clock: string;
  /** The priority whose target is in force at the end. */
  readonly priority: string;
  readonly state: ClockState;
  readonly starts?: number;
  readonly stopped?: number;
  readonly due?: number;
  /** Open and real ms from the start to the stop; 0 while the clock has not stopped. */
  readonly open: number;
  readonly wall: number;
}

export interface StepFiring {
  /** Index of the step among all escalation steps of the contract (`EscalationFiring.step`). */
  readonly step: number;
  readonly time: number;
  /** How many of the step's contacts were off their calendar when it fired. */
  readonly unreachable: number;
}

export interface CreditOutcome {
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
      priority: c.priority,
      state: c.state,
      ...(c.starts !== undefined ? { starts: c.starts } : {}),
      ...(c.stopped !== undefined ? { stopped: c.stopped } : {}),
      ...(c.due !== undefined ? { due: c.due } : {}),
      open: c.stopped !== undefined ? c.open : 0,
      wall: c.stopped !== undefined ? c.wall : 0,
    })),
    escalations: tl.escalations
      .filter((e) => e.time !== undefined)
      .map((e) => ({ step: e.step, time: e.time!, unreachable: e.notify.filter((n) => !n.reachable).length }))
      .sort((a, b) => a.time - b.time || a.step - b.step),
    credits: [...credits.values()],
  };
}

const EVENT_BIT = new Map<string, number>(TICKET_EVENTS.map((e, i) => [e, 1 << i]));
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
  readonly targets: readonly ({ readonly calendar: CompiledCalendar; readonly target: Parameters<typeof targetMs>[1] } | undefined)[];
  readonly steps: readonly StepSpec[];
  /** Per clock: the per-breach credit percent for this priority. */
  readonly credit: readonly number[];
}

const IDLE = 0;
const RUNNING = 1;
const PAUSED = 2;
const STOPPED = 3;

/** The instant `amount` open ms have accumulated over flat segments [s0, e0, s1, e1, …] (last end may be missing). */
function reach(cal: CompiledCalendar, segs: Float64Array, length: number, amount: number): number | undefined {
  let acc = 0;
  for (let i = 0; i < length; i += 2) {
    const s = segs[i]!;
    const e = i + 1 < length ? segs[i + 1]! : Infinity;
    const inSeg = e === Infinity ? Infinity : cal.openBetween(s, e);
    if (acc + inSeg >= amount) {
      const t = cal.addOpen(s, amount - acc);
      return t <= e ? t : undefined;
    }
    acc += inSeg;
  }
  return undefined;
}

export class TicketEvaluator {
  private readonly clocks: readonly ClockSpec[];
  private readonly restartMask: number;
  private readonly usesConfirmed: boolean;
  private readonly levels = new Map<string, LevelSpec | undefined>();
  // Scratch buffers reused by every `evaluate` (NaN stands for "not yet").
  private readonly phase: Uint8Array;
  private readonly starts: Float64Array;
  private readonly stopped: Float64Array;
  private readonly count: Int32Array;
  private readonly amounts: Float64Array;
  private segs: Float64Array[] = [];

  constructor(private readonly runtime: RuntimeContract) {
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
    const n = this.clocks.length;
    this.phase = new Uint8Array(n);
    this.starts = new Float64Array(n);
    this.stopped = new Float64Array(n);
    this.count = new Int32Array(n);
    this.amounts = new Float64Array(n);
    this.usesConfirmed = [...runtime.model.clocks.values()].some((c) => Object.values(c.on).some((names) => names.some((n) => n.text === 'confirmed')));
  }

  private lastKey: { priority?: string; plan?: string; spec?: LevelSpec | undefined } = {};

  private level(priority: string, plan: string | undefined): LevelSpec | undefined {
    const last = this.lastKey;
    if (last.priority === priority && last.plan === plan && 'spec' in last) return last.spec;
    const key = `${plan ?? ''}\u0000${priority}`;
    if (this.levels.has(key)) {
      const spec = this.levels.get(key);
      this.lastKey = { priority, plan, spec } as typeof last;
      return spec;
    }
    const { runtime } = this;
    const model = runtime.model;
    const targets = runtime.targets(priority, plan);
    const clockIndex = new Map(this.clocks.map((c, i) => [c.name, i]));
    const spec: LevelSpec | undefined = targets && {
      targets: this.clocks.map((c) => {
        const t = targets.get(c.name);
        const calendar = t && runtime.calendars.get(t.calendar);
        return t && calendar ? { calendar, target: t } : undefined;
      }),
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
      credit: this.clocks.map((c) =>
        model.credits
          .flatMap((x) => x.body)
          .filter((x): x is A.BreachCredit => x.kind === 'BreachCredit' && x.clock.text === c.name && x.priority.text === priority)
          .reduce((sum, x) => sum + x.amount.value, 0),
      ),
    };
    this.levels.set(key, spec);
    return spec;
  }

  /** The outcome of one ticket; `input.events` in time order (ties in the order given). */
  evaluate(input: TimelineInput): TicketOutcome {
    return this.evaluateWith(input, this.fast(input.filed, input.events ?? []));
  }

  /**
   * For events known to be in time order (the simulator's): `mask` has the bit of every event
   * that occurs (`eventBit`), which decides the fast path without reading the events again.
   */
  evaluateOrdered(input: TimelineInput, mask: number, times?: readonly number[], bits?: readonly number[]): TicketOutcome {
    if (mask & (RECLASSIFIED_BIT | this.restartMask)) return outcomeOf(timeline(this.runtime, input));
    const confirmed = !this.usesConfirmed || (mask & CONFIRMED_BIT) !== 0;
    return this.evaluateWith(input, confirmed ? 'yes' : 'assume-confirmed', confirmed ? times : undefined, confirmed ? bits : undefined);
  }

  /** `times` and `bits`, when given, are `input.events` as numbers (read instead of the objects). */
  private evaluateWith(input: TimelineInput, fast: 'yes' | 'no' | 'assume-confirmed', times?: readonly number[], bits?: readonly number[]): TicketOutcome {
    let events = input.events ?? [];
    const level = this.level(input.priority, input.plan);
    if (!level || fast === 'no') return outcomeOf(timeline(this.runtime, input));
    if (fast === 'assume-confirmed') {
      // As `timeline()` assumes: confirmed when filed, after the other events at that instant.
      let k = 0;
      while (k < events.length && events[k]!.at === input.filed) k++;
      events = [...events.slice(0, k), { event: 'confirmed', at: input.filed }, ...events.slice(k)];
    }
    const n = this.clocks.length;
    const need = 2 * events.length + 2;
    if (this.segs.length < n || this.segs[0]!.length < need) this.segs = Array.from({ length: n }, () => new Float64Array(Math.max(need, 32)));
    const { phase, starts, stopped, count, segs } = this;
    phase.fill(IDLE);
    starts.fill(NaN);
    stopped.fill(NaN);
    count.fill(0);
    const clocksSpec = this.clocks;
    for (let k = -1; k < events.length; k++) {
      let bit: number;
      let t: number;
      if (k < 0) {
        bit = FILED_BIT;
        t = input.filed;
      } else if (times && bits) {
        bit = bits[k]!;
        t = times[k]!;
      } else {
        const e = events[k]!;
        bit = EVENT_BIT.get(e.event) ?? 0;
        t = e.at;
      }
      for (let c = 0; c < n; c++) {
        const m = clocksSpec[c]!;
        const p = phase[c];
        const hasCal = level.targets[c] !== undefined;
        if (m.starts & bit && p === IDLE) {
          phase[c] = RUNNING;
          starts[c] = t;
          if (hasCal) segs[c]![count[c]!++] = t;
        } else if (m.pauses & bit && p === RUNNING) {
          if (hasCal) segs[c]![count[c]!++] = t;
          phase[c] = PAUSED;
        } else if (m.resumes & bit && p === PAUSED) {
          phase[c] = RUNNING;
          if (hasCal) segs[c]![count[c]!++] = t;
        } else if (m.stops & bit && (p === RUNNING || p === PAUSED)) {
          if (p === RUNNING && hasCal) segs[c]![count[c]!++] = t;
          phase[c] = STOPPED;
          stopped[c] = t;
        }
      }
    }

    const clocks: ClockOutcome[] = new Array(n);
    let credits: CreditOutcome[] | undefined;
    const amounts = this.amounts;
    for (let c = 0; c < n; c++) {
      const tg = level.targets[c];
      const s = starts[c]!;
      const started = s === s;
      let due: number | undefined;
      amounts[c] = Infinity;
      if (tg && started) {
        const { amount, opening } = targetMs(tg.calendar, tg.target, s);
        amounts[c] = amount;
        if (amount !== Infinity) {
          const t = reach(tg.calendar, segs[c]!, count[c]!, amount);
          due = t !== undefined && opening ? tg.calendar.nextOpening(t) : t;
        }
      }
      const p = phase[c]!;
      const stop = stopped[c]!;
      const hasStop = stop === stop;
      const state: ClockState = !tg
        ? 'no-target'
        : p === IDLE
          ? 'not-started'
          : p === RUNNING
            ? 'running'
            : p === PAUSED
              ? due !== undefined
                ? 'breached'
                : 'paused'
              : due !== undefined && hasStop && due < stop
                ? 'breached'
                : 'met';
      let open = 0;
      if (hasStop && started && tg) {
        const g = segs[c]!;
        const k = count[c]!;
        for (let i = 0; i + 1 < k; i += 2) open += tg.calendar.openBetween(g[i]!, Math.min(g[i + 1]!, stop));
      }
      const name = clocksSpec[c]!.name;
      // Every field present (undefined where `timeline()` leaves it out): one object shape, fast.
      clocks[c] = {
        clock: name,
        priority: input.priority,
        state,
        starts: started ? s : undefined,
        stopped: hasStop ? stop : undefined,
        due,
        open,
        wall: hasStop && started ? Math.max(0, stop - s) : 0,
      } as ClockOutcome;
      if (hasStop && due !== undefined && due < stop && level.credit[c]! > 0) {
        (credits ??= []).push({ clock: name, priority: input.priority, percent: level.credit[c]!, time: due });
      }
    }

    let escalations: StepFiring[] | undefined;
    for (const st of level.steps) {
      const tg = level.targets[st.clock];
      const s = starts[st.clock]!;
      const amount = amounts[st.clock]!;
      if (!tg || s !== s || amount === Infinity) continue;
      const milestone =
        st.at.kind === 'percent' ? (amount * st.at.value) / 100 : st.at.kind === 'ms' ? st.at.value : tg.calendar.openBetween(s, tg.calendar.addOpenDays(s, st.at.value));
      const time = reach(tg.calendar, segs[st.clock]!, count[st.clock]!, milestone);
      const stop = stopped[st.clock]!;
      if (time === undefined || (stop === stop && time > stop)) continue;
      let unreachable = 0;
      for (const cal of st.contacts) if (cal && !cal.isOpen(time)) unreachable++;
      (escalations ??= []).push({ step: st.step, time, unreachable });
    }
    if (escalations && escalations.length > 1) escalations.sort((a, b) => a.time - b.time || a.step - b.step);
    return { priority: input.priority, clocks, escalations: escalations ?? NONE, credits: credits ?? NONE };
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
