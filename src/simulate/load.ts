/**
 * A scenario compiled for simulation: the period as instants, the arrival rate and its windows as
 * compiled calendars (so peaks honour the zone and daylight saving exactly as business hours do),
 * the mixes, the staff and the random times. The meaning of every statement is in
 * grammar/reference.md, "Load scenarios".
 */
import { DateTime } from 'luxon';
import type * as A from '../ast/nodes.js';
import { calendarZone } from '../check/model.js';
import { compileCalendar, DAY_MS, type CompiledCalendar } from '../time/calendar.js';
import type { RuntimeContract } from '../time/contract.js';
import { sampler, type Sampler } from './random.js';
import { isoDateLit } from '../ast/dates.js';

/** Days per `arrivals` period word. */
export const PERIOD_DAYS: Readonly<Record<A.Period, number>> = { daily: 1, weekly: 7, monthly: 30, quarterly: 91, yearly: 365 };

/** Documented limits (grammar/reference.md, "Limits"): beyond them `pledge simulate` refuses with an error. */
export const SIM_LIMITS = { maxExpectedTickets: 20_000_000, maxPeriodDays: 3660, maxAgents: 1_000_000, maxReplications: 1000 } as const;

export interface StaffGroupLoad {
  readonly count: number;
  readonly calendarName: string;
  readonly calendar: CompiledCalendar;
  /** 0 for first line, else the index into `tiers`. */
  readonly tier: number;
}

export interface Load {
  readonly title: string;
  readonly zone: string;
  readonly from: number;
  readonly to: number;
  readonly fromDate: string;
  readonly toDate: string;
  /** Tickets per ms before windows. */
  readonly baseRate: number;
  readonly windows: readonly { readonly calendar: CompiledCalendar; readonly factor: number }[];
  readonly maxFactor: number;
  readonly expectedTickets: number;
  readonly plans?: readonly { readonly name: string; readonly share: number }[];
  /** Priority shares per plan ('' without plans), cumulative, over the levels the plan offers. */
  readonly mix: ReadonlyMap<string, readonly { readonly priority: string; readonly upTo: number }[]>;
  readonly priorities: readonly string[];
  readonly staff: readonly StaffGroupLoad[];
  /** Tier names; index 0 is first line (''). */
  readonly tiers: readonly string[];
  readonly queue: { readonly discipline: 'priority' | 'fifo' | 'deadline'; readonly preemptive: boolean };
  readonly reply: ReadonlyMap<string, Sampler>;
  readonly work: ReadonlyMap<string, Sampler>;
  readonly waits?: { readonly percent: number; readonly time: Sampler };
  readonly reopens?: { readonly percent: number; readonly after: Sampler };
  readonly reclassify: { readonly up: number; readonly down: number };
  readonly outages?: { readonly perMs: number; readonly duration: Sampler };
  readonly outageWindows: readonly { readonly start: number; readonly end: number }[];
  readonly seed: number;
  /** Tickets given one by one instead of drawn (hand-checked tests); arrivals and draws are then not random. */
  readonly script?: readonly ScriptedTicket[];
}

/** A ticket with every draw written out. Times in ms. */
export interface ScriptedTicket {
  readonly at: number;
  readonly priority: string;
  readonly plan?: string | undefined;
  readonly reply?: number;
  readonly work: number;
  /** Waits on the customer halfway through its work, for this long. */
  readonly waitFor?: number | undefined;
  readonly reclassTo?: string | undefined;
  readonly reopenAfter?: number | undefined;
  readonly reopenWork?: number;
}

export interface LoadOptions {
  /** Replaces the scenario's seed. */
  readonly seed?: number;
  /** Multiplies the arrival rate and every staff count (benchmarks). */
  readonly scale?: number;
  /** Replaces one staff group's head count: `group` indexes the groups in source order. */
  readonly staff?: { readonly group: number; readonly count: number };
}

export class LoadError extends Error {}

/** The range of nodes built here rather than parsed. */
export const RANGE = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } as const;
const ALL_DAY: A.TimeRange = { kind: 'TimeRange', from: { kind: 'Time', minutes: 0, range: RANGE }, to: { kind: 'Time', minutes: 1440, range: RANGE }, range: RANGE };

/** A window (weekly or on one date) as a calendar in a zone, so the engine's DST rules apply to it. */
export function windowCalendar(zone: string, body: readonly A.CalendarStmt[]): CompiledCalendar {
  const decl: A.CalendarDecl = {
    kind: 'Calendar',
    name: { kind: 'Name', text: 'window', range: RANGE },
    body: [{ kind: 'Zone', zone: { kind: 'Str', value: zone, range: RANGE }, range: RANGE }, ...body],
    range: RANGE,
  };
  return compileCalendar(decl, { holidays: () => [] });
}

export function dateText(d: A.DateLit): string {
  return isoDateLit(d);
}

/** The zone a scenario's local times are read in: the first calendar the contract declares. */
export function scenarioZone(runtime: RuntimeContract): string {
  const first = runtime.model.calendars.values().next().value;
  return (first && calendarZone(first)) ?? 'UTC';
}

/**
 * Compiles a checked scenario. Throws `LoadError` (a message for the user) past the documented
 * limits; a scenario the checker rejected should not get here.
 */
export function compileLoad(runtime: RuntimeContract, decl: A.ScenarioDecl, options: LoadOptions = {}): Load {
  const find = <K extends A.ScenarioStmt['kind']>(kind: K) => decl.body.find((s): s is Extract<A.ScenarioStmt, { kind: K }> => s.kind === kind);
  const all = <K extends A.ScenarioStmt['kind']>(kind: K) => decl.body.filter((s): s is Extract<A.ScenarioStmt, { kind: K }> => s.kind === kind);
  const zone = scenarioZone(runtime);
  const period = find('Period');
  const arrivals = find('Arrivals');
  const staffStmt = find('Staff');
  if (!period || !arrivals || !staffStmt) throw new LoadError(`scenario "${decl.title.value}" needs \`period\`, \`arrivals\` and \`staff\``);
  const scale = options.scale ?? 1;
  const day = (d: A.DateLit, plus = 0) => DateTime.fromObject({ year: d.year, month: d.month, day: d.day }, { zone }).plus({ days: plus }).toMillis();
  const from = day(period.from);
  const to = day(period.to, 1);
  if (!(to > from)) throw new LoadError(`the period of scenario "${decl.title.value}" ends before it starts`);
  if ((to - from) / DAY_MS > SIM_LIMITS.maxPeriodDays) throw new LoadError(`a simulated period is at most ${SIM_LIMITS.maxPeriodDays} days`);

  const baseRate = (arrivals.count.value * scale) / PERIOD_DAYS[arrivals.per] / DAY_MS;
  const windows = [
    ...all('Peak').map((p) => ({ calendar: windowCalendar(zone, [{ kind: 'Hours', days: p.days, ranges: [p.window], range: RANGE }]), factor: p.factor.value })),
    ...all('Burst').map((b) => ({ calendar: windowCalendar(zone, [{ kind: 'Open', date: b.date, ranges: [b.window ?? ALL_DAY], range: RANGE }]), factor: b.factor.value })),
  ];
  const maxFactor = windows.reduce((m, w) => m * Math.max(1, w.factor), 1);
  // Expected tickets: the rate integrated over the period, window by window (hourly steps are exact
  // for windows on whole quarter hours; a finer step is not worth it for an estimate).
  let expected = 0;
  const step = 15 * 60_000;
  for (let t = from; t < to; t += step) {
    let f = 1;
    for (const w of windows) if (w.calendar.isOpen(t)) f *= w.factor;
    expected += baseRate * Math.min(step, to - t) * f;
  }
  // Summed hour by hour, the expectation carries floating-point error (20,000 a day for 1,000 days
  // came to 20,000,000.000003): compared as the whole number the message states.
  if (Math.round(expected) > SIM_LIMITS.maxExpectedTickets) {
    throw new LoadError(`scenario "${decl.title.value}" expects ${Math.round(expected).toLocaleString('en-US')} tickets; a run simulates at most ${SIM_LIMITS.maxExpectedTickets.toLocaleString('en-US')}`);
  }

  const priorities = runtime.model.priorities.map((p) => p.name);
  const mixStmt = find('Mix');
  const shares = mixStmt ? mixStmt.shares.map((s) => ({ priority: s.priority.text, share: s.share.value })) : priorities.map((p) => ({ priority: p, share: 100 / priorities.length }));
  const planStmt = find('PlanMix');
  const plans = planStmt?.shares.map((s) => ({ name: s.plan.text, share: s.share.value }));
  const mix = new Map<string, { priority: string; upTo: number }[]>();
  for (const plan of plans ?? [{ name: '', share: 100 }]) {
    const offered = shares.filter((s) => s.share > 0 && runtime.targets(s.priority, plan.name || undefined) !== undefined);
    const use = offered.length > 0 ? offered : shares.filter((s) => s.share > 0);
    const total = use.reduce((sum, s) => sum + s.share, 0);
    let acc = 0;
    mix.set(
      plan.name,
      use.map((s) => ({ priority: s.priority, upTo: (acc += s.share / total) })),
    );
  }

  const tiers = [''];
  const staff = staffStmt.groups.map((g, i) => {
    const calendar = runtime.calendars.get(g.calendar.text);
    if (!calendar) throw new LoadError(`staff calendar \`${g.calendar.text}\` is not declared`);
    let tier = 0;
    if (g.tier) {
      tier = tiers.indexOf(g.tier.value);
      if (tier < 0) tier = tiers.push(g.tier.value) - 1;
    }
    const base = options.staff && options.staff.group === i ? options.staff.count : g.count.value;
    return { count: Math.ceil(base * scale), calendarName: g.calendar.text, calendar, tier };
  });
  if (staff.reduce((n, g) => n + g.count, 0) > SIM_LIMITS.maxAgents) throw new LoadError(`a simulation has at most ${SIM_LIMITS.maxAgents.toLocaleString('en-US')} agents`);

  const samplers = (kind: 'Work' | 'Reply') => new Map(all(kind).flatMap((s) => s.items.map((w) => [w.priority.text, sampler(w.dist)] as const)));
  const waits = find('Waits');
  const reopens = find('Reopens');
  const reclass = find('Reclass');
  const outages = find('Outages');
  const queue = find('Queue');
  const seedStmt = find('Seed');
  return {
    title: decl.title.value,
    zone,
    from,
    to,
    fromDate: dateText(period.from),
    toDate: dateText(period.to),
    baseRate,
    windows,
    maxFactor,
    expectedTickets: expected,
    ...(plans ? { plans } : {}),
    mix,
    priorities,
    staff,
    tiers,
    queue: { discipline: queue?.discipline ?? 'priority', preemptive: queue?.preemptive ?? false },
    reply: samplers('Reply'),
    work: samplers('Work'),
    ...(waits ? { waits: { percent: waits.share.value, time: sampler(waits.dist) } } : {}),
    ...(reopens ? { reopens: { percent: reopens.share.value, after: sampler(reopens.dist) } } : {}),
    reclassify: {
      up: reclass?.moves.filter((m) => m.direction === 'up').reduce((s, m) => s + m.share.value, 0) ?? 0,
      down: reclass?.moves.filter((m) => m.direction === 'down').reduce((s, m) => s + m.share.value, 0) ?? 0,
    },
    ...(outages ? { outages: { perMs: outages.count.value / PERIOD_DAYS[outages.per] / DAY_MS, duration: sampler(outages.dist) } } : {}),
    outageWindows: all('Outage').flatMap((o) => windowCalendar(zone, [{ kind: 'Open', date: o.date, ranges: [o.window], range: RANGE }]).spans(from - 2 * DAY_MS, to + 2 * DAY_MS)),
    seed: options.seed ?? seedStmt?.seed.value ?? 1,
  };
}
