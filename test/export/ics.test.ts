/**
 * `pledge calendar --format ics` (issue 16): the iCalendar output parses back with ical.js and
 * equals the calendar's closures and make-up days over the term, for every calendar of every
 * library contract; folding and TEXT escaping follow RFC 5545 §3.1 and §3.3.11.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { analyze, calendarDays, calendarIcs, compileContract, icsEscapeText, icsFoldLine } from '../../src/index.js';
import { main } from '../../src/cli/main.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const contracts = readdirSync(path.join(ROOT, 'contracts')).filter((f) => f.endsWith('.pledge')).sort();

interface Parsed {
  allDay: Map<string, string>;
  spans: { start: number; end: number }[];
  uids: string[];
}

function parseBack(ics: string): Parsed {
  const cal = new ICAL.Component(ICAL.parse(ics));
  expect(cal.name).toBe('vcalendar');
  expect(cal.getFirstPropertyValue('version')).toBe('2.0');
  const allDay = new Map<string, string>();
  const spans: { start: number; end: number }[] = [];
  const uids: string[] = [];
  for (const ev of cal.getAllSubcomponents('vevent')) {
    const e = new ICAL.Event(ev);
    uids.push(e.uid);
    expect(ev.getFirstPropertyValue('dtstamp')).toBeTruthy();
    const category = String(ev.getFirstPropertyValue('categories'));
    if (e.startDate.isDate) {
      // All-day: DTEND is the next date (non-inclusive end, RFC 5545 §3.6.1).
      expect(e.endDate.isDate).toBe(true);
      expect(e.endDate.toJSDate().getTime() - e.startDate.toJSDate().getTime()).toBeGreaterThan(0);
      const date = e.startDate.toString();
      const next = new Date(Date.UTC(e.startDate.year, e.startDate.month - 1, e.startDate.day + 1)).toISOString().slice(0, 10);
      expect(e.endDate.toString()).toBe(next);
      expect(allDay.has(date)).toBe(false);
      allDay.set(date, category);
    } else {
      expect(e.startDate.zone?.tzid).toBe('UTC');
      spans.push({ start: e.startDate.toUnixTime() * 1000, end: e.endDate.toUnixTime() * 1000 });
    }
  }
  return { allDay, spans, uids };
}

describe('calendar --format ics round trip (ical.js)', () => {
  for (const name of contracts) {
    const analysis = analyze(readFileSync(path.join(ROOT, 'contracts', name), 'utf8'));
    const runtime = compileContract(analysis.model);
    const term = analysis.model.term;
    const iso = (d: { year: number; month: number; day: number }) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
    const from = term ? iso(term.from) : '2026-01-01';
    const to = term ? iso(term.to) : '2026-12-31';
    for (const [calName, decl] of analysis.model.calendars) {
      it(`${name} ${calName}: closures and make-up days over ${from}..${to}`, () => {
        const cal = runtime.calendars.get(calName)!;
        const ics = calendarIcs(decl, cal, { contract: name, from, to, openSpans: true });
        // Deterministic: the same bytes twice.
        expect(calendarIcs(decl, cal, { contract: name, from, to, openSpans: true })).toBe(ics);
        // CRLF only, and no physical line over 75 octets (RFC 5545 §3.1).
        expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
        for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
        const parsed = parseBack(ics);
        expect(new Set(parsed.uids).size).toBe(parsed.uids.length);
        const expected = new Map<string, string>();
        const spans: { start: number; end: number }[] = [];
        for (const d of cal.days(from, to)) {
          const k = d.source.kind;
          if (k === 'closed') expected.set(d.date, 'CLOSED');
          else if (k === 'holiday') expected.set(d.date, 'HOLIDAY');
          else if (k === 'workday' || k === 'open') expected.set(d.date, 'WORKDAY');
          spans.push(...d.spans);
        }
        expect(parsed.allDay).toEqual(expected);
        expect(parsed.spans).toEqual(spans.map((s) => ({ start: s.start, end: s.end })));
      });
    }
  }

  it('the contracts have closures to compare: CN official days off and make-up days are events', () => {
    const analysis = analyze(readFileSync(path.join(ROOT, 'contracts', 'online-education.pledge'), 'utf8'));
    const runtime = compileContract(analysis.model);
    const decl = analysis.model.calendars.get('office')!;
    const ics = calendarIcs(decl, runtime.calendars.get('office')!, { contract: 'x', from: '2026-01-01', to: '2026-12-31' });
    const parsed = parseBack(ics);
    expect([...parsed.allDay.values()].filter((c) => c === 'HOLIDAY' || c === 'CLOSED').length).toBeGreaterThan(20);
    expect(parsed.allDay.get('2026-02-14')).toBe('WORKDAY'); // 2026 notice: make-up Saturday
    expect(parsed.allDay.get('2026-10-01')).not.toBeUndefined();
    expect(calendarDays(decl, runtime.calendars.get('office')!, '2026-02-14', '2026-02-14')[0]!.source).toBe('open'); // an `open` line
    expect(parsed.allDay.get('2026-01-04')).toBe('WORKDAY'); // the notice's own make-up Sunday (调休)
    expect(calendarDays(decl, runtime.calendars.get('office')!, '2026-01-04', '2026-01-04')[0]!.source).toBe('workday');
  });

  it('UIDs come from the contract, calendar and date; DTSTAMP from --from', () => {
    const analysis = analyze(readFileSync(path.join(ROOT, 'contracts', 'realtime-messaging.pledge'), 'utf8'));
    const runtime = compileContract(analysis.model);
    const decl = analysis.model.calendars.get('business')!;
    const a = calendarIcs(decl, runtime.calendars.get('business')!, { contract: 'A', from: '2026-10-01', to: '2026-10-02' });
    const b = calendarIcs(decl, runtime.calendars.get('business')!, { contract: 'B', from: '2026-10-01', to: '2026-10-02' });
    const uid = (s: string) => [...s.matchAll(/^UID:(.*)\r$/gm)].map((m) => m[1]);
    expect(uid(a)).toHaveLength(2);
    expect(uid(a)[0]).toMatch(/^pledge-[0-9a-f]{8}-20261001-closed$/);
    expect(uid(a)).not.toEqual(uid(b));
    expect(a).toMatch(/^DTSTAMP:20261001T000000Z\r$/m);
  });
});

describe('RFC 5545 TEXT escaping (§3.3.11) and folding (§3.1)', () => {
  it('escapes backslash, semicolon, comma and newlines, not colons', () => {
    expect(icsEscapeText('a\\b;c,d:e\nf')).toBe('a\\\\b\\;c\\,d:e\\nf');
    const value = 'Office; closed, see: C:\\notes\nnext';
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//t//EN', 'BEGIN:VEVENT', 'UID:x', 'DTSTAMP:20260101T000000Z', 'DTSTART;VALUE=DATE:20260101', `SUMMARY:${icsEscapeText(value)}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    const ev = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
    expect(ev.getFirstPropertyValue('summary')).toBe(value);
  });

  it('folds at 75 octets, continuation lines starting with one space, never inside a UTF-8 character', () => {
    expect(icsFoldLine('SUMMARY:short')).toBe('SUMMARY:short');
    const ascii = `SUMMARY:${'x'.repeat(200)}`;
    const folded = icsFoldLine(ascii);
    const lines = folded.split('\r\n');
    expect(lines[0]).toHaveLength(75);
    for (const l of lines.slice(1)) expect(l.startsWith(' ')).toBe(true);
    for (const l of lines) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    expect(lines.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(ascii);
    const cjk = `SUMMARY:${'国庆节'.repeat(20)}`; // 3 octets each
    const cjkLines = icsFoldLine(cjk).split('\r\n');
    for (const l of cjkLines) {
      expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
      expect(Buffer.from(l, 'utf8').toString('utf8')).toBe(l); // no broken sequence
    }
    expect(Buffer.byteLength(cjkLines[0]!)).toBeGreaterThan(72);
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//t//EN', 'BEGIN:VEVENT', 'UID:x', 'DTSTAMP:20260101T000000Z', 'DTSTART;VALUE=DATE:20260101', icsFoldLine(cjk), 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    expect(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!.getFirstPropertyValue('summary')).toBe('国庆节'.repeat(20));
  });
});

describe('pledge calendar --format ics', () => {
  const run = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await main(argv, { stdout: { write: (s: string) => ((out += s), true) }, stderr: { write: (s: string) => ((err += s), true) }, cwd: ROOT } as never);
    return { code, out, err };
  };
  it('writes the VCALENDAR on stdout', async () => {
    const r = await run('calendar', 'contracts/realtime-messaging.pledge', 'business', '--from', '2026-10-01', '--to', '2026-10-08', '--format', 'ics');
    expect(r.code).toBe(0);
    expect(r.out.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(r.out.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(parseBack(r.out).allDay.size).toBeGreaterThan(5);
  });
  it('rejects an unknown format and --open-spans without ics', async () => {
    expect((await run('calendar', 'contracts/realtime-messaging.pledge', 'business', '--from', '2026-10-01', '--to', '2026-10-08', '--format', 'xml')).code).toBe(2);
    expect((await run('calendar', 'contracts/realtime-messaging.pledge', 'business', '--from', '2026-10-01', '--to', '2026-10-08', '--open-spans')).code).toBe(2);
  });
});
