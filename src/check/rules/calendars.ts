/**
 * Calendars: zones exist, opening hours do not overlap or fall into daylight-saving holes,
 * dates sit inside the term, and region holiday sets are ones the data set knows.
 */
import Holidays from 'date-holidays';
import { IANAZone } from 'luxon';
import type * as A from '../../ast/nodes.js';
import { LIMITS } from '../../syntax/limits.js';
import { expandDays, rangeMinutes, weeklyPattern } from '../../time/weekly.js';
import { FIRST_OFFICIAL_YEAR, LAST_OFFICIAL_YEAR, hasOfficialSchedule } from '../../time/cn-official.js';
import { zoneTransitions } from '../../time/calendar.js';
import { DEFAULT_HOLIDAY_TYPES, regionHolidays } from '../../time/holidays.js';
import { rule, type CheckContext, type Rule } from '../checker.js';
import { calendarZone } from '../model.js';
import { didYouMean } from '../suggest.js';
import { isoDateLit } from '../../ast/dates.js';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a date literal. */
export function dayNumber(d: Pick<A.DateLit, 'year' | 'month' | 'day'>): number {
  return Date.UTC(d.year, d.month - 1, d.day) / DAY_MS;
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayOf(day: number): number {
  // 1970-01-01 (day 0) was a Thursday (3); arithmetic, not a Date per day (the term walks were
  // a tenth of a full check of the generated 10,000-line contract).
  return (((day + 3) % 7) + 7) % 7;
}

function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function termDays(term: A.TermStmt): [number, number] | undefined {
  const from = dayNumber(term.from);
  const to = dayNumber(term.to);
  if (to < from || to - from > LIMITS.maxTermYears * 366) return undefined;
  return [from, to];
}

/** The explicit `closed` days and `open` days of a calendar, as day numbers. */
export function explicitDays(cal: A.CalendarDecl): { closed: Map<number, A.ClosedStmt>; opened: Map<number, A.OpenStmt> } {
  const closed = new Map<number, A.ClosedStmt>();
  const opened = new Map<number, A.OpenStmt>();
  for (const s of cal.body) {
    if (s.kind === 'Closed') {
      const from = dayNumber(s.from);
      const to = s.to ? dayNumber(s.to) : from;
      for (let d = from; d <= to && d - from <= LIMITS.maxTermYears * 366; d++) if (!closed.has(d)) closed.set(d, s);
    } else if (s.kind === 'Open') {
      if (!opened.has(dayNumber(s.date))) opened.set(dayNumber(s.date), s);
    }
  }
  return { closed, opened };
}

/**
 * Whether a calendar has an open day in the term, from its weekly hours, `closed` and `open` lines
 * (region holidays aside: no region closes a whole year). The walk stops at the first open day
 * (issue 14: counting every day of a 50-year term for 40 calendars, for a yes-or-no).
 */
export function hasOpenDayInTerm(cal: A.CalendarDecl, term: A.TermStmt): boolean {
  const key = `${dayNumber(term.from)}:${dayNumber(term.to)}`;
  const memo = openDayAnswers.get(cal) ?? new Map<string, boolean>();
  openDayAnswers.set(cal, memo);
  if (!memo.has(key)) memo.set(key, findOpenDay(cal, term));
  return memo.get(key)!;
}

const openDayAnswers = new WeakMap<A.CalendarDecl, Map<string, boolean>>();

function findOpenDay(cal: A.CalendarDecl, term: A.TermStmt): boolean {
  const span = termDays(term);
  if (!span) return true;
  const pattern = weeklyPattern(cal);
  const weekdayOpen = [...Array(7).keys()].map((d) => pattern.open.subarray(d * 1440, (d + 1) * 1440).includes(1));
  const { closed, opened } = explicitDays(cal);
  for (let d = span[0]; d <= span[1]; d++) {
    if (opened.has(d) || (!closed.has(d) && weekdayOpen[weekdayOf(d)])) return true;
  }
  return false;
}

const zoneValidity = new Map<string, boolean>();

/** Whether a zone name is an IANA zone; luxon builds an Intl formatter per question, so answers are kept. */
export function isValidZone(zone: string): boolean {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) zoneValidity.set(zone, (valid = IANAZone.isValidZone(zone)));
  return valid;
}

/** A day on which the zone's offset changes: `before` is the offset (minutes) going into it, `after` coming out. */
interface Transition {
  readonly day: number;
  readonly before: number;
  readonly after: number;
  /** The first instant with the offset `after`. */
  readonly at: number;
}
const transitionCache = new Map<string, Transition[]>();

/** The days of a term on which a zone changes offset, found once per zone and term. */
function transitionDays(zoneName: string, from: number, to: number): Transition[] {
  const key = `${zoneName}|${from}|${to}`;
  let list = transitionCache.get(key);
  if (list) return list;
  list = [];
  // From the engine's per-year offset tables (issue 14: two luxon calls a day of the term were most
  // of a 50-year check of a calendar with many ranges). Day d is a transition day when the offset
  // 14 hours before its start differs from the one 38 hours after: a change at `at` marks the
  // days with d·DAY − 14h < at ≤ d·DAY + 38h (two or three of them).
  for (const t of zoneTransitions(zoneName, from * DAY_MS - 14 * 3_600_000, to * DAY_MS + 38 * 3_600_000 + 1) ?? []) {
    const first = Math.max(from, Math.ceil((t.at - 38 * 3_600_000) / DAY_MS));
    for (let d = first; d <= to && d * DAY_MS - 14 * 3_600_000 < t.at; d++) {
      const last = list[list.length - 1];
      if (last && last.day === d) continue; // two changes within 52 hours: none in the IANA database
      list.push({ day: d, before: t.before, after: t.after, at: t.at });
    }
  }
  transitionCache.set(key, list);
  return list;
}

const zoneValid = rule({
  kind: 'Zone',
  codes: ['PLG2030'],
  speed: 'fast',
  run: (n, ctx) => {
    if (isValidZone(n.zone.value)) return;
    const exact = didYouMean(n.zone.value, Intl.supportedValuesOf('timeZone'));
    ctx.report('PLG2030', `\`${n.zone.value}\` is not an IANA time zone`, n.zone.range, {
      help: exact ? `did you mean \`${exact}\`?` : 'use a name from the IANA time zone database, such as `Asia/Shanghai` or `Europe/Berlin`',
      ...(exact ? { fix: { title: `replace with "${exact}"`, edits: [{ range: n.zone.range, newText: JSON.stringify(exact) }] } } : {}),
    });
  },
});

interface Span {
  readonly start: number;
  readonly end: number;
  readonly range: A.TimeRange;
}

/** Reports each pair of overlapping source ranges once, naming where they overlap. */
function overlaps(list: Span[], ctx: CheckContext, where: (a: Span, b: Span) => string): void {
  const sorted = [...list].sort((a, b) => a.start - b.start || a.range.range.start.offset - b.range.range.start.offset);
  const pairs = new Map<string, { earlier: Span; later: Span; places: string[] }>();
  // One sweep (issue 14: all pairs was quadratic, minutes for 4,000 equal ranges on one day): each
  // span that starts before the furthest-reaching earlier span ends is reported once, against it.
  let reach: Span | undefined;
  for (const span of sorted) {
    if (reach && span.start < reach.end) {
      const [earlier, later] = [reach, span].sort((a, b) => a.range.range.start.offset - b.range.range.start.offset) as [Span, Span];
      const key = `${earlier.range.range.start.offset}:${later.range.range.start.offset}`;
      const entry = pairs.get(key) ?? { earlier, later, places: [] };
      const place = where(earlier, later);
      if (!entry.places.includes(place)) entry.places.push(place);
      pairs.set(key, entry);
    }
    if (!reach || span.end > reach.end) reach = span;
  }
  for (const { earlier, later, places } of pairs.values()) {
    ctx.report('PLG2032', `opening hours overlap on ${places.join(', ')}`, later.range.range, {
      related: [{ message: 'the other range', range: earlier.range.range }],
      help: 'join the ranges into one, or separate them',
    });
  }
}

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const hoursShape = rule({
  kind: 'Calendar',
  codes: ['PLG2032', 'PLG2033'],
  speed: 'fast',
  run: (n, ctx) => {
    const weekly: Span[] = [];
    const checkRange = (r: A.TimeRange) => {
      if (r.from.minutes >= 1440) {
        ctx.report('PLG2033', 'a range cannot start at 24:00', r.from.range, { help: 'write `00:00` for the start of a day' });
        return false;
      }
      if (r.from.minutes === r.to.minutes) {
        ctx.report('PLG2033', 'this range starts where it ends, so it is empty', r.range, { help: 'for the whole day write `00:00-24:00`' });
        return false;
      }
      return true;
    };
    for (const s of n.body) {
      if (s.kind === 'Hours') {
        for (const r of s.ranges) {
          if (!checkRange(r)) continue;
          for (const days of s.days) {
            for (const day of expandDays(days)) {
              const start = day * 1440 + r.from.minutes;
              const end = start + rangeMinutes(r);
              weekly.push({ start, end, range: r });
              // A range crossing Sunday midnight wraps into Monday.
              if (end > 7 * 1440) weekly.push({ start: start - 7 * 1440, end: end - 7 * 1440, range: r });
            }
          }
        }
      } else if (s.kind === 'Open') {
        const spans: Span[] = [];
        for (const r of s.ranges) if (checkRange(r)) spans.push({ start: r.from.minutes, end: r.from.minutes + rangeMinutes(r), range: r });
        overlaps(spans, ctx, () => isoDate(dayNumber(s.date)));
      }
    }
    overlaps(weekly, ctx, (_a, b) => DAY_NAMES[Math.floor((((b.start % 10080) + 10080) % 10080) / 1440)]!);
  },
});

/**
 * The first range of a calendar past the Limits table's ranges per day: the weekday (or `open`
 * date) whose lines list more than `LIMITS.maxRangesPerDay` ranges, and the range that passes it.
 */
export function rangesPastLimit(cal: A.CalendarDecl): { day: string; count: number; range: A.TimeRange } | undefined {
  let found = pastLimit.get(cal);
  if (found === undefined) pastLimit.set(cal, (found = findRangesPastLimit(cal) ?? null));
  return found ?? undefined;
}
const pastLimit = new WeakMap<A.CalendarDecl, { day: string; count: number; range: A.TimeRange } | null>();

function findRangesPastLimit(cal: A.CalendarDecl): { day: string; count: number; range: A.TimeRange } | undefined {
  const max = LIMITS.maxRangesPerDay;
  const perWeekday = [0, 0, 0, 0, 0, 0, 0];
  const totals = [0, 0, 0, 0, 0, 0, 0];
  let first: { day: string; count: number; range: A.TimeRange } | undefined;
  for (const s of cal.body) {
    if (s.kind === 'Hours') {
      for (const days of s.days) for (const d of expandDays(days)) totals[d] += s.ranges.length;
      if (first) continue;
      for (const days of s.days) {
        for (const d of expandDays(days)) {
          if (first || perWeekday[d]! + s.ranges.length <= max) {
            perWeekday[d] += s.ranges.length;
            continue;
          }
          first = { day: DAY_NAMES[d]!, count: 0, range: s.ranges[max - perWeekday[d]!]! };
          perWeekday[d] += s.ranges.length;
        }
      }
    } else if (s.kind === 'Open' && s.ranges.length > max && !first) {
      first = { day: isoDate(dayNumber(s.date)), count: s.ranges.length, range: s.ranges[max]! };
    }
  }
  if (first && first.count === 0) first = { ...first, count: totals[DAY_NAMES.indexOf(first.day)]! };
  return first;
}

/** `1,001`: digits grouped by thousands, whatever the machine's locale. */
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The Limits table: ranges per day, calendars per contract, and assert checks per contract. */
const calendarLimits = [
  rule({
    kind: 'Calendar',
    codes: ['PLG2160'],
    speed: 'fast',
    run: (n, ctx) => {
      const past = rangesPastLimit(n);
      if (!past) return;
      ctx.report('PLG2160', `calendar \`${n.name.text}\` lists ${thousands(past.count)} opening ranges on ${past.day}, more than the ${thousands(LIMITS.maxRangesPerDay)} Pledge checks`, past.range.range, {
        help: 'join touching or overlapping ranges into one (`09:00-12:00, 12:00-18:00` is `09:00-18:00`); the daylight-saving check of this calendar is skipped',
        related: [{ message: 'the calendar', range: n.name.range }],
      });
    },
  }),
  rule({
    kind: 'Contract',
    codes: ['PLG2161'],
    speed: 'fast',
    run: (n, ctx) => {
      const calendars = n.declarations.filter((d): d is A.CalendarDecl => d.kind === 'Calendar');
      if (calendars.length <= LIMITS.maxCalendars) return;
      const past = calendars[LIMITS.maxCalendars]!;
      ctx.report('PLG2161', `the contract declares ${thousands(calendars.length)} calendars, more than the ${thousands(LIMITS.maxCalendars)} Pledge checks`, past.name.range, {
        help: 'calendars with the same hours can be one calendar: declare it once and measure every target on it',
      });
    },
  }),
  rule({
    kind: 'Contract',
    codes: ['PLG2162'],
    speed: 'fast',
    // Each check has its own budget of steps in `pledge test`: the limit bounds the whole run.
    run: (_n, ctx) => {
      let count = 0;
      let past: A.Name | undefined;
      for (const decl of ctx.model.asserts) {
        for (const stmt of decl.body) {
          for (const p of stmt.priorities) if (++count === LIMITS.maxAssertChecks + 1) past = p;
        }
      }
      if (!past) return;
      ctx.report('PLG2162', `the contract's asserts make ${thousands(count)} checks (one per priority of each assert line), more than the ${thousands(LIMITS.maxAssertChecks)} Pledge tests`, past.range, {
        help: '`pledge test` does not run the checks past the limit; an assert that names several priorities is one check per priority',
      });
    },
  }),
];

/** Dates in calendars and scenarios should fall inside the term. */
const datesInTerm = rule({
  kind: 'Contract',
  codes: ['PLG2033', 'PLG2034', 'PLG2035', 'PLG2036', 'PLG2038', 'PLG2170', 'PLG2171'],
  speed: 'fast',
  run: (_n, ctx) => {
    const term = ctx.model.term;
    const span = term ? [dayNumber(term.from), dayNumber(term.to)] : undefined;
    if (term && span && span[1]! < span[0]!) {
      ctx.report('PLG2035', `the term ends on ${isoDate(span[1]!)}, before it starts on ${isoDate(span[0]!)}`, term.range, { help: 'swap the two dates' });
    }
    // The Limits table: a term ends before the same date LIMITS.maxTermYears years after it starts.
    if (term && span && span[1]! >= dayNumber({ ...term.from, year: term.from.year + LIMITS.maxTermYears })) {
      ctx.report('PLG2171', `the term (${isoDate(span[0]!)} to ${isoDate(span[1]!)}) is longer than the ${LIMITS.maxTermYears} years Pledge checks`, term.range, {
        help: `end the term before ${term.from.year + LIMITS.maxTermYears}-${String(term.from.month).padStart(2, '0')}-${String(term.from.day).padStart(2, '0')}, or split the contract into terms of at most ${LIMITS.maxTermYears} years; dates, closures and worst cases are not checked past the limit`,
      });
    }
    const termOk = span && span[1]! >= span[0]!;
    const outside = (date: A.DateLit) => termOk && (dayNumber(date) < span[0]! || dayNumber(date) > span[1]!);
    const warnOutside = (date: A.DateLit, what: string) => {
      if (outside(date)) {
        ctx.report('PLG2034', `${what} ${isoDate(dayNumber(date))} is outside the term (${isoDate(span![0]!)} to ${isoDate(span![1]!)})`, date.range, {
          related: [{ message: 'the term', range: term!.range }],
          help: 'check the year',
        });
      }
    };
    for (const cal of ctx.model.calendars.values()) {
      const pattern = weeklyPattern(cal);
      const { closed, opened } = explicitDays(cal);
      for (const s of cal.body) {
        if (s.kind === 'Closed') {
          if (s.to && dayNumber(s.to) < dayNumber(s.from)) {
            ctx.report('PLG2033', `this closure ends on ${isoDate(dayNumber(s.to))}, before it starts`, s.range, { help: 'swap the two dates' });
            continue;
          }
          warnOutside(s.from, 'closed date');
          if (s.to && !outside(s.from)) warnOutside(s.to, 'closed date');
        } else if (s.kind === 'Open') {
          const day = dayNumber(s.date);
          warnOutside(s.date, 'open date');
          // An `open` day inside a multi-day closure is a deliberate exception; closing that very day is a contradiction.
          const closedBy = cal.body.find(
            (x): x is A.ClosedStmt => x.kind === 'Closed' && dayNumber(x.from) === day && (!x.to || dayNumber(x.to) === day),
          );
          if (closedBy) {
            ctx.report('PLG2038', `${isoDate(day)} is both closed and opened; the \`open\` line wins`, s.date.range, {
              related: [{ message: 'closed here', range: closedBy.range }],
              help: 'remove one of the two lines',
            });
          } else if (!closed.has(day) && opened.get(day) === s) {
            const wd = weekdayOf(day);
            // The day's own weekly ranges (a previous night's shift running past midnight is not one).
            const ownRanges = (w: number) =>
              cal.body.flatMap((x) => (x.kind === 'Hours' && x.days.some((d) => expandDays(d).includes(w)) ? x.ranges : []));
            const usualHours = ownRanges(wd).length > 0 && pattern.open.subarray(wd * 1440, wd * 1440 + 1440).includes(1);
            // The previous day's night shift (its `open` line if it has one, else its weekly hours)
            // running into this day's `open` ranges: both days own the overlap (reference, "Durations").
            if (!closed.has(day - 1)) {
              const prevOpen = opened.get(day - 1);
              const prev = prevOpen ? prevOpen.ranges : ownRanges(weekdayOf(day - 1));
              const spill = Math.max(0, ...prev.map((r) => (r.from.minutes < 1440 ? r.from.minutes + rangeMinutes(r) - 1440 : 0)));
              const first = Math.min(...s.ranges.map((r) => r.from.minutes));
              if (spill > first) {
                const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
                ctx.report('PLG2170', `${isoDate(day)} opens at ${hm(first)}, while the previous day's night shift runs until ${hm(spill)}`, s.date.range, {
                  help: `the overlap counts once for \`m\`/\`h\` targets; for \`d\` targets it belongs to both days, and a clock started in it is on the previous day; start the \`open\` hours at ${hm(spill)} if that is meant`,
                });
              }
            }
            const hasHolidays = cal.body.some((x) => x.kind === 'Holidays');
            if (usualHours && !hasHolidays) {
              ctx.report('PLG2036', `${isoDate(day)} is a ${DAY_NAMES[wd]}, already a working day of \`${cal.name.text}\``, s.date.range, {
                help: '`open` is for days that would otherwise be closed, such as make-up working Saturdays; here it only replaces the usual hours',
              });
            }
          }
        }
      }
    }
    for (const sc of ctx.model.scenarios) {
      for (const s of sc.body) {
        if (s.kind !== 'Period') continue;
        if (dayNumber(s.to) < dayNumber(s.from)) {
          ctx.report('PLG2033', 'this period ends before it starts', s.range, { help: 'swap the two dates' });
          continue;
        }
        warnOutside(s.from, 'scenario date');
        if (!outside(s.from)) warnOutside(s.to, 'scenario date');
      }
    }
  },
});

/**
 * Daylight saving: an opening or closing time that does not exist on some day (spring forward)
 * or happens twice (fall back) in the term. Walks the term's days with the zone's offsets.
 */
const dstHoles = rule({
  kind: 'Calendar',
  codes: ['PLG2031'],
  speed: 'slow',
  run: (n, ctx) => {
    const zoneName = calendarZone(n);
    const term = ctx.model.term;
    if (!zoneName || !term || !isValidZone(zoneName) || rangesPastLimit(n)) return; // past the limit: PLG2160
    const span = termDays(term);
    if (!span) return;
    // Boundaries per weekday: minutes of the local day at which the calendar opens or closes.
    const boundaries: { weekday: number; minutes: number; node: A.TimeLit }[] = [];
    for (const s of n.body) {
      if (s.kind !== 'Hours') continue;
      for (const days of s.days) {
        for (const day of expandDays(days)) {
          for (const r of s.ranges) {
            boundaries.push({ weekday: day, minutes: r.from.minutes, node: r.from });
            // `to` of a range that crosses midnight (or is 24:00) falls on the next day.
            const nextDay = r.to.minutes <= r.from.minutes || r.to.minutes === 1440;
            boundaries.push({ weekday: nextDay ? (day + 1) % 7 : day, minutes: r.to.minutes % 1440, node: r.to });
          }
        }
      }
    }
    const reported = new Set<string>();
    for (const { day: d, before, after, at } of transitionDays(zoneName, span[0], span[1] + 1)) {
      const wd = weekdayOf(d);
      for (const b of boundaries) {
        if (b.weekday !== wd) continue;
        const local = d * DAY_MS + b.minutes * 60_000;
        // A reading of the local time with an offset is valid when the zone has that offset at the
        // instant it gives: before the change for `before`, from it on for `after` (one change
        // in the day's window), so no zone lookup per boundary.
        const valid = [before, after].filter((o) => (o === before ? local - o * 60_000 < at : local - o * 60_000 >= at));
        const hh = String(Math.floor(b.minutes / 60)).padStart(2, '0');
        const mm = String(b.minutes % 60).padStart(2, '0');
        const key = `${b.node.range.start.offset}:${valid.length}`;
        if (reported.has(key)) continue;
        reported.add(key);
        if (valid.length === 0) {
          ctx.report('PLG2031', `${hh}:${mm} does not exist on ${isoDate(d)} in \`${zoneName}\` (daylight saving starts)`, b.node.range, {
            help: 'that day the calendar opens or closes at the first instant after the gap; move the time out of the gap to avoid surprises',
          });
        } else if (valid.length === 2) {
          ctx.report('PLG2031', `${hh}:${mm} happens twice on ${isoDate(d)} in \`${zoneName}\` (daylight saving ends)`, b.node.range, {
            help: 'Pledge takes the first occurrence; move the time out of the repeated hour to avoid surprises',
          });
        }
      }
    }
  },
});

const HOLIDAY_TYPES = ['public', 'bank', 'school', 'optional', 'observance'];
let holidayData: Holidays | undefined;

/** Region codes (`CN`, `US-CA`) and holiday types must be ones date-holidays knows. */
const holidayRegion = rule({
  kind: 'Holidays',
  codes: ['PLG2037'],
  speed: 'slow',
  run: (n, ctx) => {
    holidayData ??= new Holidays();
    const [country = '', state] = n.region.value.split('-');
    const countries = holidayData.getCountries('en') ?? {};
    if (!(country in countries)) {
      const upper = country.toUpperCase();
      ctx.report('PLG2037', `\`${n.region.value}\` is not a holiday region date-holidays knows`, n.region.range, {
        help: upper in countries ? `region codes are upper case: \`${n.region.value.toUpperCase()}\`` : 'use an ISO 3166 country code such as `CN` or `DE`, optionally with a state: `US-CA`, `DE-BY`',
      });
      return;
    }
    if (state !== undefined) {
      const states = holidayData.getStates(country, 'en') ?? {};
      if (!(state in states)) {
        const list = Object.keys(states).slice(0, 12).join(', ');
        ctx.report('PLG2037', `\`${country}\` has no state \`${state}\` in date-holidays`, n.region.range, {
          help: list ? `known states of ${country}: ${list}${Object.keys(states).length > 12 ? ', …' : ''}` : `${country} has no states in the data set; write \`${country}\``,
        });
      }
    }
    for (const t of n.types) {
      if (!HOLIDAY_TYPES.includes(t.text)) {
        ctx.report('PLG2037', `unknown holiday type \`${t.text}\``, t.range, { help: `holiday types are ${HOLIDAY_TYPES.map((x) => `\`${x}\``).join(', ')}` });
      }
    }
  },
});

/** `1998, 2027-2028`: years as a short list with runs joined. */
function yearList(years: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < years.length; ) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j]! + 1) j++;
    parts.push(j === i ? `${years[i]}` : `${years[i]}-${years[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/**
 * `holidays "CN"` follows the State Council's notices for the years Pledge ships (language
 * reference, "China's official schedule"); the years of the term without one follow date-holidays,
 * which knows no bridge days or make-up working days. Says so, once per `holidays` line.
 */
const cnWithoutNotice = rule({
  kind: 'Holidays',
  codes: ['PLG2039'],
  speed: 'fast',
  run: (n, ctx) => {
    const region = n.region.value;
    if (region !== 'CN' && !region.startsWith('CN-')) return;
    if (n.types.length > 0 && !n.types.some((t) => t.text === 'public')) return;
    const term = ctx.model.term;
    if (!term || !termDays(term)) return;
    const missing: number[] = [];
    for (let y = term.from.year; y <= term.to.year; y++) if (!hasOfficialSchedule(y)) missing.push(y);
    if (missing.length === 0) return;
    const later = missing.some((y) => y > LAST_OFFICIAL_YEAR);
    ctx.report(
      'PLG2039',
      `the term reaches ${yearList(missing)}, outside the State Council holiday notices Pledge ships (${FIRST_OFFICIAL_YEAR}-${LAST_OFFICIAL_YEAR}): there \`holidays "${region}"\` follows date-holidays' rules, without bridge days or make-up working days (调休)`,
      n.region.range,
      {
        related: [{ message: 'the term', range: term.range }],
        help: later
          ? "when the State Council publishes the year's notice (国务院办公厅关于部分节假日安排的通知), state its days off with `closed` and its make-up days with `open`, or use a Pledge version that ships it"
          : "state that year's official days off with `closed` and its make-up working days with `open`",
      },
    );
  },
});

/**
 * `holidays file`: the file could not be read (PLG2130), is not iCalendar (PLG2131), or has events
 * that cover part of a day, recur, close a date twice or close nothing (PLG2132-PLG2135); every
 * finding sits on the statement's path, naming the file's line (language reference, "Holidays
 * from an iCalendar file").
 */
const holidayFile = rule({
  kind: 'HolidaysFile',
  codes: ['PLG2130', 'PLG2131', 'PLG2132', 'PLG2133', 'PLG2134', 'PLG2135'],
  speed: 'fast',
  run: (n, ctx) => {
    const file = ctx.model.holidayFiles.get(n);
    const name = `\`${n.file.value}\``;
    if (!file) return;
    if (file.kind === 'unreadable') {
      ctx.report('PLG2130', `cannot read ${name}: ${file.reason}`, n.file.range, { help: 'the path is relative to the contract\'s own file; state the dates with `closed` lines where files cannot be read' });
      return;
    }
    for (const f of file.findings) {
      ctx.report(f.code, `${name} ${f.message}`, n.file.range, f.code === 'PLG2132' ? { help: 'close the whole day with a `closed` line, or make the event all-day, if the day is meant to be off' } : {});
    }
  },
});

function dateListText(dates: readonly string[]): string {
  return dates.length <= 5 ? dates.join(', ') : `${dates.slice(0, 5).join(', ')} and ${dates.length - 5} more`;
}

/**
 * A date a `holidays file` closes that a `closed` line, a region holiday or an earlier file of the
 * same calendar closes too (PLG2133): the file is probably imported on top of a set that already
 * has it. Region holidays are looked up over the term's years (or the file's, without a term).
 */
const fileClosedTwice = rule({
  kind: 'Calendar',
  codes: ['PLG2133'],
  speed: 'slow',
  run: (cal, ctx) => {
    const files = cal.body.filter((s): s is A.HolidaysFileStmt => s.kind === 'HolidaysFile');
    if (files.length === 0) return;
    const term = ctx.model.term;
    const iso = isoDateLit;
    const closedBy = new Map<string, A.ClosedStmt>();
    for (const s of cal.body) {
      if (s.kind !== 'Closed') continue;
      const from = Date.UTC(s.from.year, s.from.month - 1, s.from.day);
      const to = s.to ? Date.UTC(s.to.year, s.to.month - 1, s.to.day) : from;
      for (let t = from, n = 0; t <= to && n < 366 * 5; t += 86_400_000, n++) {
        const d = new Date(t).toISOString().slice(0, 10);
        if (!closedBy.has(d)) closedBy.set(d, s);
      }
    }
    const earlier = new Map<string, A.HolidaysFileStmt>();
    for (const f of files) {
      const read = ctx.model.holidayFiles.get(f);
      if (!read || read.kind !== 'read') continue;
      const days = read.days.filter((d) => d.kind === 'off' && (!term || (d.date >= iso(term.from) && d.date <= iso(term.to))));
      const years = [...new Set(days.map((d) => Number(d.date.slice(0, 4))))];
      const regionOn = new Map<string, string>();
      for (const s of cal.body) {
        if (s.kind !== 'Holidays') continue;
        const types = s.types.length ? s.types.map((t) => t.text) : DEFAULT_HOLIDAY_TYPES;
        for (const y of years) for (const c of regionHolidays(s.region.value, types, y).closures) if (c.kind !== 'workday' && !regionOn.has(c.date)) regionOn.set(c.date, `holidays "${s.region.value}"`);
      }
      const twice = new Map<string, { dates: string[]; range?: A.Range }>();
      const note = (by: string, date: string, range?: A.Range) => {
        const entry = twice.get(by) ?? { dates: [], ...(range ? { range } : {}) };
        entry.dates.push(date);
        twice.set(by, entry);
      };
      for (const d of days) {
        const line = closedBy.get(d.date);
        if (line) note(`the \`closed\` line ${line.range.start.line}`, d.date, line.range);
        else if (regionOn.has(d.date)) note(regionOn.get(d.date)!, d.date);
        else if (earlier.has(d.date)) note(`\`holidays file "${earlier.get(d.date)!.file.value}"\``, d.date, earlier.get(d.date)!.range);
      }
      for (const [by, { dates, range }] of twice) {
        ctx.report('PLG2133', `\`${f.file.value}\` closes ${dates.length === 1 ? 'a date' : `${dates.length} dates`} that ${by} closes too: ${dateListText(dates)}`, f.file.range, {
          ...(range ? { related: [{ message: 'also closed here', range }] } : {}),
          help: 'a date closed twice is still closed once; drop it from one of the two if the file was imported on top of a set that has it',
        });
      }
      for (const d of days) if (!earlier.has(d.date)) earlier.set(d.date, f);
    }
  },
});

export const CALENDAR_RULES: readonly Rule[] = [zoneValid, hoursShape, ...calendarLimits, datesInTerm, dstHoles, holidayRegion, cnWithoutNotice, holidayFile, fileClosedTwice] as Rule[];
