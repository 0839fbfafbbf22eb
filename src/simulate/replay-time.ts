/**
 * Timestamps of a replayed log, read and written at millions a second. The common shape
 * (`2026-03-02T09:15:00+08:00`, a space for the `T`, optional seconds and milliseconds, `Z` or an
 * offset) is read by arithmetic; anything else goes to luxon (`parseInstant`), which decides.
 */
import { DateTime } from 'luxon';
import { isoInstant, localTimeKind, parseInstant } from '../time/instant-format.js';
import { isoFormatter } from './event-log.js';
import { zoneTransitions } from '../time/calendar.js';

const HAS_OFFSET = /(Z|[+-]\d\d:?\d\d)$/;
const OFFSET = /([+-])(\d\d):?(\d\d)$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** An instant of the log, or why the text is not one. */
export function parseLogInstant(text: string, zone: string, zoneGiven: boolean, local?: (kind: 'gap' | 'repeated') => void): number | { reason: 'time' | 'offset'; message: string } {
  const fast = commonInstant(text);
  if (fast === fast) return fast;
  const withOffset = HAS_OFFSET.test(text);
  if (!withOffset && !zoneGiven) return { reason: 'time', message: `the time \`${text}\` has no offset; write it like 2026-03-02T09:15:00+08:00, or give --zone` };
  const offset = OFFSET.exec(text);
  // Offsets beyond ±18:00 do not exist (ISO 8601 / RFC 3339 practice; luxon accepts +99:00): an error, never a shifted event.
  if (offset && (Number(offset[2]) * 60 + Number(offset[3]) > 18 * 60 || Number(offset[3]) > 59)) return offsetProblem(offset[0], text);
  const iso = text.replace(' ', 'T');
  const at = parseInstant(iso, zone);
  if (at === undefined) return { reason: 'time', message: `\`${text}\` is not a date-time; write it like 2026-03-02T09:15:00+08:00` };
  // The engine builds calendar years 1900..2200 (PLG1010's dates); as for `--filed` (src/cli/contract.ts).
  const year = new Date(at).getUTCFullYear();
  if (year < 1900 || year >= 2200) return { reason: 'time', message: `\`${text}\` is outside the years 1900..2199 that the engine computes` };
  if (local && !withOffset) {
    // The reference's rule picked one instant (after a gap, the first of a repeated hour): say so.
    const kind = localTimeKind(iso, zone);
    if (kind !== 'plain' && kind !== undefined) local(kind);
  }
  return at;
}

function offsetProblem(offset: string, text: string) {
  return { reason: 'offset' as const, message: `the offset \`${offset}\` in \`${text}\` is outside -18:00..+18:00` };
}

/** `isoInstant` for one zone, fast: luxon writes `Z` for a fixed zero offset (`UTC`), so such zones keep luxon. */
export function isoWriter(zone: string): (t: number) => string {
  if (DateTime.fromMillis(0, { zone }).isOffsetFixed) return (t) => isoInstant(t, zone);
  return isoFormatter(zone);
}

const digit = (text: string, i: number) => {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};
const two = (text: string, i: number) => digit(text, i) * 10 + digit(text, i + 1);

/** The last day read and its midnight (UTC): a log's rows come a day at a time, so `Date.UTC` runs once a day. */
let dayKey = -1;
let dayMs = 0;

/**
 * Midnight (UTC) of the date y-mo-d as `dayMs`, remembered for the next row of the same day; NaN
 * when the date does not exist (y, mo or d is NaN when a digit was not one) or its year is near or
 * past the ends of the engine's 1900..2199, which go to `parseLogInstant` and its check of the UTC
 * year. Shared by the text and the byte readers, so both refuse the same dates.
 */
function dayStart(y: number, mo: number, d: number): number {
  const key = y * 10_000 + mo * 100 + d;
  if (key !== dayKey) {
    const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
    const days = mo === 2 && leap ? 29 : DAYS[mo - 1];
    if (!(y > 1900 && y < 2199) || days === undefined || !(d >= 1 && d <= days)) return NaN;
    dayKey = key;
    dayMs = Date.UTC(y, mo - 1, d);
  }
  return dayMs;
}

/** Where `wallTime` stopped reading (the offset, if any, starts there). */
let wallEnd = 0;

/**
 * The `YYYY-MM-DD[T ]HH:MM[:SS[.sss]]` at the start of text[from, to) with every field in range,
 * as milliseconds of that wall-clock time read as UTC; NaN for anything else. `wallEnd` is then
 * where the text after it starts.
 */
function wallTime(text: string, from: number, to: number): number {
  const n = to - from;
  const p = from;
  if (n < 16 || text.charCodeAt(p + 4) !== 45 || text.charCodeAt(p + 7) !== 45 || text.charCodeAt(p + 13) !== 58) return NaN;
  const sep = text.charCodeAt(p + 10);
  if (sep !== 84 && sep !== 32) return NaN;
  const y = two(text, p) * 100 + two(text, p + 2);
  const mo = two(text, p + 5);
  const d = two(text, p + 8);
  const h = two(text, p + 11);
  const mi = two(text, p + 14);
  let i = p + 16;
  let s = 0;
  let ms = 0;
  if (i < to && text.charCodeAt(i) === 58) {
    s = two(text, i + 1);
    i += 3;
    if (i < to && text.charCodeAt(i) === 46) {
      let k = 0;
      let scale = 100;
      for (i++; k < 3 && i < to && digit(text, i) === digit(text, i); i++, k++, scale /= 10) ms += digit(text, i) * scale;
      if (k === 0) return NaN;
    }
  }
  if (i > to || !(h <= 23 && mi <= 59 && s <= 59)) return NaN;
  const day = dayStart(y, mo, d);
  if (day !== day) return NaN;
  wallEnd = i;
  return day + h * 3_600_000 + mi * 60_000 + s * 1000 + ms;
}

/**
 * `YYYY-MM-DD[T ]HH:MM[:SS[.sss]](Z|±HH:MM|±HHMM)` with every field in range, read by arithmetic
 * (a regular expression's match array cost a third of a replay); NaN for anything else, which
 * luxon then decides. `from`/`to`: the part of `text` to read (a field of a row, without slicing it out).
 */
export function commonInstant(text: string, from = 0, to = text.length): number {
  const wall = wallTime(text, from, to);
  if (wall !== wall) return NaN;
  const i = wallEnd;
  if (i >= to) return NaN;
  let off = 0;
  const z = text.charCodeAt(i);
  if (z === 90) {
    if (i + 1 !== to) return NaN;
  } else if (z === 43 || z === 45) {
    // Characters past `to` may be read here; the length check refuses any such reading.
    const oh = two(text, i + 1);
    const colon = text.charCodeAt(i + 3) === 58 ? 1 : 0;
    const om = two(text, i + 3 + colon);
    if (i + 5 + colon !== to || !(om <= 59) || !(oh * 60 + om <= 18 * 60)) return NaN;
    off = (z === 45 ? -1 : 1) * (oh * 60 + om);
  } else return NaN;
  return wall - off * 60_000;
}

const digitB = (bytes: Uint8Array, i: number) => {
  const c = bytes[i]! - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};
const twoB = (bytes: Uint8Array, i: number) => digitB(bytes, i) * 10 + digitB(bytes, i + 1);

/**
 * `wallTime` of ASCII bytes (bytes[from, to), each byte the code unit `latin1` reads it as): the
 * same number, and `wallEnd` set the same. A byte past the buffer reads as `undefined`, so NaN, as
 * `charCodeAt` past the text does.
 */
function wallTimeBytes(bytes: Uint8Array, from: number, to: number): number {
  const n = to - from;
  const p = from;
  if (n < 16 || bytes[p + 4] !== 45 || bytes[p + 7] !== 45 || bytes[p + 13] !== 58) return NaN;
  const sep = bytes[p + 10];
  if (sep !== 84 && sep !== 32) return NaN;
  const y = twoB(bytes, p) * 100 + twoB(bytes, p + 2);
  const mo = twoB(bytes, p + 5);
  const d = twoB(bytes, p + 8);
  const h = twoB(bytes, p + 11);
  const mi = twoB(bytes, p + 14);
  let i = p + 16;
  let s = 0;
  let ms = 0;
  if (i < to && bytes[i] === 58) {
    s = twoB(bytes, i + 1);
    i += 3;
    if (i < to && bytes[i] === 46) {
      let k = 0;
      let scale = 100;
      for (i++; k < 3 && i < to && digitB(bytes, i) === digitB(bytes, i); i++, k++, scale /= 10) ms += digitB(bytes, i) * scale;
      if (k === 0) return NaN;
    }
  }
  if (i > to || !(h <= 23 && mi <= 59 && s <= 59)) return NaN;
  const day = dayStart(y, mo, d);
  if (day !== day) return NaN;
  wallEnd = i;
  return day + h * 3_600_000 + mi * 60_000 + s * 1000 + ms;
}

/** `commonInstant` of ASCII bytes (bytes[from, to)): the same instant or NaN as `commonInstant` of their `latin1` text. */
export function commonInstantBytes(bytes: Uint8Array, from: number, to: number): number {
  const wall = wallTimeBytes(bytes, from, to);
  if (wall !== wall) return NaN;
  const i = wallEnd;
  if (i >= to) return NaN;
  let off = 0;
  const z = bytes[i];
  if (z === 90) {
    if (i + 1 !== to) return NaN;
  } else if (z === 43 || z === 45) {
    const oh = twoB(bytes, i + 1);
    const colon = bytes[i + 3] === 58 ? 1 : 0;
    const om = twoB(bytes, i + 3 + colon);
    if (i + 5 + colon !== to || !(om <= 59) || !(oh * 60 + om <= 18 * 60)) return NaN;
    off = (z === 45 ? -1 : 1) * (oh * 60 + om);
  } else return NaN;
  return wall - off * 60_000;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Times written without an offset in one zone (`--zone`), read without luxon: a wall-clock hour's
 * offset is found once (by the rule itself, `parseInstant`, at the hour's first and last
 * millisecond) and kept, so a row costs the arithmetic of `commonInstant` and one comparison.
 * An hour is taken this way only when every time in it names one instant, by the same offset:
 * the zone's transitions near it (the engine's per-year tables, `zoneTransitions`) are at most
 * one in two days either side, and the wall-clock times that transition skips or repeats are
 * all outside the hour. The other hours (a gap, a repeated hour, an hour a transition cuts, a
 * zone with transitions closer together) are left to `parseLogInstant`, which reads them by the
 * reference's rule and tells a gap or a repeated hour (PLG5001, PLG5002), as before.
 */
export class LocalTimes {
  /** Offset in ms of each wall-clock hour taken (wall - instant), NaN for an hour left to luxon; by hour number since 1970. */
  private readonly hours = new Map<number, number>();
  private hour = NaN;
  private offset = NaN;

  constructor(private readonly zone: string) {}

  /** The instant of the offset-less time in text[from, to), or NaN: the general path decides. */
  instant(text: string, from: number, to: number): number {
    const wall = wallTime(text, from, to);
    if (wall !== wall || wallEnd !== to) return NaN;
    const h = Math.floor(wall / HOUR_MS);
    if (h !== this.hour) {
      let o = this.hours.get(h);
      if (o === undefined) this.hours.set(h, (o = this.hourOffset(h)));
      this.hour = h;
      this.offset = o;
    }
    return wall - this.offset;
  }

  /** `instant` of ASCII bytes (bytes[from, to)): the same instant or NaN as `instant` of their `latin1` text. */
  instantBytes(bytes: Uint8Array, from: number, to: number): number {
    const wall = wallTimeBytes(bytes, from, to);
    if (wall !== wall || wallEnd !== to) return NaN;
    return this.ofWall(wall);
  }

  private ofWall(wall: number): number {
    const h = Math.floor(wall / HOUR_MS);
    if (h !== this.hour) {
      let o = this.hours.get(h);
      if (o === undefined) this.hours.set(h, (o = this.hourOffset(h)));
      this.hour = h;
      this.offset = o;
    }
    return wall - this.offset;
  }

  private hourOffset(h: number): number {
    const first = h * HOUR_MS;
    const last = first + HOUR_MS - 1;
    const near = zoneTransitions(this.zone, first - 2 * DAY_MS, last + 2 * DAY_MS + 1);
    if (near === undefined || near.length > 1) return NaN;
    for (const t of near) {
      // The wall-clock times a transition skips (forward) or repeats (back): [at + lower offset, at + higher offset).
      const a = t.at + Math.min(t.before, t.after) * 60_000;
      const b = t.at + Math.max(t.before, t.after) * 60_000;
      if (a <= last && b > first) return NaN;
    }
    const at = (wall: number): number => {
      const iso = new Date(wall).toISOString().slice(0, 23);
      const t = parseInstant(iso, this.zone);
      return t === undefined || localTimeKind(iso, this.zone) !== 'plain' ? NaN : wall - t;
    };
    const o = at(first);
    return o === at(last) ? o : NaN;
  }
}
