/**
 * `holidays file "path.ics"`: the local dates an iCalendar file closes, by the rules of the
 * language reference ("Holidays from an iCalendar file"). Parsed with ical.js 2.2.1 (MPL-2.0, used
 * unmodified as a dependency); recurrences (RRULE, RDATE, EXDATE) are expanded with its iterator.
 *
 * RFC 5545 text followed (icalendar.org's RFC 5545 pages): §3.6.1, a DATE-valued DTSTART with no
 * DTEND nor DURATION lasts one day, and DTEND is "the non-inclusive end of the event"; §3.3.5 and
 * §3.2.19, a DATE-TIME is UTC (`Z`), local with a `TZID`, or floating (read here in the
 * calendar's zone, as a floating time belongs to no zone).
 */
import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';

/** One local date a file's event closes (or opens, for a `WORKDAY` event). */
export interface FileDay {
  /** `YYYY-MM-DD` in the calendar's zone. */
  readonly date: string;
  readonly name: string;
  readonly kind: 'off' | 'workday';
  /** The line of the event's `BEGIN:VEVENT` in the file. */
  readonly line: number;
}

export type IcsFindingCode = 'PLG2131' | 'PLG2132' | 'PLG2133' | 'PLG2134' | 'PLG2135';

/** Something to say about the file, at the `holidays file` statement. */
export interface IcsFinding {
  readonly code: IcsFindingCode;
  readonly message: string;
  /** Where in the file (1-based physical line and column), when it is known: a PLG2131's parse error. */
  readonly at?: { readonly line: number; readonly column: number };
}

/** A local date an event covers only part of, which stays open (PLG2132). */
export interface FilePartDay {
  readonly date: string;
  readonly name: string;
  /** The local times it covers on that date, `HH:mm` (`24:00` for the end of the day). */
  readonly from: string;
  readonly to: string;
  /** The line of the event's `BEGIN:VEVENT` in the file. */
  readonly line: number;
}

export interface IcsHolidays {
  readonly days: readonly FileDay[];
  /** The dates its timed events cover only partly, in the order the file gives them. */
  readonly partDays: readonly FilePartDay[];
  readonly findings: readonly IcsFinding[];
}

/** Dates (inclusive, `YYYY-MM-DD`) recurrences are expanded in: the contract's term. */
export interface IcsWindow {
  readonly from: string;
  readonly to: string;
}

/** At most this many occurrences of one recurring event (a daily rule over 50 years is 18,263). */
const MAX_OCCURRENCES = 20_000;

/** Years a recurrence is expanded over when the contract has no term. */
const NO_TERM_YEARS = 50;

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** One content line after unfolding (RFC 5545 §3.1), with the physical line each of its pieces starts on. */
interface ContentLine {
  readonly text: string;
  /** For each fold piece: the offset in `text` it starts at, and its 1-based physical line. */
  readonly pieces: readonly { readonly offset: number; readonly line: number }[];
}

/**
 * The content lines of a text as ical.js reads them: a line break followed by one space or tab
 * continues the previous line (RFC 5545 §3.1, "Content Lines"), without the break and that one
 * character. ical.js keeps no positions, so a parse error is located by finding what its message
 * quotes among these lines.
 */
function contentLines(text: string): ContentLine[] {
  const out: { text: string; pieces: { offset: number; line: number }[] }[] = [];
  text.split(/\r\n|\n|\r/).forEach((l, i) => {
    const last = out[out.length - 1];
    if (last && (l.startsWith(' ') || l.startsWith('\t'))) {
      last.pieces.push({ offset: last.text.length, line: i + 1 });
      last.text += l.slice(1);
    } else out.push({ text: l, pieces: [{ offset: 0, line: i + 1 }] });
  });
  return out;
}

/** The physical line and column of offset `at` of an unfolded line. */
function position(cl: ContentLine, at: number): { line: number; column: number } {
  let piece = cl.pieces[0]!;
  for (const p of cl.pieces) if (p.offset <= at) piece = p;
  // A continuation piece lost its leading space or tab: its text starts in column 2.
  return { line: piece.line, column: at - piece.offset + (piece === cl.pieces[0] ? 1 : 2) };
}

/**
 * Where ical.js's error `message` happened, among `lines` (all of the file's, or one event's): the
 * first line holding the text the message quotes (`invalid line (no token ";" or ":") "x"`,
 * `Empty parameter name in ';=b:1'`, `Could not extract integer from "x0"`), at that text; for
 * `component began but did not end`, the last `BEGIN` left open. Undefined when neither applies.
 */
function locate(lines: readonly ContentLine[], message: string): { line: number; column: number } | undefined {
  if (/began but did not end/.test(message)) {
    const open: ContentLine[] = [];
    for (const cl of lines) {
      if (/^BEGIN:/i.test(cl.text)) open.push(cl);
      else if (/^END:/i.test(cl.text)) open.pop();
    }
    const last = open[open.length - 1];
    return last ? position(last, 0) : undefined;
  }
  const quoted = [...message.matchAll(/"([^"]+)"|'([^']+)'/g)].map((m) => m[1] ?? m[2]!).filter((q) => q.trim() !== '')
    // The offending text comes last (`no token ";" or ":" "x"`).
    .reverse();
  for (const q of quoted) {
    for (const cl of lines) {
      const at = cl.text.indexOf(q);
      if (at >= 0) return position(cl, at);
    }
  }
  return undefined;
}

const atText = (at: { line: number; column: number } | undefined) => (at ? `line ${at.line}, column ${at.column}: ` : '');

/** The lines of each top-level `BEGIN:VEVENT`, in order (ical.js keeps no positions). */
function eventLines(text: string): number[] {
  const out: number[] = [];
  text.split(/\r\n|\n|\r/).forEach((l, i) => {
    if (/^BEGIN:VEVENT\s*$/i.test(l)) out.push(i + 1);
  });
  return out;
}

/**
 * The closures of an iCalendar text for a calendar in `zone`.
 * @example readIcsHolidays(text, 'Asia/Shanghai', { from: '2026-01-01', to: '2026-12-31' }).days
 */
export function readIcsHolidays(text: string, zone: string, window: IcsWindow | undefined): IcsHolidays {
  const findings: IcsFinding[] = [];
  let root: ICAL.Component;
  try {
    const jcal = ICAL.parse(text) as unknown;
    // Several top-level components come back as a list; an empty text as an empty list.
    const first = Array.isArray(jcal) && Array.isArray(jcal[0]) ? (jcal as unknown[])[0] : jcal;
    if (!Array.isArray(first) || first.length === 0) throw new Error('no iCalendar component in the file');
    root = new ICAL.Component(first as unknown as ICAL.Component['jCal']);
  } catch (e) {
    const message = (e as Error).message;
    const at = locate(contentLines(text), message);
    return { days: [], partDays: [], findings: [{ code: 'PLG2131', message: `is not an iCalendar file: ${atText(at)}${message}`, ...(at ? { at } : {}) }] };
  }
  if (root.name !== 'vcalendar') return { days: [], partDays: [], findings: [{ code: 'PLG2131', message: `is not an iCalendar file: it starts with \`BEGIN:${root.name.toUpperCase()}\`, not \`BEGIN:VCALENDAR\`` }] };

  const zones = new Map<string, ICAL.Timezone>();
  for (const tz of root.getAllSubcomponents('vtimezone')) {
    const id = tz.getFirstPropertyValue('tzid');
    if (typeof id === 'string') zones.set(id, new ICAL.Timezone(tz));
  }
  const lines = eventLines(text);
  const days: FileDay[] = [];
  const partDays: FilePartDay[] = [];
  const seen = new Map<string, FileDay>();

  let content: ContentLine[] | undefined;
  root.getAllSubcomponents('vevent').forEach((vevent, index) => {
    try {
      readEvent(vevent, index);
    } catch (e) {
      // ical.js reads values lazily: a malformed DTSTART, DURATION or RRULE part throws here.
      const message = (e as Error).message;
      const from = lines[index] ?? 0;
      content ??= contentLines(text);
      const own = content.filter((cl) => cl.pieces[0]!.line >= from);
      const end = own.findIndex((cl) => /^END:VEVENT\s*$/i.test(cl.text));
      const at = locate(end < 0 ? own : own.slice(0, end + 1), message);
      findings.push({ code: 'PLG2131', message: `is not a valid iCalendar file: ${atText(at ?? { line: from, column: 1 })}the event that begins on line ${from} cannot be read: ${message}`, at: at ?? { line: from, column: 1 } });
    }
  });
  return { days, partDays, findings };

  function readEvent(vevent: ICAL.Component, index: number): void {
    const line = lines[index] ?? 0;
    const at = `line ${line}`;
    const summary = vevent.getFirstPropertyValue('summary');
    const name = typeof summary === 'string' && summary.trim() ? summary.trim() : `the event on ${at}`;
    const categories = vevent.getAllProperties('categories').flatMap((p) => p.getValues().map((v) => String(v).toUpperCase()));
    if (categories.includes('OPEN-HOURS')) return; // open spans as `pledge calendar --open-spans` writes them
    const kind = categories.includes('WORKDAY') ? 'workday' : 'off';
    const dtstart = vevent.getFirstProperty('dtstart');
    if (!dtstart) {
      findings.push({ code: 'PLG2135', message: `${at}: \`${name}\` has no DTSTART and closes nothing` });
      return;
    }
    const event = new ICAL.Event(vevent);
    const start = event.startDate;
    const tzid = dtstart.getParameter('tzid');
    const tzName = typeof tzid === 'string' ? tzid : undefined;

    /** The instant of a DATE-TIME value of this event, or undefined when its zone is unknown. */
    const instant = (t: ICAL.Time): number | undefined => {
      const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
      if (t.zone?.tzid === 'UTC' || (t as unknown as { timezone?: string }).timezone === 'Z') return wall;
      if (tzName === undefined) return DateTime.fromObject({ year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second }, { zone }).toMillis();
      const fileZone = zones.get(tzName);
      if (fileZone) return wall - fileZone.utcOffset(t) * 1000;
      if (IANAZone.isValidZone(tzName)) return DateTime.fromObject({ year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second }, { zone: tzName }).toMillis();
      return undefined;
    };

    const add = (date: string) => {
      const day: FileDay = { date, name, kind, line };
      const before = seen.get(date);
      if (before) {
        findings.push({ code: 'PLG2133', message: `${at}: ${date} is closed twice in the file, by \`${before.name}\` (line ${before.line}) and \`${name}\`` });
        return;
      }
      seen.set(date, day);
      days.push(day);
    };

    /** One occurrence starting at `s` (a Time of the event's type). */
    const occurrence = (s: ICAL.Time): boolean => {
      const e = s.clone();
      e.addDuration(event.duration);
      if (s.isDate) {
        // All-day: its dates from DTSTART up to, not including, the end; at least the start date.
        const from = iso(s.year, s.month, s.day);
        const end = e.isDate ? iso(e.year, e.month, e.day) : addDays(from, 1);
        for (let d = from, n = 0; n === 0 || (d < end && n < 366 * 5); d = addDays(d, 1), n++) add(d);
        return true;
      }
      const t0 = instant(s);
      const t1 = instant(e);
      if (t0 === undefined || t1 === undefined) {
        findings.push({ code: 'PLG2135', message: `${at}: \`${name}\` is in the zone \`${tzName}\`, which the file defines in no VTIMEZONE and which is not an IANA zone; it closes nothing` });
        return false;
      }
      let day = DateTime.fromMillis(t0, { zone }).startOf('day');
      for (let n = 0; day.toMillis() < t1 && n < 366 * 5; n++) {
        const next = day.plus({ days: 1 });
        const date = day.toISODate()!;
        if (t0 <= day.toMillis() && t1 >= next.toMillis()) add(date);
        else {
          const a = DateTime.fromMillis(Math.max(t0, day.toMillis()), { zone }).toFormat('HH:mm');
          const b = t1 >= next.toMillis() ? '24:00' : DateTime.fromMillis(t1, { zone }).toFormat('HH:mm');
          partDays.push({ date, name, from: a, to: b, line });
          findings.push({ code: 'PLG2132', message: `${at}: \`${name}\` covers only ${a}-${b} of ${date} (${zone}): that day stays open` });
        }
        day = next;
      }
      return true;
    };

    if (!event.isRecurring()) {
      occurrence(start);
      return;
    }
    const from = window?.from ?? iso(start.year, start.month, start.day);
    const to = window?.to ?? addDays(iso(start.year + NO_TERM_YEARS, start.month, start.day), -1);
    const it = event.iterator();
    const before = days.length;
    let count = 0;
    for (let next = it.next(); next && count < MAX_OCCURRENCES; next = it.next(), count++) {
      const date = iso(next.year, next.month, next.day);
      if (date > to) break;
      // An occurrence starting the day before the window may still reach into it.
      if (date < addDays(from, -1)) continue;
      if (!occurrence(next)) break;
    }
    const closed = days.slice(before).filter((d) => d.date >= from && d.date <= to);
    findings.push({
      code: 'PLG2134',
      message: `${at}: \`${name}\` recurs (${String(vevent.getFirstPropertyValue('rrule') ?? 'RDATE')}); expanded ${window ? 'within the term' : `over ${NO_TERM_YEARS} years (the contract has no term)`}, it ${kind === 'workday' ? 'opens' : 'closes'} ${closed.length} date${closed.length === 1 ? '' : 's'}${closed.length ? ` (${closed[0]!.date}${closed.length > 1 ? ` to ${closed[closed.length - 1]!.date}` : ''})` : ''}`,
    });
  }
}
