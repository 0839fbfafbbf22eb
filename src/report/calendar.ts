/**
 * `pledge calendar`: every local date of a range with its open spans, or why it is closed, so a
 * user can see exactly what an imported holiday set and the contract's own lines do.
 */
import type * as A from '../ast/nodes.js';
import type { CompiledCalendar, DayInfo } from '../time/calendar.js';
import { DEFAULT_HOLIDAY_TYPES, regionHolidays, type IgnoredHoliday } from '../time/holidays.js';
import { humanHours, isoInstant } from './time-format.js';

export interface CalendarDayJson {
  readonly date: string;
  readonly weekday: A.Weekday;
  readonly open: boolean;
  readonly spans: readonly { start: string; end: string }[];
  readonly openTime: string;
  /** What decided the day: `weekly`, `open` (a make-up day line), `closed` (a line), `holiday`. */
  readonly source: string;
  readonly reason?: string;
  /** The contract line, for `open` and `closed`. */
  readonly line?: number;
  /** The published source of an official day off or make-up working day (China's notices). */
  readonly sourceText?: string;
  /** Region holidays on this date that the documented rule leaves open, and why. */
  readonly notClosing?: readonly { name: string; region: string; type: string; why: string }[];
}

const WHY: Record<IgnoredHoliday['why'], string> = {
  type: 'its type does not close the calendar',
  'group-only': 'it applies to a group only',
  'part-day': 'it is part of a day',
  official: "the State Council's notice for the year decides China's days off",
};

function ignoredByDate(decl: A.CalendarDecl, from: string, to: string): Map<string, IgnoredHoliday[]> {
  const out = new Map<string, IgnoredHoliday[]>();
  for (const s of decl.body) {
    if (s.kind !== 'Holidays') continue;
    const types = s.types.length ? s.types.map((t) => t.text) : DEFAULT_HOLIDAY_TYPES;
    for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
      for (const h of regionHolidays(s.region.value, types, y).ignored) {
        if (h.date < from || h.date > to) continue;
        out.set(h.date, [...(out.get(h.date) ?? []), h]);
      }
    }
  }
  return out;
}

/** The calendar's days in [from, to] (inclusive `YYYY-MM-DD`) as data. */
export function calendarDays(decl: A.CalendarDecl, cal: CompiledCalendar, from: string, to: string): CalendarDayJson[] {
  const ignored = ignoredByDate(decl, from, to);
  return cal.days(from, to).map((d: DayInfo) => {
    const spans = d.spans.map((s) => ({ start: isoInstant(s.start, cal.zone), end: isoInstant(s.end, cal.zone) }));
    const openMs = d.spans.reduce((sum, s) => sum + (s.end - s.start), 0);
    const src = d.source;
    const extra =
      src.kind === 'open'
        ? { reason: src.stmt.reason?.value ?? 'make-up working day', line: src.stmt.range.start.line }
        : src.kind === 'closed'
          ? { reason: src.stmt.reason?.value ?? 'closed', line: src.stmt.range.start.line }
          : src.kind === 'holiday'
            ? { reason: `${src.holiday.name} (${src.holiday.region}, ${src.holiday.type})`, ...(src.holiday.source ? { sourceText: src.holiday.source } : {}) }
            : src.kind === 'workday'
              ? { reason: `official make-up working day (调休) for ${src.holiday.name} (${src.holiday.region})`, sourceText: src.holiday.source ?? '' }
            : d.spans.length === 0
              ? { reason: `no hours on ${d.weekday}` }
              : {};
    const notClosing = (ignored.get(d.date) ?? []).map((h) => ({ name: h.name, region: h.region, type: h.type, why: WHY[h.why] }));
    return {
      date: d.date,
      weekday: d.weekday,
      open: d.spans.length > 0,
      spans,
      openTime: humanHours(openMs),
      source: src.kind,
      ...extra,
      ...(notClosing.length ? { notClosing } : {}),
    };
  });
}

/** The same days as aligned text. */
export function calendarText(name: string, zone: string, days: readonly CalendarDayJson[]): string {
  const out = [`calendar ${name} (${zone})`];
  for (const d of days) {
    const hours = d.spans.map((s) => `${s.start.slice(11, 16)}-${s.end.slice(11, 16)}${s.end.slice(0, 10) !== d.date ? '(+1)' : ''}`).join(', ');
    const why = d.source === 'weekly' ? (d.open ? '' : d.reason ?? '') : `${d.source === 'holiday' ? 'holiday' : d.source === 'workday' ? 'open' : d.source === 'open' ? 'open' : 'closed'}: ${d.reason}${d.line ? ` (line ${d.line})` : ''}${d.sourceText ? `, source: ${d.sourceText}` : ''}`;
    out.push(`${d.date} ${d.weekday}  ${(d.open ? hours : 'closed').padEnd(24)} ${why}`.trimEnd());
    for (const n of d.notClosing ?? []) out.push(`                 ${n.name} (${n.region}, ${n.type}) does not close: ${n.why}`);
  }
  return out.join('\n') + '\n';
}
