/**
 * `CompiledCalendar.dueBy(from, to, duration)` (src/time/calendar.ts, issue 14): PLG2025's "is a
 * ticket filed at the term's start due by its end" answered from the days' hours where they show
 * enough open time, without building the years. It must say exactly `deadline(from, duration) <= to`,
 * computed on a separate compilation of the same calendar (so neither sees what the other built):
 * on random calendars around awkward daylight-saving dates, and on calendars with region holidays
 * over windows of years.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../../src/time/calendar.js';
import { calendarArb, durationArb, instantNear, parseCalendar } from './arbitraries.js';

const DAY = 86_400_000;

describe('dueBy', () => {
  it('is deadline(from, d) <= to on random calendars near awkward dates', () => {
    fc.assert(
      fc.property(
        calendarArb.chain((cal) =>
          fc.record({
            cal: fc.constant(cal),
            from: instantNear(cal.anchor),
            // Windows from a day to a few months: the short ones end near the deadline.
            days: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 120 })),
            extra: fc.integer({ min: -1440, max: 1440 }),
            duration: fc.oneof(durationArb(cal.weeklyOpenMinutes), fc.integer({ min: 1, max: 40 }).map((amount) => ({ unit: 'day' as const, amount })), fc.integer({ min: 1, max: 200 * 60 }).map((amount) => ({ unit: 'minute' as const, amount }))),
          }),
        ),
        ({ cal, from, days, extra, duration }) => {
          const to = from + days * DAY + extra * 60_000;
          const expected = compileCalendar(cal.decl).deadline(from, duration) <= to;
          expect(compileCalendar(cal.decl).dueBy(from, to, duration)).toBe(expected);
        },
      ),
      { numRuns: 400 },
    );
  });

  const HOLIDAY_CALENDARS: string[][] = [
    ['America/New_York', 'hours mon-fri 09:00-17:00', 'holidays "US"'],
    ['Europe/Berlin', 'hours mon-fri 08:00-18:30\n  hours sat 10:00-14:00', 'holidays "DE-BY"'],
    ['Asia/Shanghai', 'hours mon-fri 09:00-18:00', 'holidays "CN"'],
    ['Australia/Lord_Howe', 'hours mon-sun 22:00-02:00', 'holidays "AU-NSW"'],
    ['America/Sao_Paulo', 'hours mon-fri 00:00-24:00', 'holidays "BR"'],
    ['Pacific/Apia', 'hours mon-sat 07:00-19:00', 'closed 2011-12-24 to 2012-01-03'],
    ['UTC', 'hours mon-sun 00:00-24:00', 'holidays "GB"'],
  ];

  it('is deadline(from, d) <= to over years, with holidays and daylight saving', () => {
    fc.assert(
      fc.property(
        fc.record({
          cal: fc.constantFrom(...HOLIDAY_CALENDARS),
          from: fc.integer({ min: Date.UTC(2009, 0, 1), max: Date.UTC(2030, 0, 1) }).map((t) => Math.floor(t / 60_000) * 60_000),
          days: fc.integer({ min: 0, max: 4 * 366 }),
          duration: fc.oneof(fc.integer({ min: 1, max: 1000 }).map((amount) => ({ unit: 'day' as const, amount })), fc.integer({ min: 1, max: 8000 * 60 }).map((amount) => ({ unit: 'minute' as const, amount }))),
        }),
        ({ cal, from, days, duration }) => {
          const decl = parseCalendar(`calendar c {\n  zone "${cal[0]!}"\n  ${cal.slice(1).join('\n  ')}\n}\n`);
          const to = from + days * DAY;
          const expected = compileCalendar(decl).deadline(from, duration) <= to;
          expect(compileCalendar(decl).dueBy(from, to, duration)).toBe(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('does not count a day that daylight saving shortens as a whole one', () => {
    // Open only on the day New York springs forward: 23 hours of open time, not 24.
    const decl = parseCalendar('calendar c {\n  zone "America/New_York"\n  open 2026-03-08 00:00-24:00\n}\n');
    const from = Date.UTC(2026, 2, 1, 5);
    const to = Date.UTC(2026, 2, 20, 4);
    for (const amount of [1379, 1380, 1381, 1400, 1440]) {
      const d = { unit: 'minute' as const, amount };
      expect(compileCalendar(decl).dueBy(from, to, d)).toBe(compileCalendar(decl).deadline(from, d) <= to);
    }
    expect(compileCalendar(decl).dueBy(from, to, { unit: 'minute', amount: 1400 })).toBe(false);
  });

  it('answers a long term without building it: a 3660d target on a 50-year term', () => {
    const decl = parseCalendar('calendar c {\n  zone "America/New_York"\n  hours mon-fri 09:00-17:00\n  holidays "US"\n}\n');
    const from = Date.UTC(2026, 0, 1, 5);
    const to = Date.UTC(2076, 0, 1, 5);
    const cal = compileCalendar(decl);
    expect(cal.dueBy(from, to, { unit: 'day', amount: 3660 })).toBe(true);
    expect(cal.dueBy(from, Date.UTC(2030, 0, 1), { unit: 'day', amount: 3660 })).toBe(false);
    expect(cal.dueBy(from, to, { unit: 'minute', amount: 200 * 365 * 8 * 60 })).toBe(false);
  });
});
