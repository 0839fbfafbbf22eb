/**
 * `pledge calendar <contract> <calendar> --format ics`: a calendar's closures and make-up working
 * days over a range of dates (and optionally its open spans) as an RFC 5545 iCalendar object.
 * Written by hand so that the output is byte-for-byte reproducible; the tests parse it back with
 * ical.js. Each mapping and the RFC text it follows: src/export/README.md, "Calendars as iCalendar".
 *
 * RFC 5545 text read (quoted on icalendar.org's RFC 5545 pages and datatracker):
 * - §3.1 Content Lines: lines are delimited by CRLF; "Lines of text SHOULD NOT be longer than 75
 *   octets, excluding the line break"; a long line is folded by "inserting a CRLF immediately
 *   followed by a single linear white-space character"; and the note that folding must not split a
 *   UTF-8 multi-octet sequence.
 * - §3.3.11 Text: BACKSLASH, SEMICOLON and COMMA "MUST be escaped with a BACKSLASH character", a
 *   line break is written `\n`, and a COLON "SHALL NOT be escaped".
 * - §3.6.1 Event Component: a DATE-valued `DTSTART` with a `DTEND` gives an all-day event whose
 *   `DTEND` is its non-inclusive end; `DTSTAMP` and `UID` are required once in a `VEVENT`.
 * - §3.8.7.2 Date-Time Stamp: "The value MUST be specified in the UTC time format."
 * - §3.8.4.7 Unique Identifier: "persistent, globally unique identifier" (RFC 7986 §5.3: less than
 *   255 octets, `iana-token` characters).
 * - §3.2.19 Time Zone Identifier / §3.3.5 Date-Time: `TZID` "MUST NOT be applied to DATE
 *   properties" nor to UTC times (FORM #2, a `Z` suffix); UTC times need no `VTIMEZONE`.
 * - §3.8.1.2 Categories (`CATEGORIES`, a COMMA-separated TEXT list) and §3.8.2.7 Time Transparency
 *   (`TRANSP`: `OPAQUE` "allowing them to be detected by free/busy time searches", `TRANSPARENT`
 *   "invisible to free/busy time searches").
 */
import { calendarDays, type Ast, type CalendarDayJson, type CompiledCalendar } from '../index.js';

export interface CalendarIcsOptions {
  /** The contract's name (its `sla` title, else the file name): part of every UID. */
  readonly contract: string;
  /** First and last local date, inclusive (`YYYY-MM-DD`). */
  readonly from: string;
  readonly to: string;
  /** Also one timed event (in UTC) per open span. */
  readonly openSpans?: boolean;
}

/** The categories that tell the kinds of events apart (RFC 5545 §3.8.1.2). */
export const ICS_CATEGORY = { closed: 'CLOSED', holiday: 'HOLIDAY', workday: 'WORKDAY', open: 'OPEN-HOURS' } as const;

const CRLF = '\r\n';
const PRODID = '-//Pledge//pledge-sla calendar//EN';

/** RFC 5545 §3.3.11: escapes a TEXT value (backslash first; a colon stays as it is). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * RFC 5545 §3.1: folds one content line so that no physical line is longer than 75 octets
 * (excluding the CRLF); a continuation line starts with one SPACE, which counts towards its 75.
 * Lines are cut between UTF-8 characters, never inside one.
 */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const n = encoder.encode(ch).length;
    if (octets + n > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74; // after the leading SPACE
    }
    current += ch;
    octets += n;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** FNV-1a, 32 bits, as 8 hex digits: a stable, platform-independent digest for UIDs. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

const compact = (date: string) => date.replace(/-/g, '');
function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
/** An instant as a UTC DATE-TIME (RFC 5545 §3.3.5 FORM #2). */
function utcStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

type Kind = keyof typeof ICS_CATEGORY;

/** The kind of event a day gives, if any: closures, make-up working days. */
function kindOf(day: CalendarDayJson): Kind | undefined {
  if (day.source === 'closed') return 'closed';
  if (day.source === 'holiday') return 'holiday';
  if (day.source === 'workday' || day.source === 'open') return 'workday';
  return undefined;
}

/**
 * The calendar's days in [from, to] as one VCALENDAR: one all-day VEVENT per closed date (a
 * `closed` line, a region holiday or an official day off) and per make-up working day (an official
 * 调休 day or an `open` line), and with `openSpans` one UTC-timed VEVENT per open span.
 * Deterministic: UIDs come from the contract, calendar, date and kind; DTSTAMP is `from` at
 * 00:00 UTC (the machine's clock is never read).
 * @example calendarIcs(decl, cal, { contract: 'Acme', from: '2026-01-01', to: '2026-12-31' })
 */
export function calendarIcs(decl: Ast.CalendarDecl, cal: CompiledCalendar, options: CalendarIcsOptions): string {
  const { contract, from, to } = options;
  const name = decl.name.text;
  const key = fnv1a(`${contract}\u0000${name}`);
  const stamp = `${compact(from)}T000000Z`;
  const lines: string[] = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${PRODID}`, 'CALSCALE:GREGORIAN'];
  const event = (uid: string, props: readonly string[]) => lines.push('BEGIN:VEVENT', `UID:${uid}`, `DTSTAMP:${stamp}`, ...props, 'END:VEVENT');

  for (const day of calendarDays(decl, cal, from, to)) {
    const kind = kindOf(day);
    if (kind) {
      const summary =
        kind === 'workday' ? `Open: ${day.reason ?? 'make-up working day'}` : `Closed: ${day.reason ?? 'closed'}`;
      const detail = [
        `Calendar ${name} (${cal.zone}) of ${contract}.`,
        day.line !== undefined ? `Contract line ${day.line}.` : undefined,
        day.sourceText ? `Source: ${day.sourceText}.` : undefined,
        kind === 'workday' && day.spans.length ? `Open ${day.spans.map((s) => `${s.start.slice(11, 16)}-${s.end.slice(11, 16)}`).join(', ')}.` : undefined,
      ].filter((x): x is string => x !== undefined);
      event(`pledge-${key}-${compact(day.date)}-${kind}`, [
        `DTSTART;VALUE=DATE:${compact(day.date)}`,
        `DTEND;VALUE=DATE:${compact(nextDate(day.date))}`,
        `SUMMARY:${escapeText(summary)}`,
        `DESCRIPTION:${escapeText(detail.join('\n'))}`,
        `CATEGORIES:${ICS_CATEGORY[kind]}`,
        // A closure blocks free/busy searches; a make-up day is a marker (§3.8.2.7).
        `TRANSP:${kind === 'workday' ? 'TRANSPARENT' : 'OPAQUE'}`,
      ]);
    }
    if (options.openSpans) {
      for (const [i, span] of day.spans.entries()) {
        const start = Date.parse(span.start);
        const end = Date.parse(span.end);
        event(`pledge-${key}-${compact(day.date)}-open-${i + 1}`, [
          `DTSTART:${utcStamp(start)}`,
          `DTEND:${utcStamp(end)}`,
          `SUMMARY:${escapeText(`Open (${name})`)}`,
          `CATEGORIES:${ICS_CATEGORY.open}`,
          'TRANSP:TRANSPARENT',
        ]);
      }
    }
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
