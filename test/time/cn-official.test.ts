/**
 * China's official schedules (src/time/cn-official.ts) against the notices' own counts: each
 * notice says "共N天" for every holiday, and every make-up working day (调休上班) it names is a
 * Saturday or Sunday. A transcription slip in a date shows up as a wrong count or a weekday.
 */
import { describe, expect, it } from 'vitest';
import { FIRST_OFFICIAL_YEAR, LAST_OFFICIAL_YEAR, OFFICIAL_SCHEDULES, hasOfficialSchedule, officialDays } from '../../src/time/cn-official.js';

/** 共N天 per holiday, in the notice's order (2020's Spring Festival as extended by 国办发明电〔2020〕1号: 1/24 to 2/2). */
const DAYS_PER_HOLIDAY: Record<number, number[]> = {
  2020: [1, 10, 3, 5, 3, 8],
  2021: [3, 7, 3, 5, 3, 3, 7],
  2022: [3, 7, 3, 5, 3, 3, 7],
  2023: [3, 7, 1, 5, 3, 8],
  2024: [1, 8, 3, 5, 1, 3, 7],
  2025: [1, 8, 3, 5, 3, 8],
  2026: [3, 9, 3, 5, 3, 3, 7],
};
/** The make-up working days each notice lists. */
const WORKDAYS: Record<number, number> = { 2020: 6, 2021: 7, 2022: 7, 2023: 7, 2024: 8, 2025: 5, 2026: 6 };

const dayMs = 86_400_000;
const daysBetween = (from: string, to: string) => (Date.parse(`${to}T00:00Z`) - Date.parse(`${from}T00:00Z`)) / dayMs + 1;
const weekday = (date: string) => new Date(`${date}T00:00Z`).getUTCDay();

describe("China's official holiday schedules", () => {
  it('ship every year from 2020 to 2026, each with its title, publication date and where it was read', () => {
    expect([FIRST_OFFICIAL_YEAR, LAST_OFFICIAL_YEAR]).toEqual([2020, 2026]);
    for (let y = 2020; y <= 2026; y++) expect(hasOfficialSchedule(y)).toBe(true);
    expect(hasOfficialSchedule(2019)).toBe(false);
    expect(hasOfficialSchedule(2027)).toBe(false);
    for (const s of OFFICIAL_SCHEDULES) {
      expect(s.title).toBe(`国务院办公厅关于${s.year}年部分节假日安排的通知`);
      expect(s.published < `${s.year}-01-01`).toBe(true);
      expect(s.seenAt).toMatch(/^https?:\/\//);
    }
  });

  it.each(Object.keys(DAYS_PER_HOLIDAY).map(Number))('%i: each holiday has as many days off as the notice counts', (year) => {
    const s = OFFICIAL_SCHEDULES.find((x) => x.year === year)!;
    expect(s.off.map((o) => daysBetween(o.from, o.to))).toEqual(DAYS_PER_HOLIDAY[year]);
  });

  it.each(Object.keys(WORKDAYS).map(Number))('%i: every make-up working day is a Saturday or Sunday, outside the days off', (year) => {
    const s = OFFICIAL_SCHEDULES.find((x) => x.year === year)!;
    expect(s.workdays).toHaveLength(WORKDAYS[year]!);
    for (const w of s.workdays) {
      expect([0, 6]).toContain(weekday(w.date));
      expect(officialDays().get(w.date)?.kind).toBe('workday');
    }
  });

  it("2026 is the notice of 2025-11-04: days off 1/1-3, 2/15-23, 4/4-6, 5/1-5, 6/19-21, 9/25-27, 10/1-7; make-up days 1/4, 2/14, 2/28, 5/9, 9/20, 10/10", () => {
    const s = OFFICIAL_SCHEDULES.find((x) => x.year === 2026)!;
    expect(s.published).toBe('2025-11-04');
    expect(s.off.map((o) => `${o.from.slice(5)}..${o.to.slice(5)}`)).toEqual(['01-01..01-03', '02-15..02-23', '04-04..04-06', '05-01..05-05', '06-19..06-21', '09-25..09-27', '10-01..10-07']);
    expect(s.workdays.map((w) => w.date.slice(5))).toEqual(['01-04', '02-14', '02-28', '05-09', '09-20', '10-10']);
  });
});
