/**
 * The ticket event log as CSV, one row per event: `ticket,event,time,priority,plan`. The simulator
 * writes it (`pledge simulate --events`) and `pledge replay` reads it, so a run can be audited
 * like a real help desk's history.
 */
import { IANAZone } from 'luxon';
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
  return (t) => {
    const offset = offsetAt(t);
    const local = new Date(t + offset * 60_000).toISOString();
    const body = local.endsWith('.000Z') ? local.slice(0, 19) : local.slice(0, 23);
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    return `${body}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  };
}

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
