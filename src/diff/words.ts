/**
 * Contract values in words for people who negotiate them: `8 business hours`, `15 minutes around
 * the clock`, `mon-fri 09:00-17:30`, `50,000 CNY monthly`.
 */
import type * as A from '../ast/nodes.js';
import { WEEKDAYS } from '../ast/nodes.js';
import { isAroundTheClock, weeklyIntervals, weeklyPattern } from '../time/weekly.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `4 hours`, `1 hour 30 minutes`, `5 days`. */
export function durationWords(d: Pick<A.DurationLit, 'unit' | 'amount'>): string {
  if (d.unit === 'day') return plural(d.amount, 'day');
  const h = Math.floor(d.amount / 60);
  const m = d.amount % 60;
  return [h ? plural(h, 'hour') : '', m || !h ? plural(m, 'minute') : ''].filter(Boolean).join(' ');
}

/** True when a calendar is open every minute: no weekly gap, no closed line, no holidays. */
export function aroundTheClock(cal: A.CalendarDecl | undefined): boolean {
  if (!cal) return false;
  return isAroundTheClock(weeklyPattern(cal)) && !cal.body.some((s) => s.kind === 'Closed' || s.kind === 'Holidays');
}

/**
 * A target in words: `15 minutes around the clock`, `8 business hours`, `3 business days on
 * \`office\`` (a calendar other than `business` is named).
 */
export function targetWords(duration: Pick<A.DurationLit, 'unit' | 'amount'>, calendar: string, decl: A.CalendarDecl | undefined): string {
  if (aroundTheClock(decl)) return `${durationWords(duration)} around the clock`;
  const amount =
    duration.unit === 'day'
      ? plural(duration.amount, 'business day')
      : duration.amount % 60 === 0
      ? plural(duration.amount / 60, 'business hour')
      : plural(duration.amount, 'business minute');
  return calendar === 'business' ? amount : `${amount} on \`${calendar}\``;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `09:00`, `24:00`. */
export function clockTime(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** `09:00-12:00, 13:00-18:00` for [start, end) minute pairs of one day (an end past 24:00 crosses midnight). */
export function rangesWords(ranges: readonly (readonly [number, number])[]): string {
  if (ranges.length === 0) return 'closed';
  return ranges.map(([s, e]) => `${clockTime(s)}-${clockTime(e > 1440 ? e - 1440 : e)}`).join(', ');
}

/** Merges [start, end) minute ranges: sorted, overlapping and touching ones joined. */
export function mergeRanges(ranges: readonly (readonly [number, number])[]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** Per weekday (0 = Monday), the opening ranges that start that day, from the `hours` lines. */
export function weeklyRanges(cal: A.CalendarDecl): [number, number][][] {
  const days: [number, number][][] = WEEKDAYS.map(() => []);
  for (const iv of weeklyIntervals(cal)) {
    const day = Math.floor(iv.start / 1440);
    days[day]!.push([iv.start - day * 1440, iv.end - day * 1440]);
  }
  return days.map(mergeRanges);
}

/** Weekly hours in words, days with the same hours grouped: `mon-fri 09:00-17:30; sat 10:00-14:00`. */
export function weeklyWords(cal: A.CalendarDecl): string {
  const days = weeklyRanges(cal).map(rangesWords);
  const groups: string[] = [];
  for (let d = 0; d < 7; ) {
    let e = d;
    while (e + 1 < 7 && days[e + 1] === days[d]) e++;
    if (days[d] !== 'closed') groups.push(`${WEEKDAYS[d]}${e > d ? `-${WEEKDAYS[e]}` : ''} ${days[d]}`);
    d = e + 1;
  }
  return groups.length ? groups.join('; ') : 'never open';
}

/** `50,000` */
export function amountWords(n: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 }).format(n);
}

/** `99.95%` */
export function percentWords(n: number): string {
  return `${+n.toFixed(6)}%`;
}

/** `2026-10-01` */
export function isoDate(d: A.DateLit): string {
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}
