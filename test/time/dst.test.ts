/**
 * Named time-engine cases, each pinning one daylight-saving, calendar or `d`-rule corner (luxon
 * style: the test name says the case). Every case runs on the engine AND on the minute-stepping
 * reference (`reference.ts`), so a case also pins the reference the random properties trust.
 * Instants are written and compared as ISO strings with offsets, in the calendar's zone.
 */
import { readFileSync } from 'node:fs';
import { DateTime, Settings } from 'luxon';
import { describe, expect, it } from 'vitest';
import type * as A from '../../src/ast/nodes.js';
import { parse } from '../../src/index.js';
import { compileCalendar, type CompiledCalendar } from '../../src/time/calendar.js';
import { parseCalendar } from './arbitraries.js';
import { DAY, dayOf, deadlineRef, isOpenRef, localToInstant, MINUTE, openBetweenRef, refCalendar, spansOfDay, type RefCalendar } from './reference.js';

interface Cal {
  readonly zone: string;
  readonly engine: CompiledCalendar;
  readonly ref: RefCalendar;
}
const compile = (decl: A.CalendarDecl, zone: string): Cal => ({ zone, engine: compileCalendar(decl), ref: refCalendar(decl) });
/** `calendar('Europe/Berlin', 'hours mon-fri 09:00-17:00')`. */
function calendar(zone: string, ...lines: string[]): Cal {
  return compile(parseCalendar(`calendar c {\n  zone "${zone}"\n${lines.map((l) => `  ${l}\n`).join('')}}\n`), zone);
}

/** An ISO instant with its offset, `2026-03-08T03:00-04:00`, as epoch ms. */
function at(iso: string): number {
  const d = DateTime.fromISO(iso, { setZone: true });
  if (!d.isValid) throw new Error(`bad ISO instant ${iso}`);
  return d.toMillis();
}
/** An instant in the calendar's zone, to the minute, with its offset. */
const local = (cal: Cal, t: number): string => (Number.isFinite(t) ? DateTime.fromMillis(t, { zone: cal.zone }).toISO({ suppressMilliseconds: true, suppressSeconds: true })! : String(t));

/** `4h`, `1h30m`, `2d` as a target duration. */
function duration(text: string): { unit: 'minute' | 'day'; amount: number } {
  const m = /^(?:(\d+)d|(?:(\d+)h)?(?:(\d+)m)?)$/.exec(text);
  if (!m || text === '') throw new Error(`bad duration ${text}`);
  return m[1] ? { unit: 'day', amount: Number(m[1]) } : { unit: 'minute', amount: Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) };
}

/** The deadline of `text` filed at `from`, from the engine and from the reference. */
function due(cal: Cal, from: string, text: string): { engine: string; reference: string } {
  const t = at(from);
  const d = duration(text);
  return { engine: local(cal, cal.engine.deadline(t, d)), reference: local(cal, deadlineRef(cal.ref, t, d)) };
}
const both = (value: string) => ({ engine: value, reference: value });

/** Open time in [from, to) in minutes, from both. */
function openMinutes(cal: Cal, from: string, to: string): { engine: number; reference: number } {
  return { engine: cal.engine.openBetween(at(from), at(to)) / MINUTE, reference: openBetweenRef(cal.ref, at(from), at(to)) / MINUTE };
}
const bothN = (value: number) => ({ engine: value, reference: value });

/** `isOpen` at an instant, from both. */
const open = (cal: Cal, iso: string) => ({ engine: cal.engine.isOpen(at(iso)), reference: isOpenRef(cal.ref, at(iso)) });
const bothB = (value: boolean) => ({ engine: value, reference: value });

/** Open spans within [from, to) as `start/end` strings; the reference's are the owned spans, clipped. */
function spans(cal: Cal, from: string, to: string): { engine: string[]; reference: string[] } {
  const [f, t] = [at(from), at(to)];
  const ref: { start: number; end: number }[] = [];
  for (let day = Math.floor(f / DAY) - 4; day <= Math.floor(t / DAY) + 1; day++) {
    for (const s of spansOfDay(cal.ref, day)) if (s.end > f && s.start < t) ref.push({ start: Math.max(s.start, f), end: Math.min(s.end, t) });
  }
  const text = (list: { start: number; end: number }[]) => list.map((s) => `${local(cal, s.start)}/${local(cal, s.end)}`);
  return { engine: text(cal.engine.spans(f, t)), reference: text(ref.sort((a, b) => a.start - b.start)) };
}
const bothL = (value: string[]) => ({ engine: value, reference: value });

describe('what luxon does at daylight-saving changes (why the reference corrects it)', () => {
  it('luxon moves a wall time inside the spring-forward gap forward by the size of the gap, not to the end of the gap', () => {
    const gap = DateTime.fromObject({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, { zone: 'America/New_York' });
    expect(gap.toISO({ suppressMilliseconds: true })).toBe('2026-03-08T03:30:00-04:00');
    const howe = DateTime.fromObject({ year: 2026, month: 10, day: 4, hour: 2, minute: 15 }, { zone: 'Australia/Lord_Howe' });
    expect(howe.toISO({ suppressMilliseconds: true })).toBe('2026-10-04T02:45:00+11:00');
    const apia = DateTime.fromObject({ year: 2011, month: 12, day: 30, hour: 9 }, { zone: 'Pacific/Apia' });
    expect(apia.toISO({ suppressMilliseconds: true })).toBe('2011-12-31T09:00:00+14:00');
    // The documented rule, as the reference computes it: the first instant after the gap.
    const ref = (zone: string, date: [number, number, number], minutes: number) => DateTime.fromMillis(localToInstant(zone, dayOf(...date), minutes), { zone }).toISO({ suppressMilliseconds: true });
    expect(ref('America/New_York', [2026, 3, 8], 150)).toBe('2026-03-08T03:00:00-04:00');
    expect(ref('Australia/Lord_Howe', [2026, 10, 4], 135)).toBe('2026-10-04T02:30:00+11:00');
    expect(ref('Pacific/Apia', [2011, 12, 30], 540)).toBe('2011-12-31T00:00:00+14:00');
  });

  it('luxon resolves a wall time in the repeated hour by the offset at Settings.now(), so its choice depends on the season the code runs in', () => {
    const saved = Settings.now;
    const pick = (now: string) => {
      Settings.now = () => Date.parse(now);
      return DateTime.fromObject({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, { zone: 'America/New_York' }).toISO({ suppressMilliseconds: true });
    };
    try {
      expect(pick('2026-01-15T00:00:00Z')).toBe('2026-11-01T01:30:00-05:00'); // the second occurrence
      expect(pick('2026-07-15T00:00:00Z')).toBe('2026-11-01T01:30:00-04:00'); // the first occurrence
    } finally {
      Settings.now = saved;
    }
    // The reference never asks luxon to choose: the earlier instant, whatever the season.
    const first = localToInstant('America/New_York', dayOf(2026, 11, 1), 90);
    expect(DateTime.fromMillis(first, { zone: 'America/New_York' }).toISO({ suppressMilliseconds: true })).toBe('2026-11-01T01:30:00-04:00');
  });
});

describe('spring forward, America/New_York 2026-03-08 (02:00 → 03:00)', () => {
  it('a range starting inside the spring-forward gap opens at the first instant after it', () => {
    const cal = calendar('America/New_York', 'hours sun 02:30-06:00');
    expect(spans(cal, '2026-03-08T00:00-05:00', '2026-03-09T00:00-04:00')).toEqual(bothL(['2026-03-08T03:00-04:00/2026-03-08T06:00-04:00']));
    expect(open(cal, '2026-03-08T01:59-05:00')).toEqual(bothB(false));
    expect(open(cal, '2026-03-08T03:00-04:00')).toEqual(bothB(true));
  });

  it('a range ending inside the spring-forward gap closes at the first instant after it', () => {
    const cal = calendar('America/New_York', 'hours sun 01:00-02:30');
    expect(spans(cal, '2026-03-08T00:00-05:00', '2026-03-09T00:00-04:00')).toEqual(bothL(['2026-03-08T01:00-05:00/2026-03-08T03:00-04:00']));
  });

  it('a range across the spring-forward change is an hour shorter than it looks', () => {
    const cal = calendar('America/New_York', 'hours sun 00:00-06:00');
    expect(openMinutes(cal, '2026-03-08T00:00-05:00', '2026-03-09T00:00-04:00')).toEqual(bothN(5 * 60));
  });

  it('a range wholly inside the spring-forward gap is empty that day and open the next week', () => {
    const cal = calendar('America/New_York', 'hours sun 02:00-02:45');
    expect(openMinutes(cal, '2026-03-08T00:00-05:00', '2026-03-09T00:00-04:00')).toEqual(bothN(0));
    expect(openMinutes(cal, '2026-03-15T00:00-04:00', '2026-03-16T00:00-04:00')).toEqual(bothN(45));
  });

  it('a 00:00-24:00 day is 23 hours long on the spring-forward day', () => {
    const cal = calendar('America/New_York', 'hours mon-sun 00:00-24:00');
    expect(openMinutes(cal, '2026-03-08T00:00-05:00', '2026-03-09T00:00-04:00')).toEqual(bothN(23 * 60));
  });

  it('the `d` rule keeps the open time since the opening, so on a 23-hour day the same position is an hour later on the clock', () => {
    const cal = calendar('America/New_York', 'hours mon-sun 00:00-24:00');
    expect(due(cal, '2026-03-07T12:00-05:00', '1d')).toEqual(both('2026-03-08T13:00-04:00'));
  });

  it('office hours outside the change are untouched: 4h from Friday 17:00 is Monday 12:30 in the new offset', () => {
    const cal = calendar('America/New_York', 'hours mon-fri 09:00-17:30');
    expect(due(cal, '2026-03-06T17:00-05:00', '4h')).toEqual(both('2026-03-09T12:30-04:00'));
  });
});

describe('fall back, America/New_York 2026-11-01 (02:00 → 01:00)', () => {
  it('a range starting in the repeated hour opens at its first occurrence', () => {
    const cal = calendar('America/New_York', 'hours sun 01:30-03:00');
    expect(spans(cal, '2026-11-01T00:00-04:00', '2026-11-02T00:00-05:00')).toEqual(bothL(['2026-11-01T01:30-04:00/2026-11-01T03:00-05:00']));
    expect(openMinutes(cal, '2026-11-01T00:00-04:00', '2026-11-02T00:00-05:00')).toEqual(bothN(150));
  });

  it('a range ending in the repeated hour closes at its first occurrence', () => {
    const cal = calendar('America/New_York', 'hours sun 00:00-01:30');
    expect(spans(cal, '2026-11-01T00:00-04:00', '2026-11-02T00:00-05:00')).toEqual(bothL(['2026-11-01T00:00-04:00/2026-11-01T01:30-04:00']));
    expect(open(cal, '2026-11-01T01:15-05:00')).toEqual(bothB(false));
  });

  it('a 00:00-24:00 day is 25 hours long on the fall-back day', () => {
    const cal = calendar('America/New_York', 'hours mon-sun 00:00-24:00');
    expect(openMinutes(cal, '2026-11-01T00:00-04:00', '2026-11-02T00:00-05:00')).toEqual(bothN(25 * 60));
  });

  it('open hours through the repeated hour are real hours: 2h from 00:30 on a 7×24 calendar is the second 01:30', () => {
    const cal = calendar('America/New_York', 'hours mon-sun 00:00-24:00');
    expect(due(cal, '2026-11-01T00:30-04:00', '2h')).toEqual(both('2026-11-01T01:30-05:00'));
  });

  it('office hours outside the change are untouched: 4h from Friday 17:00 is Monday 12:30 in the new offset', () => {
    const cal = calendar('America/New_York', 'hours mon-fri 09:00-17:30');
    expect(due(cal, '2026-10-30T17:00-04:00', '4h')).toEqual(both('2026-11-02T12:30-05:00'));
  });
});

describe('Europe/Berlin 2026-03-29 (02:00 → 03:00) and 2026-10-25 (03:00 → 02:00)', () => {
  it('4 open hours from Saturday 22:00 on a 7×24 calendar end at 03:00 CEST, across the spring-forward change', () => {
    const cal = calendar('Europe/Berlin', 'hours mon-sun 00:00-24:00');
    expect(due(cal, '2026-03-28T22:00+01:00', '4h')).toEqual(both('2026-03-29T03:00+02:00'));
  });

  it('a night range across the spring-forward change (sat 22:00-06:00) is seven hours long', () => {
    const cal = calendar('Europe/Berlin', 'hours sat 22:00-06:00');
    expect(openMinutes(cal, '2026-03-28T12:00+01:00', '2026-03-29T12:00+02:00')).toEqual(bothN(7 * 60));
  });

  it('a range starting in the repeated hour (02:30) opens at its first occurrence, in summer time', () => {
    const cal = calendar('Europe/Berlin', 'hours sun 02:30-04:00');
    expect(spans(cal, '2026-10-25T00:00+02:00', '2026-10-26T00:00+01:00')).toEqual(bothL(['2026-10-25T02:30+02:00/2026-10-25T04:00+01:00']));
  });

  it('office hours outside the change are untouched: 2h from Friday 16:00 is Monday 10:00 in winter time', () => {
    const cal = calendar('Europe/Berlin', 'hours mon-fri 09:00-17:00');
    expect(due(cal, '2026-10-23T16:00+02:00', '2h')).toEqual(both('2026-10-26T10:00+01:00'));
  });
});

describe('ranges at and across midnight', () => {
  it('a range ending at 24:00 closes at the next day\'s 00:00, and `00:00` as an end means the same', () => {
    for (const hours of ['hours fri 20:00-24:00', 'hours fri 20:00-00:00']) {
      const cal = calendar('Asia/Shanghai', hours);
      expect(spans(cal, '2026-11-20T00:00+08:00', '2026-11-22T00:00+08:00')).toEqual(bothL(['2026-11-20T20:00+08:00/2026-11-21T00:00+08:00']));
      expect(due(cal, '2026-11-20T23:00+08:00', '1h')).toEqual(both('2026-11-21T00:00+08:00'));
      expect(open(cal, '2026-11-21T00:00+08:00')).toEqual(bothB(false));
    }
  });

  it('a range crossing midnight belongs to the day it starts on: closing that day removes it, closing the next day does not', () => {
    const night = (closed: string) => calendar('Europe/Berlin', 'hours fri 22:00-06:00', closed);
    expect(open(night('closed 2026-11-21'), '2026-11-21T03:00+01:00')).toEqual(bothB(true));
    expect(open(night('closed 2026-11-20'), '2026-11-21T03:00+01:00')).toEqual(bothB(false));
  });

  it('a `d` clock started after midnight in a night shift keeps that shift\'s day and position', () => {
    // Filed Saturday 02:00 in Friday's shift: position 4h on Friday; the next open day is Monday.
    const cal = calendar('Europe/Berlin', 'hours mon-fri 22:00-06:00');
    expect(due(cal, '2026-11-21T02:00+01:00', '1d')).toEqual(both('2026-11-24T02:00+01:00'));
  });

  it('a day that starts at 01:00 (America/Sao_Paulo 2017-10-15, spring forward at midnight) opens at 01:00', () => {
    const cal = calendar('America/Sao_Paulo', 'hours sun 00:00-24:00');
    expect(spans(cal, '2017-10-14T12:00-03:00', '2017-10-16T12:00-02:00')).toEqual(bothL(['2017-10-15T01:00-02:00/2017-10-16T00:00-02:00']));
  });

  it('a range ending at 24:00 before a midnight that does not exist ends at 01:00 (Sao Paulo 2017-10-14)', () => {
    const cal = calendar('America/Sao_Paulo', 'hours sat 20:00-24:00');
    expect(spans(cal, '2017-10-14T12:00-03:00', '2017-10-15T12:00-02:00')).toEqual(bothL(['2017-10-14T20:00-03:00/2017-10-15T01:00-02:00']));
    expect(openMinutes(cal, '2017-10-14T12:00-03:00', '2017-10-15T12:00-02:00')).toEqual(bothN(4 * 60));
  });

  it('a range in the hour before a midnight fall-back opens at the first 23:30 and runs to the only midnight (Sao Paulo 2018-02-17)', () => {
    const cal = calendar('America/Sao_Paulo', 'hours sat 23:30-24:00');
    expect(spans(cal, '2018-02-17T12:00-02:00', '2018-02-18T12:00-03:00')).toEqual(bothL(['2018-02-17T23:30-02:00/2018-02-18T00:00-03:00']));
  });
});

describe('odd offsets and skipped days', () => {
  it('Lord Howe\'s 30-minute spring-forward gap moves a 02:00 opening to 02:30 (2026-10-04)', () => {
    const cal = calendar('Australia/Lord_Howe', 'hours sun 02:00-06:00');
    expect(spans(cal, '2026-10-04T00:00+10:30', '2026-10-05T00:00+11:00')).toEqual(bothL(['2026-10-04T02:30+11:00/2026-10-04T06:00+11:00']));
  });

  it('Lord Howe\'s 00:00-24:00 days are 23h30m and 24h30m long', () => {
    const cal = calendar('Australia/Lord_Howe', 'hours mon-sun 00:00-24:00');
    expect(openMinutes(cal, '2026-10-04T00:00+10:30', '2026-10-05T00:00+11:00')).toEqual(bothN(23 * 60 + 30));
    expect(openMinutes(cal, '2026-04-05T00:00+11:00', '2026-04-06T00:00+10:30')).toEqual(bothN(24 * 60 + 30));
  });

  it('Lord Howe\'s repeated half hour: a range starting at 01:45 opens at its first occurrence (2026-04-05)', () => {
    const cal = calendar('Australia/Lord_Howe', 'hours sun 01:45-03:00');
    expect(spans(cal, '2026-04-05T00:00+11:00', '2026-04-06T00:00+10:30')).toEqual(bothL(['2026-04-05T01:45+11:00/2026-04-05T03:00+10:30']));
  });

  it('Asia/Kathmandu (+05:45): 2h from 16:00 is 10:00 the next morning, 04:15 UTC', () => {
    const cal = calendar('Asia/Kathmandu', 'hours mon-fri 09:00-17:00');
    expect(due(cal, '2026-06-15T16:00+05:45', '2h')).toEqual(both('2026-06-16T10:00+05:45'));
    expect(new Date(cal.engine.deadline(at('2026-06-15T16:00+05:45'), duration('2h'))).toISOString()).toBe('2026-06-16T04:15:00.000Z');
  });

  it('Pacific/Apia skipped Friday 2011-12-30: it has no open time, and the clock goes from Thursday to Monday', () => {
    const cal = calendar('Pacific/Apia', 'hours mon-fri 09:00-17:00');
    expect(due(cal, '2011-12-29T16:00-10:00', '2h')).toEqual(both('2012-01-02T10:00+14:00'));
    expect(due(cal, '2011-12-29T10:00-10:00', '1d')).toEqual(both('2012-01-02T10:00+14:00'));
    const always = calendar('Pacific/Apia', 'hours mon-sun 00:00-24:00');
    expect(openMinutes(always, '2011-12-29T00:00-10:00', '2011-12-31T00:00+14:00')).toEqual(bothN(24 * 60));
  });
});

describe('calendar dates', () => {
  it('the leap day 2028-02-29 is an ordinary Tuesday, and can be closed', () => {
    const cal = calendar('UTC', 'hours mon-fri 09:00-17:00');
    expect(due(cal, '2028-02-28T16:00Z', '2h')).toEqual(both('2028-02-29T10:00Z'));
    expect(due(cal, '2028-02-28T11:00Z', '1d')).toEqual(both('2028-02-29T11:00Z'));
    const closed = calendar('UTC', 'hours mon-fri 09:00-17:00', 'closed 2028-02-29');
    expect(due(closed, '2028-02-28T16:00Z', '2h')).toEqual(both('2028-03-01T10:00Z'));
  });

  it('a span crossing the year boundary (2026-12-31 → 2027-01-01) is one open stretch', () => {
    const cal = calendar('Europe/Berlin', 'hours thu 22:00-06:00');
    expect(spans(cal, '2026-12-31T12:00+01:00', '2027-01-01T12:00+01:00')).toEqual(bothL(['2026-12-31T22:00+01:00/2027-01-01T06:00+01:00']));
    expect(due(cal, '2026-12-31T23:00+01:00', '3h')).toEqual(both('2027-01-01T02:00+01:00'));
    const office = calendar('Europe/Berlin', 'hours mon-fri 09:00-17:00');
    expect(due(office, '2026-12-31T16:00+01:00', '2h')).toEqual(both('2027-01-01T10:00+01:00'));
  });
});

describe('the bundled contract and the language reference\'s examples', () => {
  const contract = parse(readFileSync(new URL('../../contracts/realtime-messaging.pledge', import.meta.url), 'utf8')).ast;
  const businessDecl = contract.declarations.find((d): d is A.CalendarDecl => d.kind === 'Calendar' && d.name.text === 'business')!;
  const business = compile(businessDecl, 'Asia/Shanghai');

  it('Golden Week: a P2 response (4h on business) filed Wednesday 2026-09-30 17:00 is due Thursday 2026-10-08 12:30', () => {
    // 17:00-17:30 counts on 30 September (a working day), 1-7 October are closed (the contract's line
    // and the 2026 notice's National Day holiday), then 3h30m from 09:00 on Thursday 8 October.
    expect(due(business, '2026-09-30T17:00+08:00', '4h')).toEqual(both('2026-10-08T12:30+08:00'));
  });

  it('Golden Week: filed Friday 2026-10-09 15:00, the 4h response is due on the make-up Saturday 2026-10-10 at 10:30', () => {
    expect(due(business, '2026-10-09T15:00+08:00', '4h')).toEqual(both('2026-10-10T10:30+08:00'));
  });

  it('the README example: P2 filed Friday 2026-11-20 17:00 in Shanghai, 4h on business, is due Monday 2026-11-23 12:30', () => {
    expect(due(business, '2026-11-20T17:00+08:00', '4h')).toEqual(both('2026-11-23T12:30+08:00'));
  });

  const office = calendar('Asia/Shanghai', 'hours mon-fri 09:00-17:30');

  it('8h30m from 09:00 on a 09:00-17:30 day is 17:30 that day, not 09:00 the next (earliest instant)', () => {
    expect(due(office, '2026-11-18T09:00+08:00', '8h30m')).toEqual(both('2026-11-18T17:30+08:00'));
  });

  it('1h from 17:00 is 09:30 the next open day', () => {
    expect(due(office, '2026-11-18T17:00+08:00', '1h')).toEqual(both('2026-11-19T09:30+08:00'));
  });

  it('`1d` filed at 10:00 is due at 10:00 the next open day (Wednesday → Thursday, Friday → Monday)', () => {
    expect(due(office, '2026-11-18T10:00+08:00', '1d')).toEqual(both('2026-11-19T10:00+08:00'));
    expect(due(office, '2026-11-20T10:00+08:00', '1d')).toEqual(both('2026-11-23T10:00+08:00'));
  });

  it('`1d` filed Friday 20:00 starts Monday 09:00 at position 0 and is due Tuesday 09:00; `2d` Wednesday 09:00', () => {
    expect(due(office, '2026-11-20T20:00+08:00', '1d')).toEqual(both('2026-11-24T09:00+08:00'));
    expect(due(office, '2026-11-20T20:00+08:00', '2d')).toEqual(both('2026-11-25T09:00+08:00'));
  });

  it('`5d` from Tuesday 11:00 is the next Tuesday at 11:00', () => {
    expect(due(office, '2026-11-17T11:00+08:00', '5d')).toEqual(both('2026-11-24T11:00+08:00'));
  });

  it('`1d` filed in a lunch break keeps the morning as its position: 12:30 → the next day at 12:00 (3h, the earliest instant)', () => {
    const lunch = calendar('Asia/Shanghai', 'hours mon-fri 09:00-12:00, 13:00-18:00');
    expect(due(lunch, '2026-11-18T12:30+08:00', '1d')).toEqual(both('2026-11-19T12:00+08:00'));
  });

  it('`1d` whose position falls after a short make-up day\'s close is due at that close', () => {
    const cal = calendar('Asia/Shanghai', 'hours mon-fri 09:00-17:30', 'open 2026-10-10 09:00-12:00');
    expect(due(cal, '2026-10-09T16:00+08:00', '1d')).toEqual(both('2026-10-10T12:00+08:00'));
  });

  it('a pause from Friday 17:00 to Monday 10:00 costs 1h30m of open time, not 65 hours', () => {
    expect(openMinutes(office, '2026-11-20T17:00+08:00', '2026-11-23T10:00+08:00')).toEqual(bothN(90));
  });
});
