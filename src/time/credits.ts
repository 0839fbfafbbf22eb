/**
 * The credit rules that `timeline()` (what-if, test) and the replay and simulation tallies share,
 * so each is implemented once (grammar/reference.md, "Service credits" and "As of"): when an
 * unstopped clock counts as breached, which month a credit falls in, how the cap applies, and when
 * a credit can no longer be claimed.
 */
import { DateTime } from 'luxon';
import type * as A from '../ast/nodes.js';
import { calendarZone, creditShare, type Model } from '../check/model.js';

/**
 * Whether a clock that has not stopped is breached as of `asOf`: its deadline passed before then.
 * A clock stopped exactly at its deadline is met, so a deadline exactly at `asOf` is not yet passed.
 * @example isPastDue(Date.parse('2026-03-02T10:15Z'), Date.parse('2026-03-02T11:00Z')) // true
 */
export function isPastDue(due: number, asOf: number): boolean {
  return due < asOf;
}

/** The zone months of credits are counted in: the first calendar's (UTC without one). */
export function creditZone(model: Model): string {
  const first = model.calendars.values().next().value;
  return (first && calendarZone(first)) ?? 'UTC';
}

/** The month key (`2026-03`) an instant falls in, in `zone`. */
export function monthKey(t: number, zone: string): string {
  return DateTime.fromMillis(t, { zone }).toFormat('yyyy-MM');
}

/** The contract's cap statements (a calendar-period cap and a cap over rolling months). */
export function capsOf(model: Model): A.CapStmt[] {
  return model.credits.flatMap((c) => c.body).filter((x): x is A.CapStmt => x.kind === 'Cap');
}

/** A month key `months` months after `month` (negative: before). */
function shiftMonth(month: string, months: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const k = y * 12 + (m - 1) + months;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}

/**
 * Every cap of a contract applied to each month's credits (percent of the monthly fee), in order:
 * the calendar-period caps first, then a cap over rolling months, which cuts each month, in month
 * order, to `cap × N` less what the N − 1 months before it kept (grammar/reference.md, "caps over
 * rolling months"; Accord Project SLA template, clause 3.4). Each cap only lowers amounts, so the
 * result keeps within every cap.
 * @example applyCaps([{ month: '2026-01', percent: 50 }, { month: '2026-02', percent: 50 }, { month: '2026-03', percent: 55 }], [monthly50, rolling10per12]) // [50, 50, 20]
 */
export function applyCaps(before: readonly { readonly month: string; readonly percent: number }[], caps: readonly A.CapStmt[]): number[] {
  let cur = before.map((m) => m.percent);
  for (const c of caps.filter((x) => !x.rolling)) cur = capCredits(before.map((m, i) => ({ month: m.month, percent: cur[i]! })), c.amount.value, c.period);
  for (const c of caps) if (c.rolling) cur = capRolling(before.map((m, i) => ({ month: m.month, percent: cur[i]! })), c.amount.value, c.rolling.value);
  return cur;
}

/** The cap over rolling months alone: the credits of any `months` consecutive months total at most `cap × months`. */
export function capRolling(before: readonly { readonly month: string; readonly percent: number }[], cap: number, months: number): number[] {
  const order = before.map((m, i) => i).sort((a, b) => (before[a]!.month < before[b]!.month ? -1 : before[a]!.month > before[b]!.month ? 1 : 0));
  const kept = new Map<string, number>();
  const after = new Array<number>(before.length).fill(0);
  for (const i of order) {
    const { month, percent } = before[i]!;
    let used = 0;
    for (let k = 1; k < months; k++) used += kept.get(shiftMonth(month, -k)) ?? 0;
    used += kept.get(month) ?? 0;
    const take = Math.max(0, Math.min(percent, cap * months - used));
    after[i] = take;
    kept.set(month, (kept.get(month) ?? 0) + take);
  }
  return after;
}

/** The contract's calendar-period cap statement, if any. */
export function capOf(model: Model): A.CapStmt | undefined {
  return model.credits.flatMap((c) => c.body).find((x): x is A.CapStmt => x.kind === 'Cap' && !x.rolling);
}

/** Real ms of a graded credit's unit: `d` is 24 hours (lateness is real time, not open time). */
export function unitMs(unit: A.DurationLit): number {
  return unit.unit === 'minute' ? unit.amount * 60_000 : unit.amount * 86_400_000;
}

/**
 * Started units of lateness: `L` ms late is `ceil(L / unit)` units, and at least 1, since a breach
 * earns at least the first step (grammar/reference.md, "Graded credits by lateness").
 * @example startedUnits(3 * 3_600_000 + 1, 3_600_000) // 4
 */
export function startedUnits(lateMs: number, unit: number): number {
  return Math.max(1, Math.ceil(Math.max(0, lateMs) / unit));
}

/**
 * What one breach earns under one per-breach statement, given how late it is (real ms the clock ran
 * past its deadline): `percent` of the monthly fee, and `money` in the fee's currency for a fixed
 * amount. A plain statement ignores the lateness; a graded one pays `min(units × step, limit)`.
 * What-if, replay and simulate all price a breach here.
 * @example breachCredit(model, `5% of fee per started 1h late, up to 25%`, 3h20m) // { percent: 20, units: 4 }
 */
export function breachCredit(model: Model, stmt: A.BreachCredit, lateMs: number): { percent: number; money?: number; units?: number } {
  const a = stmt.amount;
  if (!stmt.perLate) return { percent: creditShare(model, a), ...(a.kind === 'Money' ? { money: a.amount.value } : {}) };
  const unit = unitMs(stmt.perLate);
  const units = unit > 0 ? startedUnits(lateMs, unit) : 1;
  const limit = stmt.upTo && stmt.upTo.kind === a.kind ? (stmt.upTo.kind === 'Money' ? stmt.upTo.amount.value : stmt.upTo.value) : Infinity;
  if (a.kind === 'Money') {
    const money = Math.min(units * a.amount.value, limit);
    return { percent: creditShare(model, { ...a, amount: { ...a.amount, value: money } }), money, units };
  }
  return { percent: Math.min(units * a.value, limit), units };
}

/** The per-breach statements of a priority's clock. */
export function breachStatements(model: Model, clock: string, priority: string): A.BreachCredit[] {
  const out: A.BreachCredit[] = [];
  for (const c of model.credits) for (const x of c.body) if (x.kind === 'BreachCredit' && x.clock.text === clock && x.priority.text === priority) out.push(x);
  return out;
}

/** The per-breach credit percent of a priority's clock (the sum of the statements that apply), for a breach `lateMs` late. */
export function breachPercent(model: Model, clock: string, priority: string, lateMs = 0): number {
  let sum = 0;
  for (const x of breachStatements(model, clock, priority)) sum += breachCredit(model, x, lateMs).percent;
  return sum;
}

/** `breachPercent` as a function of the lateness, with the statements looked up once (the replay and simulation tallies). */
export function breachPercentOf(model: Model, clock: string, priority: string): (lateMs: number) => number {
  const stmts = breachStatements(model, clock, priority);
  if (!stmts.some((x) => x.perLate)) {
    const flat = stmts.reduce((s, x) => s + breachCredit(model, x, 0).percent, 0);
    return () => flat;
  }
  return (lateMs) => stmts.reduce((s, x) => s + breachCredit(model, x, lateMs).percent, 0);
}

const PERIOD_MONTHS: Partial<Record<A.Period, number>> = { monthly: 1, quarterly: 3, yearly: 12 };

/**
 * The cap applied to credits per month, in percent of the monthly fee: `before` lists each month's
 * credits (`2026-03`, any order); the result gives each month's amount after the cap, in the same
 * order. A monthly cap limits each month; a `quarterly` or `yearly` cap limits the total of each
 * calendar quarter or year to the cap's share of that period's fee (3 or 12 monthly fees), used up
 * in month order. `daily` and `weekly` caps are applied per month (a month is the finest period
 * credits are counted in).
 * @example capCredits([{ month: '2026-03', percent: 15 }, { month: '2026-04', percent: 10 }], 20) // [15, 10]
 */
export function capCredits(before: readonly { readonly month: string; readonly percent: number }[], cap: number | undefined, period: A.Period = 'monthly'): number[] {
  if (cap === undefined) return before.map((m) => m.percent);
  const span = PERIOD_MONTHS[period] ?? 1;
  const order = before.map((m, i) => i).sort((a, b) => (before[a]!.month < before[b]!.month ? -1 : before[a]!.month > before[b]!.month ? 1 : 0));
  const left = new Map<string, number>();
  const after = new Array<number>(before.length).fill(0);
  for (const i of order) {
    const { month, percent } = before[i]!;
    const [y, m] = month.split('-').map(Number) as [number, number];
    const key = span === 1 ? month : `${y}:${Math.floor((m - 1) / span)}`;
    const room = left.get(key) ?? cap * span;
    const take = Math.min(percent, room, span === 1 ? cap : Infinity);
    after[i] = take;
    left.set(key, room - take);
  }
  return after;
}

/**
 * The last instant a credit falling in `month` can be claimed (exclusive), or undefined with no
 * `claim` statement. `claim within 30d`: 30 real days after the month's end; `claim within 2
 * cycles`: the end of the second billing cycle (the fee's period; a month by default) after the one
 * with the miss.
 * @example claimDeadline('2026-03', claim30d, 'Asia/Shanghai', 'monthly') // 2026-04-30T00:00+08:00
 */
export function claimDeadline(month: string, claim: A.ClaimStmt | undefined, zone: string, feePeriod: A.Period | undefined): number | undefined {
  if (!claim) return undefined;
  const start = DateTime.fromFormat(month, 'yyyy-MM', { zone });
  const w = claim.within;
  if (w.kind === 'Cycles') {
    const cycle = PERIOD_MONTHS[feePeriod ?? 'monthly'] ?? 1;
    // The cycle the month belongs to, counted in whole months from the start of the year.
    const cycleStart = start.set({ month: Math.floor((start.month - 1) / cycle) * cycle + 1 });
    return cycleStart.plus({ months: cycle * (1 + w.count.value) }).toMillis();
  }
  const end = start.plus({ months: 1 });
  // `d` is calendar days in the zone (a day with a DST change is still one day).
  return w.unit === 'minute' ? end.toMillis() + w.amount * 60_000 : end.plus({ days: w.amount }).toMillis();
}

/** The contract's claim statement, if any. */
export function claimOf(model: Model): A.ClaimStmt | undefined {
  return model.credits.flatMap((c) => c.body).find((x): x is A.ClaimStmt => x.kind === 'Claim');
}
