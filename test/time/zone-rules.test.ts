/**
 * The zones' offset tables (src/time/calendar.ts, `ZoneRules`, issue 14): probed once a week and
 * pinned to the minute, then the millisecond. They must give the transitions the earlier tables
 * gave (probing every half week and bisecting milliseconds), in zones with odd rules: half-hour
 * and 45-minute offsets, a half-hour DST (Lord Howe), DST abolished or moved (Tehran, São Paulo),
 * negative DST (Dublin), a zone that skipped a day (Apia), Ramadan breaks (Casablanca), and local
 * mean time before 1900-1920 (changes off the whole minute), and Boa Vista's one week of DST in
 * October 2000 (the two changes closest together, 6.96 days, of every zone from 1900 to 2200).
 */
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { intlOffset, zoneTransitions } from '../../src/time/calendar.js';

const DAY = 86_400_000;

/** The half-week table of one UTC year, as the engine built it before. */
function halfWeek(tz: IANAZone, year: number): { at: number; offset: number }[] {
  const step = 3.5 * DAY;
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const out = [{ at: start, offset: tz.offset(start) }];
  for (let t = start; t < end; t += step) {
    const next = Math.min(t + step, end);
    const o = tz.offset(next);
    if (o === out[out.length - 1]!.offset) continue;
    let lo = t;
    let hi = next;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (tz.offset(mid) === o) hi = mid;
      else lo = mid;
    }
    out.push({ at: hi, offset: o });
  }
  return out;
}

/** The reference transitions in [from, to), as `zoneTransitions` reports them. */
function reference(zone: string, y0: number, y1: number): { at: number; before: number; after: number }[] {
  const tz = IANAZone.create(zone);
  const from = Date.UTC(y0, 0, 1);
  const to = Date.UTC(y1 + 1, 0, 1);
  const out: { at: number; before: number; after: number }[] = [];
  let prev = tz.offset(from) | 0;
  for (let y = y0; y <= y1; y++) {
    for (const entry of halfWeek(tz, y)) {
      // The tables keep whole minutes (an Int32Array): local mean time's seconds are dropped.
      const at = entry.at;
      const offset = entry.offset | 0;
      if (at <= from || at >= to) continue;
      if (offset !== prev) out.push({ at, before: prev, after: offset });
      prev = offset;
    }
  }
  return out;
}

const ZONES = [
  'Australia/Lord_Howe',
  'Asia/Tehran',
  'America/Sao_Paulo',
  'Europe/Dublin',
  'Pacific/Apia',
  'Africa/Casablanca',
  'America/Boa_Vista',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'America/St_Johns',
  'Europe/Moscow',
  'Antarctica/Troll',
  'America/New_York',
  'Europe/Berlin',
  'Asia/Tokyo',
  'Africa/Monrovia',
  'Europe/Amsterdam',
  'UTC',
];

describe('zone offset tables', () => {
  for (const zone of ZONES) {
    it(`${zone}: the same transitions as half-week probing, 1900-2100`, () => {
      const got = zoneTransitions(zone, Date.UTC(1900, 0, 1), Date.UTC(2101, 0, 1));
      expect(got).toEqual(reference(zone, 1900, 2100));
    });
  }

  it('intlOffset is luxon\'s offset at any instant, in every zone Node knows', () => {
    const zones = [...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/GMT+5', 'Europe/Dublin'];
    const offsets = new Map(zones.map((z) => [z, intlOffset(z)]));
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.oneof(fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2250, 0, 1) }), fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.double({ min: Date.UTC(1890, 0, 1), max: Date.UTC(2050, 0, 1), noNaN: true })),
        (zone, t) => {
          expect(offsets.get(zone)!(t)).toBe(IANAZone.create(zone).offset(t));
        },
      ),
      { numRuns: 20_000 },
    );
    // Around every change of a few zones, to the millisecond.
    for (const zone of ['Europe/Dublin', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'Pacific/Apia']) {
      const f = intlOffset(zone);
      const tz = IANAZone.create(zone);
      for (const t of zoneTransitions(zone, Date.UTC(1900, 0, 1), Date.UTC(2040, 0, 1))!) {
        for (const dt of [-1001, -1000, -1, 0, 1, 999]) expect(f(t.at + dt)).toBe(tz.offset(t.at + dt));
      }
    }
  });

  it('finds changes off the whole minute (local mean time) to the millisecond', () => {
    const got = zoneTransitions('Europe/Dublin', Date.UTC(1900, 0, 1), Date.UTC(1925, 0, 1))!;
    expect(got.some((t) => t.at % 60_000 !== 0)).toBe(true);
  });
});
