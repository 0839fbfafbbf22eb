/**
 * Timestamps of a replayed log, read and written at millions a second. The common shape
 * (`2026-03-02T09:15:00+08:00`, a space for the `T`, optional seconds and milliseconds, `Z` or an
 * offset) is read by arithmetic; anything else goes to luxon (`parseInstant`), which decides.
 */
import { DateTime } from 'luxon';
import { isoInstant, localTimeKind, parseInstant } from '../time/instant-format.js';
import { isoFormatter } from './event-log.js';

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
 * `YYYY-MM-DD[T ]HH:MM[:SS[.sss]](Z|±HH:MM|±HHMM)` with every field in range, read by arithmetic
 * (a regular expression's match array cost a third of a replay); NaN for anything else, which
 * luxon then decides. `from`/`to`: the part of `text` to read (a field of a row, without slicing it out).
 */
export function commonInstant(text: string, from = 0, to = text.length): number {
  const n = to - from;
  const p = from;
  if (n < 17 || text.charCodeAt(p + 4) !== 45 || text.charCodeAt(p + 7) !== 45 || text.charCodeAt(p + 13) !== 58) return NaN;
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
  if (!(h <= 23 && mi <= 59 && s <= 59)) return NaN;
  const key = y * 10_000 + mo * 100 + d;
  if (key !== dayKey) {
    // key is NaN when a digit is not one: the day check below fails it.
    const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
    const days = mo === 2 && leap ? 29 : DAYS[mo - 1];
    if (!(y >= 1000) || days === undefined || !(d >= 1 && d <= days)) return NaN;
    dayKey = key;
    dayMs = Date.UTC(y, mo - 1, d);
  }
  return dayMs + h * 3_600_000 + mi * 60_000 + s * 1000 + ms - off * 60_000;
}
