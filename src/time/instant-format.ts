/**
 * How instants and durations are shown: ISO 8601 with the offset for machines, weekday + local
 * time + offset for people. Luxon is used here, at the edge, never in the engine's hot path.
 */
import { DateTime, IANAZone } from 'luxon';

/** `2026-11-23T12:30:00+08:00` */
export function isoInstant(t: number, zone: string): string {
  return DateTime.fromMillis(t, { zone }).toISO({ suppressMilliseconds: true }) ?? new Date(t).toISOString();
}

/** `Mon 2026-11-23 12:30 +08:00` */
export function humanInstant(t: number, zone: string): string {
  const dt = DateTime.fromMillis(t, { zone });
  return dt.toFormat(dt.second || dt.millisecond ? 'ccc yyyy-MM-dd HH:mm:ss ZZ' : 'ccc yyyy-MM-dd HH:mm ZZ');
}

/** `PT67H30M` (hours are not folded into days: a day of real time is not always 24 hours of open time). */
export function isoDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'P9999Y';
  const totalSeconds = Math.round(ms / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const parts = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  return `PT${parts || '0S'}`;
}

/** `2d 19h 30m` */
export function humanDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'never';
  const minutes = Math.round(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts = [d ? `${d}d` : '', h ? `${h}h` : '', m ? `${m}m` : ''].filter(Boolean);
  return parts.length ? parts.join(' ') : '0m';
}

/** `24h`, `4h 30m`: open time in hours, since an open "day" is not 24 hours. */
export function humanHours(ms: number): string {
  if (!Number.isFinite(ms)) return 'never';
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h ? `${h}h` : '', m ? `${m}m` : ''].filter(Boolean).join(' ') || '0m';
}

/**
 * Reads a local or offset date-time: `2026-11-20T17:00` in `zone`, or `2026-11-20T17:00+08:00`.
 * Returns undefined when the text is not a date-time. A local time without an offset follows the
 * reference's rule for times in a contract ("Local times and daylight saving"): in a spring-forward
 * gap it is the first instant after the gap; in a repeated hour, its first occurrence.
 */
export function parseInstant(text: string, zone: string): number | undefined {
  const dt = DateTime.fromISO(text, { zone, setZone: false });
  if (!dt.isValid) return undefined;
  const local = localReading(text, zone);
  return local ? local.t : dt.toMillis();
}

/** True when the text carries its own offset (`Z`, `+08:00`, `-0500`). */
function hasOffset(text: string): boolean {
  return /(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/.test(text.trim()) && /T|\s/.test(text.trim());
}

/** The instant of an offset-less local date-time by the contract rule, and whether it fell in a gap or a repeated hour. */
function localReading(text: string, zone: string): { t: number; kind: 'plain' | 'gap' | 'repeated' } | undefined {
  if (hasOffset(text)) return undefined;
  const wall = DateTime.fromISO(text, { zone: 'UTC' });
  if (!wall.isValid) return undefined;
  const tz = IANAZone.create(zone);
  if (!tz.isValid) return undefined;
  const local = wall.toMillis();
  const DAY = 86_400_000;
  const offsets = new Set([tz.offset(local - DAY), tz.offset(local), tz.offset(local + DAY)]);
  const fits = [...offsets].map((o) => local - o * 60_000).filter((t) => tz.offset(t) === (local - t) / 60_000);
  if (fits.length) return { t: Math.min(...fits), kind: fits.length > 1 ? 'repeated' : 'plain' };
  // In a gap: the transition between the instants the two offsets give.
  const sorted = [...offsets].sort((a, b) => a - b);
  let lo = local - sorted[sorted.length - 1]! * 60_000;
  let hi = local - sorted[0]! * 60_000;
  const after = tz.offset(hi);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (tz.offset(mid) === after) hi = mid;
    else lo = mid;
  }
  return { t: hi, kind: 'gap' };
}

/** Whether an offset-less local date-time names one instant (`plain`), none (`gap`) or two (`repeated`); undefined when it has an offset or is not one. */
export function localTimeKind(text: string, zone: string): 'plain' | 'gap' | 'repeated' | undefined {
  return localReading(text, zone)?.kind;
}

/**
 * What to tell the reader when an offset-less local time did not name one instant: undefined for
 * an ordinary time; otherwise a sentence stating the instant used.
 */
export function localTimeNote(text: string, zone: string): string | undefined {
  const r = localReading(text, zone);
  if (!r || r.kind === 'plain') return undefined;
  const at = isoInstant(r.t, zone);
  return r.kind === 'gap'
    ? `\`${text}\` does not exist in ${zone} (the clocks spring forward): read as ${at}, the first instant after the gap`
    : `\`${text}\` happens twice in ${zone} (the clocks fall back): read as ${at}, its first occurrence`;
}
