/**
 * The default holiday set from a public-rules-only date-holidays instance (src/time/holidays.ts,
 * issue 14): its entries must be exactly the public entries of the full instance, in the same
 * order, for every country (and a sample of states), so that the closures are the same. Run with
 * PLEDGE_HOLIDAYS_ALL=1 for every state and every year 1970-2200 (minutes; done once for the branch).
 */
import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { publicRulesSuffice, regionHolidays } from '../../src/time/holidays.js';

const ALL = process.env.PLEDGE_HOLIDAYS_ALL === '1';

function regions(): string[] {
  const out: string[] = [];
  const hd = new Holidays();
  const countries = Object.keys(hd.getCountries());
  for (const c of countries) {
    out.push(c);
    const states = Object.keys(hd.getStates(c) ?? {});
    for (const s of ALL ? states : states.slice(0, 2)) out.push(`${c}-${s}`);
  }
  if (!out.includes('CH-GL')) out.push('CH-GL');
  return out;
}

const years = ALL ? Array.from({ length: 231 }, (_, i) => 1970 + i) : [1999, 2026, 2038, 2075, 2163];

function publicEntries(hd: Holidays, year: number): string[] {
  return (hd.getHolidays(year, 'en') ?? [])
    .filter((h) => h.type === 'public')
    .map((h) => `${h.date}|${h.name}|${h.type}|${(h as { note?: string }).note ?? ''}|${h.start.getTime()}|${h.end.getTime()}`);
}

describe('public holidays from the public rules alone', () => {
  it('are the full instance\'s public entries, in order, for every country', { timeout: ALL ? 3_600_000 : 120_000 }, () => {
    let compared = 0;
    let skipped = 0;
    for (const region of regions()) {
      // A region whose public rules look at other types' holidays takes the full instance.
      if (!publicRulesSuffice(region)) {
        skipped++;
        continue;
      }
      const [country = '', state] = region.split('-');
      const full = state ? new Holidays(country, state) : new Holidays(country);
      const only = state ? new Holidays(country, state, { types: ['public'] }) : new Holidays(country, { types: ['public'] });
      for (const y of years) {
        const a = publicEntries(full, y);
        const b = publicEntries(only, y);
        if (a.join('\n') !== b.join('\n')) expect({ region, y, b }).toEqual({ region, y, b: a });
        compared += a.length;
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(skipped).toBeGreaterThan(0);
    expect(skipped).toBeLessThan(20);
  });

  it('regionHolidays gives the same closures as a types list that takes the general path', () => {
    expect(publicRulesSuffice('CH-GL')).toBe(false);
    expect(publicRulesSuffice('US')).toBe(true);
    for (const region of ['US', 'CH-GL', 'JP', 'DE-BY', 'GB', 'FR', 'JP', 'BR', 'IN', 'AU-NSW', 'CN', 'KR', 'SE', 'IL', 'SA', 'TR']) {
      for (const y of [2026, 2040, 2090]) {
        const fast = regionHolidays(region, ['public'], y);
        const general = regionHolidays(region, ['public', 'public'], y);
        expect(fast.closures).toEqual(general.closures);
        expect(fast.ignored).toEqual(general.ignored);
      }
    }
  });
});
