/**
 * Timestamps of a replayed log, read and written at millions a second. The common shape
 * (`2026-03-02T09:15:00+08:00`, a space for the `T`, optional seconds and milliseconds, `Z` or an
 * offset) is read by arithmetic; anything else goes to luxon (`parseInstant`), which decides.
 */
import { DateTime } from 'luxon';
import { isoInstant, parseInstant } from '../time/instant-format.js';
import { isoFormatter } from './event-log.js';

const HAS_OFFSET = /(Z|[+-]\d\d:?\d\d)$/;
const OFFSET = /([+-])(\d\d):?(\d\d)$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** An instant of the log, or why the text is not one. */
export function parseLogInstant(text: string, zone: string, zoneGiven: boolean): number | { reason: 'time' | 'offset'; message: string } {
  const fast = commonInstant(text);
  if (fast === fast) return fast;
  if (!HAS_OFFSET.test(text) && !zoneGiven) return { reason: 'time', message: `the time \`${text}\` has no offset; write it like 2026-03-02T09:15:00+08:00, or give --zone` };
  const offset = OFFSET.exec(text);
  // Offsets beyond ±18:00 do not exist (ISO 8601 / RFC 3339 practice; luxon accepts +99:00): an error, never a shifted event.
  if (offset && (Number(offset[2]) * 60 + Number(offset[3]) > 18 * 60 || Number(offset[3]) > 59)) return offsetProblem(offset[0], text);
  const at = parseInstant(text.replace(' ', 'T'), zone);
  return at === undefined ? { reason: 'time', message: `\`${text}\` is not a date-time; write it like 2026-03-02T09:15:00+08:00` } : at;
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

/**
 * `YYYY-MM-DD[T ]HH:MM[:SS[.sss]](Z|±HH:MM|±HHMM)` with every field in range, read by arithmetic
 * (a regular expression's match array cost a third of a replay); NaN for anything else, which
 * luxon then decides.
 */
export function commonInstant(text: string): number {
  const n = text.length;
  if (n < 17 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58) return NaN;
  const sep = text.charCodeAt(10);
  if (sep !== 84 && sep !== 32) return NaN;
  const y = two(text, 0) * 100 + two(text, 2);
  const mo = two(text, 5);
  const d = two(text, 8);
  const h = two(text, 11);
  const mi = two(text, 14);
  let i = 16;
  let s = 0;
  let ms = 0;
  if (text.charCodeAt(i) === 58) {
    s = two(text, i + 1);
    i += 3;
    if (text.charCodeAt(i) === 46) {
      let k = 0;
      let scale = 100;
      for (i++; k < 3 && digit(text, i) === digit(text, i); i++, k++, scale /= 10) ms += digit(text, i) * scale;
      if (k === 0) return NaN;
    }
  }
  let off = 0;
  const z = text.charCodeAt(i);
  if (z === 90) {
    if (i + 1 !== n) return NaN;
  } else if (z === 43 || z === 45) {
    const oh = two(text, i + 1);
    const colon = text.charCodeAt(i + 3) === 58 ? 1 : 0;
    const om = two(text, i + 3 + colon);
    if (i + 5 + colon !== n || !(om <= 59) || !(oh * 60 + om <= 18 * 60)) return NaN;
    off = (z === 45 ? -1 : 1) * (oh * 60 + om);
  } else return NaN;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = mo === 2 && leap ? 29 : DAYS[mo - 1];
  if (!(y >= 1000) || days === undefined || !(d >= 1 && d <= days && h <= 23 && mi <= 59 && s <= 59)) return NaN;
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) - off * 60_000;
}
