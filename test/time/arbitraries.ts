/**
 * fast-check arbitraries for the time engine's properties: random calendars as source text (parsed
 * back to a `CalendarDecl`), in zones with awkward daylight-saving rules, with filing instants and
 * durations near the awkward dates. Calendars are well-formed by construction: no two ranges overlap
 * in local wall time (PLG2032), including night ranges into the next day and `open` make-up days, so
 * every open span has exactly one owning date and the `d` rule is well defined.
 */
import fc from 'fast-check';
import type * as A from '../../src/ast/nodes.js';
import { WEEKDAYS } from '../../src/ast/nodes.js';
import { parse } from '../../src/index.js';
import { DAY, dayOf, isoOfDay, MINUTE, weekdayOfDay } from './reference.js';

/** Parses `calendar c { … }` source and returns its declaration; throws on any diagnostic. */
export function parseCalendar(source: string): A.CalendarDecl {
  const { ast, diagnostics } = parse(source);
  if (diagnostics.length) throw new Error(`generated calendar does not parse:\n${source}\n${diagnostics.map((d) => d.message).join('\n')}`);
  const decl = ast.declarations[0];
  if (decl?.kind !== 'Calendar') throw new Error(`not a calendar:\n${source}`);
  return decl;
}

/** Zones with their awkward dates: the random window is a few weeks around one of them. */
export const ZONE_ANCHORS: readonly { zone: string; date: string; why: string }[] = [
  { zone: 'UTC', date: '2026-12-31', why: 'year boundary' },
  { zone: 'UTC', date: '2028-02-29', why: 'leap day' },
  { zone: 'America/New_York', date: '2026-03-08', why: 'spring forward 02:00 → 03:00' },
  { zone: 'America/New_York', date: '2026-11-01', why: 'fall back 02:00 → 01:00' },
  { zone: 'Europe/Berlin', date: '2026-03-29', why: 'spring forward 02:00 → 03:00' },
  { zone: 'Europe/Berlin', date: '2026-10-25', why: 'fall back 03:00 → 02:00' },
  { zone: 'Australia/Lord_Howe', date: '2026-04-05', why: '30-minute fall back 02:00 → 01:30' },
  { zone: 'Australia/Lord_Howe', date: '2026-10-04', why: '30-minute spring forward 02:00 → 02:30' },
  { zone: 'Asia/Kathmandu', date: '2026-06-15', why: '+05:45' },
  { zone: 'Pacific/Apia', date: '2011-12-30', why: 'the skipped day' },
  { zone: 'Pacific/Apia', date: '2011-09-24', why: 'spring forward 03:00 → 04:00' },
  { zone: 'Pacific/Apia', date: '2012-04-01', why: 'fall back 04:00 → 03:00' },
  { zone: 'Asia/Shanghai', date: '2026-10-01', why: 'Golden Week (no DST)' },
  { zone: 'America/Sao_Paulo', date: '2017-10-15', why: 'spring forward at midnight: the day starts at 01:00' },
  { zone: 'America/Sao_Paulo', date: '2018-02-17', why: 'fall back at midnight: 23:00-24:00 happens twice' },
];

export const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** A local range in minutes: `to` > `from`, and past 1440 when it crosses midnight. */
interface GenRange {
  readonly from: number;
  readonly to: number;
  /** Write an end at midnight as `00:00` rather than `24:00` (the same instant). */
  readonly midnightAsZero: boolean;
}
const rangeText = (r: GenRange): string => {
  const end = r.to === 1440 ? (r.midnightAsZero ? '00:00' : '24:00') : hhmm(r.to % 1440);
  return `${hhmm(r.from)}-${end}`;
};

/** A range on a `grid`-minute grid; never empty and never a whole day unless it is `00:00-24:00`. */
const rangeArb = (grid: number): fc.Arbitrary<GenRange> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant({ from: 0, to: 1440, midnightAsZero: false }) },
    {
      weight: 6,
      arbitrary: fc
        .record({
          // Half the starts fall where clocks change: 00:00-04:00 (most zones) and 22:00-24:00
          // (Sao Paulo's midnight changes repeat 23:00-24:00 or skip 00:00-01:00).
          start: fc.oneof(fc.integer({ min: 0, max: 1440 / grid - 1 }), fc.integer({ min: 0, max: 240 / grid }), fc.integer({ min: 1320 / grid, max: 1440 / grid - 1 })),
          steps: fc.oneof(fc.integer({ min: 1, max: 1440 / grid }), fc.integer({ min: 1, max: 180 / grid })),
          midnightAsZero: fc.boolean(),
        })
        .map(({ start, steps, midnightAsZero }) => {
          const from = start * grid;
          // A range of 24 hours that does not start at midnight would start where it ends (PLG2033).
          const length = from === 0 ? steps * grid : Math.min(steps * grid, 1440 - grid);
          return { from, to: from + length, midnightAsZero };
        }),
    },
  );

interface GenHours {
  readonly days: readonly { from: A.Weekday; to: A.Weekday }[];
  readonly ranges: readonly GenRange[];
}
const hoursArb = (grid: number): fc.Arbitrary<GenHours> =>
  fc.record({
    days: fc.array(fc.record({ from: fc.constantFrom(...WEEKDAYS), to: fc.constantFrom(...WEEKDAYS) }), { minLength: 1, maxLength: 2 }),
    ranges: fc.array(rangeArb(grid), { minLength: 1, maxLength: 2 }),
  });

function expand(from: A.Weekday, to: A.Weekday): number[] {
  const out: number[] = [];
  for (let d = WEEKDAYS.indexOf(from); ; d = (d + 1) % 7) {
    out.push(d);
    if (d === WEEKDAYS.indexOf(to)) break;
  }
  return out;
}

/** Drops every range that would overlap an earlier one on some weekday (wrapping past Sunday). */
function nonOverlappingHours(lines: readonly GenHours[]): GenHours[] {
  const week = new Uint8Array(7 * 1440);
  const out: GenHours[] = [];
  for (const line of lines) {
    const days = line.days.flatMap((d) => expand(d.from, d.to));
    const kept: GenRange[] = [];
    for (const r of line.ranges) {
      const minutes = days.flatMap((d) => Array.from({ length: r.to - r.from }, (_, i) => (d * 1440 + r.from + i) % (7 * 1440)));
      // A repeated weekday in one line (`mon-wed, tue`) repeats minutes too, so it is caught here.
      if (new Set(minutes).size !== minutes.length || minutes.some((m) => week[m])) continue;
      for (const m of minutes) week[m] = 1;
      kept.push(r);
    }
    if (kept.length) out.push({ days: line.days, ranges: kept });
  }
  return out;
}

/** A random calendar, with where its interesting window is. */
export interface GenCalendar {
  readonly source: string;
  readonly decl: A.CalendarDecl;
  readonly zone: string;
  /** UTC midnight of the anchor date (ms). */
  readonly anchor: number;
  /** Open minutes in a week of its weekly hours (ignoring closures and daylight saving). */
  readonly weeklyOpenMinutes: number;
}

const FALLBACK_HOURS: GenHours = { days: [{ from: 'mon', to: 'fri' }], ranges: [{ from: 540, to: 1050, midnightAsZero: false }] };

/**
 * The wall-time ranges each date owns in [first, last] by the precedence open > closed > weekly,
 * as absolute minutes, to check that make-up days overlap nothing.
 */
function wallIntervals(hours: readonly GenHours[], closed: readonly { from: number; to: number }[], opens: ReadonlyMap<number, readonly GenRange[]>, first: number, last: number): [number, number][] {
  const weekly: GenRange[][] = [[], [], [], [], [], [], []];
  for (const h of hours) for (const d of h.days.flatMap((x) => expand(x.from, x.to))) weekly[d]!.push(...h.ranges);
  const out: [number, number][] = [];
  for (let day = first; day <= last; day++) {
    const ranges = opens.get(day) ?? (closed.some((c) => c.from <= day && day <= c.to) ? [] : weekly[weekdayOfDay(day)]!);
    for (const r of ranges) out.push([day * 1440 + r.from, day * 1440 + r.to]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}
const overlaps = (iv: [number, number][]): boolean => iv.some((x, i) => i > 0 && x[0] < iv[i - 1]![1]);

export const calendarArb: fc.Arbitrary<GenCalendar> = fc
  .record({
    anchor: fc.constantFrom(...ZONE_ANCHORS),
    grid: fc.constantFrom(15, 30),
  })
  .chain(({ anchor, grid }) =>
    fc.record({
      anchor: fc.constant(anchor),
      hours: fc.array(hoursArb(grid), { minLength: 1, maxLength: 3 }),
      closed: fc.array(fc.record({ offset: fc.integer({ min: -10, max: 10 }), length: fc.integer({ min: 0, max: 3 }) }), { maxLength: 2 }),
      opens: fc.array(fc.record({ offset: fc.integer({ min: -10, max: 10 }), ranges: fc.array(rangeArb(grid), { minLength: 1, maxLength: 2 }) }), { maxLength: 2 }),
    }),
  )
  .map(({ anchor, hours, closed, opens }) => {
    const anchorDay = dayOf(...(anchor.date.split('-').map(Number) as [number, number, number]));
    let kept = nonOverlappingHours(hours);
    let weeklyOpenMinutes = kept.reduce((sum, h) => sum + h.days.flatMap((d) => expand(d.from, d.to)).length * h.ranges.reduce((s, r) => s + r.to - r.from, 0), 0);
    // Too little open time makes the stepping reference walk for months: use office hours instead.
    if (weeklyOpenMinutes < 120) {
      kept = [FALLBACK_HOURS];
      weeklyOpenMinutes = 5 * 510;
    }
    const closedDays = closed.map((c) => ({ from: anchorDay + c.offset, to: anchorDay + c.offset + c.length }));
    const openDays = new Map<number, readonly GenRange[]>();
    for (const o of opens) {
      const day = anchorDay + o.offset;
      if (openDays.has(day)) continue;
      openDays.set(day, o.ranges);
      // A make-up day whose hours overlap each other or a neighbour's night range is dropped.
      if (overlaps(wallIntervals(kept, closedDays, openDays, day - 1, day + 1))) openDays.delete(day);
    }
    const lines = [
      `calendar c {`,
      `  zone "${anchor.zone}"`,
      ...kept.map((h) => `  hours ${h.days.map((d) => (d.from === d.to ? d.from : `${d.from}-${d.to}`)).join(', ')} ${h.ranges.map(rangeText).join(', ')}`),
      ...closedDays.map((c) => `  closed ${isoOfDay(c.from)}${c.to > c.from ? ` to ${isoOfDay(c.to)}` : ''}`),
      ...[...openDays].map(([day, ranges]) => `  open ${isoOfDay(day)} ${ranges.map(rangeText).join(', ')}`),
      `}`,
    ];
    const source = lines.join('\n') + '\n';
    const gen: GenCalendar = { source, decl: parseCalendar(source), zone: anchor.zone, anchor: anchorDay * DAY, weeklyOpenMinutes };
    // Counterexamples print as the source text, not as the whole AST.
    return Object.assign(gen, { [fc.toStringMethod]: () => `calendar near ${anchor.date} (${anchor.why}):\n${source}` });
  });

/** A minute-aligned instant within ten days of the anchor; often on a 15-minute grid, where boundaries are. */
export const instantNear = (anchor: number): fc.Arbitrary<number> =>
  fc
    .record({ minutes: fc.integer({ min: -10 * 1440, max: 10 * 1440 }), onGrid: fc.boolean() })
    .map(({ minutes, onGrid }) => anchor + (onGrid ? Math.round(minutes / 15) * 15 : minutes) * MINUTE);

/**
 * A target duration: open minutes (up to three days' worth, and at most two weeks of this
 * calendar's open time so the reference stays quick) or 1-5 open days.
 */
export const durationArb = (weeklyOpenMinutes: number): fc.Arbitrary<{ unit: 'minute' | 'day'; amount: number }> =>
  fc.oneof(
    fc.integer({ min: 1, max: Math.min(3 * 1440, 2 * weeklyOpenMinutes) }).map((amount) => ({ unit: 'minute' as const, amount })),
    fc.integer({ min: 1, max: 5 }).map((amount) => ({ unit: 'day' as const, amount })),
  );
