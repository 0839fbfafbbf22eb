/**
 * Exact worst cases over filing instants, decided from a calendar's structure rather than by
 * sampling. For `m`/`h` targets the worst filings are the closing instants (a filing inside a
 * closed stretch meets the same deadline later; one in an open stretch is never worse than one at
 * the next close, which needs as many more open minutes as it is later). For `d` targets the
 * deadline can jump past a break in the target day as the position grows, so every whole minute
 * of open time is a candidate too.
 */
import type * as A from '../ast/nodes.js';
import { LIMITS } from '../syntax/limits.js';
import { DAY_MS, MINUTE_MS, type CompiledCalendar } from './calendar.js';

export interface WorstCase {
  /** The filing instant that takes longest (the earliest such). */
  readonly filed: number;
  readonly due: number;
  /** due − filed, in ms. */
  readonly wall: number;
}

type Duration = Pick<A.DurationLit, 'unit' | 'amount'>;

/**
 * Work units a search may spend (language reference, "Limits"): one per filing instant tried, per
 * open span read, and per day between the window's start and the latest deadline found (the
 * calendar days the engine builds). The count depends only on the calendar, the target and the
 * window, never on the machine or on what an earlier search built, so a budget's exhaustion is
 * the same on every run. `left` goes below zero when the search stops.
 */
export interface SearchBudget {
  left: number;
}

/**
 * Work units one check, render or diff may spend on exact worst cases, and one assert line of
 * `pledge test` on each of its priorities (language reference, "Limits"): well under a second on
 * one core of the reference machine. A 1-year term of office hours needs about 2,000 per target;
 * a 50-year term of 96 ranges a day, millions. Past it `pledge check` says PLG2140, `render` and `diff` fall back to the weekly
 * hours and say so, and `pledge test` reports the assert as not decided.
 */
export const WORST_CASE_BUDGET = 1_000_000;

/** A fresh budget of `WORST_CASE_BUDGET` units. */
export function searchBudget(): SearchBudget {
  return { left: WORST_CASE_BUDGET };
}

/**
 * Spends `units` of a budget outside this module's searches (`pledge test`'s event-sequence
 * search, `search.ts`): false once the budget is spent, as `spend` would stop a search.
 */
export function charge(budget: SearchBudget | undefined, units: number): boolean {
  return !budget || (budget.left -= units) >= 0;
}

/** Thrown inside a search when its budget runs out; never leaves this module. */
class OutOfBudget extends Error {}
/** Thrown inside a search that has found what it looks for; never leaves this module. */
class Found extends Error {}

function spend(budget: SearchBudget | undefined, units: number): void {
  if (budget && (budget.left -= units) < 0) throw new OutOfBudget();
}

/**
 * A contract term as instants of a calendar's zone: from its first date's start to the day after
 * its last, but no further than the longest term Pledge checks (language reference, "Limits": a
 * longer term is PLG2171, and its days past the limit are not checked). A mistyped end such as
 * `9999-12-31` otherwise had every search build each year to 2200, holidays included (issue 14:
 * 8 s for one mutated library contract).
 */
export function termWindow(term: A.TermStmt, cal: CompiledCalendar): [number, number] {
  const day = (y: number, m: number, d: number) => {
    const t = new Date(0);
    t.setUTCFullYear(y, m - 1, d); // not Date.UTC, which reads years 0-99 as 1900-1999
    return t.getTime() / DAY_MS;
  };
  const iso = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
  const first = day(term.from.year, term.from.month, term.from.day);
  const end = Math.min(day(term.to.year, term.to.month, term.to.day + 1), day(term.from.year + LIMITS.maxTermYears, term.from.month, term.from.day));
  return [cal.startOfDay(iso(first)), cal.startOfDay(iso(Math.max(first, end)))];
}

/**
 * The open spans of [from, to) in order, read four weeks at a time so that a budget stops the
 * reading early; the same spans as `cal.spans(from, to)`.
 */
function eachSpan(cal: CompiledCalendar, from: number, to: number, budget: SearchBudget | undefined, f: (span: { start: number; end: number }) => void): void {
  const CHUNK = 28 * 86_400_000;
  let pending: { start: number; end: number } | undefined;
  for (let a = from; a < to; a += CHUNK) {
    const b = Math.min(to, a + CHUNK);
    const spans = cal.spans(a, b);
    spend(budget, spans.length + 1);
    for (const span of spans) {
      // At a chunk's start, a span that began in the chunk before was cut: join it back, unless
      // two spans only meet there (the engine keeps adjacent spans apart; `spans` around the cut says which).
      if (pending && pending.end === a && span.start === a && cal.spans(a - 1, a + 1).length === 1) {
        pending = { start: pending.start, end: span.end };
        continue;
      }
      if (pending) f(pending);
      pending = span;
    }
  }
  if (pending) f(pending);
}

/** Candidate filing instants in [from, to): the window's start, every close, and for `d` every open minute. */
function candidates(cal: CompiledCalendar, from: number, to: number, everyOpenMinute: boolean, visit: (t: number) => void, budget?: SearchBudget): void {
  visit(from);
  eachSpan(cal, from, to, budget, (span) => {
    if (everyOpenMinute) {
      const first = Math.ceil(span.start / MINUTE_MS) * MINUTE_MS;
      for (let t = first; t < span.end; t += MINUTE_MS) visit(t);
    } else visit(span.start);
    if (span.end < to) visit(span.end);
  });
}

/** The open spans of [from, to) grouped by the local day they start on, in order. */
function openDays(cal: CompiledCalendar, from: number, to: number, budget?: SearchBudget): { start: number; end: number }[][] {
  const days: { start: number; end: number }[][] = [];
  let date = NaN;
  eachSpan(cal, from, to, budget, (span) => {
    const d = cal.localDay(span.start);
    if (d !== date) {
      days.push([]);
      date = d;
    }
    days[days.length - 1]!.push(span);
  });
  return days;
}

/** Filing instants for a `d` target: each day's opening and the positions just past its target day's breaks. */
function dayCandidates(cal: CompiledCalendar, days: number, from: number, to: number, visit: (t: number) => void, budget?: SearchBudget): void {
  let horizon = to + (days + 31) * 2 * 86_400_000;
  spend(budget, (horizon - from) / 86_400_000);
  let all = openDays(cal, from, horizon, budget);
  const inWindow = all.filter((d) => d[0]!.start < to).length;
  while (all.length < inWindow + days + 1 && horizon - to < 10 * 366 * 86_400_000) {
    horizon += (horizon - to) * 2;
    spend(budget, (horizon - from) / 86_400_000);
    all = openDays(cal, from, horizon, budget);
  }
  for (let i = 0; i < inWindow; i++) {
    const day = all[i]!;
    const dayOpen = day.reduce((sum, s) => sum + (s.end - s.start), 0);
    visit(day[0]!.start);
    const target = all[i + days];
    if (!target) continue;
    let cum = 0;
    for (const run of target.slice(0, -1)) {
      cum += run.end - run.start;
      const position = cum + MINUTE_MS;
      if (position < dayOpen) visit(cal.addOpen(day[0]!.start, position));
    }
  }
}

/**
 * The filing instant in [from, to) whose deadline comes latest after it, in real time.
 * @example worstWall(business, { unit: 'minute', amount: 240 }, termStart, termEnd).wall
 */
export function worstWall(cal: CompiledCalendar, duration: Duration, from: number, to: number): WorstCase | undefined {
  const w = worstWallWithin(cal, duration, from, to, undefined);
  return w === 'undecided' ? undefined : w;
}

/**
 * `worstWall` within a budget of work units (`SearchBudget`): 'undecided' when the search would
 * need more (the budget is then below zero). The same answer as `worstWall` whenever it decides.
 */
export function worstWallWithin(cal: CompiledCalendar, duration: Duration, from: number, to: number, budget: SearchBudget | undefined): WorstCase | undefined | 'undecided' {
  let worst: WorstCase | undefined;
  // The latest deadline so far: the days up to it are days the engine had to build.
  let reach = from;
  const visit = (t: number) => {
    if (t < from || t >= to) return;
    const due = cal.deadline(t, duration);
    spend(budget, 1);
    if (due > reach && Number.isFinite(due)) {
      spend(budget, Math.ceil((due - reach) / 86_400_000));
      reach = due;
    }
    const wall = due - t;
    if (!worst || wall > worst.wall || (wall === worst.wall && t < worst.filed)) worst = { filed: t, due, wall };
  };
  try {
    candidates(cal, from, to, false, visit, budget);
    if (duration.unit === 'day') dayCandidates(cal, duration.amount, from, to, visit, budget);
  } catch (e) {
    if (e instanceof OutOfBudget) return 'undecided';
    throw e;
  }
  return worst;
}

/**
 * The first filing instant in [from, to) whose deadline for `target` comes after its deadline for
 * `bound` on the same calendar (an open-time bound), if any.
 */
export function firstLater(cal: CompiledCalendar, target: Duration, bound: Duration, from: number, to: number): WorstCase | undefined {
  const w = firstLaterWithin(cal, target, bound, from, to, undefined);
  return w === 'undecided' ? undefined : w;
}

/**
 * `firstLater` within a budget (`SearchBudget`; one unit per filing instant tried, as for
 * `worstWallWithin`): 'undecided' when it would need more. Every open minute is a candidate, so
 * a 50-year term around the clock has 26 million of them; the search stops at the first found.
 */
export function firstLaterWithin(cal: CompiledCalendar, target: Duration, bound: Duration, from: number, to: number, budget: SearchBudget | undefined): WorstCase | undefined | 'undecided' {
  if (target.unit === 'minute' && bound.unit === 'minute') {
    if (target.amount <= bound.amount) return undefined;
    const due = cal.deadline(from, target);
    return { filed: from, due, wall: due - from };
  }
  let found: WorstCase | undefined;
  try {
    candidates(
      cal,
      from,
      to,
      true,
      (t) => {
        if (t < from || t >= to) return;
        spend(budget, 1);
        const due = cal.deadline(t, target);
        if (due > cal.deadline(t, bound)) {
          found = { filed: t, due, wall: due - t };
          throw new Found();
        }
      },
      budget,
    );
  } catch (e) {
    if (e instanceof OutOfBudget) return 'undecided';
    if (!(e instanceof Found)) throw e;
  }
  return found;
}
