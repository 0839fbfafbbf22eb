/**
 * What the rendered terms state, computed once per contract and independent of the language:
 * each calendar's days that differ from its weekly hours over the term, each target's worst-case
 * real time with the filing instant and the closure it sits before, the credits' worked example
 * and claim deadline, and the asserts' results. The writer (`write.ts`) puts it into words.
 */
import type * as A from '../ast/nodes.js';
import type { Model, PriorityModel } from '../check/model.js';
import { calendarZone, creditShare } from '../check/model.js';
import { DAY_MS, type CompiledCalendar, type DaySource } from '../time/calendar.js';
import type { RuntimeContract, EffectiveTarget } from '../time/contract.js';
import { DEFAULT_HOLIDAY_TYPES, regionHolidays, type IgnoredHoliday } from '../time/holidays.js';
import { isAroundTheClock, weeklyPattern, worstCaseWallMinutes } from '../time/weekly.js';
import { searchBudget, termWindow, worstWallWithin, type SearchBudget } from '../time/worst-case.js';
import { runAsserts, type AssertCheck } from '../time/asserts.js';

/** An ISO date, `2026-10-01`. */
export type IsoDate = string;

/** Consecutive days of the term decided by the same line or holiday. */
export interface DayRun {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly source: Exclude<DaySource, { kind: 'weekly' }>;
}

export interface CalendarTerms {
  readonly decl: A.CalendarDecl;
  readonly name: string;
  readonly zone: string;
  /** Open every minute of every week, with no holidays or closed days: real time is open time. */
  readonly aroundTheClock: boolean;
  /** Days of the term that differ from the weekly hours, in date order. */
  readonly runs: readonly DayRun[];
  /**
   * Region holidays in the term that the rule leaves open because they apply to a group or part
   * of a day, and the dates a `holidays file` event covers only partly (`type` `file`).
   */
  readonly notClosing: readonly IgnoredHoliday[];
  /** Each `holidays file` statement, with what its file gives (language reference, "Holidays from an iCalendar file"). */
  readonly files: readonly FileTerms[];
}

/** What one `holidays file` gives: dates closed and make-up working days, within the term when there is one. */
export interface FileTerms {
  readonly stmt: A.HolidaysFileStmt;
  readonly closes: number;
  readonly opens: number;
  /** The first and last of those dates, when there are any. */
  readonly first?: IsoDate;
  readonly last?: IsoDate;
}

/** The closure a worst filing instant sits right before: a `closed` line or a region holiday. */
export type Closure =
  | { readonly kind: 'closed'; readonly stmt: A.ClosedStmt }
  | { readonly kind: 'holiday'; readonly region: string; readonly name: string; readonly date: IsoDate; readonly file?: boolean };

export type WorstTerms =
  /** Exact over the term, holidays included (`src/time/worst-case.ts`). */
  | {
      readonly kind: 'exact';
      readonly wall: number;
      readonly filed: number;
      readonly zone: string;
      /** Every filing instant takes the same real time (a minute target around the clock). */
      readonly uniform: boolean;
      /** The filing is at a closing instant, not inside open hours. */
      readonly atClose: boolean;
      readonly closure?: Closure;
    }
  /**
   * Without a term: from the weekly hours only, holidays aside. `undecided`: the contract has a
   * term, but the exact search over it needed more than the render's budget (`WORST_CASE_BUDGET`).
   */
  | { readonly kind: 'weekly'; readonly wall: number; readonly undecided?: true }
  /** The calendar has no open time: the deadline never comes. */
  | { readonly kind: 'never' };

export interface TargetTerms {
  readonly priority: string;
  readonly clock: string;
  readonly duration: A.DurationLit;
  readonly calendar: string;
  readonly worst?: WorstTerms;
}

export interface PlanTerms {
  /** Undefined for a contract without plans: its own priorities and targets. */
  readonly decl?: A.PlanDecl;
  readonly levels: readonly { readonly priority: PriorityModel; readonly targets: readonly TargetTerms[] }[];
}

export type ExampleLine =
  | { readonly kind: 'breach'; readonly priority: string; readonly clock: string; readonly percent: number }
  | { readonly kind: 'availability'; readonly availability: number; readonly percent: number };

export interface CreditTerms {
  readonly breach: readonly A.BreachCredit[];
  readonly tiers: readonly A.AvailabilityCredit[];
  readonly cap?: A.CapStmt;
  /** `cap X% of fee per N months` (grammar/reference.md, "caps over rolling months"). */
  readonly rollingCap?: A.CapStmt;
  readonly claim?: A.ClaimStmt;
  readonly monthlyFee?: { readonly amount: number; readonly currency: string };
  /** One ticket missing each per-breach target, in a month whose availability falls in the largest tier. */
  readonly example?: { readonly lines: readonly ExampleLine[]; readonly total: number; readonly capped: number };
  /** The last day to claim a miss in the term's first month. */
  readonly claimExample?: { readonly month: { readonly year: number; readonly month: number }; readonly by: IsoDate };
}

export interface Terms {
  readonly model: Model;
  readonly calendars: readonly CalendarTerms[];
  /** True when the calendars use more than one zone: instants then name their zone. */
  readonly manyZones: boolean;
  readonly plans: readonly PlanTerms[];
  readonly credits?: CreditTerms;
  /** The fee as a month's fee, what credits are shares of. */
  readonly monthlyFee?: { readonly amount: number; readonly currency: string };
  readonly asserts: readonly AssertCheck[];
}

const isoDate = (d: Pick<A.DateLit, 'year' | 'month' | 'day'>, plusDays = 0): IsoDate =>
  new Date(Date.UTC(d.year, d.month - 1, d.day + plusDays)).toISOString().slice(0, 10);
const isoOfDay = (day: number): IsoDate => new Date(day * DAY_MS).toISOString().slice(0, 10);

function sameSource(a: DayRun['source'], b: DaySource): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'closed' && b.kind === 'closed') return a.stmt === b.stmt;
  // A file's two events of one name (two lines) are two rows: each names its line.
  if (a.kind === 'holiday' && b.kind === 'holiday') return a.holiday.name === b.holiday.name && a.holiday.region === b.holiday.region && a.holiday.line === b.holiday.line;
  return false; // each `open` line is one date
}

function calendarTerms(decl: A.CalendarDecl, cal: CompiledCalendar, term: A.TermStmt | undefined, holidayFiles: Model['holidayFiles']): CalendarTerms {
  const closes = decl.body.some((s) => s.kind === 'Holidays' || s.kind === 'HolidaysFile' || s.kind === 'Closed');
  const inTerm = (date: IsoDate) => !term || (date >= isoDate(term.from) && date <= isoDate(term.to));
  const files: FileTerms[] = [];
  const fileParts: IgnoredHoliday[] = [];
  for (const s of decl.body) {
    if (s.kind !== 'HolidaysFile') continue;
    const read = holidayFiles.get(s);
    const days = read?.kind === 'read' ? read.days.filter((d) => inTerm(d.date)) : [];
    const dates = days.map((d) => d.date).sort();
    files.push({ stmt: s, closes: days.filter((d) => d.kind === 'off').length, opens: days.filter((d) => d.kind === 'workday').length, ...(dates.length ? { first: dates[0]!, last: dates[dates.length - 1]! } : {}) });
    if (read?.kind !== 'read' || !term) continue;
    const whole = new Set(read.days.map((d) => d.date));
    for (const p of read.partDays) {
      if (inTerm(p.date) && !whole.has(p.date)) fileParts.push({ date: p.date, name: p.name, type: 'file', region: s.file.value, line: p.line, why: 'part-day' });
    }
  }
  const runs: DayRun[] = [];
  const notClosing: IgnoredHoliday[] = [];
  if (term) {
    const from = isoDate(term.from);
    const to = isoDate(term.to);
    let prev: string | undefined;
    for (const day of cal.days(from, to)) {
      const last = runs[runs.length - 1];
      if (day.source.kind === 'weekly') {
        prev = day.date;
        continue;
      }
      if (last && prev === last.to && sameSource(last.source, day.source)) runs[runs.length - 1] = { ...last, to: day.date };
      else runs.push({ from: day.date, to: day.date, source: day.source });
      prev = day.date;
    }
    for (const s of decl.body) {
      if (s.kind !== 'Holidays') continue;
      const types = s.types.length ? s.types.map((t) => t.text) : DEFAULT_HOLIDAY_TYPES;
      for (let y = term.from.year; y <= term.to.year; y++) {
        for (const h of regionHolidays(s.region.value, types, y).ignored) {
          if (h.why !== 'type' && h.date >= from && h.date <= to) notClosing.push(h);
        }
      }
    }
  }
  return {
    decl,
    name: decl.name.text,
    zone: cal.zone,
    aroundTheClock: !closes && isAroundTheClock(weeklyPattern(decl)),
    runs,
    notClosing: [...notClosing, ...fileParts].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    files,
  };
}

/**
 * The closed stretch right after the filing: from the close at or after `filed` (on its day) to
 * the next opening. Its first day closed by a `closed` line or a region holiday names it; a
 * stretch of weekly closed days (a weekend) has no name.
 */
export function closureAfter(cal: CompiledCalendar, filed: number): Closure | undefined {
  const close = cal.isOpen(filed) ? cal.spans(filed, filed + 2 * DAY_MS)[0]?.end : filed;
  if (close === undefined || cal.localDay(close) !== cal.localDay(filed)) return undefined;
  const reopen = cal.nextOpening(close);
  if (!Number.isFinite(reopen)) return undefined;
  const first = cal.localDay(close) + 1;
  const last = cal.localDay(reopen) - 1;
  if (last < first) return undefined;
  for (const day of cal.days(isoOfDay(first), isoOfDay(last))) {
    const s = day.source;
    if (s.kind === 'closed') return { kind: 'closed', stmt: s.stmt };
    if (s.kind === 'holiday') return { kind: 'holiday', region: s.holiday.region, name: s.holiday.name, date: day.date, ...(s.holiday.type === 'file' ? { file: true } : {}) };
  }
  return undefined;
}

function worstOf(runtime: RuntimeContract, target: EffectiveTarget, memo: Map<string, WorstTerms | undefined>, budget: SearchBudget): WorstTerms | undefined {
  const key = `${target.calendar}|${target.duration.unit}|${target.duration.amount}`;
  if (memo.has(key)) return memo.get(key);
  const cal = runtime.calendars.get(target.calendar);
  const decl = runtime.model.calendars.get(target.calendar);
  const term = runtime.model.term;
  let worst: WorstTerms | undefined;
  if (cal && decl && term) {
    const [from, to] = termWindow(term, cal);
    const w = budget.left < 0 ? 'undecided' : worstWallWithin(cal, target.duration, from, to, budget);
    if (w === 'undecided') {
      const minutes = worstCaseWallMinutes(weeklyPattern(decl), target.duration);
      worst = minutes === undefined ? { kind: 'never' } : { kind: 'weekly', wall: minutes * 60_000, undecided: true };
    } else if (!w || !Number.isFinite(w.due)) worst = { kind: 'never' };
    else {
      const uniform = target.duration.unit === 'minute' && w.wall === target.duration.amount * 60_000;
      const closure = uniform ? undefined : closureAfter(cal, w.filed);
      worst = { kind: 'exact', wall: w.wall, filed: w.filed, zone: cal.zone, uniform, atClose: !cal.isOpen(w.filed), ...(closure ? { closure } : {}) };
    }
  } else if (decl) {
    const minutes = worstCaseWallMinutes(weeklyPattern(decl), target.duration);
    worst = minutes === undefined ? { kind: 'never' } : { kind: 'weekly', wall: minutes * 60_000 };
  }
  memo.set(key, worst);
  return worst;
}

function planTerms(runtime: RuntimeContract): PlanTerms[] {
  const { model } = runtime;
  const memo = new Map<string, WorstTerms | undefined>();
  // One budget for the whole render (language reference, "Limits"), as for one check.
  const budget = searchBudget();
  const clockOrder = [...model.clocks.keys()];
  const levelsOf = (plan: string | undefined) =>
    model.priorities.flatMap((priority) => {
      const targets = runtime.targets(priority.name, plan);
      if (!targets) return [];
      // Clocks in declaration order, then any targeted clock that is not declared (checker errors aside).
      const clocks = [...targets.keys()].sort((a, b) => (clockOrder.indexOf(a) >>> 0) - (clockOrder.indexOf(b) >>> 0));
      return [
        {
          priority,
          targets: clocks.map((clock) => {
            const t = targets.get(clock)!;
            const worst = worstOf(runtime, t, memo, budget);
            return { priority: priority.name, clock, duration: t.duration, calendar: t.calendar, ...(worst ? { worst } : {}) };
          }),
        },
      ];
    });
  if (model.plans.size === 0) return [{ levels: levelsOf(undefined) }];
  return [...model.plans.values()].map((p) => ({ decl: p.decl, levels: levelsOf(p.name) }));
}

/** Round away floating-point noise (98.55000000000001 → 98.55). */
const tidy = (x: number): number => Number(x.toFixed(6));

/** The tier that applies at an availability: of the tiers it falls in, the one with the lowest threshold. */
export function tierAt(tiers: readonly A.AvailabilityCredit[], availability: number): A.AvailabilityCredit | undefined {
  const applying = tiers.filter((t) => availability < t.below.value && (t.from === undefined || availability >= t.from.value));
  return applying.sort((a, b) => a.below.value - b.below.value)[0];
}

/** An availability inside the tier with the largest credit, halfway to the next threshold above or below it. */
function exampleAvailability(tiers: readonly A.AvailabilityCredit[]): number | undefined {
  const largest = [...tiers].sort((a, b) => b.amount.value - a.amount.value || a.below.value - b.below.value)[0];
  if (!largest) return undefined;
  if (largest.from) return tidy((largest.from.value + largest.below.value) / 2);
  const lower = tiers.map((t) => t.below.value).filter((v) => v < largest.below.value);
  const above = tiers.map((t) => t.below.value).filter((v) => v > largest.below.value);
  const floor = lower.length ? Math.max(...lower) : undefined;
  if (floor !== undefined) return tidy((floor + largest.below.value) / 2);
  const step = above.length ? (Math.min(...above) - largest.below.value) / 2 : Math.min(0.5, largest.below.value / 2);
  return tidy(largest.below.value - step);
}

const LAST_DAY = (year: number, month: number): IsoDate => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

function claimBy(claim: A.ClaimStmt, term: A.TermStmt, fee: A.FeeStmt | undefined): IsoDate | undefined {
  const { year, month } = term.from;
  const monthEnd = LAST_DAY(year, month);
  const w = claim.within;
  if (w.kind === 'Duration') {
    const days = w.unit === 'day' ? w.amount : w.amount % 1440 === 0 ? w.amount / 1440 : undefined;
    if (days === undefined) return undefined;
    const [y, m, d] = monthEnd.split('-').map(Number) as [number, number, number];
    return isoDate({ year: y, month: m, day: d }, days);
  }
  // Billing cycles follow the fee's period, counted from the start of the term.
  const n = w.count.value;
  const period = fee?.period ?? 'monthly';
  const months = { monthly: 1, quarterly: 3, yearly: 12 }[period as 'monthly' | 'quarterly' | 'yearly'];
  if (months !== undefined) return isoDate({ year, month: month + (n + 1) * months, day: term.from.day }, -1);
  const days = period === 'weekly' ? 7 : 1;
  return isoDate(term.from, (n + 1) * days - 1);
}

function creditTerms(runtime: RuntimeContract): CreditTerms | undefined {
  const { model } = runtime;
  if (model.credits.length === 0) return undefined;
  const body = model.credits.flatMap((c) => c.body);
  const breach = body.filter((s): s is A.BreachCredit => s.kind === 'BreachCredit');
  const tiers = body.filter((s): s is A.AvailabilityCredit => s.kind === 'AvailabilityCredit');
  const cap = body.find((s): s is A.CapStmt => s.kind === 'Cap' && !s.rolling);
  const rollingCap = body.find((s): s is A.CapStmt => s.kind === 'Cap' && s.rolling !== undefined);
  const claim = body.find((s): s is A.ClaimStmt => s.kind === 'Claim');

  const lines: ExampleLine[] = breach.map((b) => ({ kind: 'breach', priority: b.priority.text, clock: b.clock.text, percent: creditShare(model, b.amount) }));
  const availability = exampleAvailability(tiers);
  const tier = availability === undefined ? undefined : tierAt(tiers, availability);
  if (availability !== undefined && tier) lines.push({ kind: 'availability', availability, percent: tier.amount.value });
  const total = tidy(lines.reduce((sum, l) => sum + l.percent, 0));
  // A cap over another period than the month limits that period's total, not this one month's.
  const monthlyCap = cap && (cap.period === undefined || cap.period === 'monthly') ? cap.amount.value : undefined;
  const by = claim && model.term ? claimBy(claim, model.term, model.fee) : undefined;
  return {
    breach,
    tiers,
    ...(cap ? { cap } : {}),
    ...(rollingCap ? { rollingCap } : {}),
    ...(claim ? { claim } : {}),
    ...(runtime.monthlyFee ? { monthlyFee: runtime.monthlyFee } : {}),
    ...(lines.length ? { example: { lines, total, capped: monthlyCap === undefined ? total : Math.min(total, monthlyCap) } } : {}),
    ...(by && model.term ? { claimExample: { month: { year: model.term.from.year, month: model.term.from.month }, by } } : {}),
  };
}

/**
 * Everything the rendered terms state about a compiled contract.
 * @example buildTerms(compileContract(analyze(text).model)).plans[0].levels[0].targets[0].worst
 */
export function buildTerms(runtime: RuntimeContract): Terms {
  const { model } = runtime;
  const calendars = [...model.calendars.values()].flatMap((decl) => {
    const cal = runtime.calendars.get(decl.name.text);
    return cal ? [calendarTerms(decl, cal, model.term, model.holidayFiles)] : [];
  });
  const zones = new Set([...model.calendars.values()].map((c) => calendarZone(c)));
  const credits = creditTerms(runtime);
  return {
    model,
    calendars,
    manyZones: zones.size > 1,
    plans: planTerms(runtime),
    ...(credits ? { credits } : {}),
    ...(runtime.monthlyFee ? { monthlyFee: runtime.monthlyFee } : {}),
    asserts: runAsserts(runtime),
  };
}
