/**
 * How instants and durations are shown: ISO 8601 with the offset for machines, weekday + local
 * time + offset for people. Luxon is used here, at the edge, never in the engine's hot path.
 */
import { DateTime } from 'luxon';

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
 * Returns undefined when the text is not a date-time.
 */
export function parseInstant(text: string, zone: string): number | undefined {
  const dt = DateTime.fromISO(text, { zone, setZone: false });
  return dt.isValid ? dt.toMillis() : undefined;
}
