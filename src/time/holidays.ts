/**
 * Region holidays from date-holidays, filtered by Pledge's documented rule (language reference,
 * "Holidays"): a holiday closes a calendar only when its type is one of the chosen types (default
 * `public`), it applies to everyone (date-holidays marks group-only days with a `note`, such as
 * CN's Youth Day afternoon or Children's Day), and it covers whole local days.
 */
import { CalendarChinese } from 'date-chinese';
import Holidays, { type HolidaysTypes } from 'date-holidays';
import { citeSchedule, hasOfficialSchedule, officialDays } from './cn-official.js';

/** One local date closed by a region holiday, with where it came from. */
export interface RegionClosure {
  /** `YYYY-MM-DD` in the region's local calendar. */
  readonly date: string;
  readonly name: string;
  readonly type: string;
  readonly region: string;
  /**
   * `workday`: an official make-up working day (调休) that opens with the calendar's weekday hours;
   * absent for a day off.
   */
  readonly kind?: 'off' | 'workday';
  /** The published source that decided the day, when it is not date-holidays (China's notices). */
  readonly source?: string;
  /** For a `holidays file` day (`type` `file`, `region` the path as written): the line of its event in the file. */
  readonly line?: number;
}

/** A holiday the rule left open, for `pledge calendar` to show why a day stayed open. */
export interface IgnoredHoliday extends RegionClosure {
  readonly why: 'type' | 'group-only' | 'part-day' | 'official';
}

export const DEFAULT_HOLIDAY_TYPES: readonly string[] = ['public'];

/**
 * date-holidays dates a lunar holiday (Spring Festival, Dragon Boat, Mid-Autumn; also Korea's and
 * Vietnam's) with an astronomical Chinese calendar, one `CalendarChinese` per holiday rule, each
 * with its own cache of new moons, solstices and new years: every rule of a year computed them
 * again, about 25 ms a year for China (issue 14: 50 years of `holidays "CN"` took 1.5 s of a 2 s
 * check). Every instance of one calendar class now shares one cache. The cached values are pure
 * functions of their key for a class (a solar longitude at an instant, a year's solstice, a year's
 * new year in that calendar's time zone), so the dates are the same, only computed once
 * (test/time/holidays-cache.test.ts compares them with date-holidays' per-rule answers). The
 * constructor assigns `this._cache`; the accessor on the prototype takes that assignment.
 */
const sharedCaches = new Map<unknown, object>();
Object.defineProperty(CalendarChinese.prototype, '_cache', {
  configurable: true,
  get(this: object): object {
    let c = sharedCaches.get(this.constructor);
    if (!c) sharedCaches.set(this.constructor, (c = { lon: {}, sue: {}, ny: {} }));
    return c;
  },
  set(this: object, fresh: object): void {
    if (!sharedCaches.has(this.constructor)) sharedCaches.set(this.constructor, fresh);
  },
});

const instances = new Map<string, Holidays>();
const publicInstances = new Map<string, Holidays>();
const cache = new Map<string, { closures: RegionClosure[]; ignored: IgnoredHoliday[] }>();

/** One date-holidays instance per region; an unknown region yields no holidays (PLG2037 reports it). */
export function holidaysOf(region: string): Holidays {
  let hd = instances.get(region);
  if (!hd) {
    const [country = '', state] = region.split('-');
    hd = state ? new Holidays(country, state) : new Holidays(country);
    instances.set(region, hd);
  }
  return hd;
}

/**
 * A region's date-holidays instance that knows only its `public` rules (date-holidays' `types`
 * option drops the other rules when it reads the data): the default holiday set asks for nothing
 * else, and computing a year's observances, bank and school days as well took three quarters of
 * the time (issue 14: 84 years of "US" were 200 ms of a check, 50 ms with public rules only). Its
 * public holidays are the full instance's, the same entries in the same order (duplicates of a
 * name and start are settled among public entries first either way), unless a public rule looks
 * at another type's holidays (`publicRulesSuffice`); test/time/holidays-public.test.ts compares
 * them for every country and many years (every subdivision, 1970-2200, with PLEDGE_HOLIDAYS_ALL=1).
 */
const suffices = new Map<string, boolean>();

/**
 * Whether a region's public holidays can come from its public rules alone: not when a public rule
 * looks at holidays of another type (Glarus' Näfelser Fahrt moves when it falls on an
 * `observance` holiday, Maundy Thursday); "is holiday" and "is public holiday" look at public ones.
 */
export function publicRulesSuffice(region: string): boolean {
  let ok = suffices.get(region);
  if (ok === undefined) {
    const rules = (holidaysOf(region).getRules?.() ?? []) as { rule?: string; type?: string }[];
    ok = !rules.some((r) => r.type === 'public' && /holiday/i.test(String(r.rule ?? '').replace(/\bis (public )?holiday\b/gi, '')));
    suffices.set(region, ok);
  }
  return ok;
}

function publicHolidaysOf(region: string): Holidays {
  let hd = publicInstances.get(region);
  if (!hd) {
    const [country = '', state] = region.split('-');
    const opts = { types: ['public' as const] };
    hd = state ? new Holidays(country, state, opts) : new Holidays(country, opts);
    publicInstances.set(region, hd);
  }
  return hd;
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The local dates a region's holidays close in `year`, and those the rule leaves open.
 * @example regionHolidays('CN', ['public'], 2026).closures[0] // { date: '2026-01-01', name: '元旦', … }
 */
export function regionHolidays(region: string, types: readonly string[], year: number): { closures: RegionClosure[]; ignored: IgnoredHoliday[] } {
  const key = `${region}|${[...types].sort().join(',')}|${year}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const official = isChina(region) && types.includes('public') && hasOfficialSchedule(year);
  if (official) {
    // The State Council's notice decides the year: its days off close, its make-up days open. The
    // engine reads only the closures, so date-holidays' own (astronomical, ~100 ms a year) dates
    // are computed only when a report asks which of them the notice overrides.
    const closures: RegionClosure[] = [];
    for (const o of officialDays().values()) {
      if (!o.date.startsWith(`${year}-`)) continue;
      closures.push({ date: o.date, name: o.name, type: 'public', region, kind: o.kind, source: citeSchedule(o.schedule) });
    }
    closures.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    let ignored: IgnoredHoliday[] | undefined;
    const result = {
      closures,
      get ignored(): IgnoredHoliday[] {
        return (ignored ??= officialIgnored(region, types, year, closures));
      },
    };
    cache.set(key, result);
    return result;
  }
  if (types.length === 1 && types[0] === 'public' && publicRulesSuffice(region)) {
    // The default set: closures from the public rules alone; what the rule leaves open (reports
    // only) from every rule, when a report asks.
    const { closures } = readEntries(publicHolidaysOf(region).getHolidays(year, 'en') ?? [], region, types);
    let ignored: IgnoredHoliday[] | undefined;
    const result = {
      closures,
      get ignored(): IgnoredHoliday[] {
        return (ignored ??= readEntries(holidaysOf(region).getHolidays(year, 'en') ?? [], region, types).ignored);
      },
    };
    cache.set(key, result);
    return result;
  }
  const result = readEntries(holidaysOf(region).getHolidays(year, 'en') ?? [], region, types);
  cache.set(key, result);
  return result;
}

/** date-holidays' entries of a year as the dates Pledge's rule closes and those it leaves open. */
function readEntries(entries: readonly HolidaysTypes.Holiday[], region: string, types: readonly string[]): { closures: RegionClosure[]; ignored: IgnoredHoliday[] } {
  const closures: RegionClosure[] = [];
  const ignored: IgnoredHoliday[] = [];
  for (const h of entries) {
    const [date = '', time = ''] = h.date.split(' ');
    const base = { date, name: h.name, type: h.type, region };
    const note = (h as { note?: string }).note;
    if (!types.includes(h.type)) ignored.push({ ...base, why: 'type' });
    else if (note) ignored.push({ ...base, why: 'group-only' });
    else {
      // Close the holiday's nominal days, whole (language reference, "Holidays"): a holiday from
      // 18:00 on the eve (`-0600`) closes its nominal date, not the eve; a holiday whose length is
      // not whole days (Turkey's 90-hour Ramazan Bayramı) closes only its whole days.
      if (time !== '00:00:00') {
        ignored.push({ ...base, why: 'part-day' });
        continue;
      }
      const { dates, partial } = nominalDays(date, h.date.split(' ')[2], h.end.getTime() - h.start.getTime());
      if (dates.length === 0) ignored.push({ ...base, why: 'part-day' });
      for (const d of dates) closures.push({ ...base, date: d });
      for (const d of partial) ignored.push({ ...base, date: d, why: 'part-day' });
    }
  }
  return { closures, ignored };
}

/** date-holidays' dates of an officially scheduled Chinese year, each with why it does not close. */
function officialIgnored(region: string, types: readonly string[], year: number, closures: readonly RegionClosure[]): IgnoredHoliday[] {
  const ignored: IgnoredHoliday[] = [];
  for (const h of holidaysOf(region).getHolidays(year, 'en') ?? []) {
    const date = h.date.split(' ')[0] ?? '';
    const base = { date, name: h.name, type: h.type, region };
    if (!types.includes(h.type)) ignored.push({ ...base, why: 'type' });
    else if ((h as { note?: string }).note) ignored.push({ ...base, why: 'group-only' });
    else if (!closures.some((c) => c.date === date)) ignored.push({ ...base, why: 'official' });
  }
  return ignored;
}

/** `CN` or one of its subdivisions, whose national days the State Council's notice sets. */
function isChina(region: string): boolean {
  return region === 'CN' || region.startsWith('CN-');
}

/**
 * The local dates a holiday starting on nominal local `date` at 00:00 closes: as many whole days as
 * its length holds (one hour of slack so a DST change inside it neither adds nor drops a day), and
 * the partial day after them if its end falls later than the last of them (reported, not closed).
 * `eve` is date-holidays' offset suffix, `-0600` for a holiday that starts at 18:00 the day before.
 * @example nominalDays('2025-03-30', '-0600', 90 * 3_600_000) // { dates: ['2025-03-30', '2025-03-31', '2025-04-01'], partial: ['2025-04-02'] }
 */
export function nominalDays(date: string, eve: string | undefined, lengthMs: number): { dates: string[]; partial: string[] } {
  const hour = 3_600_000;
  const days = Math.floor((lengthMs + hour) / (24 * hour));
  const dates: string[] = [];
  for (let k = 0; k < days; k++) dates.push(addDays(date, k));
  const m = eve ? /^([+-])(\d\d)(\d\d)$/.exec(eve) : null;
  const shiftMin = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  const endMin = shiftMin + Math.round(lengthMs / 60_000); // minutes after `date` 00:00, local
  const partial = endMin > days * 1440 + 60 ? [addDays(date, days)] : [];
  return { dates, partial };
}
