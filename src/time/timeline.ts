/**
 * One ticket's timeline: ticket events drive the contract's clocks; each clock accumulates open
 * time on its target's calendar while running; deadlines, escalation milestones and credits follow.
 * `timeline(runtime, { priority, filed, events })` is what `pledge what-if`, `pledge test` and the
 * simulator all call.
 */
import type * as A from '../ast/nodes.js';
import { creditShare, TICKET_EVENTS, type ClockModel, type TicketEvent } from '../check/model.js';
import type { CompiledCalendar } from './calendar.js';
import { MINUTE_MS } from './calendar.js';
import type { EffectiveTarget, RuntimeContract } from './contract.js';
import { applyCaps, breachCredit, breachPercent, capsOf, creditZone, isPastDue, monthKey } from './credits.js';
import { ticketUpdates, updateCredits, type JudgedUpdate } from './updates.js';
import { termWindow } from './worst-case.js';
import { CATALOG } from '../diagnostics/catalog.js';
import { isoInstant, localTimeKind, localTimeNote, parseInstant } from './instant-format.js';

export interface EventInput {
  readonly event: TicketEvent;
  readonly at: number;
  /** For `reclassified`: the new priority. */
  readonly priority?: string;
}

/**
 * What the engine changed or left out of what it was given (issue 14, "nothing silently wrong";
 * grammar/reference.md, "Times given on the command line"): a code, its severity, a message that
 * names the exact value used, and that instant.
 */
export interface TimelineNotice {
  readonly code: 'PLG3010' | 'PLG3011' | 'PLG3012' | 'PLG3013' | 'PLG3014';
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** The instant the notice is about: the one used for a local time, the filing, the event's. */
  readonly at: number;
}

/** A notice with its catalog severity. */
export function notice(code: TimelineNotice['code'], message: string, at: number): TimelineNotice {
  return { code, severity: CATALOG[code].severity as TimelineNotice['severity'], message, at };
}

/**
 * PLG3010 / PLG3011 for a local time typed without an offset that names no instant (a
 * spring-forward gap) or two (a repeated hour), with the instant it was read as; undefined for
 * an ordinary time or one with an offset. `label` names where it was typed (`--filed`).
 * @example localTimeNotice('--filed', '2026-03-29T02:30', 'Europe/Berlin')?.code // 'PLG3010'
 */
export function localTimeNotice(label: string, text: string, zone: string): TimelineNotice | undefined {
  const kind = localTimeKind(text, zone);
  const at = parseInstant(text, zone);
  if ((kind !== 'gap' && kind !== 'repeated') || at === undefined) return undefined;
  return notice(kind === 'gap' ? 'PLG3010' : 'PLG3011', `${label} ${localTimeNote(text, zone)}`, at);
}

/** The contract's term as instants (its days in the first calendar's zone) and as written; undefined without one. */
export function termBounds(runtime: RuntimeContract): { readonly from: number; readonly to: number; readonly text: string } | undefined {
  const { term } = runtime.model;
  const firstCal = runtime.calendars.values().next().value as CompiledCalendar | undefined;
  if (!term || !firstCal) return undefined;
  const [from, to] = termWindow(term, firstCal);
  const d = (x: A.DateLit) => `${x.year}-${String(x.month).padStart(2, '0')}-${String(x.day).padStart(2, '0')}`;
  return { from, to, text: `${d(term.from)} to ${d(term.to)}` };
}

/**
 * PLG3012 when `filed` is outside the contract's term, with the filing instant in `zone` and the
 * term; undefined inside it or without a term.
 * @example filedOutsideTerm(runtime, Date.parse('2030-01-01T00:00Z'), 'UTC')?.message
 */
export function filedOutsideTerm(runtime: RuntimeContract, filed: number, zone: string): TimelineNotice | undefined {
  const term = termBounds(runtime);
  if (!term || (filed >= term.from && filed < term.to)) return undefined;
  return notice('PLG3012', `filed ${isoInstant(filed, zone)}, ${filed < term.from ? 'before' : 'after'} the term (${term.text}): the contract's targets are applied as if it were in force`, filed);
}

export interface TimelineInput {
  /** The zone the notices' messages name instants in; by default the contract's first calendar's. */
  readonly zone?: string;
  readonly priority: string;
  readonly plan?: string;
  readonly filed: number;
  /** Events other than `filed`; those not given have not happened. */
  readonly events?: readonly EventInput[];
  /**
   * The instant the timeline is judged at (grammar/reference.md, "As of"): an unstopped clock past
   * its deadline before then is breached, later steps and events have not happened. Undefined: the
   * end of the term, or the last event if later. Null: not judged (the simulator's and replay's
   * tally judges unstopped clocks at its own horizon).
   */
  readonly asOf?: number | null;
  /**
   * Not judged (`asOf: null`): the instant the lateness of a clock that has not stopped is measured
   * to, for graded credits (the tally's horizon); by default the last event.
   */
  readonly lateUntil?: number;
}

export type ClockState = 'not-started' | 'running' | 'paused' | 'met' | 'breached' | 'no-target';

/** A stretch of time during which a clock ran on one calendar. */
interface Segment {
  readonly start: number;
  end: number; // Infinity while running
  readonly calendar: CompiledCalendar;
}

export interface ClockRun {
  readonly priority: string;
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
  /**
   * Real ms the clock ran past `due` (pauses left out), up to its stop or the judging instant:
   * the lateness graded credits count (grammar/reference.md, "Graded credits by lateness").
   */
  readonly late?: number;
  /** Earlier runs of a clock that restarted (a reopened ticket). */
  readonly history: readonly ClockRun[];
  /**
   * For a breached clock, the priority whose target was breached: that of the first breach of its
   * last run (grammar/reference.md, "Changing priority", rule 6); reports count the breach under it.
   */
  readonly breachedUnder?: string;
}

export interface EscalationFiring {
  /** The step's index among every escalation step of the contract, in source order. */
  readonly step: number;
  readonly clock: string;
  readonly at: string;
  /** When the step fires; undefined when the clock stopped or paused first. */
  readonly time?: number;
  /** The step had already been passed when a reclassification set its target: it fired then. */
  readonly onReclassification?: boolean;
  /** Which run of a restarted clock it fired in (1 for the first), when the clock ran more than once. */
  readonly run?: number;
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
  /** A graded credit: real ms the clock ran past the deadline, and the started units it counts. */
  readonly late?: number;
  readonly units?: number;
}

export interface Timeline {
  readonly priority: string;
  readonly plan?: string;
  readonly filed: number;
  readonly assumptions: readonly string[];
  /** What was changed or left out of the input, each with a code (`TimelineNotice`); empty when nothing was. */
  readonly notices: readonly TimelineNotice[];
  readonly clocks: readonly ClockTimeline[];
  readonly escalations: readonly EscalationFiring[];
  readonly credits: readonly CreditEarned[];
  /** Credits per calendar month (in the first calendar's zone), before and after the cap. */
  readonly creditMonths: readonly { readonly month: string; readonly percent: number; readonly afterCap: number }[];
  /** Credits after the contract's cap, as a share of the monthly fee (the cap applied per month). */
  readonly creditPercentCapped: number;
  /** The instant the timeline was judged at; undefined when not judged. */
  readonly asOf?: number;
  /**
   * The `update every` promise judged by intervals (grammar/reference.md, "Periodic updates"),
   * absent when no priority of the ticket's life has one. Each interval keeps the priority in
   * force when it started.
   */
  readonly updates?: readonly JudgedUpdate[];
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

/** The target in force on a clock from one instant (its start or a reclassification) to the next change. */
interface Episode {
  readonly priority: string;
  readonly target?: EffectiveTarget;
  readonly calendar?: CompiledCalendar;
  readonly amount: number;
  readonly opening: boolean;
  /** No deadline or step of this episode is earlier than this (the reclassification that began it). */
  readonly floor: number;
  /** When it ended (Infinity for the last), and the run's segments as they stood then. */
  readonly to: number;
  readonly segments: readonly Segment[];
}

interface Run {
  readonly starts: number;
  readonly stopped?: number;
  readonly episodes: readonly Episode[];
  readonly state: ClockState;
}

interface ClockSim {
  readonly model: ClockModel;
  priority: string;
  target?: EffectiveTarget;
  calendar?: CompiledCalendar;
  amount: number;
  /** A `d` deadline that falls on a day's opening (see `targetMs`). */
  opening: boolean;
  floor: number;
  phase: 'idle' | 'running' | 'paused' | 'stopped';
  starts?: number;
  stopped?: number;
  segments: Segment[];
  pauses: { from: number; to?: number }[];
  history: ClockRun[];
  runs: Run[];
  /** Episodes of the current run that a reclassification ended. */
  episodes: Episode[];
  /** A breach fixed in the current run when a reclassification ended its episode. */
  runBreached: boolean;
  /** Breaches already fixed (for credits), with the priority then in force and the run (index in `runs`) they fell in. */
  breaches: { time: number; priority: string; run: number }[];
  /** Real stretches the clock ran (every run), for the lateness of graded credits; `ranFrom` while running. */
  ran: { from: number; to: number }[];
  ranFrom?: number;
  /** The state before a reclassification at `at`, restored when another one follows at the same instant. */
  undo?: { at: number; state: Omit<ClockSim, 'undo' | 'model'> };
}

const snapshot = (segments: readonly Segment[], t: number): Segment[] => segments.map((g) => ({ ...g, end: Math.min(g.end, t) }));

/** The deadline of an episode over segments: the reach of its amount, moved to an opening for `d`, never before its floor. */
function episodeDue(e: Pick<Episode, 'calendar' | 'amount' | 'opening' | 'floor'>, segments: readonly Segment[]): number | undefined {
  if (!e.calendar || e.amount === Infinity) return undefined;
  const t = reach(segments, e.amount);
  if (t === undefined) return undefined;
  return Math.max(e.opening ? e.calendar.nextOpening(t) : t, e.floor);
}

/**
 * Runs the clocks of one ticket.
 * @example timeline(runtime, { priority: 'P2', filed: Date.parse('2026-11-20T09:00:00Z') }).clocks[0].due
 */
export function timeline(runtime: RuntimeContract, input: TimelineInput): Timeline {
  const { model } = runtime;
  const assumptions: string[] = [];
  const notices: TimelineNotice[] = [];
  const noticeZone = input.zone ?? (runtime.calendars.values().next().value as CompiledCalendar | undefined)?.zone ?? 'UTC';
  const iso = (t: number) => isoInstant(t, noticeZone);
  // An event before the filing (PLG3013) is left out, and said so: `what-if` and the playground refuse it.
  const given = (input.events ?? []).filter((e) => {
    if (e.at >= input.filed) return true;
    notices.push(notice('PLG3013', `\`${e.event}\` at ${iso(e.at)} is before the filing at ${iso(input.filed)}: it is left out`, e.at));
    return false;
  });
  const clockEvents = new Set([...model.clocks.values()].flatMap((c) => Object.values(c.on).flat().map((n) => n.text)));
  if (!given.some((e) => e.event === 'confirmed') && clockEvents.has('confirmed')) {
    given.push({ event: 'confirmed', at: input.filed });
    assumptions.push('`confirmed` was not given: the ticket is taken as confirmed when filed');
  }
  let events: EventInput[] = [{ event: 'filed' as const, at: input.filed }, ...given].map((e, i) => ({ ...e, i })).sort((a, b) => a.at - b.at || a.i - b.i);
  const missing = TICKET_EVENTS.filter((e) => clockEvents.has(e) && !events.some((x) => x.event === e));
  if (missing.length) assumptions.push(`not given, so taken as not happened: ${missing.join(', ')}`);
  if (model.plans.size > 0 && input.plan === undefined) {
    assumptions.push(`no plan given: the contract's top-level targets are used, not those of plan ${[...model.plans.keys()].map((p) => `\`${p}\``).join(', ')}`);
  }
  {
    // A filing outside the term (reference, "Times given on the command line"): judged all the same, with a warning.
    const outside = filedOutsideTerm(runtime, input.filed, noticeZone);
    if (outside) notices.push(outside);
  }
  // The "as of" instant (reference, "As of"): by default the end of the term, or the last event.
  let asOf: number | undefined;
  if (input.asOf !== null) {
    const firstCal = runtime.calendars.values().next().value as CompiledCalendar | undefined;
    const lastAt = events[events.length - 1]!.at;
    asOf = input.asOf ?? Math.max(lastAt, model.term && firstCal ? termWindow(model.term, firstCal)[1] : lastAt);
    const after = events.filter((e) => e.at > asOf!);
    if (after.length > 0) {
      events = events.filter((e) => e.at <= asOf! || e.event === 'filed');
      assumptions.push(`as of the judging instant, not yet happened: ${after.map((e) => e.event).join(', ')}`);
    }
  }

  const targetFor = (priority: string, clock: string) => runtime.targets(priority, input.plan)?.get(clock);
  const sims: ClockSim[] = [...model.clocks.values()].map((m) => {
    const target = targetFor(input.priority, m.name);
    const calendar = target ? runtime.calendars.get(target.calendar) : undefined;
    return { model: m, priority: input.priority, ...(target ? { target } : {}), ...(calendar ? { calendar } : {}), amount: Infinity, opening: false, floor: -Infinity, phase: 'idle', segments: [], pauses: [], history: [], runs: [], episodes: [], runBreached: false, breaches: [], ran: [] };
  });

  const dueOf = (s: ClockSim) => episodeDue(s, s.segments);
  const closeSegment = (s: ClockSim, t: number) => {
    const last = s.segments[s.segments.length - 1];
    if (last && last.end === Infinity) last.end = t;
  };
  const current = (s: ClockSim, to: number, segments: readonly Segment[]): Episode => ({
    priority: s.priority,
    ...(s.target ? { target: s.target } : {}),
    ...(s.calendar ? { calendar: s.calendar } : {}),
    amount: s.amount,
    opening: s.opening,
    floor: s.floor,
    to,
    segments,
  });
  const start = (s: ClockSim, t: number) => {
    s.phase = 'running';
    s.starts = t;
    delete s.stopped;
    s.segments = s.calendar ? [{ start: t, end: Infinity, calendar: s.calendar }] : [];
    s.pauses = [];
    s.episodes = [];
    s.runBreached = false;
    s.floor = -Infinity;
    const target = s.calendar && s.target ? targetMs(s.calendar, s.target, t) : { amount: Infinity, opening: false };
    s.amount = target.amount;
    s.opening = target.opening;
  };
  /** Ends the episode in force at `t` (a reclassification changes the target): a deadline already passed is a breach that stands. */
  const endEpisode = (s: ClockSim, t: number) => {
    const segments = snapshot(s.segments, t);
    const due = episodeDue(s, segments);
    if (due !== undefined && due < t) {
      s.breaches.push({ time: due, priority: s.priority, run: s.runs.length });
      s.runBreached = true;
    }
    s.episodes.push(current(s, t, segments));
  };
  let priority = input.priority;
  const runFrom = (s: ClockSim, t: number) => {
    if (s.ranFrom === undefined) s.ranFrom = t;
  };
  const runTo = (s: ClockSim, t: number) => {
    if (s.ranFrom !== undefined) s.ran.push({ from: s.ranFrom, to: t });
    delete s.ranFrom;
  };

  for (const e of events) {
    const has = (s: ClockSim, action: A.ClockAction) => s.model.on[action].some((n) => n.text === e.event);
    if (e.event === 'reclassified' && e.priority && e.priority !== priority) {
      if (!runtime.targets(e.priority, input.plan)) {
        notices.push(notice('PLG3014', `reclassified to ${e.priority} at ${iso(e.at)}, which plan \`${input.plan}\` does not cover: the clocks keep ${priority}'s targets`, e.at));
      } else {
        priority = e.priority;
        for (const s of sims) reclassify(s, e.at, priority);
      }
    }
    for (const s of sims) {
      const before = s.phase;
      if (has(s, 'restarts') && s.phase === 'stopped' && s.starts !== undefined) {
        const due = dueOf(s);
        const state = runState(s, due, undefined);
        s.history.push({ priority: s.priority, starts: s.starts, ...(s.stopped !== undefined ? { stopped: s.stopped } : {}), ...(due !== undefined ? { due } : {}), state });
        s.runs.push({ starts: s.starts, ...(s.stopped !== undefined ? { stopped: s.stopped } : {}), episodes: [...s.episodes, current(s, Infinity, s.segments)], state });
        start(s, e.at);
        runFrom(s, e.at);
      } else if (has(s, 'starts') && s.phase === 'idle') {
        start(s, e.at);
        runFrom(s, e.at);
      } else if (has(s, 'pauses') && s.phase === 'running') {
        runTo(s, e.at);
        closeSegment(s, e.at);
        s.phase = 'paused';
        s.pauses.push({ from: e.at });
      } else if (has(s, 'resumes') && s.phase === 'paused') {
        s.phase = 'running';
        runFrom(s, e.at);
        s.pauses[s.pauses.length - 1]!.to = e.at;
        if (s.calendar) s.segments.push({ start: e.at, end: Infinity, calendar: s.calendar });
      } else if (has(s, 'stops') && (s.phase === 'running' || s.phase === 'paused')) {
        runTo(s, e.at);
        closeSegment(s, e.at);
        s.phase = 'stopped';
        s.stopped = e.at;
        const due = dueOf(s);
        if (due !== undefined && due < e.at && !s.breaches.some((b) => b.time === due)) s.breaches.push({ time: due, priority: s.priority, run: s.runs.length });
      }
      if (s.phase !== before || e.event !== 'reclassified') delete s.undo;
    }
  }

  function clone(s: ClockSim): Omit<ClockSim, 'undo' | 'model'> {
    const { undo: _u, model: _m, ...rest } = s;
    return { ...rest, segments: s.segments.map((g) => ({ ...g })), pauses: s.pauses.map((p) => ({ ...p })), history: [...s.history], runs: [...s.runs], episodes: [...s.episodes], breaches: [...s.breaches], ran: [...s.ran] };
  }

  function reclassify(s: ClockSim, t: number, to: string): void {
    // Reclassifications at one instant compose: P → Q → R at t is P → R, so P → Q → P changes nothing.
    if (s.undo && s.undo.at === t) {
      for (const k of Object.keys(s) as (keyof ClockSim)[]) if (k !== 'model' && k !== 'undo') delete (s as Partial<ClockSim>)[k];
      Object.assign(s, clone({ ...s.undo.state, model: s.model } as ClockSim));
      if (s.priority === to) {
        delete s.undo;
        return;
      }
    } else s.undo = { at: t, state: clone(s) };
    const next = targetFor(to, s.model.name);
    const nextCal = next ? runtime.calendars.get(next.calendar) : undefined;
    // A stopped clock keeps its result and its priority; one not started takes the new target when it starts.
    if (s.phase === 'stopped') return;
    if (s.phase === 'idle') {
      s.priority = to;
      if (next && nextCal) Object.assign(s, { target: next, calendar: nextCal });
      return;
    }
    if (!next || !nextCal) return;
    const policy = model.reclassify;
    const running = s.phase === 'running';
    if (policy === 'restarts') {
      endEpisode(s, t);
      const keep = { episodes: s.episodes, runBreached: s.runBreached };
      s.priority = to;
      Object.assign(s, { target: next, calendar: nextCal });
      start(s, t);
      Object.assign(s, keep, { floor: t });
      if (!running) {
        closeSegment(s, t);
        s.phase = 'paused';
        s.pauses.push({ from: t });
      }
      return;
    }
    const startedAt = s.starts ?? t;
    const { amount: newAmount, opening: newOpening } = targetMs(nextCal, next, startedAt);
    if (policy === 'stricter' && s.calendar) {
      // Compared as if the clock ran on from the reclassification, paused or not (reference, rule 2).
      const ranOn = (cal: CompiledCalendar): Segment[] => [...snapshot(s.segments, t), { start: t, end: Infinity, calendar: cal }];
      const oldDue = episodeDue({ calendar: s.calendar, amount: s.amount, opening: s.opening, floor: t }, ranOn(s.calendar)) ?? Infinity;
      const newDue = episodeDue({ calendar: nextCal, amount: newAmount, opening: newOpening, floor: t }, ranOn(nextCal)) ?? Infinity;
      if (oldDue <= newDue) {
        // A deadline already passed stays a breach of the old priority (the credit of the priority in force then).
        const passed = episodeDue({ ...s, floor: -Infinity }, snapshot(s.segments, t));
        if (passed !== undefined && passed < t && !s.breaches.some((b) => b.time === passed)) {
          s.breaches.push({ time: passed, priority: s.priority, run: s.runs.length });
          s.runBreached = true;
        }
        s.priority = to; // the ticket's level changes, but the earlier (old) deadline stands
        return;
      }
    }
    endEpisode(s, t);
    closeSegment(s, t);
    s.segments = snapshot(s.segments, t);
    if (running) s.segments.push({ start: t, end: Infinity, calendar: nextCal });
    Object.assign(s, { priority: to, target: next, calendar: nextCal, amount: newAmount, opening: newOpening, floor: t });
  }

  const lastEvent = events[events.length - 1]!.at;
  // As of the judging instant, an unstopped clock past its deadline is breached (reference, "As of").
  for (const s of sims) {
    if (asOf === undefined || (s.phase !== 'running' && s.phase !== 'paused')) continue;
    const due = dueOf(s);
    if (due !== undefined && isPastDue(due, asOf) && !s.breaches.some((b) => b.time === due)) s.breaches.push({ time: due, priority: s.priority, run: s.runs.length });
  }
  // Lateness (reference, "Graded credits by lateness"): the real time the clock ran from a missed
  // deadline to the stop of that run, pauses left out; a clock not stopped, to the judging instant.
  const lateEnd = asOf ?? input.lateUntil ?? lastEvent;
  const lateness = (s: ClockSim, due: number, run: number): number => {
    const end = run < s.runs.length ? (s.runs[run]!.stopped ?? lateEnd) : (s.stopped ?? lateEnd);
    let sum = 0;
    const add = (from: number, to: number) => {
      const a = Math.max(from, due);
      const b = Math.min(to, end);
      if (b > a) sum += b - a;
    };
    for (const r of s.ran) add(r.from, r.to);
    if (s.ranFrom !== undefined) add(s.ranFrom, end);
    return sum;
  };
  const clocks: ClockTimeline[] = sims.map((s) => {
    const due = dueOf(s);
    const state = runState(s, due, asOf);
    const end = s.stopped ?? (s.phase === 'running' ? due : lastEvent) ?? lastEvent;
    const open = s.starts === undefined ? 0 : s.phase === 'running' && due !== undefined && s.stopped === undefined && due === reach(s.segments, s.amount) ? s.amount : accumulated(s.segments, end);
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
      ...(due !== undefined ? { late: lateness(s, due, s.runs.length) } : {}),
      history: s.history,
      ...(() => {
        if (state !== 'breached') return {};
        const first = s.breaches.filter((b) => b.run === s.runs.length).sort((x, y) => x.time - y.time)[0];
        return { breachedUnder: first?.priority ?? s.priority };
      })(),
    };
  });

  // Escalation steps: per run and per episode of each clock, for the priority then in force.
  const escalations: EscalationFiring[] = [];
  const stepsOf: { step: number; esc: A.EscalationDecl; def: A.EscalationStep }[] = [];
  let stepIndex = 0;
  for (const esc of model.escalations) for (const def of esc.steps) stepsOf.push({ step: stepIndex++, esc, def });
  const notifyAt = (def: A.EscalationStep, fired: number | undefined) =>
    def.notify.map((who) => {
      const contact = model.contacts.get(who.value);
      const cal = contact ? runtime.calendars.get(contact.calendar.text) : undefined;
      if (fired === undefined || !cal || cal.isOpen(fired)) return { name: who.value, reachable: true };
      const next = cal.addOpen(fired, 1) - 1;
      return { name: who.value, reachable: false, ...(Number.isFinite(next) ? { from: next } : {}) };
    });
  for (const s of sims) {
    if (s.starts === undefined) continue;
    const runs: Run[] = [...s.runs, { starts: s.starts, ...(s.stopped !== undefined ? { stopped: s.stopped } : {}), episodes: [...s.episodes, current(s, Infinity, s.segments)], state: runState(s, dueOf(s), asOf) }];
    runs.forEach((run, r) => {
      const fired = new Set<number>();
      run.episodes.forEach((ep, k) => {
        const last = r === runs.length - 1 && k === run.episodes.length - 1;
        for (const { step, esc, def } of stepsOf) {
          if (def.clock.text !== s.model.name) continue;
          if (esc.priorities.length > 0 && !esc.priorities.some((p) => p.text === ep.priority)) continue;
          const cal = ep.calendar;
          if (!cal || ep.amount === Infinity) continue;
          let time: number | undefined;
          if (def.at.kind === 'Percent' && def.at.value === 100) time = episodeDue({ ...ep, floor: -Infinity }, ep.segments);
          else if (def.at.kind === 'Percent') time = reach(ep.segments, (ep.amount * def.at.value) / 100);
          else if (def.at.unit === 'minute') time = reach(ep.segments, def.at.amount * MINUTE_MS);
          else {
            const d = targetMs(cal, { clock: s.model.name, duration: def.at, calendar: '', source: undefined as never }, run.starts);
            time = episodeDue({ calendar: cal, amount: d.amount, opening: d.opening, floor: -Infinity }, ep.segments);
          }
          let onReclassification = false;
          if (time !== undefined && time < ep.floor) {
            time = ep.floor;
            onReclassification = true;
          }
          const ok =
            time !== undefined &&
            time < ep.to &&
            (run.stopped === undefined || time < run.stopped || (time === run.stopped && run.state === 'breached')) &&
            (asOf === undefined || time <= asOf) &&
            !fired.has(step);
          if (ok) fired.add(step);
          if (!ok && (!last || fired.has(step))) continue;
          escalations.push({
            step,
            clock: def.clock.text,
            at: def.at.kind === 'Percent' ? `${def.at.text}%` : def.at.text,
            ...(ok ? { time: time! } : {}),
            ...(ok && onReclassification ? { onReclassification: true } : {}),
            ...(runs.length > 1 ? { run: r + 1 } : {}),
            notify: notifyAt(def, ok ? time : undefined),
          });
        }
      });
    });
  }
  // Listed by time, then in source order (unfired last).
  escalations.sort((a, b) => (a.time ?? Infinity) - (b.time ?? Infinity) || a.step - b.step);

  // Credits: a ticket earns a clock's credit once, for its first breach that earns one (reference, "Service credits").
  const credits: CreditEarned[] = [];
  const breachCredits = model.credits.flatMap((c) => c.body.filter((x): x is A.BreachCredit => x.kind === 'BreachCredit'));
  for (const s of sims) {
    const b = [...s.breaches].sort((x, y) => x.time - y.time).find((x) => breachPercent(model, s.model.name, x.priority) > 0);
    if (!b) continue;
    const late = lateness(s, b.time, b.run);
    for (const c of breachCredits) {
      if (c.clock.text !== s.model.name || c.priority.text !== b.priority) continue;
      const fee = runtime.monthlyFee;
      // One function prices a breach for what-if, replay and simulate (src/time/credits.ts).
      const earned = breachCredit(model, c, late);
      credits.push({
        clock: s.model.name,
        priority: b.priority,
        percent: earned.percent,
        ...(fee ? { amount: earned.money ?? (fee.amount * earned.percent) / 100, currency: fee.currency } : {}),
        time: b.time,
        ...(earned.units !== undefined ? { late, units: earned.units } : {}),
      });
    }
  }
  // `update every` judged as of the judging instant (not judged: the tally's horizon), and its credit once per ticket (reference, "Periodic updates").
  const { updates, lapses } = ticketUpdates(runtime, input.priority, input.plan, input.filed, events.filter((e) => e.event !== 'filed'), asOf ?? input.lateUntil);
  for (const u of updates ? updateCredits(model, updates, lateEnd, lapses) : []) {
    const fee = runtime.monthlyFee;
    credits.push({
      clock: 'update',
      priority: u.priority,
      percent: u.percent,
      ...(fee ? { amount: u.money ?? (fee.amount * u.percent) / 100, currency: fee.currency } : {}),
      time: u.time,
      ...(u.units !== undefined ? { late: u.late, units: u.units } : {}),
    });
  }
  // The cap per calendar month, by the rule replay and simulate use (src/time/credits.ts).
  const zone = creditZone(model);
  const byMonth = new Map<string, number>();
  for (const c of credits) byMonth.set(monthKey(c.time, zone), (byMonth.get(monthKey(c.time, zone)) ?? 0) + c.percent);
  const months = [...byMonth].map(([month, percent]) => ({ month, percent }));
  const after = applyCaps(months, capsOf(model));

  return {
    priority: input.priority,
    ...(input.plan !== undefined ? { plan: input.plan } : {}),
    filed: input.filed,
    assumptions,
    notices,
    clocks,
    escalations,
    credits,
    creditMonths: months.map((m, i) => ({ ...m, afterCap: after[i]! })),
    creditPercentCapped: after.reduce((x, y) => x + y, 0),
    ...(asOf !== undefined ? { asOf } : {}),
    ...(updates ? { updates } : {}),
  };
}

function runState(s: ClockSim, due: number | undefined, asOf: number | undefined): ClockState {
  if (!s.target) return 'no-target';
  switch (s.phase) {
    case 'idle':
      return 'not-started';
    case 'running':
      return s.runBreached || (asOf !== undefined && due !== undefined && isPastDue(due, asOf)) ? 'breached' : 'running';
    case 'paused':
      return due !== undefined || s.runBreached ? 'breached' : 'paused';
    case 'stopped':
      return s.runBreached || (due !== undefined && s.stopped !== undefined && due < s.stopped) ? 'breached' : 'met';
  }
}
