/**
 * One ticket's timeline: ticket events drive the contract's clocks; each clock accumulates open
 * time on its target's calendar while running; deadlines, escalation milestones and credits follow.
 * `timeline(runtime, { priority, filed, events })` is what `pledge what-if`, `pledge test` and the
 * simulator all call.
 */
import type * as A from '../ast/nodes.js';
import { TICKET_EVENTS, type ClockModel, type TicketEvent } from '../check/model.js';
import type { CompiledCalendar } from './calendar.js';
import { MINUTE_MS } from './calendar.js';
import type { EffectiveTarget, RuntimeContract } from './contract.js';

export interface EventInput {
  readonly event: TicketEvent;
  readonly at: number;
  /** For `reclassified`: the new priority. */
  readonly priority?: string;
}

export interface TimelineInput {
  readonly priority: string;
  readonly plan?: string;
  readonly filed: number;
  /** Events other than `filed`; those not given have not happened. */
  readonly events?: readonly EventInput[];
}

export type ClockState = 'not-started' | 'running' | 'paused' | 'met' | 'breached' | 'no-target';

/** A stretch of time during which a clock ran on one calendar. */
interface Segment {
  readonly start: number;
  end: number; // Infinity while running
  readonly calendar: CompiledCalendar;
}

export interface ClockRun {
  readonly starts: number;
  readonly stopped?: number;
  readonly due?: number;
  readonly state: ClockState;
}

export interface ClockTimeline {
  readonly clock: string;
  /** The priority whose target is in force at the end of the timeline. */
  readonly priority: string;
  readonly calendar?: string;
  readonly target?: A.DurationLit;
  readonly state: ClockState;
  readonly starts?: number;
  readonly pauses: readonly { readonly from: number; readonly to?: number }[];
  /** When the target is reached; undefined while paused with time left, or when there is no target. */
  readonly due?: number;
  readonly stopped?: number;
  /** Open ms counted: up to the stop, else up to `due`, else up to the last event. */
  readonly open: number;
  /** Real ms from the start to the same point. */
  readonly wall: number;
  /** Earlier runs of a clock that restarted (a reopened ticket). */
  readonly history: readonly ClockRun[];
}

export interface EscalationFiring {
  /** The step's index among every escalation step of the contract, in source order. */
  readonly step: number;
  readonly clock: string;
  readonly at: string;
  /** When the step fires; undefined when the clock stopped or paused first. */
  readonly time?: number;
  readonly notify: readonly { readonly name: string; readonly reachable: boolean; readonly from?: number }[];
}

export interface CreditEarned {
  readonly clock: string;
  readonly priority: string;
  readonly percent: number;
  readonly amount?: number;
  readonly currency?: string;
  /** When the breach happened. */
  readonly time: number;
}

export interface Timeline {
  readonly priority: string;
  readonly plan?: string;
  readonly filed: number;
  readonly assumptions: readonly string[];
  readonly clocks: readonly ClockTimeline[];
  readonly escalations: readonly EscalationFiring[];
  readonly credits: readonly CreditEarned[];
  /** Credits after the contract's cap, as a share of the monthly fee. */
  readonly creditPercentCapped: number;
}

/** The instant at which `amount` open ms have accumulated over the segments, if ever. */
function reach(segments: readonly Segment[], amount: number): number | undefined {
  let acc = 0;
  for (const s of segments) {
    const inSeg = s.end === Infinity ? Infinity : s.calendar.openBetween(s.start, s.end);
    if (acc + inSeg >= amount) {
      const t = s.calendar.addOpen(s.start, amount - acc);
      return t <= s.end ? t : undefined;
    }
    acc += inSeg;
  }
  return undefined;
}

function accumulated(segments: readonly Segment[], until: number): number {
  let acc = 0;
  for (const s of segments) acc += s.calendar.openBetween(s.start, Math.min(s.end, until));
  return acc;
}

/**
 * A target as open ms from a start: `d` targets become the open time to their deadline. A `d`
 * deadline at a day's opening (position 0) has the same open time as the previous day's close,
 * so `opening` says to move such a deadline on to the opening, as the `d` rule reads.
 */
export function targetMs(cal: CompiledCalendar, target: EffectiveTarget, start: number): { amount: number; opening: boolean } {
  if (target.duration.unit === 'minute') return { amount: target.duration.amount * MINUTE_MS, opening: false };
  const due = cal.addOpenDays(start, target.duration.amount);
  if (due === Infinity) return { amount: Infinity, opening: false };
  return { amount: cal.openBetween(start, due), opening: !cal.isOpen(due - 1) };
}

interface ClockSim {
  readonly model: ClockModel;
  priority: string;
  target?: EffectiveTarget;
  calendar?: CompiledCalendar;
  amount: number;
  /** A `d` deadline that falls on a day's opening (see `targetMs`). */
  opening: boolean;
  phase: 'idle' | 'running' | 'paused' | 'stopped';
  starts?: number;
  stopped?: number;
  segments: Segment[];
  pauses: { from: number; to?: number }[];
  history: ClockRun[];
  /** Breaches already fixed (for credits), with the priority then in force. */
  breaches: { time: number; priority: string }[];
}

/**
 * Runs the clocks of one ticket.
 * @example timeline(runtime, { priority: 'P2', filed: Date.parse('2026-11-20T09:00:00Z') }).clocks[0].due
 */
export function timeline(runtime: RuntimeContract, input: TimelineInput): Timeline {
  const { model } = runtime;
  const assumptions: string[] = [];
  const given = [...(input.events ?? [])];
  const clockEvents = new Set([...model.clocks.values()].flatMap((c) => Object.values(c.on).flat().map((n) => n.text)));
  if (!given.some((e) => e.event === 'confirmed') && clockEvents.has('confirmed')) {
    given.push({ event: 'confirmed', at: input.filed });
    assumptions.push('`confirmed` was not given: the ticket is taken as confirmed when filed');
  }
  const events: EventInput[] = [{ event: 'filed' as const, at: input.filed }, ...given].map((e, i) => ({ ...e, i })).sort((a, b) => a.at - b.at || a.i - b.i);
  const missing = TICKET_EVENTS.filter((e) => clockEvents.has(e) && !events.some((x) => x.event === e));
  if (missing.length) assumptions.push(`not given, so taken as not happened: ${missing.join(', ')}`);

  const targetFor = (priority: string, clock: string) => runtime.targets(priority, input.plan)?.get(clock);
  const sims: ClockSim[] = [...model.clocks.values()].map((m) => {
    const target = targetFor(input.priority, m.name);
    const calendar = target ? runtime.calendars.get(target.calendar) : undefined;
    return { model: m, priority: input.priority, ...(target ? { target } : {}), ...(calendar ? { calendar } : {}), amount: Infinity, opening: false, phase: 'idle', segments: [], pauses: [], history: [], breaches: [] };
  });

  const dueOf = (s: ClockSim) => {
    if (!s.calendar || s.amount === Infinity) return undefined;
    const t = reach(s.segments, s.amount);
    return t !== undefined && s.opening ? s.calendar.nextOpening(t) : t;
  };
  const closeSegment = (s: ClockSim, t: number) => {
    const last = s.segments[s.segments.length - 1];
    if (last && last.end === Infinity) last.end = t;
  };
  const start = (s: ClockSim, t: number) => {
    s.phase = 'running';
    s.starts = t;
    delete s.stopped;
    s.segments = s.calendar ? [{ start: t, end: Infinity, calendar: s.calendar }] : [];
    s.pauses = [];
    const target = s.calendar && s.target ? targetMs(s.calendar, s.target, t) : { amount: Infinity, opening: false };
    s.amount = target.amount;
    s.opening = target.opening;
  };
  let priority = input.priority;

  for (const e of events) {
    const has = (s: ClockSim, action: A.ClockAction) => s.model.on[action].some((n) => n.text === e.event);
    if (e.event === 'reclassified' && e.priority && e.priority !== priority) {
      priority = e.priority;
      for (const s of sims) reclassify(s, e.at, priority);
    }
    for (const s of sims) {
      if (has(s, 'restarts') && s.phase === 'stopped' && s.starts !== undefined) {
        const due = dueOf(s);
        s.history.push({ starts: s.starts, ...(s.stopped !== undefined ? { stopped: s.stopped } : {}), ...(due !== undefined ? { due } : {}), state: runState(s, due) });
        start(s, e.at);
      } else if (has(s, 'starts') && s.phase === 'idle') {
        start(s, e.at);
      } else if (has(s, 'pauses') && s.phase === 'running') {
        closeSegment(s, e.at);
        s.phase = 'paused';
        s.pauses.push({ from: e.at });
      } else if (has(s, 'resumes') && s.phase === 'paused') {
        s.phase = 'running';
        s.pauses[s.pauses.length - 1]!.to = e.at;
        if (s.calendar) s.segments.push({ start: e.at, end: Infinity, calendar: s.calendar });
      } else if (has(s, 'stops') && (s.phase === 'running' || s.phase === 'paused')) {
        closeSegment(s, e.at);
        s.phase = 'stopped';
        s.stopped = e.at;
        const due = dueOf(s);
        if (due !== undefined && due < e.at) s.breaches.push({ time: due, priority: s.priority });
      }
    }
  }

  function reclassify(s: ClockSim, t: number, to: string): void {
    const next = targetFor(to, s.model.name);
    const nextCal = next ? runtime.calendars.get(next.calendar) : undefined;
    if (s.phase === 'idle' || s.phase === 'stopped' || !next || !nextCal) {
      if (s.phase === 'idle' || s.phase === 'stopped') {
        s.priority = to;
        if (next && nextCal) Object.assign(s, { target: next, calendar: nextCal });
      }
      return;
    }
    const policy = model.reclassify;
    const running = s.phase === 'running';
    if (policy === 'restarts') {
      s.priority = to;
      Object.assign(s, { target: next, calendar: nextCal });
      start(s, t);
      if (!running) {
        closeSegment(s, t);
        s.phase = 'paused';
        s.pauses.push({ from: t });
      }
      return;
    }
    const startedAt = s.starts ?? t;
    const { amount: newAmount, opening: newOpening } = targetMs(nextCal, next, startedAt);
    const withCalendar = (cal: CompiledCalendar): Segment[] => {
      const past = s.segments.map((g) => ({ ...g, end: Math.min(g.end, t) }));
      return running ? [...past, { start: t, end: Infinity, calendar: cal }] : past;
    };
    if (policy === 'stricter' && s.calendar) {
      const oldDue = reach(withCalendar(s.calendar), s.amount) ?? Infinity;
      const newDue = reach(withCalendar(nextCal), newAmount) ?? Infinity;
      if (oldDue <= newDue) {
        s.priority = to; // the ticket's level changes, but the earlier (old) deadline stands
        return;
      }
    }
    closeSegment(s, t);
    s.segments = s.segments.map((g) => ({ ...g, end: Math.min(g.end, t) }));
    if (running) s.segments.push({ start: t, end: Infinity, calendar: nextCal });
    Object.assign(s, { priority: to, target: next, calendar: nextCal, amount: newAmount, opening: newOpening });
  }

  const lastEvent = events[events.length - 1]!.at;
  const clocks: ClockTimeline[] = sims.map((s) => {
    const due = dueOf(s);
    const state = runState(s, due);
    const end = s.stopped ?? (state === 'running' ? due : lastEvent) ?? lastEvent;
    const open = s.starts === undefined ? 0 : s.phase === 'running' && due !== undefined && s.stopped === undefined ? s.amount : accumulated(s.segments, end);
    return {
      clock: s.model.name,
      priority: s.priority,
      ...(s.target ? { calendar: s.target.calendar, target: s.target.duration } : {}),
      state,
      ...(s.starts !== undefined ? { starts: s.starts } : {}),
      pauses: s.pauses,
      ...(due !== undefined ? { due } : {}),
      ...(s.stopped !== undefined ? { stopped: s.stopped } : {}),
      open,
      wall: s.starts === undefined ? 0 : Math.max(0, end - s.starts),
      history: s.history,
    };
  });

  // Escalation milestones, for the priority in force at the end.
  const escalations: EscalationFiring[] = [];
  let stepIndex = 0;
  for (const esc of model.escalations) {
    const first = stepIndex;
    stepIndex += esc.steps.length;
    if (esc.priorities.length > 0 && !esc.priorities.some((p) => p.text === priority)) continue;
    for (const [k, step] of esc.steps.entries()) {
      const s = sims.find((x) => x.model.name === step.clock.text);
      if (!s || !s.calendar || s.starts === undefined || s.amount === Infinity) continue;
      const milestone =
        step.at.kind === 'Percent'
          ? (s.amount * step.at.value) / 100
          : step.at.unit === 'minute'
            ? step.at.amount * MINUTE_MS
            : s.calendar.openBetween(s.starts, s.calendar.addOpenDays(s.starts, step.at.amount));
      const time = reach(s.segments, milestone);
      const fired = time !== undefined && (s.stopped === undefined || time <= s.stopped) ? time : undefined;
      escalations.push({
        step: first + k,
        clock: step.clock.text,
        at: step.at.kind === 'Percent' ? `${step.at.text}%` : step.at.text,
        ...(fired !== undefined ? { time: fired } : {}),
        notify: step.notify.map((who) => {
          const contact = model.contacts.get(who.value);
          const cal = contact ? runtime.calendars.get(contact.calendar.text) : undefined;
          if (fired === undefined || !cal || cal.isOpen(fired)) return { name: who.value, reachable: true };
          const next = cal.addOpen(fired, 1) - 1;
          return { name: who.value, reachable: false, ...(Number.isFinite(next) ? { from: next } : {}) };
        }),
      });
    }
  }
  escalations.sort((a, b) => (a.time ?? Infinity) - (b.time ?? Infinity));

  // Credits for breaches (stopped after the deadline), per the priority in force when breached.
  const credits: CreditEarned[] = [];
  const breachCredits = model.credits.flatMap((c) => c.body.filter((x): x is A.BreachCredit => x.kind === 'BreachCredit'));
  for (const s of sims) {
    for (const b of s.breaches) {
      for (const c of breachCredits) {
        if (c.clock.text !== s.model.name || c.priority.text !== b.priority) continue;
        const fee = runtime.monthlyFee;
        credits.push({
          clock: s.model.name,
          priority: b.priority,
          percent: c.amount.value,
          ...(fee ? { amount: (fee.amount * c.amount.value) / 100, currency: fee.currency } : {}),
          time: b.time,
        });
      }
    }
  }
  const cap = model.credits.flatMap((c) => c.body).find((x): x is A.CapStmt => x.kind === 'Cap');
  const total = credits.reduce((sum, c) => sum + c.percent, 0);

  return {
    priority: input.priority,
    ...(input.plan !== undefined ? { plan: input.plan } : {}),
    filed: input.filed,
    assumptions,
    clocks,
    escalations,
    credits,
    creditPercentCapped: cap ? Math.min(total, cap.amount.value) : total,
  };
}

function runState(s: ClockSim, due: number | undefined): ClockState {
  if (!s.target) return 'no-target';
  switch (s.phase) {
    case 'idle':
      return 'not-started';
    case 'running':
      return 'running';
    case 'paused':
      return due !== undefined ? 'breached' : 'paused';
    case 'stopped':
      return due !== undefined && s.stopped !== undefined && due < s.stopped ? 'breached' : 'met';
  }
}
