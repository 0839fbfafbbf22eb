/**
 * PLG2031 (an opening or closing time in a daylight-saving gap or repeated hour) is decided from
 * each transition's instant, found once, instead of two zone lookups per day of the term and one
 * per boundary on a transition day (issue 14). This property compares it with that direct
 * day-by-day reading, on zones with unusual changes.
 */
import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/index.js';

const DAY = 86_400_000;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Tehran', 'Africa/Casablanca', 'Pacific/Apia', 'America/St_Johns', 'Europe/London', 'Asia/Gaza'];
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const iso = (d: number) => new Date(d * DAY).toISOString().slice(0, 10);

/** The old reading: every day of the term, and the zone asked for every boundary's readings. */
function reference(zoneName: string, from: number, to: number, ranges: [number, number][]): string[] {
  const zone = IANAZone.create(zoneName);
  const boundaries: number[] = [];
  for (const [a, b] of ranges) boundaries.push(a, b % 1440);
  const out: string[] = [];
  const reported = new Set<string>();
  for (let d = from; d <= to + 1; d++) {
    const before = zone.offset(d * DAY - 14 * 3_600_000);
    const after = zone.offset(d * DAY + 38 * 3_600_000);
    if (before === after) continue;
    for (const [i, m] of boundaries.entries()) {
      const local = d * DAY + m * 60_000;
      const valid = [...new Set([before, after])].filter((o) => zone.offset(local - o * 60_000) === o);
      const key = `${i}:${valid.length}`;
      if (reported.has(key)) continue;
      reported.add(key);
      if (valid.length === 0) out.push(`${hhmm(m)} does not exist on ${iso(d)} in \`${zoneName}\` (daylight saving starts)`);
      else if (valid.length === 2) out.push(`${hhmm(m)} happens twice on ${iso(d)} in \`${zoneName}\` (daylight saving ends)`);
    }
  }
  return out.sort();
}

describe('PLG2031 from transition instants', () => {
  it('reports what the day-by-day reading reports', () => {
    const range = fc.tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 8 })).map(([s, len]): [number, number] => [s * 15, Math.min(1440, s * 15 + len * 15)]);
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: 1995, max: 2030 }), fc.integer({ min: 0, max: 364 }), fc.integer({ min: 30, max: 900 }), fc.array(range, { minLength: 1, maxLength: 4 }), (zone, year, offset, length, ranges) => {
        const from = Date.UTC(year, 0, 1) / DAY + offset;
        const to = from + length;
        // Ranges that neither overlap nor touch, so no other diagnostic changes what is checked.
        const sorted = [...ranges].sort((a, b) => a[0] - b[0]).filter((r, i, all) => i === 0 || r[0] > all[i - 1]![1]);
        const text = `sla "D" {\n  term ${iso(from)} to ${iso(to)}\n}\ncalendar c {\n  zone "${zone}"\n  hours mon-sun ${sorted.map(([a, b]) => `${hhmm(a)}-${b === 1440 ? '24:00' : hhmm(b)}`).join(', ')}\n}\n`;
        const got = analyze(text).diagnostics.filter((d) => d.code === 'PLG2031').map((d) => d.message).sort();
        expect(got).toEqual(reference(zone, from, to, sorted));
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
