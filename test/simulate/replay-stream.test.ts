/**
 * Replay read two ways: streamed from a file in two passes (`replayStream`, what `pledge replay`
 * runs) and from a string (`replay`); both must give the same report, on a simulator's log and on
 * the malformed shapes of issue 19 (extra columns, rows of a ticket whose filing was skipped,
 * events after `resolved`).
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { analyze, replay, replayStream, type ReplayReport, type ReplayTicketReport } from '../../src/index.js';
import { EVENT_LOG_HEADER, eventLogRows, isoFormatter } from '../../src/simulate/event-log.js';
import { compileLoad } from '../../src/simulate/load.js';
import { LocalTimes, commonInstant, commonInstantBytes, parseLogInstant } from '../../src/simulate/replay-time.js';
import { RowProblem, RowReader } from '../../src/simulate/replay.js';
import { simulateLoad } from '../../src/simulate/simulate.js';
import { compileContract } from '../../src/time/contract.js';
import { isoInstant, parseInstant } from '../../src/time/instant-format.js';
import { zoneTransitions } from '../../src/time/calendar.js';
import fc from 'fast-check';

const { model } = analyze(readFileSync('contracts/realtime-messaging.pledge', 'utf8'));
const runtime = compileContract(model);
const source = (text: string | Buffer, chunk = 4096) => () => {
  const bytes = Buffer.from(text);
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
  return Readable.from(parts);
};

async function both(csv: string, options: Parameters<typeof replay>[2] = {}): Promise<ReplayReport> {
  const memory = replay(runtime, csv, options);
  const lines: ReplayTicketReport[] = [];
  const streamed = await replayStream(runtime, source(csv, 777), { ...options, onTicket: (t) => lines.push(t) });
  expect(streamed.perTicket).toEqual([]);
  expect({ ...streamed, perTicket: lines }).toEqual(memory);
  return memory;
}

describe('replayStream', () => {
  it("gives the in-memory report on the simulator's log of about 20,000 rows", async () => {
    const scenario = model.scenarios[0]!;
    const load = compileLoad(runtime, scenario, { scale: 3 });
    const iso = isoFormatter(load.zone);
    let csv = EVENT_LOG_HEADER;
    const sim = simulateLoad(runtime, load, { onTicket: (t) => void (csv += eventLogRows(t, iso)) });
    const r = await both(csv, { now: parseInstant(sim.horizon, 'UTC')! });
    expect(r.history.rows).toBeGreaterThan(15_000);
    expect(r.tickets.filed).toBe(sim.tickets.filed);
    expect(r.clocks).toEqual(sim.clocks);
    expect(r.perTicket).toHaveLength(sim.tickets.filed);
  });

  const HEAD = 'ticket,event,time,priority,plan\n';
  it('keeps events after `resolved` in the history without reopening; only `reopened` reopens', async () => {
    const csv = `${HEAD}T-1,filed,2026-11-20T10:00:00+08:00,P2,\nT-1,first_reply,2026-11-20T11:00:00+08:00,P2,\nT-1,resolved,2026-11-20T12:00:00+08:00,P2,\nT-1,customer_replied,2026-11-21T09:00:00+08:00,P2,\nT-2,filed,2026-11-20T10:00:00+08:00,P2,\nT-2,resolved,2026-11-20T12:00:00+08:00,P2,\nT-2,reopened,2026-11-21T09:00:00+08:00,P2,\n`;
    const r = await both(csv);
    expect(r.tickets).toMatchObject({ filed: 2, resolved: 1, open: 1 });
    expect(r.history.eventsAfterResolved).toBe(1);
  });

  it('counts every row it does not use, by reason: an extra column is not a new ticket, rows of a ticket whose filing was skipped are counted', async () => {
    const csv = `${HEAD}T-1,filed,2026-11-20T10:00:00+08:00,P2,\nT-1,first_reply,2026-11-20T11:00:00+08:00,P2,,extra\nT-2,filed,not a time,P2,\nT-2,first_reply,2026-11-20T11:00:00+08:00,P2,\nT-2,resolved,2026-11-20T12:00:00+08:00,P2,\n`;
    const r = await both(csv, { lenient: true });
    expect(r.tickets).toMatchObject({ filed: 1, skipped: 4 });
    expect(r.skippedByReason).toEqual({ columns: 1, time: 1, 'not-filed': 2 });
    expect(r.skipped.map((s) => [s.line, s.reason])).toEqual([[3, 'columns'], [4, 'time'], [5, 'not-filed'], [6, 'not-filed']]);
    await expect(replayStream(runtime, source(csv))).rejects.toMatchObject({ line: 3, message: 'the row has 6 fields; the header has 5' });
  });

  it.each([
    ['CRLF, a BOM, blank lines and padded fields', '\ufeffticket , event,time,priority,plan\r\n\r\n T-1 ,filed,2026-11-20T10:00:00+08:00, P2 ,\r\n   \r\nT-1,first_reply,2026-11-20T11:00:00+08:00,P2,\r\nT-2,filed,2026-11-20T10:00:00+99:00,P2,\r\nT-3,flied,2026-11-20T10:00:00+08:00,P2,\nT-4,filed,2026-11-20T10:00:00+08:00,P2,'],
    ['CR line ends and a stray LF', 'ticket,event,time,priority,plan\rT-1,filed,2026-11-20T10:00:00+08:00,P2,\r\nT-1,resolved,2026-11-20T12:00:00+08:00,P2,\rT-2,filed,2026-11-20T10:00:00+08:00,P2,,\r'],
    ['a quote (csv-parse reads it)', 'ticket,event,time,priority,plan\nT-1,filed,2026-11-20T10:00:00+08:00,P2,\n"T 2",filed,2026-11-20T10:00:00+08:00,P2,\nT-3,filed,2026-11-20T10:00:00,P2,\n'],
  ])('streams %s as the in-memory reading does, lines of skipped rows included', async (_name, csv) => {
    const r = await both(csv, { lenient: true });
    expect(r.skipped.length).toBeGreaterThan(0);
    expect(r.skipped.every((s) => s.line > 1)).toBe(true);
    await expect(replayStream(runtime, source(csv, 7))).rejects.toMatchObject({ line: r.skipped[0]!.line });
  });

  it('names the line of a bad row found while streaming, and refuses bytes that are not UTF-8', async () => {
    const csv = `${HEAD}${'T-1,filed,2026-11-20T10:00:00+08:00,P2,\n'.repeat(1)}T-2,filed,2026-11-20T10:00:00+99:00,P2,\n`;
    await expect(replayStream(runtime, source(csv, 5))).rejects.toMatchObject({ line: 3, message: expect.stringContaining('`+99:00`') });
    await expect(replayStream(runtime, source(Buffer.concat([Buffer.from(`${HEAD}T-\xff`, 'latin1')])))).rejects.toMatchObject({ message: expect.stringContaining('not UTF-8') });
    await expect(replayStream(runtime, source(''))).rejects.toMatchObject({ line: 1, message: expect.stringContaining('empty') });
    await expect(replayStream(runtime, source(HEAD))).rejects.toMatchObject({ line: 1, message: 'the log has a header but no rows' });
  });

  it('stops at the first error in file order without --lenient, though its first pass reads no rows', async () => {
    const logs = [
      // A ticket filed twice (judged at row 3), then an unknown event: the event's row comes first in the error.
      'A,filed,2026-03-02T10:00:00+08:00,P2,\nA,filed,2026-03-02T10:05:00+08:00,P2,\nB,filed,2026-03-02T10:06:00+08:00,P2,\nB,explode,2026-03-02T11:07:00+08:00,,\n',
      // A ticket without its filing, then an event before a filing, then a row with an extra field.
      'A,first_reply,2026-03-02T10:00:00+08:00,,\nB,filed,2026-03-02T10:06:00+08:00,P2,\nB,resolved,2026-03-02T09:06:00+08:00,,\nC,filed,2026-03-02T10:07:00+08:00,P2,\nC,resolved,2026-03-02T11:07:00+08:00,,,\n',
      // Only tickets that cannot be judged: the first of them.
      'A,first_reply,2026-03-02T10:00:00+08:00,,\nB,filed,2026-03-02T10:06:00+08:00,P2,\nB,resolved,2026-03-02T09:06:00+08:00,,\n',
      // A bad last row of a ticket, an empty id, a time without an offset (no --zone).
      'A,filed,2026-03-02T10:00:00+08:00,P2,\nB,filed,2026-03-02T10:06:00+08:00,P2,\nA,resolved,2026-03-02T12:00:00+99:00,,\n',
      'A,filed,2026-03-02T10:00:00+08:00,P2,\n,resolved,2026-03-02T11:06:00+08:00,,\n',
      'A,filed,2026-03-02T10:00:00+08:00,P2,\nA,resolved,2026-03-02 12:00,,\n',
    ];
    for (const rows of logs) {
      const csv = HEAD + rows;
      let memory: unknown;
      try {
        replay(runtime, csv);
      } catch (error) {
        memory = error;
      }
      expect(memory).toBeDefined();
      await expect(replayStream(runtime, source(csv, 13))).rejects.toEqual(memory);
    }
    // Past the row limit: the limit, unless a bad row comes before it.
    const good = 'A,filed,2026-03-02T10:00:00+08:00,P2,\nA,first_reply,2026-03-02T10:01:00+08:00,,\nA,resolved,2026-03-02T10:02:00+08:00,,\nB,filed,2026-03-02T10:06:00+08:00,P2,\n';
    await expect(replayStream(runtime, source(HEAD + good, 13), { maxRows: 3 })).rejects.toMatchObject({ line: 1, message: expect.stringContaining('more than 3 rows') });
    await expect(replayStream(runtime, source(HEAD + good.replace('first_reply', 'explode'), 13), { maxRows: 3 })).rejects.toMatchObject({ line: 3, message: expect.stringContaining('`explode`') });
    await expect(replayStream(runtime, source(HEAD + good, 13), { maxRows: 4 })).resolves.toMatchObject({ tickets: { filed: 2 } });
  });

  it.each([
    '2026-03-01T00:03:00+08:00', '2026-03-01 00:03:00+08:00', '2026-03-01T00:03+0530', '2026-03-01T00:03:00.5Z', '2026-03-01T00:03:00.123-03:00',
    '2024-02-29T23:59:59Z', '2023-02-29T10:00Z', '2026-13-01T00:00Z', '2026-03-01T24:00Z', '2026-03-01T00:03:00+18:00', '2026-03-01T00:03:00-18:00',
    '2026-03-01T00:03:00.1234Z', '1900-01-01T00:00Z', '2199-12-31T23:59Z', '2026-03-01T00:03:00+08:0', '2026-3-01T00:03Z',
  ])('reads %s as luxon does', (text) => {
    const fast = commonInstant(text);
    if (fast === fast) expect(fast).toBe(parseInstant(text.replace(' ', 'T'), 'UTC'));
    const read = parseLogInstant(text, 'UTC', false);
    expect(typeof read === 'number' ? read : undefined).toBe(parseInstant(text.replace(' ', 'T'), 'UTC'));
  });

  it.each(['0099-01-01T00:00Z', '1899-12-31T23:59Z', '2200-01-01T00:00Z', '1900-01-01T00:30+01:00', '2199-12-31T23:30-01:00'])('refuses %s, outside the engine\'s years 1900..2199 (UTC)', (text) => {
    expect(commonInstant(text)).toBeNaN();
    expect(parseLogInstant(text, 'UTC', false)).toEqual({ reason: 'time', message: `\`${text}\` is outside the years 1900..2199 that the engine computes` });
  });

  it.each(['+18:01', '-18:01', '+99:00', '+08:60'])('refuses the offset %s', (offset) => {
    expect(parseLogInstant(`2026-03-01T00:03:00${offset}`, 'UTC', false)).toMatchObject({ reason: 'offset' });
  });
});

/** Text shaped like a log's time, often with one character changed, dropped or added (the fast readers' edges). */
const timeText = fc
  .tuple(
    fc.integer({ min: 1990, max: 2040 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 }),
    fc.option(fc.integer({ min: 0, max: 60 })), fc.constantFrom('', '.5', '.12', '.123', '.1234', '.'), fc.constantFrom('T', ' ', 't'),
    fc.constantFrom('Z', '+08:00', '-03:30', '+0530', '+18:00', '-18:01', '+08:0', '+08:60', '', 'z', '+8:00'),
    fc.option(fc.tuple(fc.nat(30), fc.constantFrom('', 'x', '0', ':', '-', ' ', '9'))),
  )
  .map(([y, mo, d, h, mi, s, ms, sep, off, edit]) => {
    const p = (n: number) => String(n).padStart(2, '0');
    let t = `${y}-${p(mo)}-${p(d)}${sep}${p(h)}:${p(mi)}${s === null ? '' : `:${p(s)}${ms}`}${off}`;
    if (edit) t = t.slice(0, edit[0]) + edit[1] + t.slice(edit[0] + (edit[1] === '' ? 1 : 0));
    return t;
  });

describe('the second pass on bytes', () => {
  it('commonInstantBytes reads ASCII bytes as commonInstant reads their text, in place', () => {
    fc.assert(
      fc.property(timeText, fc.string({ maxLength: 3 }).filter((x) => /^[\x00-\x7f]*$/.test(x)), fc.constantFrom('', ',', '+08:00', '0'), (t, before, after) => {
        const text = before + t + after;
        const bytes = Buffer.from(text, 'latin1');
        const from = before.length;
        const to = from + t.length;
        expect(commonInstantBytes(bytes, from, to)).toBe(commonInstant(text, from, to));
        // The field at the end of its buffer (nothing to read past it).
        expect(commonInstantBytes(bytes.subarray(0, to), from, to)).toBe(commonInstant(text.slice(0, to), from, to));
      }),
      { numRuns: 5000 },
    );
  });

  it('LocalTimes.instantBytes gives what instant gives', () => {
    for (const zone of ['Europe/Berlin', 'Australia/Lord_Howe', 'UTC']) {
      const a = new LocalTimes(zone);
      const b = new LocalTimes(zone);
      fc.assert(
        fc.property(fc.oneof(timeText.map((t) => t.replace(/(Z|[+-]\d\d:?\d\d)$/, '')), timeText), (t) => {
          expect(b.instantBytes(Buffer.from(`,${t},`, 'latin1'), 1, 1 + t.length)).toBe(a.instant(`,${t},`, 1, 1 + t.length));
        }),
        { numRuns: 2000 },
      );
    }
  });

  it('RowReader.readBytes gives the row readSpans gives, or leaves the row to it', () => {
    const header = ['ticket', 'event', 'time', 'priority', 'plan'];
    const field = fc.constantFrom('', ' ', 'T-1', '12', 'filed', 'first_reply', 'reclassified', 'resolved', 'flied', 'P1', 'P2', 'P9', 'p2', 'gold', 'x');
    // Each column mostly from its own names (so the usual row is common), sometimes anything.
    const of = (...names: string[]) => fc.oneof({ arbitrary: fc.constantFrom(...names), weight: 4 }, { arbitrary: field, weight: 1 });
    const row = fc.tuple(of('T-1', '12', 'A'), of('filed', 'first_reply', 'reclassified', 'resolved', 'flied'), timeText, of('P1', 'P2', 'p2', 'P9', ''), of('', '', 'x', 'gold'), fc.option(field, { freq: 8 }));
    for (const options of [{}, { zone: 'Europe/Berlin' }, { events: new Map([['flied', 'filed']]), priorities: new Map([['p2', 'P2']]) }]) {
      const reader = new RowReader(runtime, options, header, 'Asia/Shanghai');
      fc.assert(
        fc.property(row, fc.nat(5), ([id, event, time, priority, plan, extra], pad) => {
          const fields = [id, event, time, priority, plan, ...(extra === null ? [] : [extra])];
          const text = 'y'.repeat(pad) + fields.join(',');
          const bytes = Buffer.from(text, 'latin1');
          const b = new Int32Array(2 * fields.length);
          let at = pad;
          fields.forEach((f, k) => {
            b[2 * k] = at;
            b[2 * k + 1] = at + f.length;
            at += f.length + 1;
          });
          const fromBytes = reader.readBytes(bytes, b, fields.length);
          const got = fromBytes && { ...fromBytes, id: bytes.toString('latin1', fromBytes.idFrom, fromBytes.idTo), text: undefined, idFrom: undefined, idTo: undefined };
          const spans = reader.readSpans(text, b, fields.length, 0);
          if (got === undefined) return;
          expect(spans).not.toBeInstanceOf(RowProblem);
          const want = !(spans instanceof RowProblem) ? { ...spans, id: spans.text.slice(spans.idFrom, spans.idTo), text: undefined, idFrom: undefined, idTo: undefined } : spans;
          expect(got).toEqual(want);
        }),
        { numRuns: 3000 },
      );
    }
  });

  it('a random log streamed in small pieces (read as bytes after the first) gives the in-memory report, with and without --lenient', async () => {
    const ids = fc.constantFrom('A', 'B', 'C', 'T-10', '7', '');
    const events = fc.constantFrom('filed', 'filed', 'first_reply', 'customer_replied', 'resolved', 'reopened', 'reclassified', 'explode');
    const times = fc.oneof(
      fc.integer({ min: Date.UTC(2026, 2, 1), max: Date.UTC(2026, 2, 4) }).map((t) => new Date(t).toISOString().replace('Z', '+00:00')),
      timeText,
    );
    const line = fc.tuple(ids, events, times, fc.constantFrom('P1', 'P2', 'P3', '', 'P7'), fc.constantFrom('', '', 'x', ' '), fc.boolean()).map(([i, e, t, p, plan, extra]) => `${i},${e},${t},${p},${plan}${extra ? ',z' : ''}`);
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 40 }), fc.constantFrom('\n', '\r\n'), fc.integer({ min: 3, max: 90 }), fc.boolean(), async (rows, nl, chunk, lenient) => {
        const csv = ['ticket,event,time,priority,plan', ...rows].join(nl) + nl;
        const options = { lenient, now: Date.UTC(2026, 2, 5) };
        let memory: unknown;
        let memoryError: unknown;
        try {
          memory = replay(runtime, csv, options);
        } catch (error) {
          memoryError = error;
        }
        const lines: ReplayTicketReport[] = [];
        let streamed: unknown;
        let streamedError: unknown;
        try {
          const r = await replayStream(runtime, source(csv, chunk), { ...options, onTicket: (t) => lines.push(t) });
          streamed = { ...r, perTicket: lines };
        } catch (error) {
          streamedError = error;
        }
        expect(streamedError).toEqual(memoryError);
        expect(streamed).toEqual(memory);
      }),
      { numRuns: 300 },
    );
  });
});

describe('isoFormatter', () => {
  it.each(['Asia/Shanghai', 'Europe/Berlin', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/Sao_Paulo', 'Australia/Lord_Howe', 'Africa/Casablanca'])('writes what isoInstant writes in %s', (zone) => {
    const iso = isoFormatter(zone);
    const instant = fc.oneof(fc.integer({ min: Date.parse('1900-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') }), fc.integer({ min: Date.parse('2020-01-01T00:00:00Z') / 60_000, max: Date.parse('2030-01-01T00:00:00Z') / 60_000 }).map((m) => m * 60_000), fc.integer({ min: -62_000_000_000_000, max: 253_000_000_000_000 }));
    fc.assert(fc.property(instant, (t) => void expect(iso(t)).toBe(isoInstant(t, zone))), { numRuns: 3000 });
  });
});

describe('LocalTimes (--zone, times without an offset)', () => {
  const zones = ['Europe/Berlin', 'America/St_Johns', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Sao_Paulo', 'Africa/Casablanca', 'Asia/Kathmandu', 'America/Godthab', 'UTC'];
  const wall = (t: number) => new Date(t).toISOString().slice(0, 19).replace('T', ' ');
  it.each(zones)('reads every offset-less time it takes as the reference rule does, in %s, and leaves gaps and repeated hours to it', (zone) => {
    const local = new LocalTimes(zone);
    let taken = 0;
    let all = 0;
    // Each 7 minutes 13 seconds for two days either side of every transition of 2025-2026, each
    // 7 hours 13 minutes over the two years, then random instants of two centuries.
    const times: number[] = [];
    for (const { at } of zoneTransitions(zone, Date.UTC(2025, 0, 1), Date.UTC(2027, 0, 1))!) for (let t = at - 2 * 86_400_000; t < at + 2 * 86_400_000; t += 433_000) times.push(t);
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += 433_000 * 60) times.push(t);
    fc.assert(fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), (t) => void times.push(t)), { numRuns: 500 });
    for (const t of times) {
      const text = wall(t);
      const fast = local.instant(text, 0, text.length);
      let kind: string | undefined;
      const slow = parseLogInstant(text, zone, true, (k) => (kind = k));
      all++;
      if (fast !== fast) continue;
      taken++;
      expect([text, fast]).toEqual([text, slow]);
      expect(kind).toBeUndefined();
    }
    // The fast path is the usual one: near every transition only a few hours are left to luxon.
    expect(taken / all).toBeGreaterThan(0.95);
  });
});
