/**
 * The ticket event log as CSV, one row per event: `ticket,event,time,priority,plan`. The simulator
 * writes it (`pledge simulate --events`) and `pledge replay` reads it, so a run can be audited
 * like a real help desk's history.
 */
import { IANAZone } from 'luxon';
import { isoInstant } from '../time/instant-format.js';
import type { SimTicket } from './engine.js';

export const EVENT_LOG_COLUMNS = ['ticket', 'event', 'time', 'priority', 'plan'] as const;
export const EVENT_LOG_HEADER = `${EVENT_LOG_COLUMNS.join(',')}\n`;

/** A CSV field, quoted when it must be (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const QUARTER_HOUR = 900_000;

/**
 * ISO 8601 instants with the zone's offset (`2026-03-02T09:15:00+08:00`), as `isoInstant` writes
 * them, at millions a second: the offset is looked up once per quarter hour and asked of luxon
 * again only in a quarter hour where it changes.
 */
export function isoFormatter(zone: string): (t: number) => string {
  const tz = IANAZone.create(zone);
  const cache = new Map<number, number>();
  const offsetAt = (t: number) => {
    const q = Math.floor(t / QUARTER_HOUR);
    let o = cache.get(q);
    if (o === undefined) {
      const a = tz.offset(q * QUARTER_HOUR);
      o = a === tz.offset((q + 1) * QUARTER_HOUR - 1) ? a : NaN;
      if (cache.size > 100_000) cache.clear();
      cache.set(q, o);
    }
    return Number.isNaN(o) ? tz.offset(t) : o;
  };
  // The local date (`2026-03-02T`) once per day and the offset (`+08:00`) once per offset, the
  // time of day by arithmetic: a Date and its toISOString per instant were most of a replay's
  // writing. Years outside 0000–9999 (toISOString's six-digit form) take the Date route.
  const days = new Map<number, string>();
  const offsets = new Map<number, string>();
  const slow = (t: number, offset: number) => {
    const local = new Date(t + offset * 60_000).toISOString();
    return local.endsWith('.000Z') ? local.slice(0, 19) : local.slice(0, 23);
  };
  return (t) => {
    const offset = offsetAt(t);
    // Local mean time before standard zones (Berlin +00:53:28 before 1893): luxon writes it, rounded.
    if (!Number.isInteger(offset)) return isoInstant(t, zone);
    const local = t + offset * 60_000;
    const day = Math.floor(local / DAY);
    let body: string;
    if (day >= FIRST_DAY && day <= LAST_DAY && Number.isInteger(local)) {
      let date = days.get(day);
      if (date === undefined) {
        if (days.size > 10_000) days.clear();
        days.set(day, (date = new Date(day * DAY).toISOString().slice(0, 11)));
      }
      const inDay = local - day * DAY;
      const seconds = Math.floor(inDay / 1000);
      const ms = inDay - seconds * 1000;
      body = `${date}${TWO[Math.floor(seconds / 3600)]}:${TWO[Math.floor(seconds / 60) % 60]}:${TWO[seconds % 60]}${ms === 0 ? '' : `.${String(ms).padStart(3, '0')}`}`;
    } else body = slow(t, offset);
    let suffix = offsets.get(offset);
    if (suffix === undefined) {
      const abs = Math.abs(offset);
      offsets.set(offset, (suffix = `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`));
    }
    return body + suffix;
  };
}

const DAY = 86_400_000;
/** 0000-01-01 and 9999-12-31, in days since 1970. */
const FIRST_DAY = Date.parse('0000-01-01T00:00:00Z') / DAY;
const LAST_DAY = Date.parse('9999-12-31T00:00:00Z') / DAY;
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** A ticket's rows; `reclassified` rows carry the new priority, every other row the one filed. */
export function eventLogRows(ticket: SimTicket, iso: (t: number) => string): string {
  const plan = csvField(ticket.plan ?? '');
  let out = '';
  for (const e of ticket.events) {
    const priority = e.event === 'reclassified' && e.priority ? e.priority : ticket.priority;
    out += `${ticket.id},${e.event},${iso(e.at)},${csvField(priority)},${plan}\n`;
  }
  return out;
}
