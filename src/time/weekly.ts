/**
 * A calendar's weekly pattern of open minutes, ignoring holidays and daylight saving: what the
 * checker's fast rules need to compare targets by their worst-case real time, cheaply enough for
 * every keystroke. The exact engine (`calendar.ts`) has the same semantics but one: here the hours
 * of a night shift after midnight count toward the next day for the `d` rule, where the engine
 * gives them to the day the shift starts on. Help texts in a full check come from the engine.
 */
import type * as A from '../ast/nodes.js';
import { WEEKDAYS } from '../ast/nodes.js';

export const WEEK_MINUTES = 7 * 1440;

/** The weekdays a day range covers, in order; `fri-mon` wraps to fri, sat, sun, mon. */
export function expandDays(range: A.DayRange): number[] {
  const from = WEEKDAYS.indexOf(range.from);
  const to = WEEKDAYS.indexOf(range.to);
  const out: number[] = [];
  for (let d = from; ; d = (d + 1) % 7) {
    out.push(d);
    if (d === to) break;
  }
  return out;
}

/** One weekly open interval in minutes from Monday 00:00; `end` may pass the week's end (wraps). */
export interface WeeklyInterval {
  readonly start: number;
  readonly end: number;
  readonly source: A.TimeRange;
}

/** The length of a time range in minutes; a range whose end is not after its start crosses midnight. */
export function rangeMinutes(r: A.TimeRange): number {
  return r.to.minutes > r.from.minutes ? r.to.minutes - r.from.minutes : r.to.minutes + 1440 - r.from.minutes;
}

/** The weekly intervals of a calendar's `hours` lines, in source order. */
export function weeklyIntervals(cal: A.CalendarDecl): WeeklyInterval[] {
  const out: WeeklyInterval[] = [];
  for (const stmt of cal.body) {
    if (stmt.kind !== 'Hours') continue;
    for (const days of stmt.days) {
      for (const day of expandDays(days)) {
        for (const r of stmt.ranges) {
          if (r.from.minutes === r.to.minutes || r.from.minutes >= 1440) continue;
          const start = day * 1440 + r.from.minutes;
          out.push({ start, end: start + rangeMinutes(r), source: r });
        }
      }
    }
  }
  return out;
}

/**
 * The weekly pattern as a bitmap of open minutes plus prefix sums, for worst-case questions.
 * @example weeklyPattern(cal).openPerWeek // 2550 for mon-fri 09:00-17:30
 */
export interface WeeklyPattern {
  readonly open: Uint8Array;
  readonly openPerWeek: number;
  /** Prefix sums over three weeks: `prefix[i]` = open minutes in [0, i). */
  readonly prefix: Int32Array;
}

const patterns = new WeakMap<A.CalendarDecl, WeeklyPattern>();
/** Patterns by their intervals: calendars with the same hours share one (and its worst cases). */
const patternsByHours = new Map<string, WeeklyPattern>();

/** The weekly pattern of a calendar, computed once per calendar node and once per distinct hours. */
export function weeklyPattern(cal: A.CalendarDecl): WeeklyPattern {
  let pattern = patterns.get(cal);
  if (!pattern) {
    const intervals = weeklyIntervals(cal);
    const key = intervals.map((iv) => `${iv.start}-${iv.end}`).join(',');
    pattern = patternsByHours.get(key);
    if (!pattern) {
      pattern = buildPattern(intervals);
      if (patternsByHours.size > 1000) patternsByHours.clear();
      patternsByHours.set(key, pattern);
    }
    patterns.set(cal, pattern);
  }
  return pattern;
}

function buildPattern(intervals: readonly WeeklyInterval[]): WeeklyPattern {
  const open = new Uint8Array(WEEK_MINUTES);
  for (const iv of intervals) for (let m = iv.start; m < iv.end; m++) open[m % WEEK_MINUTES] = 1;
  const prefix = new Int32Array(3 * WEEK_MINUTES + 1);
  for (let i = 0; i < 3 * WEEK_MINUTES; i++) prefix[i + 1] = prefix[i]! + open[i % WEEK_MINUTES]!;
  return { open, openPerWeek: prefix[WEEK_MINUTES]!, prefix };
}

/** True when the pattern is open every minute of the week (a 7×24 calendar). */
export function isAroundTheClock(p: WeeklyPattern): boolean {
  return p.openPerWeek === WEEK_MINUTES;
}

/** Smallest t ≥ s with prefix[t] − prefix[s] ≥ need (need ≤ 2 weeks of open time). */
function reach(p: WeeklyPattern, s: number, need: number): number {
  const goal = p.prefix[s]! + need;
  let lo = s;
  let hi = 3 * WEEK_MINUTES;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p.prefix[mid]! >= goal) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Real minutes from a start at minute `s` of the week until `minutes` open minutes have elapsed. */
function wallForMinutes(p: WeeklyPattern, s: number, minutes: number): number {
  let weeks = Math.floor(minutes / p.openPerWeek);
  let rest = minutes - weeks * p.openPerWeek;
  if (rest === 0 && weeks > 0) {
    weeks -= 1;
    rest = p.openPerWeek;
  }
  return weeks * WEEK_MINUTES + (reach(p, s, rest) - s);
}

/** Per weekday: the open minutes of the day, for the `d` rule (a day opens at its first open minute). */
function dayOpenMinutes(p: WeeklyPattern): number[][] {
  const days: number[][] = [];
  for (let d = 0; d < 7; d++) {
    const mins: number[] = [];
    for (let m = d * 1440; m < (d + 1) * 1440; m++) if (p.open[m]) mins.push(m - d * 1440);
    days.push(mins);
  }
  return days;
}

/** Real minutes from a start at minute `s` of the week until the `d` deadline of `days` open days. */
function wallForDays(p: WeeklyPattern, daysOpen: number[][], openDays: number, s: number, days: number): number {
  let day = Math.floor(s / 1440);
  // Position: open minutes elapsed since the day's opening.
  let position = p.prefix[s]! - p.prefix[day * 1440]!;
  if (!p.open[s]) {
    // Closed when filed: the clock starts at the next opening; its position is the open time that
    // day has had before it (0 before the day opens, the morning's in a lunch break).
    let t = s;
    while (!p.open[t % WEEK_MINUTES]) t++;
    day = Math.floor(t / 1440);
    position = p.prefix[t]! - p.prefix[day * 1440]!;
  }
  const weeks = Math.floor(days / openDays);
  let rest = days - weeks * openDays;
  let d = day;
  while (rest > 0) {
    d++;
    if (daysOpen[d % 7]!.length > 0) rest--;
  }
  const target = daysOpen[d % 7]!;
  // The earliest instant with `position` open minutes elapsed that day, clamped to its close.
  const at = position === 0 ? target[0]! : target[Math.min(position, target.length) - 1]! + 1;
  return weeks * WEEK_MINUTES + d * 1440 + at - s;
}

/**
 * The longest real time, in minutes, a target can take on this weekly pattern, over every filing
 * minute of the week; `undefined` when the calendar is never open.
 * @example worstCaseWallMinutes(pattern, { unit: 'minute', amount: 240 }) // 4h on mon-fri 09:00-17:30
 */
export function worstCaseWallMinutes(p: WeeklyPattern, duration: Pick<A.DurationLit, 'unit' | 'amount'>): number | undefined {
  if (p.openPerWeek === 0) return undefined;
  if (duration.amount === 0) return 0;
  // For `m`/`h` targets only the first closed minute of each closed run can be worst: in a closed
  // run a later filing meets the same deadline, so takes less real time; and a filing at an open
  // minute s is never worse than one at the next close c, which needs c - s more open minutes,
  // each taking at least a real minute. A `d` deadline can jump past a break in the target day as
  // the filing's position grows, so for `d` every open minute is tried too (each is O(1)).
  const daysOpen = duration.unit === 'day' ? dayOpenMinutes(p) : [];
  const openDays = daysOpen.filter((d) => d.length > 0).length;
  let worst = 0;
  for (let s = 0; s < WEEK_MINUTES; s++) {
    const closedEdge = !p.open[s] && p.open[(s + WEEK_MINUTES - 1) % WEEK_MINUTES] === 1;
    const candidate = duration.unit === 'day' ? closedEdge || p.open[s] === 1 : closedEdge || (s === 0 && isAroundTheClock(p));
    if (!candidate) continue;
    const wall = duration.unit === 'minute' ? wallForMinutes(p, s, duration.amount) : wallForDays(p, daysOpen, openDays, s, duration.amount);
    worst = Math.max(worst, wall);
  }
  return worst;
}

/** `2d 19h 30m`-style text for a number of real minutes. */
export function describeMinutes(total: number): string {
  const d = Math.floor(total / 1440);
  const h = Math.floor((total % 1440) / 60);
  const m = total % 60;
  const parts = [d ? `${d}d` : '', h ? `${h}h` : '', m ? `${m}m` : ''].filter(Boolean);
  return parts.length ? parts.join(' ') : '0m';
}
