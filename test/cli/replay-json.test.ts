/**
 * `pledge replay --json` writes each ticket's line by hand (`ticketJson`); it must be the bytes of
 * `JSON.stringify(t, null, 2)` re-indented by four spaces: on random lines (odd strings, -0, NaN,
 * optional fields present or not) and on the lines real replays give (plans, credits with amounts
 * and claim deadlines, `update every` breaches).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IsoBytes, RecordSpool, recordJsonBound, recordJsonInto, ticketJson, ticketJsonBound, ticketJsonInto } from '../../src/cli/replay-json.js';
import { isoWriter } from '../../src/simulate/replay-time.js';
import { Spool } from '../../src/cli/spool.js';
import { analyze, recordReport, replay, type ReplayTicketRecord, type ReplayTicketReport } from '../../src/index.js';
import { EVENT_LOG_HEADER, eventLogRows, isoFormatter } from '../../src/simulate/event-log.js';
import { compileLoad } from '../../src/simulate/load.js';
import { simulateLoad } from '../../src/simulate/simulate.js';
import { compileContract } from '../../src/time/contract.js';
import { parseInstant } from '../../src/time/instant-format.js';

const reference = (t: ReplayTicketReport) => JSON.stringify(t, null, 2).replaceAll('\n', '\n    ');

/** `ticketJsonInto`'s bytes, written after a few bytes already in the buffer and within `ticketJsonBound`, as text. */
function intoText(t: ReplayTicketReport, first: boolean): string {
  const bound = ticketJsonBound(t);
  const buffer = Buffer.alloc(3 + bound + 8, 0xff);
  const end = ticketJsonInto(t, first, buffer, 3);
  expect(end - 3).toBeLessThanOrEqual(bound);
  expect(buffer.subarray(end).every((b) => b === 0xff)).toBe(true);
  return buffer.toString('utf8', 3, end);
}

const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('2026-03-02T09:15:00+08:00', 'P0', 'a"b\\c\n\t\u2028', '\ud800', '😀'));
const number = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, NaN, Infinity, 1e21, 0.1));
const maybe = <T,>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const line: fc.Arbitrary<ReplayTicketReport> = fc
  .record({
    ticket: text,
    priority: text,
    plan: fc.option(text, { nil: null }),
    filed: text,
    clocks: fc.array(fc.record({ clock: text, priority: text, state: text, due: fc.option(text, { nil: null }), stopped: fc.option(text, { nil: null }) }), { maxLength: 3 }),
    credits: fc.array(fc.tuple(text, text, number, text, maybe(number), maybe(fc.tuple(text, fc.boolean()))), { maxLength: 3 }),
    updates: maybe(fc.record({ met: number, breached: number, breaches: fc.array(text, { maxLength: 3 }) })),
  })
  // Built in ticketReport's key order, optional keys absent rather than undefined.
  .map((r) => ({
    ticket: r.ticket,
    priority: r.priority,
    plan: r.plan,
    filed: r.filed,
    clocks: r.clocks,
    credits: r.credits.map(([clock, priority, percent, time, amount, claim]) => ({ clock, priority, percent, time, ...(amount !== undefined ? { amount } : {}), ...(claim ? { claimBy: claim[0], expired: claim[1] } : {}) })),
    ...(r.updates ? { updates: r.updates } : {}),
  }));

describe('ticketJson', () => {
  it('writes what JSON.stringify writes, on random lines', () => {
    fc.assert(
      fc.property(line, (t) => {
        expect(ticketJson(t)).toBe(reference(t));
        expect(intoText(t, true)).toBe(`\n    ${reference(t)}`);
        expect(intoText(t, false)).toBe(`,\n    ${reference(t)}`);
      }),
      { numRuns: 2000 },
    );
  });

  it.each(['contracts/realtime-messaging.pledge', 'contracts/tiered-plans.pledge', 'contracts/online-education.pledge'])('writes what JSON.stringify writes, on the lines of a replay of %s', (file) => {
    const { model } = analyze(readFileSync(file, 'utf8'));
    const runtime = compileContract(model);
    const load = compileLoad(runtime, model.scenarios[0]!, { scale: 0.5 });
    const iso = isoFormatter(load.zone);
    let csv = EVENT_LOG_HEADER;
    const sim = simulateLoad(runtime, load, { onTicket: (t) => void (csv += eventLogRows(t, iso)) });
    const r = replay(runtime, csv, { now: parseInstant(sim.horizon, 'UTC')! });
    expect(r.perTicket.length).toBeGreaterThan(100);
    for (const t of r.perTicket) expect(ticketJson(t)).toBe(reference(t));
    for (const t of r.perTicket.slice(0, 500)) expect(intoText(t, false)).toBe(`,\n    ${reference(t)}`);
  });
});

const writeInstant = (t: number) => `t${Object.is(t, -0) ? '-0' : String(t)}`;
const instant = fc.oneof(fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.double(), fc.constantFrom(-0, NaN, Infinity, 1.5, Date.parse('2026-03-29T01:30:00Z')));
const record: fc.Arbitrary<ReplayTicketRecord> = fc
  .record({
    ticket: text,
    priority: text,
    plan: fc.option(text, { nil: null }),
    filed: instant,
    clocks: fc.array(fc.record({ clock: text, priority: text, state: text, due: maybe(instant), stopped: maybe(instant) }), { maxLength: 3 }),
    credits: fc.array(fc.tuple(text, text, number, instant, maybe(number), maybe(fc.tuple(instant, fc.boolean()))), { maxLength: 3 }),
    updates: maybe(fc.record({ met: number, breached: number, breaches: fc.array(instant, { maxLength: 3 }) })),
  })
  .map((r) => ({
    ...r,
    credits: r.credits.map(([clock, priority, percent, time, amount, claim]) => ({ clock, priority, percent, time, ...(amount !== undefined ? { amount } : {}), ...(claim ? { claimBy: claim[0], expired: claim[1] } : {}) })),
    updates: r.updates,
    // Any writer of instants: the spool keeps the record's and uses it for every line.
    iso: writeInstant,
  }));

describe('RecordSpool', () => {
  it('gives back the lines of the records it spooled, as ticketJsonInto writes them, however the bytes are cut', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(record, { maxLength: 6 }), fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 8 }), async (rs, cuts) => {
        const spool = new RecordSpool();
        const bound = rs.reduce((n, r) => n + spool.bound(r), 0);
        const buffer = Buffer.alloc(bound + 8, 0xee);
        let at = 0;
        for (const r of rs) {
          const end = spool.encode(r, buffer, at);
          expect(end - at).toBeLessThanOrEqual(spool.bound(r));
          at = end;
        }
        expect(buffer.subarray(at).every((b) => b === 0xee)).toBe(true);
        // The spooled bytes in pieces of the given sizes (a record cut anywhere).
        async function* pieces() {
          let from = 0;
          for (let k = 0; from < at; k++) {
            const to = Math.min(at, from + cuts[k % cuts.length]!);
            yield buffer.subarray(from, to);
            from = to;
          }
        }
        const out: Buffer[] = [];
        await spool.lines(pieces(), async (b) => void out.push(Buffer.from(b)));
        const expected = rs.map((r, i) => intoText(recordReport(r), i === 0)).join('');
        expect(Buffer.concat(out).toString('utf8')).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('makes of a record the line ticketReport gives, on a real replay', () => {
    const source = readFileSync(new URL('../../contracts/realtime-messaging.pledge', import.meta.url), 'utf8');
    const runtime = compileContract(analyze(source).model);
    const csv = 'ticket,event,time,priority,plan\nT-1,filed,2026-03-02T09:15:00+08:00,P1,\nT-1,resolved,2026-03-04T09:15:00+08:00,P1,\nT-2,filed,2026-03-29T01:30:00+08:00,P0,\n';
    const lines: ReplayTicketReport[] = [];
    const records: ReplayTicketRecord[] = [];
    replay(runtime, csv, { onTicket: (t) => lines.push(t) });
    replay(runtime, csv, { onTicketRecord: (r) => records.push(r) });
    expect(records.map(recordReport)).toEqual(lines);
    expect(records.map((r) => ticketJson(recordReport(r)))).toEqual(lines.map(ticketJson));
  });
});

describe('recordJsonInto', () => {
  const zones = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'UTC', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/St_Johns', 'Pacific/Chatham', 'Etc/GMT+5'];
  // Instants near 2026's daylight-saving changes and midnights, anywhere, and not whole milliseconds.
  const near = [Date.parse('2026-03-08T07:00:00Z'), Date.parse('2026-03-29T01:00:00Z'), Date.parse('2026-10-25T01:00:00Z'), Date.parse('2026-04-05T15:00:00Z'), Date.parse('2026-03-01T16:00:00Z'), Date.parse('1890-01-01T00:00:00Z')];
  const when = fc.oneof(
    fc.tuple(fc.constantFrom(...near), fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 })).map(([a, d]) => a + d),
    fc.tuple(fc.constantFrom(...near), fc.integer({ min: -7200, max: 7200 })).map(([a, d]) => a + d * 1000),
    fc.integer({ min: -62_000_000_000_000, max: 253_000_000_000_000 }),
    fc.constantFrom(1.5, -0.25, 1e15 + 0.5),
  );
  it('writes the bytes ticketJsonInto writes for recordReport(r), instants as iso writes them, in several zones', () => {
    for (const zone of zones) {
      const iso = isoWriter(zone);
      const instants = new IsoBytes(iso);
      fc.assert(
        fc.property(record, fc.array(when, { minLength: 6, maxLength: 6 }), fc.boolean(), (r0, ts, first) => {
          const r: ReplayTicketRecord = {
            ...r0,
            filed: ts[0]!,
            clocks: r0.clocks.map((c, k) => ({ ...c, due: c.due === undefined ? undefined : ts[1 + k]!, stopped: c.stopped === undefined ? undefined : ts[5 - k]! })),
            credits: r0.credits.map((c, k) => ({ ...c, time: ts[2 + k]!, ...(c.claimBy !== undefined ? { claimBy: ts[4 - k]! } : {}) })),
            ...(r0.updates ? { updates: { ...r0.updates, breaches: r0.updates.breaches.map((_, k) => ts[(3 + k) % 6]!) } } : {}),
            iso,
          };
          const bound = recordJsonBound(r);
          const buffer = Buffer.alloc(5 + bound + 8, 0xff);
          const end = recordJsonInto(r, first, buffer, 5, instants);
          expect(end - 5).toBeLessThanOrEqual(bound);
          expect(buffer.subarray(end).every((b) => b === 0xff)).toBe(true);
          expect(buffer.toString('utf8', 5, end)).toBe(intoText(recordReport(r), first));
        }),
        { numRuns: 150 },
      );
    }
  });

  it('RecordSpool.lines writes from the spooled bytes what recordJsonInto writes for the records, in several zones', async () => {
    for (const zone of zones.slice(0, 4)) {
      const iso = isoWriter(zone);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(record, fc.array(when, { minLength: 6, maxLength: 6 })), { minLength: 1, maxLength: 4 }), async (pairs) => {
          const rs: ReplayTicketRecord[] = pairs.map(([r0, ts]) => ({
            ...r0,
            filed: ts[0]!,
            clocks: r0.clocks.map((c, k) => ({ ...c, due: c.due === undefined ? undefined : ts[1 + k]!, stopped: c.stopped === undefined ? undefined : ts[5 - k]! })),
            credits: r0.credits.map((c, k) => ({ ...c, time: ts[2 + k]!, ...(c.claimBy !== undefined ? { claimBy: ts[4 - k]! } : {}) })),
            ...(r0.updates ? { updates: { ...r0.updates, breaches: r0.updates.breaches.map((_, k) => ts[(3 + k) % 6]!) } } : {}),
            iso,
          }));
          const spool = new RecordSpool();
          const buffer = Buffer.alloc(rs.reduce((n, r) => n + spool.bound(r), 0));
          let at = 0;
          for (const r of rs) at = spool.encode(r, buffer, at);
          const out: Buffer[] = [];
          await spool.lines((async function* () {
            yield buffer.subarray(0, at);
          })(), async (b) => void out.push(Buffer.from(b)));
          const instants = new IsoBytes(iso);
          const expected = rs.map((r, i) => {
            const b = Buffer.alloc(recordJsonBound(r));
            return b.toString('utf8', 0, recordJsonInto(r, i === 0, b, 0, instants));
          });
          expect(Buffer.concat(out).toString('utf8')).toBe(expected.join(''));
        }),
        { numRuns: 60 },
      );
    }
  });
});

describe('Spool.writeInto', () => {
  it('takes a record larger than it holds at once (a ticket id of 9,000,000 characters) between others, in order', async () => {
    const spool = new Spool();
    const records = new RecordSpool();
    const base = { priority: 'P2', plan: null, filed: 0, clocks: [], credits: [], iso: writeInstant };
    const rs: ReplayTicketRecord[] = [{ ...base, ticket: 'T-1' }, { ...base, ticket: 'X'.repeat(9_000_000) }, { ...base, ticket: 'T-3' }];
    try {
      for (const r of rs) spool.writeInto(records.bound(r), (buffer, at) => records.encode(r, buffer, at));
      const out: Buffer[] = [];
      await records.lines(spool.pieces(), async (b) => void out.push(Buffer.from(b)));
      expect(Buffer.concat(out).toString('utf8')).toBe(rs.map((r, i) => intoText(recordReport(r), i === 0)).join(''));
    } finally {
      spool.discard();
    }
  });
});
