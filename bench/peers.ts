/**
 * The peer libraries of the deadline benchmark, configured with one calendar: moment-business-time
 * and dayjs-business-time. Both know only the process's local zone, so they must be loaded in a
 * process whose zone is UTC (`process.env.TZ = 'UTC'` before this module's loader runs); their
 * "local" times are then UTC times, and the calendar is given to them in those terms.
 */

/** A calendar in the peers' terms: weekly segments as local `HH:MM` pairs, holidays as dates. */
export interface PeerCalendar {
  /** Per weekday, Sunday = 0 … Saturday = 6: `[['09:00', '12:00'], ['13:00', '18:00']]`, or null. */
  readonly week: readonly (readonly (readonly [string, string])[] | null)[];
  /** Closed local dates, `YYYY-MM-DD`. */
  readonly holidays: readonly string[];
}

/** One peer, called the way its README says: an epoch-ms instant in, an epoch-ms deadline out. */
export interface Peer {
  readonly name: string;
  readonly version: string;
  /** The call made for a minute target, as text for the report. */
  readonly minuteCall: string;
  readonly dayCall: string;
  addMinutes(from: number, minutes: number): number;
  addDays(from: number, days: number): number;
}

// The business-time plugins' own methods, as their READMEs document them (moment-business-time
// ships no types; dayjs-business-time's augmentation is typed but we keep both local and narrow).
interface MomentBT {
  addWorkingTime(amount: number, unit: 'minutes' | 'days'): MomentBT;
  valueOf(): number;
}
type MomentBTFactory = ((t: number) => MomentBT) & {
  version: string;
  locale(): string;
  updateLocale(name: string, config: Record<string, unknown>): unknown;
};
interface DayjsBT {
  addBusinessTime(amount: number, unit: 'minutes' | 'days'): DayjsBT;
  valueOf(): number;
}
type DayjsBTFactory = ((t: number) => DayjsBT) & {
  extend(plugin: unknown): unknown;
  setHolidays(holidays: string[]): void;
  setBusinessTime(hours: Record<string, { start: string; end: string }[] | null>): void;
};

const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Throws unless the process's local zone is UTC all year (the peers' only zone). */
export function assertUtcProcess(): void {
  for (const month of [0, 3, 6, 9]) {
    if (new Date(2026, month, 1).getTimezoneOffset() !== 0) {
      throw new Error(`the peers need a UTC process zone; TZ=${process.env.TZ ?? '(unset)'}`);
    }
  }
}

async function importAny(specifier: string): Promise<any> {
  const mod = await import(specifier); // a variable specifier: no types needed for untyped packages
  return mod.default ?? mod;
}

async function versionOf(pkg: string): Promise<string> {
  const { createRequire } = await import('node:module');
  return (createRequire(import.meta.url)(`${pkg}/package.json`) as { version: string }).version;
}

/** moment-business-time, configured through moment's locale (its only configuration point). */
export async function loadMomentBusinessTime(cal: PeerCalendar): Promise<Peer> {
  assertUtcProcess();
  const moment = (await importAny('moment-business-time')) as MomentBTFactory;
  const workinghours: Record<number, string[] | null> = {};
  cal.week.forEach((segments, day) => {
    workinghours[day] = segments ? segments.flatMap(([a, b]) => [`${a}:00`, `${b}:00`]) : null;
  });
  moment.updateLocale(moment.locale(), { workinghours, holidays: [...cal.holidays] });
  return {
    name: 'moment-business-time',
    version: `${await versionOf('moment-business-time')} (moment ${moment.version})`,
    minuteCall: "moment(t).addWorkingTime(n, 'minutes')",
    dayCall: "moment(t).addWorkingTime(n, 'days')",
    addMinutes: (from, minutes) => moment(from).addWorkingTime(minutes, 'minutes').valueOf(),
    addDays: (from, days) => moment(from).addWorkingTime(days, 'days').valueOf(),
  };
}

/** dayjs-business-time: `dayjs.setBusinessTime` and `dayjs.setHolidays` (its README). */
export async function loadDayjsBusinessTime(cal: PeerCalendar): Promise<Peer> {
  assertUtcProcess();
  const dayjs = (await importAny('dayjs')) as DayjsBTFactory;
  dayjs.extend(await importAny('dayjs-business-time'));
  const hours: Record<string, { start: string; end: string }[] | null> = {};
  cal.week.forEach((segments, day) => {
    hours[DAY_NAMES[day]!] = segments ? segments.map(([a, b]) => ({ start: `${a}:00`, end: `${b}:00` })) : null;
  });
  dayjs.setBusinessTime(hours);
  dayjs.setHolidays([...cal.holidays]);
  return {
    name: 'dayjs-business-time',
    version: `${await versionOf('dayjs-business-time')} (dayjs ${await versionOf('dayjs')})`,
    minuteCall: "dayjs(t).addBusinessTime(n, 'minutes')",
    dayCall: "dayjs(t).addBusinessTime(n, 'days')",
    addMinutes: (from, minutes) => dayjs(from).addBusinessTime(minutes, 'minutes').valueOf(),
    addDays: (from, days) => dayjs(from).addBusinessTime(days, 'days').valueOf(),
  };
}
