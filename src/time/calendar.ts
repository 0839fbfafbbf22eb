/**
 * Compiled calendars: a calendar's open time as sorted, disjoint spans in epoch milliseconds with
 * prefix sums, built lazily per local year. "Add open time" and "open time between" are two binary
 * searches over Float64Arrays with no allocation; luxon's zone rules are consulted only while a
 * year is built. Semantics: `src/time/api.md` and the language reference ("Calendars", "Durations").
 */
import { IANAZone } from 'luxon';
import type * as A from '../ast/nodes.js';
import { calendarZone } from '../check/model.js';
import { DEFAULT_HOLIDAY_TYPES, regionHolidays, type RegionClosure } from './holidays.js';
import { expandDays } from './weekly.js';
import type { FileDay } from './ics-holidays.js';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;
/** Cell width of a calendar's span grid: a few spans at most per cell, 2.6 MB for 300 covered years. */
const GRID_MS = 4 * 3_600_000;
/** Where an always-open calendar's arithmetic shortcut applies (see `Compiled.always`). */
const ALWAYS_FROM = Date.UTC(MIN_YEAR + 1, 0, 1);
const ALWAYS_TO = Date.UTC(MAX_YEAR - 1, 0, 1);
/** After the last supported year: no calendar has open time from here on. */
const ALWAYS_END = Date.UTC(MAX_YEAR + 1, 0, 2);

/** The interface every consumer (deadlines, the simulator, the playground) uses. */
export interface CompiledCalendar {
  readonly name: string;
  readonly zone: string;
  /** Its zone and statements without positions (same shape, same open time); see the class. */
  readonly shape: string | undefined;
  /** True when open at instant `t` (spans are half-open). */
  isOpen(t: number): boolean;
  /** Open ms within [from, to). */
  openBetween(from: number, to: number): number;
  /**
   * The open ms of each segment [at[i], at[i+1]) of a clock run, for even i below `length`, into
   * `open[i / 2]` (Infinity for a last start without an end: the run goes on); returns their sum.
   * The same as `openBetween` per segment, for the simulator's evaluator: one call per clock, and
   * no instant passed to or returned from a function that V8 might not inline, so none is boxed
   * as a heap number (src/simulate/README.md, "How it stays fast").
   */
  openOfSegments(at: Float64Array, length: number, open: Float64Array): number;
  /** `m`/`h` rule: the earliest instant t ≥ from with `amountMs` open ms in [from, t); Infinity if never. */
  addOpen(from: number, amountMs: number): number;
  /** `d` rule: the same position on the Nth open day after the clock's day; Infinity if never. */
  addOpenDays(from: number, days: number): number;
  /** The first open instant at or after `t` (t itself when open); Infinity if never. */
  nextOpening(t: number): number;
  /** The end of the stretch of open time containing t (adjacent spans join), at most `limit`; t when closed. */
  nextClosing(t: number, limit: number): number;
  /** A target's deadline from a clock start. */
  deadline(from: number, duration: Pick<A.DurationLit, 'unit' | 'amount'>): number;
  /**
   * Whether that deadline is at or before `to`: `deadline(from, duration) <= to`, answered from
   * the days' hours where they show enough open time before `to`, without building the years.
   */
  dueBy(from: number, to: number, duration: Pick<A.DurationLit, 'unit' | 'amount'>): boolean;
  /** Open spans intersecting [from, to), clipped, in order. */
  spans(from: number, to: number): { start: number; end: number }[];
  /** The local date of an instant as days since 1970-01-01 (cheap; for grouping). */
  localDay(t: number): number;
  /** The instant a local date (`YYYY-MM-DD`) starts in the calendar's zone. */
  startOfDay(date: string): number;
  /** Why each local date in [from, to] (inclusive `YYYY-MM-DD`) is open or closed. */
  days(from: string, to: string): DayInfo[];
}

/** What decides a local date's hours. */
export type DaySource =
  | { readonly kind: 'weekly' }
  | { readonly kind: 'open'; readonly stmt: A.OpenStmt }
  | { readonly kind: 'closed'; readonly stmt: A.ClosedStmt }
  | { readonly kind: 'holiday'; readonly holiday: RegionClosure }
  /** An official make-up working day (调休): open with the calendar's weekday hours (`workdayHours`). */
  | { readonly kind: 'workday'; readonly holiday: RegionClosure };

export interface DayInfo {
  readonly date: string;
  readonly weekday: A.Weekday;
  readonly source: DaySource;
  /** Spans that start on this date (a night shift may end the next day). */
  readonly spans: readonly { start: number; end: number }[];
}

export interface CompileOptions {
  /** Region holidays; defaults to date-holidays with Pledge's rule (`src/time/holidays.ts`). */
  readonly holidays?: (region: string, types: readonly string[], year: number) => readonly RegionClosure[];
  /** What each `holidays file` statement read (the checked model's `holidayFiles`); a file not here closes nothing. */
  readonly files?: ReadonlyMap<A.HolidaysFileStmt, { readonly kind: string; readonly days?: readonly FileDay[] }>;
}

/**
 * A zone's UTC offsets as a table of transitions, built per UTC year on first use and shared by
 * every calendar in that zone: building a year of spans then needs no luxon call per boundary.
 * A year is probed every six days (`PROBE_MS`) and a change is pinned where the probes differ:
 * to the minute first, then to the millisecond only when the change is not on a whole minute
 * (issue 14: probing every half week and bisecting milliseconds was 160 luxon calls a zone-year,
 * a quarter of a 50-year check of 40 calendars; now about 90). Two changes less than six days
 * apart that return to the first offset would be missed. Half-week probing of every zone Node
 * knows, 1900 to 2200, finds none closer than 6.96 days (America/Boa_Vista's week of DST in
 * October 2000); test/time/zone-rules.test.ts compares the tables with it in many zones.
 */
const PROBE_MS = 6 * DAY_MS;

/** Where `intlOffset` reads the formatted text (four-digit AD years); luxon answers elsewhere. */
const INTL_FROM = Date.UTC(1000, 0, 1);
const INTL_TO = Date.UTC(9000, 0, 1);
const FORMATTED = /^(\d+)\/(\d+)\/(\d+) (AD|BC),? (\d+):(\d+):(\d+)$/;

/**
 * A zone's UTC offset in minutes at an instant: luxon's `IANAZone.offset`, computed the same way
 * (the zone's wall time from the same `Intl.DateTimeFormat` options, less the instant truncated
 * to the second) but from the formatted string instead of its parts, which takes a third of the
 * time (issue 14: luxon's calls were most of building a zone's tables). Text it does not expect,
 * and instants outside years 1000-8999, go to luxon (test/time/zone-rules.test.ts compares them).
 */
export function intlOffset(zone: string, tz: IANAZone = IANAZone.create(zone)): (t: number) => number {
  let dtf: Intl.DateTimeFormat | undefined;
  try {
    dtf = new Intl.DateTimeFormat('en-US', { hour12: false, timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', era: 'short' });
  } catch {
    dtf = undefined;
  }
  return (t) => {
    if (dtf && t >= INTL_FROM && t < INTL_TO) {
      const ts = Math.trunc(t);
      const m = FORMATTED.exec(dtf.format(ts));
      if (m && m[4] === 'AD') {
        const hour = Number(m[5]);
        const asUTC = Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), hour === 24 ? 0 : hour, Number(m[6]), Number(m[7]), 0);
        const over = ts % 1000;
        return (asUTC - (ts - (over >= 0 ? over : 1000 + over))) / MINUTE_MS;
      }
    }
    return tz.offset(t);
  };
}

class ZoneRules {
  private readonly years = new Map<number, { at: Float64Array; offset: Int32Array }>();
  // The last year looked up, so that the common case needs no Date and no Map.
  private lastFrom = Infinity;
  private lastTo = -Infinity;
  private last: { at: Float64Array; offset: Int32Array } | undefined;
  /** UTC itself: offset 0 at every instant, no luxon call. */
  private readonly utc: boolean;
  /** The zone's offset at an instant, as luxon gives it (`intlOffset`); only while a table is built. */
  private readonly probe: (t: number) => number;
  constructor(
    private readonly tz: IANAZone,
    zone: string,
  ) {
    this.utc = zone === 'UTC';
    this.probe = intlOffset(zone, tz);
  }

  offset(t: number): number {
    if (!Number.isFinite(t)) return this.tz.offset(t);
    let table = this.last;
    if (!(t >= this.lastFrom && t < this.lastTo) || !table) {
      const year = new Date(t).getUTCFullYear();
      table = this.years.get(year);
      if (!table) this.years.set(year, (table = this.build(year)));
      this.last = table;
      this.lastFrom = Date.UTC(year, 0, 1);
      this.lastTo = Date.UTC(year + 1, 0, 1);
    }
    let lo = 0;
    let hi = table.at.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (table.at[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return table.offset[lo]!;
  }

  /**
   * The offset when it is the same at every instant of [a, b] (no transition in between), else
   * undefined. Only answered within one UTC year's table; across a new year it says undefined,
   * and the caller takes the general path.
   */
  constantOffset(a: number, b: number): number | undefined {
    const o = this.offset(a);
    const table = this.last!;
    if (!(b < this.lastTo)) return undefined;
    const at = table.at;
    // The transition in force at `a` is the last one at or before it; the next must be after b.
    let lo = 0;
    let hi = at.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (at[mid]! <= a) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1 < at.length && at[lo + 1]! <= b ? undefined : o;
  }

  /** The transition table of UTC year `year` (its first entry is the offset at the year's start, not a change). */
  table(year: number): { at: Float64Array; offset: Int32Array } {
    let table = this.years.get(year);
    if (!table) this.years.set(year, (table = this.build(year)));
    return table;
  }

  private build(year: number): { at: Float64Array; offset: Int32Array } {
    const start = Date.UTC(year, 0, 1);
    const end = Date.UTC(year + 1, 0, 1);
    if (this.utc) return { at: Float64Array.of(start), offset: Int32Array.of(0) };
    const at = [start];
    const offset = [this.probe(start)];
    for (let a = start; a < end; a += PROBE_MS) {
      const b = Math.min(a + PROBE_MS, end);
      const ob = this.probe(b);
      // Every change between the probes, in order: the first instant after the last one found
      // whose offset differs, until the offset is the probe's.
      let lo = a;
      let o = offset[offset.length - 1]!;
      while (o !== ob) {
        const t = this.firstChange(lo, b, o);
        o = this.probe(t);
        at.push(t);
        offset.push(o);
        lo = t;
      }
    }
    return { at: Float64Array.from(at), offset: Int32Array.from(offset) };
  }

  /**
   * The first instant in (lo, hi] whose offset is not `o`, given that lo's is and hi's is not:
   * bisected on whole minutes down to one minute, then one probe says whether the change is on
   * the minute (every change since the 1970s), else the milliseconds of that minute are bisected.
   */
  private firstChange(lo: number, hi: number, o: number): number {
    while (hi - lo > MINUTE_MS) {
      let mid = Math.floor((lo + hi) / (2 * MINUTE_MS)) * MINUTE_MS;
      if (mid <= lo || mid >= hi) mid = Math.floor((lo + hi) / 2);
      if (this.probe(mid) !== o) hi = mid;
      else lo = mid;
    }
    if (hi - lo > 1) {
      if (this.probe(hi - 1) === o) return hi;
      hi = hi - 1;
    }
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.probe(mid) !== o) hi = mid;
      else lo = mid;
    }
    return hi;
  }
}

const zoneRules = new Map<string, ZoneRules>();
function rulesFor(zone: string, tz: IANAZone): ZoneRules {
  let rules = zoneRules.get(zone);
  if (!rules) zoneRules.set(zone, (rules = new ZoneRules(tz, zone)));
  return rules;
}

/**
 * A zone's offset changes in [from, to): each change's first instant with the new offset (`at`),
 * and the offsets in minutes before and after it, from the same per-year tables the calendars
 * use (shared with them, so a checker rule that asks costs no luxon call for years a calendar
 * built). Undefined for a zone luxon does not know.
 */
export function zoneTransitions(zone: string, from: number, to: number): { at: number; before: number; after: number }[] | undefined {
  const tz = IANAZone.create(zone);
  if (!tz.isValid) return undefined;
  const rules = rulesFor(zone, tz);
  const out: { at: number; before: number; after: number }[] = [];
  let prev = rules.offset(from);
  for (let y = new Date(from).getUTCFullYear(); Date.UTC(y, 0, 1) < to; y++) {
    const table = rules.table(y);
    for (let i = 0; i < table.at.length; i++) {
      const at = table.at[i]!;
      const o = table.offset[i]!;
      if (at <= from || at >= to) {
        if (at <= from) prev = o;
        continue;
      }
      if (o !== prev) out.push({ at, before: prev, after: o });
      prev = o;
    }
  }
  return out;
}

interface RawSpan {
  start: number;
  end: number;
  day: number;
}

/** Days since the epoch of a calendar date. */
function dayNumberOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}
function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
/** Monday to Friday, the weekdays whose hours a make-up working day takes (first with hours wins). */
const WORKDAY_ORDER = [0, 1, 2, 3, 4] as const;
function weekdayOfDay(day: number): number {
  return (new Date(day * DAY_MS).getUTCDay() + 6) % 7;
}

/** First index in [lo, hi) with arr[i] > x (arr sorted ascending). */
function firstAbove(arr: Float64Array, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
/** First index in [lo, hi) with arr[i] >= x. */
function firstAtLeast(arr: Float64Array, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! >= x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** First index with arr[i] >= x in a sorted Int32Array (its length when none). */
function firstAtLeastInt(arr: Int32Array, x: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! >= x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A range of one local day in minutes from its midnight; `to` is past 1440 when it ends the next day. */
interface LocalRange {
  readonly from: number;
  readonly to: number;
}

/**
 * A day's ranges as sorted local ranges, overlapping ones joined (adjacent ones stay apart, as the
 * compiled spans keep them) and empty ones dropped. Local wall time maps to instants monotonically
 * (a time in a gap moves to the gap's end, a repeated time to its first occurrence), so joining
 * before the mapping gives the spans that joining after it would: a day with 4,000 copies of one
 * range costs one span, not 4,000 (issue 14).
 */
export function normalizeRanges(ranges: readonly A.TimeRange[]): LocalRange[] {
  const local: LocalRange[] = [];
  for (const r of ranges) {
    if (r.from.minutes === r.to.minutes || r.from.minutes >= 1440) continue;
    local.push({ from: r.from.minutes, to: r.to.minutes > r.from.minutes ? r.to.minutes : r.to.minutes + 1440 });
  }
  local.sort((a, b) => a.from - b.from || a.to - b.to);
  const out: { from: number; to: number }[] = [];
  for (const r of local) {
    const prev = out[out.length - 1];
    if (prev && r.from < prev.to) prev.to = Math.max(prev.to, r.to);
    else out.push({ ...r });
  }
  return out;
}

const NO_RANGES: readonly LocalRange[] = [];

/** A year's region holidays by day, by region sets and year, for calendars without a custom source; the oldest leave first. */
const sharedHolidayDays = new Map<string, Map<number, RegionClosure>>();
const SHARED_HOLIDAY_YEARS = 4096;

class Compiled implements CompiledCalendar {
  readonly name: string;
  readonly zone: string;
  /**
   * What decides this calendar's open time, as a string: its zone and its statements without
   * their positions. Two calendars with the same shape have the same open time, so answers about
   * open time (the worst-case real time of a target) can be shared between them and between
   * checks of edited texts. Undefined with a custom holiday source (`CompileOptions.holidays`).
   */
  readonly shape: string | undefined;
  private readonly tz: ZoneRules;
  private readonly weekly: A.TimeRange[][] = [[], [], [], [], [], [], []];
  private readonly closed = new Map<number, A.ClosedStmt>();
  private readonly opened = new Map<number, A.OpenStmt>();
  /** Region holiday sets and `holidays file` days, in statement order (the first to give a date decides). */
  private readonly regions: ({ region: string; types: readonly string[] } | { file: string; byYear: Map<number, RegionClosure[]> })[] = [];
  private readonly holidaySource: NonNullable<CompileOptions['holidays']>;
  private readonly holidayDays = new Map<number, Map<number, RegionClosure>>();
  /** Its region sets as a key, when their days come from `regionHolidays` alone (no custom source, no files). */
  private readonly sharedHolidays: string | undefined;

  // Covered local years and the instants they span; spans of all covered years, flattened.
  private y0 = 0;
  private y1 = -1;
  private lo = Infinity;
  private hi = -Infinity;
  private starts = new Float64Array(0);
  private ends = new Float64Array(0);
  private cumStart = new Float64Array(0);
  private cumEnd = new Float64Array(0);
  // Open days for `d` targets (language reference, "Durations"): each local day's own spans, not
  // the union, so a day whose opening overlaps the previous night's shift is still its own open
  // day (issue 19 item 4). Open days in date order; `dayFirst[k]..dayLast[k]` index `dStarts`.
  private dStarts = new Float64Array(0);
  private dEnds = new Float64Array(0);
  /** Open time of a span's day before the span starts. */
  private dBefore = new Float64Array(0);
  private dayFirst = new Int32Array(0);
  private dayLast = new Int32Array(0);
  /** Spans in the union arrays, open days, and spans in the per-day arrays (the arrays have room to grow). */
  private n = 0;
  private openDays = 0;
  private dn = 0;
  /** Open ms of the covered range so far, and the last local day built. */
  private cum = 0;
  private builtTo = 0;
  /** `grid[g]`: the first span ending after lo + g·GRID_MS (see `above`). */
  private grid = new Int32Array(0);
  /** Cells of `grid` in use (it has room to grow, and keeps stale cells past a smaller `cover`). */
  private gridCells = 0;
  /**
   * Open at every instant (every weekday 00:00-24:00, nothing closed, opened or on holiday): then
   * the queries below are arithmetic, which is exact because such a calendar's spans are
   * contiguous (DST only moves where the local days meet). Only between `ALWAYS_FROM` and
   * `ALWAYS_TO`, well inside the supported years, so the edges behave as for any calendar.
   */
  private readonly always: boolean;
  private readonly normalizedRanges = new WeakMap<readonly A.TimeRange[], readonly LocalRange[]>();
  /** The last local day (days since the epoch) with open time, or Infinity with weekly hours. */
  private readonly lastOpenDay: number;
  /** The UTC year of `dayRanges`' last day, and its first day and the next year's (days since the epoch). */
  private year = 0;
  private yearFirstDay = 0;
  private yearEndDay = 0;
  private weekOpenMsBound = 0;
  private weekOpenDaysBound = 0;
  private openLinesMsBound = 0;

  constructor(decl: A.CalendarDecl, options: CompileOptions) {
    this.name = decl.name.text;
    this.zone = calendarZone(decl) ?? 'UTC';
    const tz = IANAZone.create(this.zone);
    this.tz = tz.isValid ? rulesFor(this.zone, tz) : rulesFor('UTC', IANAZone.create('UTC'));
    this.holidaySource = options.holidays ?? ((region, types, year) => regionHolidays(region, types, year).closures);
    this.shape = options.holidays || decl.body.some((s) => s.kind === 'HolidaysFile') ? undefined : `${this.zone}\u0000${JSON.stringify(decl.body, (k, v: unknown) => (k === 'range' ? undefined : v))}`;
    for (const s of decl.body) {
      if (s.kind === 'Hours') {
        for (const days of s.days) for (const d of expandDays(days)) this.weekly[d]!.push(...s.ranges);
      } else if (s.kind === 'Closed') {
        const from = dayNumberOf(s.from.year, s.from.month, s.from.day);
        const to = s.to ? dayNumberOf(s.to.year, s.to.month, s.to.day) : from;
        for (let d = from; d <= to && d - from < 366 * 50; d++) if (!this.closed.has(d)) this.closed.set(d, s);
      } else if (s.kind === 'Open') {
        const d = dayNumberOf(s.date.year, s.date.month, s.date.day);
        if (!this.opened.has(d)) this.opened.set(d, s);
      } else if (s.kind === 'Holidays') {
        this.regions.push({ region: s.region.value, types: s.types.length ? s.types.map((t) => t.text) : DEFAULT_HOLIDAY_TYPES });
      } else if (s.kind === 'HolidaysFile') {
        const byYear = new Map<number, RegionClosure[]>();
        for (const d of options.files?.get(s)?.days ?? []) {
          const year = Number(d.date.slice(0, 4));
          const closure: RegionClosure = { date: d.date, name: d.name, type: 'file', region: s.file.value, kind: d.kind, source: `${s.file.value}, line ${d.line}`, line: d.line };
          byYear.set(year, [...(byYear.get(year) ?? []), closure]);
        }
        this.regions.push({ file: s.file.value, byYear });
      }
    }
    this.sharedHolidays = options.holidays || this.regions.length === 0 || this.regions.some((r) => 'file' in r) ? undefined : JSON.stringify(this.regions);
    // With no weekly hours the calendar is open only on its `open` dates: nothing after the last.
    const weeklyOpen = this.weekly.some((ranges) => ranges.some((r) => r.from.minutes !== r.to.minutes && r.from.minutes < 1440));
    let lastOpened = -Infinity;
    for (const d of this.opened.keys()) lastOpened = Math.max(lastOpened, d + 1);
    this.lastOpenDay = weeklyOpen ? Infinity : lastOpened;
    // Upper bounds on the open time and open days a week can have (overlaps counted twice, and a
    // few hours per range for a daylight-saving day that is longer), for `beyondReach`.
    const slack = 4 * 3_600_000;
    const rangeMs = (r: A.TimeRange) => (r.from.minutes === r.to.minutes || r.from.minutes >= 1440 ? 0 : ((r.to.minutes - r.from.minutes + 1440) % 1440 || 1440) * MINUTE_MS + slack);
    for (const ranges of this.weekly) {
      const ms = ranges.reduce((sum, r) => sum + rangeMs(r), 0);
      this.weekOpenMsBound += ms;
      if (ms > 0) this.weekOpenDaysBound++;
    }
    for (const stmt of this.opened.values()) this.openLinesMsBound += stmt.ranges.reduce((sum, r) => sum + rangeMs(r), 0);
    this.always =
      this.closed.size === 0 && this.opened.size === 0 && this.regions.length === 0 && this.weekly.every((ranges) => ranges.some((r) => r.from.minutes === 0 && r.to.minutes === 1440));
  }

  // ---- building ------------------------------------------------------------------------------

  private offsetMinutes(t: number): number {
    return this.tz.offset(t);
  }

  /**
   * The instant of local wall time `minute` on local date `day`. A time in a spring-forward gap
   * becomes the first instant after the gap; a time in a repeated hour, its first occurrence.
   */
  private toInstant(day: number, minute: number): number {
    const local = day * DAY_MS + minute * MINUTE_MS;
    const offsets = new Set([this.offsetMinutes(local - DAY_MS), this.offsetMinutes(local), this.offsetMinutes(local + DAY_MS)]);
    let best = Infinity;
    for (const o of offsets) {
      const t = local - o * MINUTE_MS;
      if (this.offsetMinutes(t) === o && t < best) best = t;
    }
    if (best !== Infinity) return best;
    // In a gap: binary search for the transition between the instants the two offsets give.
    const sorted = [...offsets].sort((a, b) => a - b);
    let lo = local - sorted[sorted.length - 1]! * MINUTE_MS; // the larger offset's reading: before the transition
    let hi = local - sorted[0]! * MINUTE_MS; // after it
    const after = this.offsetMinutes(hi);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.offsetMinutes(mid) === after) hi = mid;
      else lo = mid;
    }
    return hi;
  }

  private holidayOn(day: number, year: number): RegionClosure | undefined {
    if (this.regions.length === 0) return undefined;
    let byDay = this.holidayDays.get(year);
    if (!byDay && this.sharedHolidays !== undefined) {
      // Calendars with the same region sets share a year's days (40 calendars with "US" read it once).
      byDay = sharedHolidayDays.get(`${this.sharedHolidays}\u0000${year}`);
      if (byDay) this.holidayDays.set(year, byDay);
    }
    if (!byDay) {
      byDay = new Map();
      for (const source of this.regions) {
        for (const c of 'file' in source ? (source.byYear.get(year) ?? []) : this.holidaySource(source.region, source.types, year)) {
          const [y, m, d] = c.date.split('-').map(Number) as [number, number, number];
          const dn = dayNumberOf(y, m, d);
          if (!byDay.has(dn)) byDay.set(dn, c);
        }
      }
      this.holidayDays.set(year, byDay);
      if (this.sharedHolidays !== undefined) {
        if (sharedHolidayDays.size >= SHARED_HOLIDAY_YEARS) sharedHolidayDays.delete(sharedHolidayDays.keys().next().value!);
        sharedHolidayDays.set(`${this.sharedHolidays}\u0000${year}`, byDay);
      }
    }
    return byDay.get(day);
  }

  /** What decides a local date's hours, by the documented precedence. */
  private sourceOf(day: number): DaySource {
    const open = this.opened.get(day);
    if (open) return { kind: 'open', stmt: open };
    const closed = this.closed.get(day);
    if (closed) return { kind: 'closed', stmt: closed };
    const holiday = this.holidayOn(day, new Date(day * DAY_MS).getUTCFullYear());
    if (holiday) return holiday.kind === 'workday' ? { kind: 'workday', holiday } : { kind: 'holiday', holiday };
    return { kind: 'weekly' };
  }

  private rangesOf(day: number, source: DaySource): readonly A.TimeRange[] {
    switch (source.kind) {
      case 'open':
        return source.stmt.ranges;
      case 'closed':
      case 'holiday':
        return [];
      case 'workday':
        return this.workdayHours();
      case 'weekly':
        return this.weekly[weekdayOfDay(day)]!;
    }
  }

  /**
   * A make-up working day's hours (language reference, "Holidays"): those of the first weekday,
   * Monday to Friday, that has hours; none when the calendar opens no weekday.
   */
  private workdayHours(): readonly A.TimeRange[] {
    for (const d of WORKDAY_ORDER) if (this.weekly[d]!.length > 0) return this.weekly[d]!;
    return [];
  }

  /** `normalizeRanges` of a list of ranges, once per list (a weekday's, or an `open` line's). */
  private normalized(ranges: readonly A.TimeRange[]): readonly LocalRange[] {
    let out = this.normalizedRanges.get(ranges);
    if (!out) this.normalizedRanges.set(ranges, (out = normalizeRanges(ranges)));
    return out;
  }

  /**
   * `normalized(rangesOf(day, sourceOf(day)))` without a source object, a Date or a map lookup
   * the calendar cannot need (building a year is one call per day: issue 14, 40 calendars over
   * 84 years were 1.2 million of them).
   */
  private dayRanges(day: number): readonly LocalRange[] {
    if (this.opened.size > 0) {
      const open = this.opened.get(day);
      if (open) return this.normalized(open.ranges);
    }
    if (this.closed.size > 0 && this.closed.has(day)) return NO_RANGES;
    if (this.regions.length > 0) {
      if (!(day >= this.yearFirstDay && day < this.yearEndDay)) {
        const year = new Date(day * DAY_MS).getUTCFullYear();
        this.year = year;
        this.yearFirstDay = dayNumberOf(year, 1, 1);
        this.yearEndDay = dayNumberOf(year + 1, 1, 1);
      }
      const holiday = this.holidayOn(day, this.year);
      if (holiday) return holiday.kind === 'workday' ? this.normalized(this.workdayHours()) : NO_RANGES;
    }
    return this.normalized(this.weekly[(((day + 3) % 7) + 7) % 7]!);
  }

  /** The spans that start on local date `day`. */
  private spansOfDay(day: number, out: RawSpan[]): void {
    for (const r of this.normalized(this.rangesOf(day, this.sourceOf(day)))) {
      const start = this.toInstant(day, r.from);
      const end = this.toInstant(day + Math.floor(r.to / 1440), r.to % 1440);
      if (end > start) out.push({ start, end, day });
    }
  }

  /**
   * The instants of a day's local ranges, into `out` as start, end pairs. Away from an offset
   * change (none from two days before the day to three days after, which covers a night shift's
   * end) a local time is its instant less the offset, so the day needs one offset lookup instead
   * of six per range; `toInstant` gives the same instants there (every candidate offset is `o`).
   */
  private instantsOfDay(day: number, out: number[]): void {
    const ranges = this.dayRanges(day);
    if (ranges.length === 0) return;
    const local = day * DAY_MS;
    const o = this.tz.constantOffset(local - 2 * DAY_MS, local + 3 * DAY_MS);
    for (const r of ranges) {
      const start = o === undefined ? this.toInstant(day, r.from) : local + (r.from - o) * MINUTE_MS;
      const end = o === undefined ? this.toInstant(day + Math.floor(r.to / 1440), r.to % 1440) : local + (r.to - o) * MINUTE_MS;
      if (end > start) out.push(start, end);
    }
  }

  /** Rebuilds the flat arrays for local years [y0, y1]. */
  private cover(y0: number, y1: number): void {
    this.n = 0;
    this.openDays = 0;
    this.dn = 0;
    this.cum = 0;
    this.y0 = y0;
    this.y1 = y0 - 1;
    this.gridCells = 0;
    const first = dayNumberOf(y0, 1, 1);
    this.lo = this.toInstant(first, 0);
    // The day before the first year: its night shift may run into the first year.
    this.builtTo = first - 2;
    this.append(y1);
  }

  /**
   * Adds the local years after the covered ones, up to `y1`, to the flat arrays. Days come in date
   * order and a day's spans start on its date (local time maps to instants monotonically), so the
   * spans arrive sorted by start: overlapping ones are joined as they come (overlapping hours are
   * a checker error, but the engine stays total), and the years already built are kept as they
   * are, with their prefix sums: extending a search to later years costs only the new years.
   */
  private append(y1: number): void {
    const last = dayNumberOf(y1, 12, 31);
    const before = this.n;
    const buf: number[] = [];
    for (let d = this.builtTo + 1; d <= last; d++) {
      buf.length = 0;
      this.instantsOfDay(d, buf);
      if (buf.length === 0) continue;
      // Each day's own spans (unioned within the day only), for `d` targets.
      let before = 0;
      for (let k = 0; k < buf.length; k += 2) {
        const start = buf[k]!;
        const end = buf[k + 1]!;
        const j = this.dn - 1;
        if (k > 0 && start < this.dEnds[j]!) {
          if (end > this.dEnds[j]!) this.dEnds[j] = end;
        } else {
          if (k > 0) before += this.dEnds[j]! - this.dStarts[j]!;
          this.reserveDay(this.dn + 1, this.openDays + 1);
          this.dStarts[this.dn] = start;
          this.dEnds[this.dn] = end;
          this.dBefore[this.dn] = before;
          if (k === 0) this.dayFirst[this.openDays++] = this.dn;
          this.dayLast[this.openDays - 1] = this.dn;
          this.dn++;
        }
        // The union of every day's spans.
        const i = this.n - 1;
        if (i >= 0 && start < this.ends[i]!) {
          if (end > this.ends[i]!) {
            this.cum += end - this.ends[i]!;
            this.ends[i] = end;
            this.cumEnd[i] = this.cum;
          }
        } else {
          this.reserve(this.n + 1);
          this.starts[this.n] = start;
          this.ends[this.n] = end;
          this.cumStart[this.n] = this.cum;
          this.cum += end - start;
          this.cumEnd[this.n] = this.cum;
          this.n++;
        }
      }
    }
    this.builtTo = last;
    this.y1 = y1;
    this.hi = this.toInstant(last + 1, 0);
    // The grid's cells before the old last span are unchanged (spans are only added after it, and
    // only the last span's end can move): only the cells from there on are computed, so extending
    // by one year costs one year of cells, not all of them again.
    const cells = Math.ceil((this.hi - this.lo) / GRID_MS) + 1;
    const old = this.grid.subarray(0, this.gridCells);
    const keep = firstAtLeastInt(old, before - 1);
    const grid = this.grid.length >= cells ? this.grid : new Int32Array(Math.max(cells, this.grid.length * 2));
    if (grid !== old) grid.set(old.subarray(0, keep));
    const n = this.n;
    for (let g = keep, i = keep > 0 ? old[keep - 1]! : 0; g < cells; g++) {
      const x = this.lo + g * GRID_MS;
      while (i < n && this.ends[i]! <= x) i++;
      grid[g] = i;
    }
    this.grid = grid;
    this.gridCells = cells;
  }

  /** Room for `n` spans in the union arrays (capacity doubles, so appending is linear). */
  private reserve(n: number): void {
    if (n <= this.starts.length) return;
    const size = Math.max(n, this.starts.length * 2, 1024);
    const grow = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a.subarray(0, this.n));
      return b;
    };
    this.starts = grow(this.starts);
    this.ends = grow(this.ends);
    this.cumStart = grow(this.cumStart);
    this.cumEnd = grow(this.cumEnd);
  }

  /** Room for `dn` day spans and `days` open days in the per-day arrays. */
  private reserveDay(dn: number, days: number): void {
    if (dn > this.dStarts.length) {
      const size = Math.max(dn, this.dStarts.length * 2, 1024);
      const grow = (a: Float64Array) => {
        const b = new Float64Array(size);
        b.set(a.subarray(0, this.dn));
        return b;
      };
      this.dStarts = grow(this.dStarts);
      this.dEnds = grow(this.dEnds);
      this.dBefore = grow(this.dBefore);
    }
    if (days > this.dayFirst.length) {
      const size = Math.max(days, this.dayFirst.length * 2, 256);
      const grow = (a: Int32Array) => {
        const b = new Int32Array(size);
        b.set(a.subarray(0, this.openDays));
        return b;
      };
      this.dayFirst = grow(this.dayFirst);
      this.dayLast = grow(this.dayLast);
    }
  }

  private localYear(t: number): number {
    return new Date(t + this.offsetMinutes(t) * MINUTE_MS).getUTCFullYear();
  }

  /** Makes sure instant `t` lies in the covered years (clamped to 1900..2200). Small, so it inlines. */
  private ensure(t: number): void {
    if (!(t >= this.lo && t < this.hi)) this.extendTo(t);
  }

  private extendTo(t: number): void {
    if (!Number.isFinite(t)) return;
    const y = Math.min(MAX_YEAR, Math.max(MIN_YEAR, this.localYear(t)));
    if (this.y1 < this.y0) this.cover(y, y);
    else if (y < this.y0) this.cover(y, this.y1);
    else if (y > this.y1) this.append(y);
  }

  /**
   * Extends coverage forward by a year; false when there is nothing more to find (the last
   * supported year, or past the last day the calendar can be open). The years already built are
   * kept (issue 14: a 6d target on a calendar open one day a term once rebuilt 175 years 175 times).
   */
  private extendForward(): boolean {
    if (this.y1 >= MAX_YEAR) return false;
    if (dayNumberOf(this.y1, 12, 31) > this.lastOpenDay) return false;
    // One year at a time: appending costs only the new year (its days and grid cells), and a
    // year can be expensive to build (China's holidays are computed astronomically, about 25 ms a
    // year), so doubling the coverage built up to 64 years past a deadline that needed days.
    this.append(this.y1 + 1);
    return true;
  }

  // ---- queries -------------------------------------------------------------------------------

  /** `firstAbove(this.ends, t, 0, this.n)`: the first span ending after t, in constant time inside the grid. */
  private above(t: number): number {
    const d = t - this.lo;
    if (d >= 0 && t < this.hi) {
      const ends = this.ends;
      const n = this.n;
      let i = this.grid[Math.floor(d / GRID_MS)]!;
      while (i < n && ends[i]! <= t) i++;
      return i;
    }
    return firstAbove(this.ends, t, 0, this.n);
  }

  /** Open ms before instant t, counted from the start of the covered range. */
  private cumAt(t: number): number {
    const i = this.above(t);
    if (i >= this.n) return this.n === 0 ? 0 : this.cumEnd[this.n - 1]!;
    const into = t - this.starts[i]!;
    return this.cumStart[i]! + (into > 0 ? into : 0);
  }

  isOpen(t: number): boolean {
    if (this.always && t >= ALWAYS_FROM && t < ALWAYS_TO) return true;
    this.ensure(t);
    const i = this.above(t);
    return i < this.n && this.starts[i]! <= t;
  }

  openBetween(from: number, to: number): number {
    return this.between(from, to);
  }

  openOfSegments(at: Float64Array, length: number, open: Float64Array): number {
    let total = 0;
    for (let i = 0; i < length; i += 2) total += open[i >> 1] = i + 1 < length ? this.between(at[i]!, at[i + 1]!) : Infinity;
    return total;
  }

  /** `openBetween`, in a private method that its callers inline (see `openOfSegments`). */
  private between(from: number, to: number): number {
    if (!(to > from)) return 0;
    if (this.always && from >= ALWAYS_FROM && to < ALWAYS_TO) return to - from;
    this.ensure(from);
    this.ensure(to);
    return this.cumAt(to) - this.cumAt(from);
  }

  /**
   * True when `amountMs` of open time (or `days` open days) cannot fit between `from` and the end of
   * the supported years, by the weekly hours and `open` lines alone: the answer is Infinity without
   * building a year (issue 14: a target of 10^15 hours built every year to 2200 first).
   */
  private beyondReach(from: number, amountMs: number, days: number): boolean {
    if (!Number.isFinite(from)) return false;
    const weeks = Math.max(0, (ALWAYS_END - from) / (7 * DAY_MS)) + 2;
    if (amountMs > 0) return amountMs > weeks * this.weekOpenMsBound + this.openLinesMsBound;
    return days > weeks * this.weekOpenDaysBound + this.opened.size;
  }

  addOpen(from: number, amountMs: number): number {
    if (amountMs <= 0) return from;
    if (this.beyondReach(from, amountMs, 0)) return Infinity;
    if (this.always && from >= ALWAYS_FROM && from + amountMs < ALWAYS_TO) return from + amountMs;
    this.ensure(from);
    const goal = this.cumAt(from) + amountMs;
    while (this.n === 0 || goal > this.cumEnd[this.n - 1]!) {
      if (!this.extendForward()) return Infinity;
    }
    // The answer is at or after from's span (every earlier span ends with less open time than
    // goal); it is usually a few spans on, so gallop there and then search.
    const cumEnd = this.cumEnd;
    let lo = this.above(from);
    let step = 1;
    let hi = lo;
    while (hi < this.n && cumEnd[hi]! < goal) {
      lo = hi + 1;
      hi += step;
      step *= 2;
    }
    const j = firstAtLeast(cumEnd, goal, lo, Math.min(hi + 1, this.n));
    return this.starts[j]! + (goal - this.cumStart[j]!);
  }

  addOpenDays(from: number, days: number): number {
    if (days > 0 && this.beyondReach(from, 0, days)) return Infinity;
    const effective = this.nextOpening(from);
    if (!Number.isFinite(effective)) return Infinity;
    this.ensure(effective);
    // The open day the clock starts on: the earliest day one of whose own spans holds `effective`
    // (in an overlap, the shift already running). Days are in date order and a day's spans start
    // on its date, so look back from the last day that starts at or before `effective`.
    const dayFirst = this.dayFirst;
    let hi = this.openDays - 1;
    let lo = 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.dStarts[dayFirst[mid]!]! <= effective) lo = mid;
      else hi = mid - 1;
    }
    let day = -1;
    let span = -1;
    for (let k = lo; k >= 0 && k >= lo - 3; k--) {
      // The day's last span starting at or before `effective` is the only one that can hold it.
      const j = firstAbove(this.dStarts, effective, dayFirst[k]!, this.dayLast[k]! + 1) - 1;
      if (j >= dayFirst[k]! && effective < this.dEnds[j]!) {
        day = k;
        span = j;
      }
    }
    if (day < 0) return Infinity;
    const position = this.dBefore[span]! + (effective - this.dStarts[span]!);
    const target = day + days;
    while (target >= this.openDays) {
      if (!this.extendForward()) return Infinity;
    }
    const first = this.dayFirst[target]!;
    const last = this.dayLast[target]!;
    if (position <= 0) return this.dStarts[first]!;
    const length = this.dBefore[last]! + (this.dEnds[last]! - this.dStarts[last]!);
    const goal = Math.min(position, length);
    // The first span of the day by whose end `goal` open time has elapsed (the next span's
    // `dBefore` is this one's end; the last span takes the rest).
    const j = firstAtLeast(this.dBefore, goal, first + 1, last + 1) - 1;
    return this.dStarts[j]! + (goal - this.dBefore[j]!);
  }

  nextOpening(t: number): number {
    if (this.always && t >= ALWAYS_FROM && t < ALWAYS_TO) return t;
    this.ensure(t);
    let i = this.above(t);
    while (i >= this.n) {
      if (!this.extendForward()) return Infinity;
      i = this.above(t);
    }
    return Math.max(t, this.starts[i]!);
  }

  nextClosing(t: number, limit: number): number {
    if (this.always && t >= ALWAYS_FROM && limit < ALWAYS_TO) return limit;
    this.ensure(t);
    let i = this.above(t);
    if (i >= this.n || this.starts[i]! > t) return t;
    for (;;) {
      const end = this.ends[i]!;
      if (end >= limit) return limit;
      if (i + 1 >= this.n) {
        if (!this.extendForward()) return end;
        i = this.above(end - 1);
        if (i + 1 >= this.n) return end;
      }
      if (this.starts[i + 1]! !== end) return end;
      i++;
    }
  }

  deadline(from: number, duration: Pick<A.DurationLit, 'unit' | 'amount'>): number {
    return duration.unit === 'day' ? this.addOpenDays(from, duration.amount) : this.addOpen(from, duration.amount * MINUTE_MS);
  }

  dueBy(from: number, to: number, duration: Pick<A.DurationLit, 'unit' | 'amount'>): boolean {
    return this.surelyDueBy(from, to, duration) || this.deadline(from, duration) <= to;
  }

  /**
   * True when the days' hours alone show the deadline comes by `to`, counting only days whose
   * open time is certain without building them: a day with no offset change from two days before
   * it to three after (so its spans are its local ranges less one offset, as `instantsOfDay` makes
   * them), well inside [from, to) (offsets are within ±14 hours; two days' margin, as a day in a
   * gap may move by one). For `m`/`h`, the open time of each such day within its own date (days'
   * own parts are disjoint, so their sum is at most the open time of [from, to)) reaching the
   * amount; for `d`, N + 1 open days: the clock's day is at most the first of them, so the target
   * day is at most the (N + 1)th, and its spans end within two days of its date. False when they
   * do not show it (the caller then computes the deadline).
   */
  private surelyDueBy(from: number, to: number, duration: Pick<A.DurationLit, 'unit' | 'amount'>): boolean {
    if (!(to > from) || !Number.isFinite(from) || !Number.isFinite(to) || !(duration.amount > 0)) return false;
    const byDays = duration.unit === 'day';
    const first = Math.max(Math.ceil(from / DAY_MS) + 2, dayNumberOf(MIN_YEAR + 1, 1, 1));
    const last = Math.min(Math.floor(to / DAY_MS) - (byDays ? 5 : 3), dayNumberOf(MAX_YEAR - 1, 12, 31));
    const goal = byDays ? duration.amount + 1 : duration.amount;
    let have = 0;
    for (let d = first; d <= last; d++) {
      const ranges = this.dayRanges(d);
      if (ranges.length === 0) continue;
      const local = d * DAY_MS;
      if (this.tz.constantOffset(local - 2 * DAY_MS, local + 3 * DAY_MS) === undefined) continue;
      if (byDays) have++;
      else for (const r of ranges) have += Math.min(r.to, 1440) - r.from;
      if (have >= goal) return true;
    }
    return false;
  }

  spans(from: number, to: number): { start: number; end: number }[] {
    const out: { start: number; end: number }[] = [];
    if (!(to > from)) return out;
    this.ensure(from);
    this.ensure(to);
    for (let i = this.above(from); i < this.n && this.starts[i]! < to; i++) {
      out.push({ start: Math.max(from, this.starts[i]!), end: Math.min(to, this.ends[i]!) });
    }
    return out;
  }

  localDay(t: number): number {
    return Math.floor((t + this.offsetMinutes(t) * MINUTE_MS) / DAY_MS);
  }

  startOfDay(date: string): number {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return this.toInstant(dayNumberOf(y, m, d), 0);
  }

  days(from: string, to: string): DayInfo[] {
    const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
    const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
    const first = dayNumberOf(fy, fm, fd);
    const last = Math.min(dayNumberOf(ty, tm, td), first + 366 * 5);
    const out: DayInfo[] = [];
    const names: A.Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
    for (let d = first; d <= last; d++) {
      const raw: RawSpan[] = [];
      this.spansOfDay(d, raw);
      out.push({ date: isoOfDay(d), weekday: names[weekdayOfDay(d)]!, source: this.sourceOf(d), spans: raw.map(({ start, end }) => ({ start, end })) });
    }
    return out;
  }
}

/**
 * Compiles a calendar declaration. Years are built on first use.
 * @example compileCalendar(decl).deadline(Date.parse('2026-11-20T09:00:00Z'), { unit: 'minute', amount: 240 })
 */
export function compileCalendar(decl: A.CalendarDecl, options: CompileOptions = {}): CompiledCalendar {
  return new Compiled(decl, options);
}
