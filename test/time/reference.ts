/**
 * A deliberately simple reference for the time engine (`src/time/api.md`), to compare the fast
 * engine against. It shares no code with `src/time/calendar.ts`: it reads the calendar's statements
 * itself, turns each local boundary into an instant with luxon (correcting luxon where it differs
 * from the documented rule, see `localToInstant`), and then counts open time minute by minute.
 * Obviously correct beats fast here; callers keep instants minute-aligned and ranges small.
 *
 * Luxon facts this file relies on (checked with luxon 3.7.2, and pinned in `dst.test.ts`):
 * - `DateTime.fromObject` in a spring-forward gap does NOT give the first instant after the gap: it
 *   moves the wall time forward by the size of the gap (New York 2026-03-08 02:30 → 03:30-04:00,
 *   Lord Howe 2026-10-04 02:15 → 02:45+11:00, Apia 2011-12-30 09:00 → 2011-12-31 09:00+14:00).
 * - For a wall time in the repeated hour after a fall-back, `fromObject` picks the offset that the
 *   zone has at `Settings.now()` (its first guess) when that guess is consistent: run in winter it
 *   gives the second occurrence (New York 2026-11-01 01:30 → -05:00), run in summer the first
 *   (-04:00). So the choice depends on the wall clock, and the reference never relies on it.
 * - `DateTime.fromMillis(t, { zone }).offset` is exact for any instant: the reference uses only that.
 */
import { DateTime } from 'luxon';
import type * as A from '../../src/ast/nodes.js';
import { WEEKDAYS } from '../../src/ast/nodes.js';
import { regionHolidays, type RegionClosure } from '../../src/time/holidays.js';

export const MINUTE = 60_000;
export const DAY = 86_400_000;

/** Local dates are day numbers: days since 1970-01-01 (a Thursday), with no zone attached. */
export const dayOf = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY;
export const isoOfDay = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
/** 0 = mon … 6 = sun, as in `WEEKDAYS`. */
export const weekdayOfDay = (day: number): number => (((day + 3) % 7) + 7) % 7;
const dayOfLit = (d: A.DateLit): number => dayOf(d.year, d.month, d.day);

/** One local range of one date, in minutes since that date's local midnight; `to` may pass 1440. */
export interface LocalRange {
  readonly from: number;
  readonly to: number;
}

/** A range as written: an end that is not after the start crosses midnight; 24:00 is 1440. */
export function localRange(r: A.TimeRange): LocalRange {
  const from = r.from.minutes;
  const to = r.to.minutes > from ? r.to.minutes : r.to.minutes + 1440;
  return { from, to };
}

export type HolidaySource = (region: string, types: readonly string[], year: number) => readonly RegionClosure[];

/** The calendar's statements, read once, plus the instant conversions memoised per calendar. */
export interface RefCalendar {
  readonly zone: string;
  /** The local ranges a date owns, by the precedence open > closed > holiday > weekly. */
  readonly rangesOf: (day: number) => readonly LocalRange[];
  /** Memo: day number → the date's spans as instants. */
  readonly spanMemo: Map<number, readonly Span[]>;
  readonly instantMemo: Map<string, number>;
}

export interface Span {
  readonly start: number;
  readonly end: number;
  /** The local date (day number) the span's range starts on: the day that owns it. */
  readonly day: number;
}

/** Reads a calendar declaration into the reference's form. */
export function refCalendar(decl: A.CalendarDecl, holidays: HolidaySource = (r, t, y) => regionHolidays(r, t, y).closures): RefCalendar {
  let zone = 'UTC';
  const weekly: LocalRange[][] = [[], [], [], [], [], [], []];
  const closed: { from: number; to: number }[] = [];
  const opens = new Map<number, LocalRange[]>();
  const regions: { region: string; types: readonly string[] }[] = [];
  for (const stmt of decl.body) {
    switch (stmt.kind) {
      case 'Zone':
        zone = stmt.zone.value;
        break;
      case 'Hours':
        for (const days of stmt.days) {
          // Walk the weekdays from `from` to `to`, wrapping past Sunday (`fri-mon`).
          const from = WEEKDAYS.indexOf(days.from);
          const to = WEEKDAYS.indexOf(days.to);
          for (let d = from; ; d = (d + 1) % 7) {
            for (const r of stmt.ranges) weekly[d]!.push(localRange(r));
            if (d === to) break;
          }
        }
        break;
      case 'Closed':
        closed.push({ from: dayOfLit(stmt.from), to: dayOfLit(stmt.to ?? stmt.from) });
        break;
      case 'Open': {
        const day = dayOfLit(stmt.date);
        opens.set(day, [...(opens.get(day) ?? []), ...stmt.ranges.map(localRange)]);
        break;
      }
      case 'Holidays':
        regions.push({ region: stmt.region.value, types: stmt.types.length ? stmt.types.map((t) => t.text) : ['public'] });
        break;
    }
  }
  const holidayDays = new Map<number, Set<number>>();
  const isHoliday = (day: number): boolean => {
    const year = new Date(day * DAY).getUTCFullYear();
    let set = holidayDays.get(year);
    if (!set) {
      set = new Set();
      for (const { region, types } of regions) for (const c of holidays(region, types, year)) set.add(dayOf(...(c.date.split('-').map(Number) as [number, number, number])));
      holidayDays.set(year, set);
    }
    return set.has(day);
  };
  const rangesOf = (day: number): readonly LocalRange[] => {
    const open = opens.get(day);
    if (open) return open;
    if (closed.some((c) => c.from <= day && day <= c.to)) return [];
    if (regions.length && isHoliday(day)) return [];
    return weekly[weekdayOfDay(day)]!;
  };
  return { zone, rangesOf, spanMemo: new Map(), instantMemo: new Map() };
}

/** The zone's offset at instant `u`, in minutes, straight from luxon. */
export function offsetAt(zone: string, u: number): number {
  return DateTime.fromMillis(u, { zone }).offset;
}
/** The local wall time at `u`, as if it were UTC milliseconds. */
const wallAt = (zone: string, u: number): number => u + offsetAt(zone, u) * MINUTE;

/**
 * The instant of a local boundary by the documented rule: when the wall time happens once, that
 * instant; when twice (fall-back), the earlier; when never (a spring-forward gap, or Apia's skipped
 * day), the first instant after the gap, i.e. the earliest instant whose wall time is not before it.
 * Candidates are "wall minus each offset the zone uses within two days"; a candidate counts when the
 * zone really has that offset there.
 */
export function localToInstant(zone: string, day: number, minutes: number): number {
  const wall = day * DAY + minutes * MINUTE;
  const offsets = new Set<number>();
  for (let h = -48; h <= 48; h += 3) offsets.add(offsetAt(zone, wall + h * 3_600_000));
  const valid = [...offsets].map((o) => wall - o * MINUTE).filter((u) => wallAt(zone, u) === wall);
  if (valid.length) return Math.min(...valid);
  // A gap: step from "wall read with the largest offset" (before the gap) to the first instant whose
  // wall time reaches `wall`. At most the size of the gap in minutes (a whole day for Apia).
  let u = wall - Math.max(...offsets) * MINUTE;
  while (wallAt(zone, u) < wall) u += MINUTE;
  return u;
}

function instantOf(cal: RefCalendar, day: number, minutes: number): number {
  const key = `${day}:${minutes}`;
  let u = cal.instantMemo.get(key);
  if (u === undefined) {
    u = localToInstant(cal.zone, day, minutes);
    cal.instantMemo.set(key, u);
  }
  return u;
}

/** The non-empty spans a local date owns, in order (a range squeezed to nothing by a gap is dropped). */
export function spansOfDay(cal: RefCalendar, day: number): readonly Span[] {
  let spans = cal.spanMemo.get(day);
  if (!spans) {
    spans = cal
      .rangesOf(day)
      .map((r) => ({ start: instantOf(cal, day, r.from), end: instantOf(cal, day, r.to), day }))
      .filter((s) => s.end > s.start)
      .sort((a, b) => a.start - b.start);
    cal.spanMemo.set(day, spans);
  }
  return spans;
}

/**
 * True when some date's span contains `t`. A span of date X lies within [X 00:00 at +14:00,
 * X+2 00:00 at -12:00] (give or take a gap), so only dates within a few days of `t`'s UTC date can own it; checking
 * them all (rather than asking luxon for `t`'s local date on every minute) keeps stepping fast.
 */
export function isOpenRef(cal: RefCalendar, t: number): boolean {
  const d0 = Math.floor(t / DAY);
  for (let day = d0 - 4; day <= d0 + 1; day++) for (const s of spansOfDay(cal, day)) if (s.start <= t && t < s.end) return true;
  return false;
}

const assertMinute = (t: number, what: string) => {
  if (t % MINUTE !== 0) throw new Error(`reference: ${what} ${t} is not minute-aligned`);
};
/** A walk longer than this means the generator made a calendar that is (nearly) never open. */
const MAX_STEPS = 366 * 1440;

/** Open ms in [from, to), counting open minutes one by one. */
export function openBetweenRef(cal: RefCalendar, from: number, to: number): number {
  assertMinute(from, 'from');
  assertMinute(to, 'to');
  let open = 0;
  for (let t = from; t < to; t += MINUTE) if (isOpenRef(cal, t)) open += MINUTE;
  return open;
}

/** `m`/`h` rule: step minute by minute until `amountMs` open ms are counted; the instant after the last. */
export function addOpenRef(cal: RefCalendar, from: number, amountMs: number): number {
  assertMinute(from, 'from');
  assertMinute(amountMs, 'amount');
  let counted = 0;
  let t = from;
  for (let steps = 0; counted < amountMs; steps++, t += MINUTE) {
    if (steps > MAX_STEPS) throw new Error('reference: addOpen walked a year without finding the open time');
    if (isOpenRef(cal, t)) counted += MINUTE;
  }
  return t;
}

/**
 * `d` rule, literally (api.md; language reference "Durations"): the clock's span is the one holding
 * `from`, else the next one to open; its owning date is the clock's day; the position is the open
 * time that date's spans had before `from` (0 before the day opens, the time so far in a break). The
 * deadline is the earliest instant with `position` open ms elapsed on the Nth later date that owns
 * open time (position 0: its first opening), clamped to that date's last close.
 */
export function addOpenDaysRef(cal: RefCalendar, from: number, days: number): number {
  const d0 = Math.floor(from / DAY);
  let start: Span | undefined;
  for (let day = d0 - 4; !start; day++) {
    if (day > d0 + 366) throw new Error('reference: no opening within a year');
    // Dates own disjoint spans and a later date's spans start later, so the first hit is the one.
    start = spansOfDay(cal, day).find((s) => s.end > from);
  }
  const position = spansOfDay(cal, start.day).reduce((sum, s) => sum + Math.max(0, Math.min(s.end, from) - s.start), 0);
  let day = start.day;
  for (let n = 0; n < days; ) {
    day++;
    if (day > start.day + 3660) throw new Error('reference: ran out of open days');
    if (spansOfDay(cal, day).length > 0) n++;
  }
  const target = spansOfDay(cal, day);
  if (position === 0) return target[0]!.start;
  let elapsed = 0;
  for (const s of target) {
    if (elapsed + (s.end - s.start) >= position) return s.start + (position - elapsed);
    elapsed += s.end - s.start;
  }
  return target[target.length - 1]!.end;
}

/** A target's deadline: open minutes via `addOpenRef`, open days via `addOpenDaysRef`. */
export function deadlineRef(cal: RefCalendar, from: number, duration: { unit: 'minute' | 'day'; amount: number }): number {
  return duration.unit === 'minute' ? addOpenRef(cal, from, duration.amount * MINUTE) : addOpenDaysRef(cal, from, duration.amount);
}
