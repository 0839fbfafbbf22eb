/**
 * What every help desk is configured with, in one neutral form computed from the contract: SLA
 * policies (one per plan) with a target per priority and kind of clock, and schedules (one per
 * calendar a business-hours target uses) with weekly hours and the closures of the contract's term.
 * Targets write this form in their own format; `pledge drift` reads a desk's files back into it and
 * compares the two, so an export and its drift check cannot disagree about what a contract means.
 */
import { IANAZone } from 'luxon';
import type { Ast, Model, RuntimeContract } from '../index.js';
import type { ExportInput, ExportWarning } from './types.js';

export const WEEKDAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** What a clock measures, as help desks name their metrics. */
export type MetricKind = 'first_reply' | 'resolution' | 'update';

export interface DeskTarget {
  /** The contract's priority name (`P1`) and its urgency rank (0 = most urgent). */
  readonly priority: string;
  readonly rank: number;
  readonly kind: MetricKind;
  /** The contract's clock (`response`), or `update` for an `update every` statement. */
  readonly clock: string;
  /** Open minutes on the calendar (a `d` target converted, with a warning). */
  readonly minutes: number;
  /** The calendar the target counts on; undefined when it is open around the clock (calendar hours). */
  readonly schedule?: string;
  /** The calendar the target counts on, around the clock or not. */
  readonly calendar: string;
  readonly line: number;
}

export interface DeskPolicy {
  /** The plan, or undefined for a contract without plans. */
  readonly plan?: string;
  readonly title: string;
  readonly line: number;
  readonly targets: readonly DeskTarget[];
}

export interface DeskHoliday {
  readonly name: string;
  /** Inclusive local dates, `YYYY-MM-DD`. */
  readonly from: string;
  readonly to: string;
  readonly line: number;
}

export interface DeskSchedule {
  readonly calendar: string;
  readonly title: string;
  /** IANA zone. */
  readonly zone: string;
  readonly line: number;
  /** Per weekday (0 = Monday), sorted, merged [start, end) local minutes within the day (0..1440). */
  readonly weekly: readonly (readonly [number, number])[][];
  /** Closures over the contract's term on days with weekly hours, consecutive days of one name joined. */
  readonly holidays: readonly DeskHoliday[];
}

export interface Desk {
  readonly title: string;
  /** The contract's term (inclusive local dates), when it has one. */
  readonly term?: { readonly from: string; readonly to: string };
  readonly policies: readonly DeskPolicy[];
  readonly schedules: readonly DeskSchedule[];
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
export const isoDate = (d: Ast.DateLit): string => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;

/** The weekdays a day range covers, in order; `fri-mon` wraps. */
function expandDays(range: Ast.DayRange): number[] {
  const from = WEEKDAY_NAMES.indexOf(range.from);
  const to = WEEKDAY_NAMES.indexOf(range.to);
  const out: number[] = [];
  for (let d = from; ; d = (d + 1) % 7) {
    out.push(d);
    if (d === to) break;
  }
  return out;
}

/** Merges [start, end) ranges: sorted, overlapping and touching ones joined. */
export function mergeRanges(ranges: readonly (readonly [number, number])[]): [number, number][] {
  const out: [number, number][] = [];
  for (const [s, e] of [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1])) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else if (e > s) out.push([s, e]);
  }
  return out;
}

/** A calendar's weekly hours per weekday, a night shift split at midnight (help desks cannot span days). */
export function weeklyHours(cal: Ast.CalendarDecl): [number, number][][] {
  const days: [number, number][][] = WEEKDAY_NAMES.map(() => []);
  for (const s of cal.body) {
    if (s.kind !== 'Hours') continue;
    for (const dr of s.days) {
      for (const d of expandDays(dr)) {
        for (const r of s.ranges) {
          const from = r.from.minutes;
          const to = r.to.minutes;
          if (from === to || from >= 1440) continue;
          if (to > from) days[d]!.push([from, to]);
          else {
            days[d]!.push([from, 1440]);
            if (to > 0) days[(d + 1) % 7]!.push([0, to]);
          }
        }
      }
    }
  }
  return days.map(mergeRanges);
}

/** Open every minute of the week, with no closures: its targets count calendar hours. */
export function aroundTheClock(cal: Ast.CalendarDecl): boolean {
  const weekly = weeklyHours(cal);
  return weekly.every((d) => d.length === 1 && d[0]![0] === 0 && d[0]![1] === 1440) && !cal.body.some((s) => s.kind === 'Closed' || s.kind === 'Holidays' || s.kind === 'Open');
}

function calendarZoneOf(cal: Ast.CalendarDecl): string {
  return cal.body.find((s): s is Ast.ZoneStmt => s.kind === 'Zone')?.zone.value ?? 'UTC';
}

function calendarTitle(cal: Ast.CalendarDecl): string {
  return cal.title?.value ?? cal.name.text;
}

/** The `update every` interval of a priority under a plan: the nearest override, else the priority's own. */
function updateOf(model: Model, priority: string, plan: string | undefined): Ast.UpdateStmt | undefined {
  const seen = new Set<string>();
  for (let p = plan; p !== undefined && !seen.has(p); ) {
    seen.add(p);
    const decl = model.plans.get(p)?.decl;
    if (!decl) break;
    for (const s of decl.body) {
      if (s.kind === 'PriorityOverride' && s.name.text === priority) {
        const u = s.body.find((b): b is Ast.UpdateStmt => b.kind === 'Update');
        if (u) return u;
      }
    }
    p = decl.parent?.text;
  }
  return model.priorityByName.get(priority)?.update;
}

/** The kind of metric a clock is: it stops at the first reply, or at resolution. */
export function clockKind(clock: { readonly on: Readonly<Record<Ast.ClockAction, readonly Ast.Name[]>> }): MetricKind | undefined {
  const stops = clock.on.stops.map((e) => e.text);
  if (stops.includes('first_reply')) return 'first_reply';
  if (stops.includes('resolved')) return 'resolution';
  return undefined;
}

/** The shortest open weekday in minutes, for converting `d` targets; 0 when never open. */
function shortestOpenDay(cal: Ast.CalendarDecl): { minutes: number; uniform: boolean } {
  const lengths = weeklyHours(cal).map((d) => d.reduce((s, [a, b]) => s + b - a, 0)).filter((m) => m > 0);
  if (lengths.length === 0) return { minutes: 0, uniform: true };
  return { minutes: Math.min(...lengths), uniform: lengths.every((l) => l === lengths[0]) };
}

/**
 * Builds the neutral desk configuration of a contract, pushing a warning for everything a help
 * desk in general cannot hold (target-specific limits are the targets' own warnings).
 */
export function deskOf(input: ExportInput, warnings: ExportWarning[]): Desk {
  const { model } = input.analysis;
  const runtime: RuntimeContract = input.runtime;
  const title = model.sla?.title.value ?? 'Pledge contract';
  const term = model.term ? { from: isoDate(model.term.from), to: isoDate(model.term.to) } : undefined;

  const plans: (string | undefined)[] = input.plan !== undefined ? [input.plan] : model.plans.size > 0 ? [...model.plans.keys()] : [undefined];
  const usedCalendars = new Set<string>();
  const policies: DeskPolicy[] = [];
  const clockWarned = new Set<string>();
  for (const plan of plans) {
    const planDecl = plan !== undefined ? model.plans.get(plan)?.decl : undefined;
    const targets: DeskTarget[] = [];
    for (const p of model.priorities) {
      const effective = runtime.targets(p.name, plan);
      if (!effective) continue;
      for (const [clockName, t] of effective) {
        const clock = model.clocks.get(clockName);
        const kind = clock ? clockKind(clock) : undefined;
        if (!clock || !kind) {
          if (!clockWarned.has(clockName)) {
            clockWarned.add(clockName);
            warnings.push({ code: 'PLG4007', line: clock?.decl.range.start.line ?? t.source.range.start.line, message: `clock \`${clockName}\` stops neither at \`first_reply\` nor at \`resolved\`, so no help-desk metric measures it`, instead: `its targets are left out` });
          }
          continue;
        }
        targets.push(target(model, p.name, p.rank, kind, clockName, t.duration, t.calendar, t.source.range.start.line, warnings, usedCalendars));
      }
      const u = updateOf(model, p.name, plan);
      if (u) targets.push(target(model, p.name, p.rank, 'update', 'update', u.every, u.calendar.text, u.range.start.line, warnings, usedCalendars));
    }
    policies.push({
      ...(plan !== undefined ? { plan } : {}),
      title: planDecl ? `${title} - ${planDecl.title?.value ?? plan}` : title,
      line: planDecl?.range.start.line ?? model.sla?.range.start.line ?? 1,
      targets,
    });
  }

  const schedules: DeskSchedule[] = [];
  for (const name of [...usedCalendars].sort()) {
    const decl = model.calendars.get(name)!;
    const compiled = runtime.calendars.get(name)!;
    const weekly = weeklyHours(decl);
    const closures: { date: string; name: string; line: number }[] = [];
    if (term) {
      const holidaysLine = decl.body.find((s) => s.kind === 'Holidays')?.range.start.line ?? decl.range.start.line;
      for (const day of compiled.days(term.from, term.to)) {
        const wd = WEEKDAY_NAMES.indexOf(day.weekday);
        const src = day.source;
        if (src.kind === 'open' || src.kind === 'workday') {
          const line = src.kind === 'open' ? src.stmt.range.start.line : holidaysLine;
          const why = src.kind === 'open' ? (src.stmt.reason?.value ?? 'make-up working day') : `official make-up working day for ${src.holiday.name}`;
          warnings.push({ code: 'PLG4000', line, message: `${day.date} is open on \`${name}\` (${why}), and help-desk schedules only close days`, instead: weekly[wd]!.length ? `the schedule keeps the weekday's own hours on ${day.date}` : `${day.date} stays closed in the schedule` });
          continue;
        }
        if ((src.kind === 'holiday' || src.kind === 'closed') && weekly[wd]!.length > 0) {
          const label = src.kind === 'holiday' ? src.holiday.name : (src.stmt.reason?.value ?? 'Closed');
          closures.push({ date: day.date, name: label, line: src.kind === 'closed' ? src.stmt.range.start.line : holidaysLine });
        }
      }
    } else if (decl.body.some((s) => s.kind === 'Holidays' || s.kind === 'Closed')) {
      warnings.push({ code: 'PLG4014', line: decl.range.start.line, message: `the contract has no term, so the closures of \`${name}\` cannot be listed by date`, instead: 'the schedule has weekly hours and no holidays' });
    }
    const holidays: DeskHoliday[] = [];
    for (const c of closures) {
      const last = holidays[holidays.length - 1];
      if (last && last.name === c.name && nextDate(last.to) === c.date) holidays[holidays.length - 1] = { ...last, to: c.date };
      else holidays.push({ name: c.name, from: c.date, to: c.date, line: c.line });
    }
    schedules.push({ calendar: name, title: calendarTitle(decl), zone: calendarZoneOf(decl), line: decl.range.start.line, weekly, holidays });
  }
  return { title, ...(term ? { term } : {}), policies, schedules };
}

function target(
  model: Model,
  priority: string,
  rank: number,
  kind: MetricKind,
  clock: string,
  duration: Ast.DurationLit,
  calendar: string,
  line: number,
  warnings: ExportWarning[],
  used: Set<string>,
): DeskTarget {
  const decl = model.calendars.get(calendar);
  const always = decl ? aroundTheClock(decl) : false;
  if (decl && !always) used.add(calendar);
  let minutes = duration.amount;
  if (duration.unit === 'day') {
    const day = decl ? (always ? { minutes: 1440, uniform: true } : shortestOpenDay(decl)) : { minutes: 0, uniform: true };
    minutes = duration.amount * day.minutes;
    warnings.push({
      code: 'PLG4004',
      line,
      message: `\`${priority} ${clock} ${duration.text}\` counts open days (the \`d\` rule), and help desks count only minutes`,
      instead: `written as ${minutes} minutes: ${duration.amount} × ${day.minutes} minutes, the ${day.uniform ? '' : 'shortest '}open day of \`${calendar}\`${day.uniform ? '' : ', so the desk may flag a breach earlier than the contract'}`,
    });
  }
  return { priority, rank, kind, clock, minutes, ...(decl && !always ? { schedule: calendar } : {}), calendar, line };
}

/** The next calendar date. */
export function nextDate(date: string): string {
  const t = Date.parse(`${date}T00:00:00Z`) + 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Every date from `from` to `to`, inclusive. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length < 40_000; d = nextDate(d)) out.push(d);
  return out;
}

/** The weekday (0 = Monday) of a date. */
export function weekdayOf(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** True when two IANA zones give the same UTC offset at every hour of [from, to]. */
export function sameOffsets(a: string, b: string, from: string, to: string): boolean {
  const za = IANAZone.create(a);
  const zb = IANAZone.create(b);
  if (!za.isValid || !zb.isValid) return false;
  const start = Date.parse(`${from}T00:00:00Z`) - 86_400_000;
  const end = Date.parse(`${to}T00:00:00Z`) + 2 * 86_400_000;
  for (let t = start; t <= end; t += 3_600_000) if (za.offset(t) !== zb.offset(t)) return false;
  return true;
}

/** The contract-level limits every help desk shares: credits and availability are not configuration. */
export function contractWarnings(model: Model, warnings: ExportWarning[], target: string): void {
  for (const c of model.credits) {
    for (const s of c.body) {
      if (s.kind === 'BreachCredit') warnings.push({ code: 'PLG4002', line: s.range.start.line, message: `\`per breach of ${s.priority.text} ${s.clock.text}\` is a service credit, which ${target} has no setting for`, instead: 'left out; `pledge replay` computes the credits from a ticket export' });
      if (s.kind === 'AvailabilityCredit') warnings.push({ code: 'PLG4003', line: s.range.start.line, message: `availability credits have no setting in ${target}`, instead: 'left out; credits stay in the contract' });
    }
  }
  if (model.availability) warnings.push({ code: 'PLG4003', line: model.availability.range.start.line, message: `availability is not measured by ${target}`, instead: 'left out; measure it with your monitoring and the contract' });
}
