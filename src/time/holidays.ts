/**
 * Region holidays from date-holidays, filtered by Pledge's documented rule (language reference,
 * "Holidays"): a holiday closes a calendar only when its type is one of the chosen types (default
 * `public`), it applies to everyone (date-holidays marks group-only days with a `note`, such as
 * CN's Youth Day afternoon or Children's Day), and it covers whole local days.
 */
import Holidays from 'date-holidays';

/** One local date closed by a region holiday, with where it came from. */
export interface RegionClosure {
  /** `YYYY-MM-DD` in the region's local calendar. */
  readonly date: string;
  readonly name: string;
  readonly type: string;
  readonly region: string;
}

/** A holiday the rule left open, for `pledge calendar` to show why a day stayed open. */
export interface IgnoredHoliday extends RegionClosure {
  readonly why: 'type' | 'group-only' | 'part-day';
}

export const DEFAULT_HOLIDAY_TYPES: readonly string[] = ['public'];

const instances = new Map<string, Holidays>();
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
  const closures: RegionClosure[] = [];
  const ignored: IgnoredHoliday[] = [];
  const hd = holidaysOf(region);
  const entries = hd.getHolidays(year, 'en') ?? [];
  for (const h of entries) {
    const [date = '', time = ''] = h.date.split(' ');
    const base = { date, name: h.name, type: h.type, region };
    const note = (h as { note?: string }).note;
    if (!types.includes(h.type)) ignored.push({ ...base, why: 'type' });
    else if (note) ignored.push({ ...base, why: 'group-only' });
    else if (time !== '00:00:00') ignored.push({ ...base, why: 'part-day' });
    else {
      const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / 86_400_000));
      for (let k = 0; k < days; k++) closures.push({ ...base, date: addDays(date, k) });
    }
  }
  const result = { closures, ignored };
  cache.set(key, result);
  return result;
}
