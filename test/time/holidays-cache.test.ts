/**
 * The lunar calendars' shared cache (src/time/holidays.ts, issue 14): every date-holidays rule
 * that uses a Chinese, Korean or Vietnamese calendar shares one cache per calendar class instead
 * of computing the same new moons and solstices again. The dates must be date-holidays' own.
 */
import { CalendarChinese, CalendarKorean } from 'date-chinese';
import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import '../../src/time/holidays.js';

type Cached = { _cache: object };

/** Every holiday of `region` in [from, to), as text. */
function dates(region: string, from: number, to: number): string[] {
  const hd = new Holidays(region);
  const out: string[] = [];
  for (let y = from; y < to; y++) for (const h of hd.getHolidays(y, 'en')) out.push(`${h.date} ${h.type} ${h.name} ${h.end.getTime() - h.start.getTime()}`);
  return out;
}

/** `f` with date-chinese's own per-instance caches (the shared accessor taken off the prototype). */
function unshared<T>(f: () => T): T {
  const desc = Object.getOwnPropertyDescriptor(CalendarChinese.prototype, '_cache')!;
  delete (CalendarChinese.prototype as Partial<Cached>)._cache;
  try {
    return f();
  } finally {
    Object.defineProperty(CalendarChinese.prototype, '_cache', desc);
  }
}

describe('lunar holidays with a shared cache', () => {
  it('instances of one calendar class share one cache; another class has its own', () => {
    const a = new CalendarChinese() as unknown as Cached;
    const b = new CalendarChinese() as unknown as Cached;
    const k = new CalendarKorean() as unknown as Cached;
    expect(a._cache).toBe(b._cache);
    expect(k._cache).not.toBe(a._cache);
    expect(unshared(() => (new CalendarChinese() as unknown as Cached)._cache)).not.toBe(a._cache);
  });

  // Years without an official Chinese notice, and years the notices cover (date-holidays' own
  // dates underneath them), for regions whose holidays follow the three lunar calendars.
  for (const [region, from, to] of [['CN', 1900, 1915], ['CN', 2020, 2030], ['HK', 2060, 2075], ['KR', 1950, 1965], ['VN', 2100, 2110]] as const) {
    it(`${region} ${from}-${to - 1}: the same dates as date-holidays computes per rule`, () => {
      const own = unshared(() => dates(region, from, to));
      expect(own.length).toBeGreaterThan((to - from) * 3);
      expect(dates(region, from, to)).toEqual(own);
    }, 30_000);
  }
});
