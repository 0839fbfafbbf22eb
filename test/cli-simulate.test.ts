/**
 * `pledge simulate` and `pledge replay` end to end: in-process for output shapes and errors, and
 * as a child process for worker-thread replications (they need the built `dist/`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONTRACT = 'contracts/realtime-messaging.pledge';
const TMP = mkdtempSync(path.join(tmpdir(), 'pledge-sim-'));

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, cwd: ROOT, env: { NO_COLOR: '1' } });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('pledge simulate', () => {
  it('--seed: help names the range the validation accepts, at the limit and one past it (issue 19 item 6)', async () => {
    const help = (await run(['simulate', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('0 to 9,007,199,254,740,991');
    const at = await run(['simulate', CONTRACT, '--json', '--seed', '9007199254740991', '--scale', '0.01']);
    expect(at.stderr).not.toContain('invalid');
    const past = await run(['simulate', CONTRACT, '--json', '--seed', '9007199254740992']);
    expect(past.stderr).toContain('expected a whole number up to 9,007,199,254,740,991');
  });

  it('prints the report and the seed; the same seed gives byte-identical JSON', async () => {
    const text = await run(['simulate', CONTRACT]);
    expect(text.code).toBe(0);
    expect(text.stderr).toContain('with seed 42');
    expect(text.stdout).toMatch(/P0\s+response\s+15m on always\s+\d+/);
    expect(text.stdout).toContain('replay this run with --seed 42');
    const a = await run(['simulate', CONTRACT, '--json']);
    const b = await run(['simulate', CONTRACT, '--json']);
    expect(a.stdout).toBe(b.stdout);
    const json = JSON.parse(a.stdout);
    expect(Object.keys(json)).toEqual(['kind', 'version', 'title', 'seed', 'zone', 'period', 'horizon', 'queue', 'staff', 'expectedTickets', 'tickets', 'clocks', 'escalations', 'availability', 'credits', 'queueLength']);
    expect(json.seed).toBe(42);
    expect(json.clocks[0]).toMatchObject({ priority: 'P0', clock: 'response', target: '15m on always' });
    expect(json.credits).toMatchObject({ currency: 'CNY', monthlyFee: 50000, capPercent: 50 });
    const other = JSON.parse((await run(['simulate', CONTRACT, '--json', '--seed', '7'])).stdout);
    expect(other.seed).toBe(7);
    expect(other.tickets.filed).not.toBe(json.tickets.filed);
  });

  it('writes an HTML report and an event log that replay reproduces', async () => {
    const html = path.join(TMP, 'report.html');
    const events = path.join(TMP, 'events.csv');
    const sim = await run(['simulate', CONTRACT, '--json', '--html', html, '--events', events]);
    expect(sim.code).toBe(0);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>/i);
    const report = JSON.parse(sim.stdout);
    const csv = readFileSync(events, 'utf8');
    expect(csv.split('\n')[0]).toBe('ticket,event,time,priority,plan');
    const rep = await run(['replay', CONTRACT, '--tickets', events, '--now', report.horizon, '--json']);
    expect(rep.code).toBe(0);
    const replayed = JSON.parse(rep.stdout);
    expect(replayed.clocks).toEqual(report.clocks);
    expect(replayed.escalations).toEqual(report.escalations);
    expect(replayed.perTicket).toHaveLength(report.tickets.filed);
  });

  it('tallies update every per priority in text and JSON, the same under a seed, and replay of its event log agrees (reference, "Periodic updates")', async () => {
    const C = 'contracts/online-education.pledge';
    const events = path.join(TMP, 'updates.csv');
    const a = await run(['simulate', C, '--json', '--scale', '0.25', '--events', events]);
    const b = await run(['simulate', C, '--json', '--scale', '0.25']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const report = JSON.parse(a.stdout);
    expect(Object.keys(report)).toContain('updates');
    expect(report.updates.map((u: { priority: string }) => u.priority)).toEqual(['P0']);
    const p0 = report.updates[0];
    expect(p0).toMatchObject({ priority: 'P0', every: '30m on always' });
    expect(p0.met).toBeGreaterThan(0);
    expect(p0.breached).toBeGreaterThan(0);
    const html = path.join(TMP, 'updates.html');
    const text = await run(['simulate', C, '--scale', '0.25', '--html', html]);
    const line = `P0 update every 30m on always: ${p0.met.toLocaleString('en-US')} met, ${p0.breached.toLocaleString('en-US')} breached, ${p0.open} open`;
    expect(text.stdout).toContain(line);
    // The HTML report says the same, in the same words.
    expect(readFileSync(html, 'utf8')).toContain(`<h2>Periodic updates</h2>`);
    expect(readFileSync(html, 'utf8')).toContain(`<li><strong>${line}</strong></li>`);
    // The replay of the run's event log, judged at its horizon, counts the same intervals, and each ticket's line adds up to them.
    const rep = JSON.parse((await run(['replay', C, '--tickets', events, '--now', report.horizon, '--json'])).stdout);
    expect(rep.updates).toEqual(report.updates);
    const perTicket = rep.perTicket.reduce((s: number, t: { updates?: { breached: number } }) => s + (t.updates?.breached ?? 0), 0);
    expect(perTicket).toBe(p0.breached);
  });

  it('sweeps a staff group and names the smallest team that owes no credits', async () => {
    const r = await run(['simulate', CONTRACT, '--sweep-staff', '1..3', '--sweep-group', 'always', '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.kind).toBe('pledge-staff-sweep');
    expect(s.runs.map((x: { count: number }) => x.count)).toEqual([1, 2, 3]);
    expect(s.group).toEqual({ index: 1, calendar: 'always', tier: null });
    const p0 = s.runs.map((x: { clocks: { priority: string; clock: string; breachRate: number }[] }) => x.clocks.find((c) => c.priority === 'P0' && c.clock === 'response')!.breachRate);
    expect(p0[2]).toBeLessThan(p0[0]);
  });

  it.each([
    [['simulate', CONTRACT, '--scenario', 'March evening peek'], /no scenario "March evening peek"; did you mean `March evening peak`\?/],
    [['simulate', CONTRACT, '--replications', '0x'], /--replications/],
    [['simulate', CONTRACT, '--sweep-staff', '5..1'], /range of head counts/],
    [['simulate', CONTRACT, '--replications', '3', '--sweep-staff', '1..2'], /cannot be combined/],
    [['simulate', CONTRACT, '--scale', '100000'], /a run simulates at most 20,000,000/],
    [['simulate', 'contracts/cloud-availability.pledge'], /has no `scenario` to simulate/],
  ])('refuses %j with a one-line error and exit 2', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('runs replications on worker threads with 95% intervals, the same as serially', () => {
    const args = ['bin/pledge.js', 'simulate', CONTRACT, '--replications', '4', '--json', '--no-progress'];
    const parallel = spawnSync(process.execPath, [...args, '--threads', '2'], { cwd: ROOT, encoding: 'utf8' });
    const serial = spawnSync(process.execPath, [...args, '--threads', '1'], { cwd: ROOT, encoding: 'utf8' });
    expect(parallel.status, parallel.stderr).toBe(0);
    expect(parallel.stdout).toBe(serial.stdout);
    const s = JSON.parse(parallel.stdout);
    expect(s.seeds).toEqual([42, 43, 44, 45]);
    const p3 = s.clocks.find((c: { priority: string; clock: string }) => c.priority === 'P3' && c.clock === 'response').breachRate;
    expect(p3.low).toBeLessThanOrEqual(p3.mean);
    expect(p3.high).toBeGreaterThanOrEqual(p3.mean);
    expect(p3.high).toBeGreaterThan(p3.low);
    expect(parallel.stderr).toContain('with seed 42..45');
  });
});

describe('pledge replay', () => {
  const log = (rows: string) => {
    const file = path.join(TMP, `log-${Math.random().toString(36).slice(2)}.csv`);
    writeFileSync(file, rows);
    return file;
  };
  const GOOD = 'ticket,event,time,priority,plan\nT-1,filed,2026-11-20T17:00:00+08:00,P2,\nT-1,first_reply,2026-11-23T13:00:00+08:00,P2,\nT-2,filed,2026-11-20T10:00:00+08:00,P0,\nT-2,first_reply,2026-11-20T10:05:00+08:00,P0,\n';

  it('--zone: a local time in a gap or a repeated hour is a warning with its code on stderr and in the text report, and --now in one PLG3011 (reference, "Reading a replayed log")', async () => {
    const file = log('ticket,event,time,priority,plan\nT-1,filed,2026-03-29 01:30:00,P2,\nT-1,first_reply,2026-03-29 02:30:00,,\nT-2,filed,2026-10-25T02:30:00,P2,\n');
    const r = await run(['replay', CONTRACT, '--tickets', file, '--zone', 'Europe/Berlin', '--now', '2026-10-25T02:40']);
    expect(r.code).toBe(0);
    const gap = 'warning PLG5001: 1 row has a local time that does not exist in Europe/Berlin; the first, line 3, column 17: `2026-03-29 02:30:00` does not exist in Europe/Berlin (the clocks spring forward): read as 2026-03-29T03:00:00+02:00, the first instant after the gap';
    const twice = 'warning PLG5002: 1 row has a local time that happens twice in Europe/Berlin; the first, line 4, column 11: `2026-10-25T02:30:00` happens twice in Europe/Berlin (the clocks fall back): read as 2026-10-25T02:30:00+02:00, its first occurrence';
    // On stderr at the first such row's time (file:line:column), in the text report without the file.
    for (const [w, at] of [[gap, '3:17'], [twice, '4:11']] as const) {
      expect(r.stderr).toContain(`${file}:${at}: ${w}\n`);
      expect(r.stdout).toContain(`  ${w}`);
    }
    expect(r.stderr).toContain('warning PLG3011: --now `2026-10-25T02:40` happens twice in Europe/Berlin (the clocks fall back): read as 2026-10-25T02:40:00+02:00, its first occurrence');
    const json = JSON.parse((await run(['replay', CONTRACT, '--tickets', file, '--zone', 'Europe/Berlin', '--json'])).stdout);
    expect(json.localTimes.map((l: { code: string; line: number; column: number }) => [l.code, l.line, l.column])).toEqual([['PLG5001', 3, 17], ['PLG5002', 4, 11]]);
    // Without such times, nothing is said.
    const plain = await run(['replay', CONTRACT, '--tickets', log(GOOD), '--zone', 'Europe/Berlin', '--now', '2026-11-25T10:00']);
    expect(plain.stderr).not.toMatch(/PLG500|PLG301|--now/);
  });

  it("reports every ticket's clocks and the totals", async () => {
    const r = await run(['replay', CONTRACT, '--tickets', log(GOOD)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('replayed 2 tickets');
    expect(r.stdout).toMatch(/T-1 {2}P2 {2}filed 2026-11-20T17:00:00\+08:00 {2}response breached \(due 2026-11-23T12:30:00\+08:00\)/);
    const json = JSON.parse((await run(['replay', CONTRACT, '--tickets', log(GOOD), '--json'])).stdout);
    expect(json.clocks.find((c: { priority: string; clock: string }) => c.priority === 'P2' && c.clock === 'response')).toMatchObject({ tickets: 1, breached: 1 });
    expect(json.clocks.find((c: { priority: string; clock: string }) => c.priority === 'P0' && c.clock === 'response')).toMatchObject({ tickets: 1, met: 1 });
  });

  it('says when tickets filed with no plan use the top-level targets of a contract with plans (issue 13 item 8)', async () => {
    const rows = 'ticket,event,time,priority,plan\nT-1,filed,2026-11-20T10:00:00+08:00,P2,\nT-2,filed,2026-11-20T10:00:00+08:00,P2,basic\nT-3,filed,2026-11-20T11:00:00+08:00,P1,\n';
    const r = await run(['replay', 'contracts/tiered-plans.pledge', '--tickets', log(rows), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).history.withoutPlan).toBe(2);
    expect(r.stderr).toContain("assumes: 2 tickets filed with no plan use the contract's top-level targets, not those of plan `basic`");
    const plain = await run(['replay', CONTRACT, '--tickets', log(GOOD), '--json']);
    expect(JSON.parse(plain.stdout).history).not.toHaveProperty('withoutPlan');
    expect(plain.stderr).not.toContain('assumes:');
  });

  it('maps a help desk export: columns, event names, priorities, a zone for offset-less times', async () => {
    const zendesk = 'Ticket ID,Status change,Updated at,Priority\n1001,New,2026-11-20 17:00,Normal\n1001,Agent replied,2026-11-23 12:00,Normal\n';
    const r = await run([
      'replay', CONTRACT, '--tickets', log(zendesk), '--json',
      '--column', 'ticket=Ticket ID', '--column', 'event=Status change', '--column', 'time=Updated at', '--column', 'priority=Priority',
      '--map-event', 'New=filed', '--map-event', 'Agent replied=first_reply', '--map-priority', 'Normal=P2', '--zone', 'Asia/Shanghai',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).perTicket[0].clocks[0]).toMatchObject({ clock: 'response', state: 'met', stopped: '2026-11-23T12:00:00+08:00' });
  });

  it.each([
    ['ticket,event,time,priority,plan\nT-1,filed,2026-11-20T17:00:00+08:00,P2,\nT-1,closed,2026-11-21T10:00:00+08:00,P2,\n', /:3:5: unknown event `closed`/],
    ['ticket,event,time,priority,plan\nT-1,filed,2026-11-20 17:00,P2,\n', /:2:11: the time `2026-11-20 17:00` has no offset/],
    ['ticket,event,time,priority,plan\nT-1,filed,2026-11-20T17:00:00+08:00,P7,\n', /:2:37: unknown priority `P7`/],
    ['ticket,event,time,priority,plan\nT-1,first_reply,2026-11-20T17:00:00+08:00,P2,\n', /:2:1: ticket `T-1` has no `filed` row/],
    ['ticket,event,time\nT-1,filed,tomorrow\n', /:2:11: (the time `tomorrow` has no offset|`tomorrow` is not a date-time)/],
    ['id,what,when\n1,filed,2026-11-20T17:00:00Z\n', /:1: no column `ticket` in the header/],
  ])('stops at a malformed row with its line and column (the field at fault): %#', async (csv, message) => {
    const r = await run(['replay', CONTRACT, '--tickets', log(csv)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it.each([
    ['', /:1: the log is empty/],
    ['ticket,event,time,priority,plan\n', /:1: the log has a header but no rows/],
    ['ticket,event,time,priority,plan\nT-1,filed,2026-11-20T17:00:00+99:00,P2,\n', /:2:11: the offset `\+99:00` .* is outside -18:00\.\.\+18:00/],
    ['ticket,event,time,priority,plan\nT-1,filed,2026-11-20T17:00:00-18:01,P2,\n', /:2:11: the offset `-18:01`/],
  ])('refuses an empty log and offsets past ±18:00: %#', async (csv, message) => {
    const r = await run(['replay', CONTRACT, '--tickets', log(csv)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
  });

  it('streams a log to the JSON and text the in-memory replay gives, byte for byte', async () => {
    const { analyze } = await import('../src/index.js');
    const { replay } = await import('../src/simulate/replay-stream.js');
    const { compileContract } = await import('../src/time/contract.js');
    const runtime = compileContract(analyze(readFileSync(path.join(ROOT, CONTRACT), 'utf8')).model);
    const csv = `${GOOD}T-3,filed,2026-11-20T09:00:00+08:00,P1,\nT-3,resolved,2026-11-20T12:00:00+08:00,P1,\nT-3,customer_replied,2026-11-21T12:00:00+08:00,P1,\n`;
    const r = await run(['replay', CONTRACT, '--tickets', log(csv), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${JSON.stringify(replay(runtime, csv), null, 2)}\n`);
    expect(JSON.parse(r.stdout).history).toEqual({ rows: 7, eventsAfterResolved: 1 });
    const text = await run(['replay', CONTRACT, '--tickets', log(csv)]);
    expect(text.stdout).toContain('1 events after a ticket was resolved, kept in its history');
    expect(text.stdout.split('\n').filter((l) => /^ {2}T-\d/.test(l))).toHaveLength(3);
  });

  it('reads a log far past the contract size limit (the log is streamed)', async () => {
    const row = 'T-1,customer_replied,2026-11-21T12:00:00+08:00,P2,\n';
    const csv = `${GOOD}${row.repeat(Math.ceil(11_000_000 / row.length))}`;
    const r = await run(['replay', CONTRACT, '--tickets', log(csv), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).history.rows).toBeGreaterThan(200_000);
  });

  it('accepts an offset of exactly +18:00', async () => {
    const r = await run(['replay', CONTRACT, '--tickets', log('ticket,event,time,priority,plan\nT-1,filed,2026-11-20T17:00:00+18:00,P2,\n')]);
    expect(r.code, r.stderr).toBe(0);
  });

  it('with --lenient skips malformed rows, counts them and says so', async () => {
    const csv = `${GOOD}T-3,filed,not a time,P1,\nT-4,escalated,2026-11-20T17:00:00+08:00,P1,\n`;
    const r = await run(['replay', CONTRACT, '--tickets', log(csv), '--lenient', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.tickets).toMatchObject({ filed: 2, skipped: 2 });
    expect(json.skipped.map((s: { line: number }) => s.line)).toEqual([6, 7]);
    expect(r.stderr).toContain('skipped 2 rows not used (1 time, 1 event)');
  });

  it('names each skipped row by the line and column of its field at fault (reference, "Reading a replayed log", worked example)', async () => {
    const csv = [
      'ticket,event,time,priority,plan',
      'T-1,filed,2026-11-20T10:00:00+08:00,P2,',
      'T-1,first_reply,2026-11-20T11:00:00+08:00,P2,,extra',
      'T-2,filed,not a time,P2,',
      'T-2,first_reply,2026-11-20T12:00:00+08:00,,',
      'T-2,resolved,2026-11-20T13:00:00+08:00,,',
      '',
    ].join('\n');
    const file = log(csv);
    const json = JSON.parse((await run(['replay', CONTRACT, '--tickets', file, '--lenient', '--json'])).stdout);
    expect(json.skipped.map((s: { line: number; column: number; reason: string }) => [s.line, s.column, s.reason])).toEqual([
      [3, 47, 'columns'],
      [4, 11, 'time'],
      [5, 1, 'not-filed'],
      [6, 1, 'not-filed'],
    ]);
    const text = await run(['replay', CONTRACT, '--tickets', file, '--lenient']);
    expect(text.stdout).toContain('  skipped line 3, column 47: the row has 6 fields; the header has 5\n');
    expect(text.stdout).toContain('  skipped line 4, column 11: the time `not a time` has no offset');
    // Without --lenient, the first is the error, at file:line:column.
    expect((await run(['replay', CONTRACT, '--tickets', file])).stderr).toContain(`${file}:3:47: the row has 6 fields; the header has 5\n`);
  });

  it('a log that is not CSV is an error of the log, at the line and column of the character at fault, in every csv-parse way, never an internal error; no --lenient hint (reference, "A log that is not CSV at all")', async () => {
    const head = 'ticket,event,time,priority,plan\nT-1,filed,2026-11-20T10:00:00+08:00,P2,\n';
    const cases: [string, string, number][] = [
      // csv-parse 7's one code without the CSV_ prefix (INVALID_OPENING_QUOTE) was an internal error.
      ['T-1,first"_reply,2026-11-20T10:30:00+08:00,,\n', 'Invalid Opening Quote', 10],
      // At the opening quote, not at the end of the file (where csv-parse puts it).
      ['T-1,"first_reply,2026-11-20T10:30:00+08:00,,\nT-1,resolved,2026-11-20T11:00:00+08:00,,\n', 'Quote Not Closed', 5],
      ['T-1,"first_reply"x,2026-11-20T10:30:00+08:00,,\n', 'Invalid Closing Quote', 18],
      // A no-break space after a closing quote (CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE).
      ['T-1,"first_reply"\u00a0,2026-11-20T10:30:00+08:00,,\n', 'Invalid Closing Quote', 18],
    ];
    const { analyze } = await import('../src/index.js');
    const { replay } = await import('../src/simulate/replay-stream.js');
    const { compileContract } = await import('../src/time/contract.js');
    const runtime = compileContract(analyze(readFileSync(path.join(ROOT, CONTRACT), 'utf8')).model);
    for (const [row, kind, column] of cases) {
      const file = log(head + row);
      for (const lenient of [[], ['--lenient']]) {
        const r = await run(['replay', CONTRACT, '--tickets', file, ...lenient]);
        expect(r.code, kind).toBe(1);
        expect(r.stderr, kind).toContain(`${file}:3:${column}: the file is not valid CSV: ${kind}`);
        expect(r.stderr).not.toContain('internal error');
        expect(r.stderr).not.toContain('--lenient');
      }
      expect(() => replay(runtime, head + row), kind).toThrow(expect.objectContaining({ line: 3, column, message: expect.stringContaining(`the file is not valid CSV: ${kind}`) }));
    }
    // The reference's worked example: a BOM, CR LF, a quoted field across lines (csv-parse says line 5).
    const text = '\ufeffticket,event,time,priority,plan\r\n"T-9","note\r\nfrom the desk",2026-11-20T11:00:00+08:00,,\r\nT-1,first"_reply,2026-11-20T10:30:00+08:00,,\r\n';
    const file = log(text);
    const r = await run(['replay', CONTRACT, '--tickets', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:4:10: the file is not valid CSV: Invalid Opening Quote: a quote is found on field 1 at line 5, value is "first"`);
    expect(() => replay(runtime, text)).toThrow(expect.objectContaining({ line: 4, column: 10 }));
  });

  it('a time outside the engine\'s years 1900..2199 (UTC) is a row error at its field, skipped with --lenient; the years at the edges are read (reference, "Reading a replayed log")', async () => {
    const head = 'ticket,event,time,priority,plan\nT-2,filed,2026-06-01T09:00:00+08:00,P0,\n';
    for (const [time, zone, inside] of [
      ['2300-01-01T00:00:00Z', [], false],
      ['2200-01-01T00:00:00Z', [], false],
      ['2199-12-31T23:59:59Z', [], true],
      ['2200-01-01T00:30:00+01:00', [], true],
      ['1900-01-01T00:00:00Z', [], true],
      ['1900-01-01T00:30:00+01:00', [], false],
      ['1899-12-31 23:00', ['--zone', 'Asia/Shanghai'], false],
      ['1900-01-01 09:00', ['--zone', 'Asia/Shanghai'], true],
    ] as [string, string[], boolean][]) {
      const file = log(`${head}T-1,filed,${time},P0,\n`);
      const r = await run(['replay', CONTRACT, '--tickets', file, '--now', '2026-06-30T00:00:00+08:00', ...zone]);
      expect(r.stderr, time).not.toContain('internal error');
      if (inside) expect(r.stderr, time).not.toContain('outside the years');
      else {
        expect(r.code, time).toBe(1);
        expect(r.stderr, time).toContain(`${file}:3:11: \`${time}\` is outside the years 1900..2199 that the engine computes`);
        const lenient = JSON.parse((await run(['replay', CONTRACT, '--tickets', file, '--now', '2026-06-30T00:00:00+08:00', '--lenient', '--json', ...zone])).stdout);
        expect(lenient.skipped.map((s: { line: number; column: number; reason: string }) => [s.line, s.column, s.reason]), time).toEqual([[3, 11, 'time']]);
        const text = await run(['replay', CONTRACT, '--tickets', file, '--now', '2026-06-30T00:00:00+08:00', '--lenient', ...zone]);
        // One row, in the singular.
        expect(text.stderr).toContain('skipped 1 row not used (1 time), listed in the report');
        expect(text.stdout).toContain('; 1 row skipped (1 time)\n');
      }
    }
  });

  it('a time outside the engine\'s years deep in a large log (read by the byte paths of both passes) is the same row error', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `T-${i},filed,2026-06-01T09:00:00+08:00,P2,\nT-${i},resolved,2026-06-02T09:00:00+08:00,,\n`).join('');
    for (const time of ['2300-01-01T00:00:00Z', '1899-06-01T00:00:00+08:00']) {
      const file = log(`ticket,event,time,priority,plan\n${rows}T-x,filed,${time},P0,\n`);
      const r = await run(['replay', CONTRACT, '--tickets', file, '--now', '2026-06-30T00:00:00+08:00', '--json']);
      expect(r.stderr, time).not.toContain('internal error');
      expect(r.stderr, time).toContain(`${file}:60002:11: \`${time}\` is outside the years 1900..2199 that the engine computes`);
    }
  });

  it('counts lines as an editor does: a BOM, CR LF, a quoted field across lines, an astral character (reference, "Where a row\'s problem is")', async () => {
    const csv = '\ufeffticket,event,time,priority,plan\r\n"T-9","note\r\nfrom the desk",2026-11-20T11:00:00+08:00,,\r\n😀-1, "filed" ,yesterday,P2,\r\nT-1,filed,2026-11-20T10:00:00+08:00,P2,\r\n';
    const file = log(csv);
    const json = JSON.parse((await run(['replay', CONTRACT, '--tickets', file, '--lenient', '--json'])).stdout);
    // The row after the quoted field is line 4 (its CR LF is one line break; csv-parse's own count says 5).
    expect(json.skipped.map((s: { line: number; column: number; reason: string }) => [s.line, s.column, s.reason])).toEqual([
      [2, 8, 'event'],
      [4, 16, 'time'],
    ]);
    const strict = await run(['replay', CONTRACT, '--tickets', file]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(`${file}:2:8: unknown event \`note`);
    // The in-memory replay (the library's) gives the same places.
    const { analyze } = await import('../src/index.js');
    const { replay } = await import('../src/simulate/replay-stream.js');
    const { compileContract } = await import('../src/time/contract.js');
    const runtime = compileContract(analyze(readFileSync(path.join(ROOT, CONTRACT), 'utf8')).model);
    expect(replay(runtime, csv, { lenient: true }).skipped.map((s) => [s.line, s.column])).toEqual([[2, 8], [4, 16]]);
    expect(() => replay(runtime, csv)).toThrow(expect.objectContaining({ line: 2, column: 8 }));
    // A CR LF inside quotes in a log whose lines end in LF: one line break too.
    const lf = log('ticket,event,time,priority,plan,note\n"T-8","filed",2026-11-20T10:00:00+08:00,P2,,"a\r\nnote"\nT-8,closed,2026-11-20T11:00:00+08:00,,,\n');
    expect((await run(['replay', CONTRACT, '--tickets', lf])).stderr).toContain(`${lf}:4:5: unknown event \`closed\``);
  });
});
