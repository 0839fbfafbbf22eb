/**
 * Calendars compared by meaning: zone, weekly hours as open minutes, holiday sets, and the dated
 * exceptions (closed days, make-up working days, region holidays) as the days they change over the
 * term both versions share. A reordered or re-spelt calendar with the same open time is unchanged.
 */
import { DateTime } from 'luxon';
import type * as A from '../ast/nodes.js';
import { calendarZone, type Model } from '../check/model.js';
import { dayNumber, explicitDays, weekdayOf } from '../check/rules/calendars.js';
import type { CompiledCalendar, DayInfo } from '../time/calendar.js';
import { DEFAULT_HOLIDAY_TYPES } from '../time/holidays.js';
import { weeklyPattern } from '../time/weekly.js';
import { humanHours } from '../report/time-format.js';
import { linesOf, makeChange, type Change, type Favours } from './change.js';
import { clockTime, isoDate, mergeRanges, rangesWords, weeklyRanges, weeklyWords } from './words.js';

const DAY_MS = 86_400_000;

export interface CalendarSide {
  readonly decl: A.CalendarDecl;
  /** The compiled calendar, when the contract checked without errors. */
  readonly compiled?: CompiledCalendar;
  /** What its `holidays file` lines read (the model's `holidayFiles`), for the days they close without a shared term. */
  readonly files?: Model['holidayFiles'];
}

type Ranges = readonly (readonly [number, number])[];

/** Who gains when open time goes from `a` to `b`: more open time makes every deadline come sooner. */
export function openTimeFavours(a: Ranges | Uint8Array, b: Ranges | Uint8Array): Favours {
  const bits = (r: Ranges | Uint8Array): Uint8Array => {
    if (r instanceof Uint8Array) return r;
    const out = new Uint8Array(3 * 1440);
    for (const [s, e] of r) out.fill(1, Math.max(0, s), Math.min(out.length, e));
    return out;
  };
  const x = bits(a);
  const y = bits(b);
  let gained = false;
  let lost = false;
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (!x[i] && y[i]) gained = true;
    if (x[i] && !y[i]) lost = true;
  }
  return gained && lost ? 'mixed' : gained ? 'customer' : lost ? 'provider' : 'neither';
}

function holidaysWords(decl: A.CalendarDecl): string {
  const sets = decl.body
    .filter((s): s is A.HolidaysStmt => s.kind === 'Holidays')
    .map((s) => `${s.region.value} (${(s.types.length ? s.types.map((t) => t.text) : DEFAULT_HOLIDAY_TYPES).join(', ')})`);
  return sets.length ? [...new Set(sets)].sort().join('; ') : 'none';
}

/** The `holidays file` paths of a calendar, as written, in words. */
function holidayFilesWords(decl: A.CalendarDecl): string {
  const files = decl.body.filter((s): s is A.HolidaysFileStmt => s.kind === 'HolidaysFile').map((s) => s.file.value);
  return files.length ? [...new Set(files)].sort().join('; ') : 'none';
}

/**
 * What a calendar means, names, titles and reasons aside: two calendars with the same text here
 * have the same open time (used to recognise a renamed calendar). `files`, the model's
 * `holidayFiles`: what each `holidays file` read, so that a file with other dates is not taken
 * for the same calendar.
 */
export function calendarMeaning(decl: A.CalendarDecl, files?: Model['holidayFiles']): string {
  const { closed, opened } = explicitDays(decl);
  const open = [...opened].map(([d, s]) => [d, s.ranges.map((r) => [r.from.minutes, r.to.minutes])]).sort();
  // The dates the files give, not their paths: a file moved with the same dates means the same.
  const fileDays = [
    ...new Set(
      decl.body.flatMap((s) => {
        const read = s.kind === 'HolidaysFile' ? files?.get(s) : undefined;
        return read?.kind === 'read' ? read.days.map((d) => `${d.date}:${d.kind}`) : [];
      }),
    ),
  ].sort();
  return JSON.stringify([calendarZone(decl) ?? '', weeklyWords(decl), holidaysWords(decl), [...closed.keys()].filter((d) => !opened.has(d)).sort(), open, fileDays]);
}

/** The `closed` and `open` lines in words, for versions whose terms do not overlap. */
function datedLinesWords(decl: A.CalendarDecl): string {
  const lines = decl.body.flatMap((s) => {
    if (s.kind === 'Closed') return [`closed ${isoDate(s.from)}${s.to ? ` to ${isoDate(s.to)}` : ''}${s.reason ? ` (${s.reason.value})` : ''}`];
    if (s.kind === 'Open') return [`open ${isoDate(s.date)} ${s.ranges.map((r) => `${clockTime(r.from.minutes)}-${clockTime(r.to.minutes)}`).join(', ')}${s.reason ? ` (${s.reason.value})` : ''}`];
    return [];
  });
  return lines.length ? lines.sort().join('; ') : 'none';
}

/** One day as the diff sees it: its hours in local minutes, and why it has them. */
interface Day {
  readonly date: string;
  readonly ranges: [number, number][];
  readonly text: string;
  /** The day differs from its weekday's weekly hours (a closure, holiday or make-up day). */
  readonly exception: boolean;
  readonly reason?: string;
  /** The `holidays` or `holidays file` line whose holiday decides the day, for the change's line. */
  readonly by?: A.HolidaysStmt | A.HolidaysFileStmt;
}

function localMinutes(t: number, zone: string, date: string): number {
  const dt = DateTime.fromMillis(t, { zone });
  const days = (Date.UTC(dt.year, dt.month - 1, dt.day) - Date.parse(`${date}T00:00:00Z`)) / DAY_MS;
  return days * 1440 + dt.hour * 60 + dt.minute;
}

function reasonOf(info: DayInfo): string | undefined {
  const s = info.source;
  if (s.kind === 'open' || s.kind === 'closed') return s.stmt.reason?.value;
  if (s.kind === 'holiday') return s.holiday.name;
  return undefined;
}

/** The `holidays "R"` or `holidays file "F"` line of a day decided by a region or file holiday. */
function holidayLine(decl: A.CalendarDecl, info: DayInfo): A.HolidaysStmt | A.HolidaysFileStmt | undefined {
  const s = info.source;
  if (s.kind !== 'holiday' && s.kind !== 'workday') return undefined;
  const file = s.holiday.type === 'file';
  return decl.body.find(
    (x): x is A.HolidaysStmt | A.HolidaysFileStmt => (file && x.kind === 'HolidaysFile' && x.file.value === s.holiday.region) || (!file && x.kind === 'Holidays' && x.region.value === s.holiday.region),
  );
}

function effectiveDays(cal: CompiledCalendar, decl: A.CalendarDecl, from: string, to: string): Map<string, Day> {
  const weekly = weeklyRanges(decl).map(rangesWords);
  const out = new Map<string, Day>();
  for (const info of cal.days(from, to)) {
    const ranges = mergeRanges(info.spans.map((s) => [localMinutes(s.start, cal.zone, info.date), localMinutes(s.end, cal.zone, info.date)] as [number, number]));
    const text = rangesWords(ranges);
    const weekday = weekdayOf(Date.parse(`${info.date}T00:00:00Z`) / DAY_MS);
    const reason = reasonOf(info);
    const by = holidayLine(decl, info);
    out.set(info.date, { date: info.date, ranges, text, exception: info.source.kind !== 'weekly' && text !== weekly[weekday], ...(reason !== undefined ? { reason } : {}), ...(by ? { by } : {}) });
  }
  return out;
}

/**
 * Without the engine (or without a shared term): the days the `closed` and `open` lines name, and
 * the dates its `holidays file` lines close (after those lines, as in the calendar's precedence).
 */
function explicitExceptions(decl: A.CalendarDecl, files: CalendarSide['files']): Map<string, Day> {
  const { closed, opened } = explicitDays(decl);
  const out = new Map<string, Day>();
  const iso = (d: number) => new Date(d * DAY_MS).toISOString().slice(0, 10);
  for (const [d, s] of closed) {
    if (!opened.has(d)) out.set(iso(d), { date: iso(d), ranges: [], text: 'closed', exception: true, ...(s.reason ? { reason: s.reason.value } : {}) });
  }
  for (const [d, s] of opened) {
    const ranges = mergeRanges(s.ranges.map((r) => [r.from.minutes, r.to.minutes > r.from.minutes ? r.to.minutes : r.to.minutes + 1440] as [number, number]));
    out.set(iso(d), { date: iso(d), ranges, text: rangesWords(ranges), exception: true, ...(s.reason ? { reason: s.reason.value } : {}) });
  }
  for (const s of decl.body) {
    const read = s.kind === 'HolidaysFile' ? files?.get(s) : undefined;
    if (read?.kind !== 'read' || s.kind !== 'HolidaysFile') continue;
    // Make-up working days open with the weekday hours, which only the engine knows: closures only.
    for (const d of read.days) if (d.kind === 'off' && !out.has(d.date)) out.set(d.date, { date: d.date, ranges: [], text: 'closed', exception: true, reason: d.name, by: s });
  }
  return out;
}

const weekdayName = (date: string): string => ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][weekdayOf(Date.parse(`${date}T00:00:00Z`) / DAY_MS)]!;

interface DayChange {
  readonly from: string;
  to: string;
  readonly old: Day;
  readonly new: Day;
}

/** Consecutive dates with the same change; a run of closures bridges days closed in both versions. */
function dayRuns(dates: readonly string[], oldDays: Map<string, Day>, newDays: Map<string, Day>, weeklyOld: string[], weeklyNew: string[]): DayChange[] {
  const closedWeekly = (weekly: string[], date: string) => weekly[weekdayOf(Date.parse(`${date}T00:00:00Z`) / DAY_MS)] === 'closed';
  const dayOf = (days: Map<string, Day>, weekly: string[], date: string): Day => {
    const hit = days.get(date);
    if (hit) return hit;
    const text = weekly[weekdayOf(Date.parse(`${date}T00:00:00Z`) / DAY_MS)]!;
    return { date, ranges: [], text, exception: false };
  };
  const runs: DayChange[] = [];
  let bridge: string[] = [];
  for (const date of dates) {
    const o = dayOf(oldDays, weeklyOld, date);
    const n = dayOf(newDays, weeklyNew, date);
    if (!o.exception && !n.exception) continue;
    if (o.text === n.text) {
      // A day closed in both versions may sit inside a run of closures (a weekend inside Golden Week).
      if (o.text === 'closed' || (closedWeekly(weeklyOld, date) && closedWeekly(weeklyNew, date))) bridge.push(date);
      else bridge = [];
      continue;
    }
    const last = runs[runs.length - 1];
    const next = Date.parse(`${last?.to ?? '1970-01-01'}T00:00:00Z`) / DAY_MS + 1 + bridge.length;
    const closure = (o.text === 'closed') !== (n.text === 'closed');
    if (last && closure && last.old.text === o.text && last.new.text === n.text && last.old.reason === o.reason && last.new.reason === n.reason && next === Date.parse(`${date}T00:00:00Z`) / DAY_MS) {
      last.to = date;
    } else {
      runs.push({ from: date, to: date, old: o, new: n });
    }
    bridge = [];
  }
  return runs;
}

function dayChangeText(run: DayChange): { text: string; favours: Favours } {
  const when = run.from === run.to ? `${run.from} (${weekdayName(run.from)})` : `${run.from} to ${run.to}`;
  const { old: o, new: n } = run;
  if (n.text === 'closed') {
    const text = n.exception
      ? `${when} closed${n.reason ? ` (${n.reason})` : ''}`
      : `${when} no longer ${run.from === run.to ? 'a working day' : 'working days'}${o.reason ? ` (was: ${o.reason})` : ''}, ${run.from === run.to ? `closed as on any ${weekdayName(run.from)}` : 'with their usual weekly hours'}`;
    return { text, favours: 'provider' };
  }
  if (o.text === 'closed') {
    const days = run.from === run.to ? 'a working day' : 'working days';
    const text = n.exception
      ? `${when} made ${days}, ${n.text}${n.reason ? ` (${n.reason})` : ''}`
      : `${when} no longer closed${o.reason ? ` (was: ${o.reason})` : ''}, ${run.from === run.to ? `open ${n.text} as on any ${weekdayName(run.from)}` : 'with their usual weekly hours'}`;
    return { text, favours: 'customer' };
  }
  return { text: `${when} hours ${o.text} -> ${n.text}${n.reason ? ` (${n.reason})` : o.reason ? ` (was: ${o.reason})` : ''}`, favours: openTimeFavours(o.ranges, n.ranges) };
}

function dateList(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= Date.parse(`${to}T00:00:00Z`); d += DAY_MS) out.push(new Date(d).toISOString().slice(0, 10));
  return out;
}

/**
 * The changes between two versions of one calendar. `window` is the term both versions share
 * (inclusive ISO dates); dated exceptions are compared over it, day by day when both calendars are
 * compiled. `terms`: both versions have a term.
 */
export function diffCalendar(o: CalendarSide, n: CalendarSide, name: string, id: string, window: [string, string] | undefined, terms: boolean): Change[] {
  const out: Change[] = [];
  const subject = `calendar ${name}`;
  const key = (what: string) => `calendar:${id}:${what}`;
  const stmt = <K extends A.CalendarStmt['kind']>(decl: A.CalendarDecl, kind: K) => decl.body.find((s): s is Extract<A.CalendarStmt, { kind: K }> => s.kind === kind);

  if ((o.decl.title?.value ?? '') !== (n.decl.title?.value ?? '')) {
    out.push(makeChange({ key: key('title'), area: 'calendars', subject, kind: 'changed', text: `title \`${o.decl.title?.value ?? ''}\` -> \`${n.decl.title?.value ?? ''}\``, favours: 'neither', informational: true, lines: linesOf(o.decl, n.decl) }));
  }
  const oz = calendarZone(o.decl) ?? '';
  const nz = calendarZone(n.decl) ?? '';
  if (oz !== nz) {
    out.push(makeChange({ key: key('zone'), area: 'calendars', subject, kind: 'changed', text: `zone ${oz} -> ${nz}: every local time is read in the new zone`, old: oz, new: nz, favours: 'neither', lines: linesOf(stmt(o.decl, 'Zone'), stmt(n.decl, 'Zone')) }));
  }
  const ow = weeklyWords(o.decl);
  const nw = weeklyWords(n.decl);
  const weeklyFavours = openTimeFavours(weeklyPattern(o.decl).open, weeklyPattern(n.decl).open);
  if (ow !== nw || weeklyFavours !== 'neither') {
    const delta = weeklyPattern(n.decl).openPerWeek - weeklyPattern(o.decl).openPerWeek;
    const more = delta === 0 ? 'the same open time a week' : `${humanHours(Math.abs(delta) * 60_000)} ${delta > 0 ? 'more' : 'less'} open time a week`;
    out.push(makeChange({ key: key('hours'), area: 'calendars', subject, kind: 'changed', text: `weekly hours ${ow} -> ${nw} (${more})`, old: ow, new: nw, favours: weeklyFavours, lines: linesOf(stmt(o.decl, 'Hours'), stmt(n.decl, 'Hours')) }));
  }
  const oh = holidaysWords(o.decl);
  const nh = holidaysWords(n.decl);
  if (oh !== nh) {
    const engine = o.compiled && n.compiled && window;
    out.push(
      makeChange({
        key: key('holidays'),
        area: 'calendars',
        subject,
        kind: 'changed',
        text: `region holidays ${oh} -> ${nh}${engine ? '; the days this changes are listed below' : ''}`,
        old: oh,
        new: nh,
        favours: 'neither',
        lines: linesOf(stmt(o.decl, 'Holidays'), stmt(n.decl, 'Holidays')),
      }),
    );
  }
  const of = holidayFilesWords(o.decl);
  const nf = holidayFilesWords(n.decl);
  if (of !== nf) {
    const engine = o.compiled && n.compiled && window;
    out.push(
      makeChange({
        key: key('holiday-files'),
        area: 'calendars',
        subject,
        kind: 'changed',
        text: `holiday files ${of} -> ${nf}${engine ? '; the days this changes are listed below' : ''}`,
        old: of,
        new: nf,
        favours: 'neither',
        lines: linesOf(stmt(o.decl, 'HolidaysFile'), stmt(n.decl, 'HolidaysFile')),
      }),
    );
  }

  // Dated exceptions: effective days over the shared term; with no shared term (a renewal for
  // another year), the lines themselves, since their dates cannot be compared day by day.
  let oldDays: Map<string, Day>;
  let newDays: Map<string, Day>;
  let dates: string[];
  if (o.compiled && n.compiled && window) {
    oldDays = effectiveDays(o.compiled, o.decl, window[0], window[1]);
    newDays = effectiveDays(n.compiled, n.decl, window[0], window[1]);
    dates = dateList(window[0], window[1]);
  } else if (window || !terms) {
    oldDays = explicitExceptions(o.decl, o.files);
    newDays = explicitExceptions(n.decl, n.files);
    dates = [...new Set([...oldDays.keys(), ...newDays.keys()])].sort();
    if (window) dates = dates.filter((x) => x >= window[0] && x <= window[1]);
  } else {
    const a = datedLinesWords(o.decl);
    const b = datedLinesWords(n.decl);
    if (a !== b) {
      const first = (decl: A.CalendarDecl) => decl.body.find((x) => x.kind === 'Closed' || x.kind === 'Open');
      out.push(makeChange({ key: key('dated'), area: 'calendars', subject, kind: 'changed', text: `closed and open lines ${a} -> ${b} (the terms do not overlap, so days are not compared one by one)`, old: a, new: b, favours: 'neither', lines: linesOf(first(o.decl), first(n.decl)) }));
    }
    return out;
  }
  const lineOf = (decl: A.CalendarDecl, date: string) =>
    decl.body.find((s) => (s.kind === 'Open' && dayNumber(s.date) === dayNumber(parseDate(date))) || (s.kind === 'Closed' && dayNumber(s.from) <= dayNumber(parseDate(date)) && dayNumber(s.to ?? s.from) >= dayNumber(parseDate(date))));
  const weeklyOld = weeklyRanges(o.decl).map(rangesWords);
  const weeklyNew = weeklyRanges(n.decl).map(rangesWords);
  for (const run of dayRuns(dates, oldDays, newDays, weeklyOld, weeklyNew)) {
    const { text, favours } = dayChangeText(run);
    const lines = linesOf(lineOf(o.decl, run.from) ?? run.old.by, lineOf(n.decl, run.from) ?? run.new.by);
    out.push(makeChange({ key: key(`days:${run.from}`), area: 'calendars', subject, kind: 'changed', text, old: run.old.text, new: run.new.text, favours, lines }));
  }
  return out;
}

function parseDate(date: string): Pick<A.DateLit, 'year' | 'month' | 'day'> {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}
