/**
 * `holidays file "path.ics"` (issue 16; language reference, "Holidays from an iCalendar file"):
 * the fixtures under test/fixtures/ics, the worked example, the playground's diagnostic, the
 * formatter's round trip, and re-importing what `pledge calendar --format ics` writes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, calendarIcs, compileContract, formatSource } from '../../src/index.js';

const DIR = path.resolve(import.meta.dirname, '..', 'fixtures', 'ics');
const readFile = (p: string) => {
  try {
    return { text: readFileSync(path.resolve(DIR, p), 'utf8') };
  } catch {
    return { error: 'no such file' };
  }
};
const contract = (file: string, extra = '', zone = 'Asia/Shanghai') =>
  `sla "Acme" {\n  provider "P"\n  customer "C"\n  term 2026-01-01 to 2026-12-31\n}\n\ncalendar business "Office" {\n  zone "${zone}"\n  hours mon-fri 09:00-17:30\n  holidays file "${file}"\n${extra}}\n\nclock response {\n  starts filed\n  stops first_reply\n}\n\npriority P2 {\n  response 4h on business\n}\n`;
const closed = (text: string, from: string, to: string) => {
  const a = analyze(text, { readFile });
  const cal = compileContract(a.model).calendars.get('business')!;
  return { a, days: cal.days(from, to).filter((d) => d.source.kind === 'holiday').map((d) => d.date), cal };
};

describe('holidays file', () => {
  it('all-day multi-day events close DTSTART up to, not including, DTEND; the worked example', () => {
    const { a, days, cal } = closed(contract('acme-2026.ics'), '2026-09-28', '2026-10-09');
    expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(days).toEqual(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']);
    // P2 response (4h) filed Wednesday 2026-09-30 16:00 Shanghai: due Thursday 2026-10-08 11:30.
    const filed = Date.parse('2026-09-30T16:00:00+08:00');
    expect(new Date(cal.deadline(filed, { unit: 'minute', amount: 240 })).toISOString()).toBe('2026-10-08T03:30:00.000Z');
  });

  it('an all-day event without DTEND is one day; a yearly RRULE closes its occurrence in the term (PLG2134)', () => {
    expect(closed(contract('allday.ics'), '2026-03-15', '2026-03-17').days).toEqual(['2026-03-16']);
    const { a, days } = closed(contract('acme-2026.ics'), '2026-12-20', '2026-12-31');
    expect(days).toEqual(['2026-12-25']);
    expect(a.diagnostics.find((d) => d.code === 'PLG2134')?.message).toMatch(/closes 1 date \(2026-12-25\)/);
  });

  it('a timed event closes only whole local days; the part of a day is a warning (PLG2132)', () => {
    const { a, days } = closed(contract('acme-2026.ics'), '2026-04-29', '2026-05-03');
    expect(days).toEqual(['2026-05-01']);
    expect(a.diagnostics.find((d) => d.code === 'PLG2132')?.message).toMatch(/12:00-24:00 of 2026-04-30/);
    const berlin = closed(contract('timed.ics', '', 'Europe/Berlin'), '2026-06-11', '2026-12-31');
    expect(berlin.days).toEqual(['2026-06-12']); // VTIMEZONE of the file; the afternoon of 12-24 stays open
    expect(berlin.a.diagnostics.map((d) => d.code).sort()).toEqual(['PLG2132', 'PLG2132', 'PLG2135']);
  });

  it('duplicates: twice in the file, and with a closed line (PLG2133); WORKDAY events open with weekday hours', () => {
    const { a, cal } = closed(contract('duplicates.ics', '  closed 2026-12-25 "Christmas"\n'), '2026-01-01', '2026-12-31');
    expect(a.diagnostics.filter((d) => d.code === 'PLG2133')).toHaveLength(2);
    const sat = cal.days('2026-02-07', '2026-02-07')[0]!;
    expect(sat.source.kind).toBe('workday');
    expect(sat.spans).toHaveLength(1);
  });

  it('a missing or invalid file is an error at the statement (PLG2130, PLG2131); without a reader, the playground message', () => {
    const missing = analyze(contract('nope.ics'), { readFile }).diagnostics.find((d) => d.code === 'PLG2130')!;
    expect(missing.range.start.line).toBe(10);
    expect(missing.message).toMatch(/cannot read `nope.ics`: no such file/);
    expect(analyze(contract('bad.ics'), { readFile }).diagnostics.find((d) => d.code === 'PLG2131')?.message).toMatch(/not an iCalendar file: line 3, column 1: invalid line/);
    expect(analyze(contract('not-ics.csv'), { readFile }).diagnostics.some((d) => d.code === 'PLG2131')).toBe(true);
    expect(analyze(contract('acme-2026.ics')).diagnostics.find((d) => d.code === 'PLG2130')?.message).toMatch(/files cannot be read in the playground/);
  });

  it('a parse error names the file\'s line and column (unfolded content lines, RFC 5545 §3.1) and sits on the contract\'s `holidays file` line (PLG2131)', () => {
    const files: Record<string, string> = {
      // ical.js: `invalid line (no token ";" or ":") "..."`, after a folded SUMMARY (lines 5-6 are one content line).
      'colon.ics': 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261001\r\nSUMMARY:Golden\r\n  Week\r\nthis line has no colon\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
      // An unterminated quote in a parameter: the column is where the parameters start.
      'quote.ics': 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID="Asia/Shanghai:20261001T000000\nEND:VEVENT\nEND:VCALENDAR\n',
      // The quoted text is in a continuation piece: its column counts the folding space.
      'folded.ics': 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261001\nRRULE:FREQ=YEARLY;\n BYMONTH=13\nEND:VEVENT\nEND:VCALENDAR\n',
      // A component that never ends: the line of the BEGIN left open.
      'unended.ics': 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:y\n',
      // ical.js reads values lazily: a bad date throws only when the event is read, and is located within that event.
      'value.ics': 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:2026x001\nDTSTART;VALUE=DATE:20261001\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:2026x001\nEND:VEVENT\nEND:VCALENDAR\n',
      'duration.ics': 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261001T000000Z\nDURATION:PXYZ\nEND:VEVENT\nEND:VCALENDAR\n',
    };
    const read = (p: string) => (p in files ? { text: files[p]! } : { error: 'no such file' });
    const error = (file: string) => {
      const found = analyze(contract(file), { readFile: read }).diagnostics.filter((d) => d.code === 'PLG2131');
      expect(found, file).toHaveLength(1);
      expect(found[0]!.range.start.line, file).toBe(10);
      return found[0]!.message;
    };
    expect(error('colon.ics')).toBe('`colon.ics` is not an iCalendar file: line 7, column 1: invalid line (no token ";" or ":") "this line has no colon"');
    expect(error('quote.ics')).toMatch(/^`quote.ics` is not an iCalendar file: line 3, column 8: invalid line \(no matching double quote\)/);
    expect(error('folded.ics')).toMatch(/^`folded.ics` is not an iCalendar file: line 5, column 10: BYMONTH: invalid value "13"/);
    expect(error('unended.ics')).toMatch(/^`unended.ics` is not an iCalendar file: line 5, column 1: invalid ical body/);
    expect(error('value.ics')).toBe('`value.ics` is not a valid iCalendar file: line 7, column 24: the event that begins on line 6 cannot be read: Could not extract integer from "x0"');
    expect(error('duration.ics')).toMatch(/^`duration.ics` is not a valid iCalendar file: line 4, column 11: the event that begins on line 2 cannot be read: invalid duration value/);
  });

  it('fmt is idempotent with the statement', () => {
    const once = formatSource(contract('acme-2026.ics').replace('holidays file', 'holidays    file')).output!;
    expect(once).toContain('  holidays file "acme-2026.ics"\n');
    expect(formatSource(once).output).toBe(once);
  });

  it('re-importing `pledge calendar --format ics` gives the same closures', () => {
    const src = analyze(readFileSync(path.resolve(DIR, '..', '..', '..', 'contracts', 'realtime-messaging.pledge'), 'utf8'));
    const cal = compileContract(src.model).calendars.get('business')!;
    const ics = calendarIcs(src.model.calendars.get('business')!, cal, { contract: 'x', from: '2026-01-01', to: '2026-12-31' });
    const text = contract('exported.ics');
    const a = analyze(text, { readFile: () => ({ text: ics }) });
    const again = compileContract(a.model).calendars.get('business')!;
    const off = (c: typeof cal) => c.days('2026-01-01', '2026-12-31').filter((d) => d.source.kind === 'closed' || d.source.kind === 'holiday').map((d) => d.date);
    expect(off(again)).toEqual(off(cal));
  });
});
