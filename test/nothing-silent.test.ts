/**
 * Issue 14, "nothing silently wrong": every place where Pledge changes or ignores what it was given
 * says so with a code and the exact value used. One case per item of the list, run through
 * the public API, the command line and the playground's worker session, asserting the code and
 * the value (grammar/reference.md, "Times given on the command line", "Reading a replayed log",
 * "Limits").
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { analyze, buildTerms, CATALOG, compileContract, exportContract, filedOutsideTerm, localTimeNotice, renderNotices, replay, runAsserts, timeline } from '../src/index.js';
import { Session } from '../playground/src/worker/session.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TMP = mkdtempSync(path.join(os.tmpdir(), 'pledge-silent-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, cwd: ROOT, env: { NO_COLOR: '1' } });
  return { code, stdout: out.join(''), stderr: err.join('') };
}
const file = (name: string, text: string) => {
  const p = path.join(TMP, name);
  writeFileSync(p, text);
  return p;
};

/** contracts/realtime-messaging.pledge: zone Asia/Shanghai, term 2026. */
const MESSAGING = 'contracts/realtime-messaging.pledge';
/** contracts/tiered-plans.pledge: zone Europe/Berlin, term 2027, plan `basic` covers P1-P3, not P0. */
const TIERED = 'contracts/tiered-plans.pledge';
const runtimeOf = (p: string) => compileContract(analyze(readFileSync(path.join(ROOT, p), 'utf8')).model);
const severityOf = (code: keyof typeof CATALOG) => CATALOG[code].severity;

describe('an event before the filing (PLG3013)', () => {
  it('what-if refuses it, naming both instants', async () => {
    const r = await run(['what-if', MESSAGING, '--priority', 'P2', '--filed', '2026-11-20T10:00', '--event', 'first_reply@2026-11-20T09:00']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error PLG3013: --event first_reply@2026-11-20T09:00: 2026-11-20T09:00:00+08:00 is before the filing (--filed 2026-11-20T10:00: 2026-11-20T10:00:00+08:00)');
    expect(severityOf('PLG3013')).toBe('error');
  });

  it('the library leaves it out and says so, and the clock it would have stopped runs on', () => {
    const runtime = runtimeOf(MESSAGING);
    const filed = Date.parse('2026-11-20T10:00:00+08:00');
    const t = timeline(runtime, { priority: 'P2', filed, events: [{ event: 'first_reply', at: filed - 3_600_000 }] });
    expect(t.notices).toEqual([{ code: 'PLG3013', severity: 'error', message: '`first_reply` at 2026-11-20T09:00:00+08:00 is before the filing at 2026-11-20T10:00:00+08:00: it is left out', at: filed - 3_600_000 }]);
    expect(t.clocks.find((c) => c.clock === 'response')!.stopped).toBeUndefined();
    // An event at the filing instant is not before it.
    expect(timeline(runtime, { priority: 'P2', filed, events: [{ event: 'first_reply', at: filed }] }).notices).toEqual([]);
  });

  it('the playground refuses it, as the command line does', () => {
    const text = readFileSync(path.join(ROOT, MESSAGING), 'utf8');
    expect(() => new Session().whatIf(text, { priority: 'P2', filed: '2026-11-20T10:00', events: [{ event: 'first_reply', at: '2026-11-20T09:00' }] })).toThrow(
      'error PLG3013: first reply to the customer at 2026-11-20T09:00 (2026-11-20T09:00:00+08:00) comes before the filing (2026-11-20T10:00: 2026-11-20T10:00:00+08:00)',
    );
  });
});

describe('a filing outside the term (PLG3012)', () => {
  it('what-if judges it with a warning naming the filing instant and the term, in text and JSON', async () => {
    const args = ['what-if', TIERED, '--priority', 'P2', '--plan', 'basic', '--filed', '2026-12-30T10:00'];
    const text = await run(args);
    expect(text.code).toBe(0);
    const message = "filed 2026-12-30T10:00:00+01:00, before the term (2027-01-01 to 2027-12-31): the contract's targets are applied as if it were in force";
    expect(text.stdout).toContain(`  warning PLG3012: ${message}`);
    const json = JSON.parse((await run([...args, '--json'])).stdout);
    expect(json.notices).toEqual([{ code: 'PLG3012', severity: 'warning', message, at: '2026-12-30T10:00:00+01:00' }]);
    // Inside the term, nothing.
    expect(JSON.parse((await run(['what-if', TIERED, '--priority', 'P2', '--plan', 'basic', '--filed', '2027-01-04T10:00', '--json'])).stdout).notices).toEqual([]);
  });

  it('the library and the playground say the same', () => {
    const runtime = runtimeOf(TIERED);
    const after = Date.parse('2028-01-01T00:00:00+01:00');
    expect(filedOutsideTerm(runtime, after, 'Europe/Berlin')?.message).toBe("filed 2028-01-01T00:00:00+01:00, after the term (2027-01-01 to 2027-12-31): the contract's targets are applied as if it were in force");
    expect(filedOutsideTerm(runtime, after - 1, 'Europe/Berlin')).toBeUndefined(); // the term's last instant
    expect(timeline(runtime, { priority: 'P2', plan: 'basic', filed: after }).notices.map((n) => n.code)).toEqual(['PLG3012']);
    const page = new Session().whatIf(readFileSync(path.join(ROOT, TIERED), 'utf8'), { priority: 'P2', plan: 'basic', filed: '2028-01-01T00:00', events: [] });
    expect(page.json.notices).toEqual([{ code: 'PLG3012', severity: 'warning', message: "filed 2028-01-01T00:00:00+01:00, after the term (2027-01-01 to 2027-12-31): the contract's targets are applied as if it were in force", at: '2028-01-01T00:00:00+01:00' }]);
    expect(page.text).toContain('warning PLG3012: filed 2028-01-01T00:00:00+01:00, after the term');
  });

  it('replay counts the tickets filed outside the term and names the first, on stderr, in the text, HTML and JSON reports', async () => {
    const log = file('outside.csv', 'ticket,event,time,priority,plan\nT-1,filed,2026-06-01T10:00:00+02:00,P2,basic\nT-2,filed,2027-06-01T10:00:00+02:00,P2,basic\nT-3,filed,2028-02-01T10:00:00+01:00,P3,basic\n');
    const html = path.join(TMP, 'outside.html');
    const r = await run(['replay', TIERED, '--tickets', log, '--html', html]);
    expect(r.code).toBe(0);
    const message = "2 tickets filed outside the term (2027-01-01 to 2027-12-31); the first, `T-1`, filed 2026-06-01T10:00:00+02:00, before it: the contract's targets are applied as if it were in force";
    expect(r.stderr).toContain(`warning PLG3012: ${message}`);
    expect(r.stdout).toContain(`  warning PLG3012: ${message}`);
    expect(readFileSync(html, 'utf8')).toContain(`<li>warning PLG3012: 2 tickets filed outside the term (2027-01-01 to 2027-12-31); the first, \`T-1\`, filed 2026-06-01T10:00:00+02:00, before it: the contract&#39;s targets are applied as if it were in force</li>`);
    const json = JSON.parse((await run(['replay', TIERED, '--tickets', log, '--json'])).stdout);
    expect(json.notices).toEqual([{ code: 'PLG3012', severity: 'warning', message, tickets: 2, ticket: 'T-1', filed: '2026-06-01T10:00:00+02:00' }]);
    const inside = await run(['replay', TIERED, '--tickets', file('inside.csv', 'ticket,event,time,priority,plan\nT-2,filed,2027-06-01T10:00:00+02:00,P2,basic\nT-4,filed,2027-01-01T00:00:00+01:00,P2,basic\nT-5,filed,2027-12-31T23:59:00+01:00,P2,basic\nT-6,filed,2026-12-31T23:00:00Z,P2,basic\n'), '--json']);
    expect(inside.stderr).not.toContain('PLG3012');
    expect(JSON.parse(inside.stdout).notices).toBeUndefined();
  });
});

describe('a local time in a daylight-saving gap or a repeated hour (PLG3010, PLG3011, PLG5001, PLG5002)', () => {
  const BERLIN = ['what-if', MESSAGING, '--priority', 'P0', '--zone', 'Europe/Berlin'];
  it('on the command line: what-if gives the code and the instant used, in text and JSON', async () => {
    const gap = await run([...BERLIN, '--filed', '2026-03-29T02:30']);
    expect(gap.stdout).toContain('  warning PLG3010: --filed `2026-03-29T02:30` does not exist in Europe/Berlin (the clocks spring forward): read as 2026-03-29T03:00:00+02:00, the first instant after the gap');
    const twice = JSON.parse((await run([...BERLIN, '--filed', '2026-10-25T01:00', '--event', 'first_reply@2026-10-25T02:30', '--json'])).stdout);
    expect(twice.notices).toEqual([{ code: 'PLG3011', severity: 'warning', message: '--event `2026-10-25T02:30` happens twice in Europe/Berlin (the clocks fall back): read as 2026-10-25T02:30:00+02:00, its first occurrence', at: '2026-10-25T02:30:00+02:00' }]);
    const asOf = JSON.parse((await run([...BERLIN, '--filed', '2026-03-28T10:00', '--as-of', '2026-03-29T02:00', '--json'])).stdout);
    expect(asOf.notices.map((n: { code: string; at: string }) => [n.code, n.at])).toEqual([['PLG3010', '2026-03-29T03:00:00+02:00']]);
    expect([severityOf('PLG3010'), severityOf('PLG3011')]).toEqual(['warning', 'warning']);
  });

  it('on the command line: replay --now gives the code and the instant used', async () => {
    const log = file('now.csv', 'ticket,event,time,priority,plan\nT-1,filed,2026-03-20T10:00:00+01:00,P2,\n');
    const r = await run(['replay', MESSAGING, '--tickets', log, '--zone', 'Europe/Berlin', '--now', '2026-03-29T02:15']);
    expect(r.stderr).toContain('warning PLG3010: --now `2026-03-29T02:15` does not exist in Europe/Berlin (the clocks spring forward): read as 2026-03-29T03:00:00+02:00, the first instant after the gap');
  });

  it('in replay: the rows with --zone, on stderr, in the JSON and in the HTML report', async () => {
    const log = file('zone.csv', 'ticket,event,time,priority,plan\nT-1,filed,2026-03-29 01:30:00,P2,\nT-1,first_reply,2026-03-29 02:30:00,,\nT-2,filed,2026-10-25T02:30:00,P2,\n');
    const html = path.join(TMP, 'zone.html');
    const r = await run(['replay', MESSAGING, '--tickets', log, '--zone', 'Europe/Berlin', '--html', html]);
    // At the first such row's time: file, line and column (grammar/reference.md, "Where a row's problem is").
    expect(r.stderr).toContain(`${log}:3:17: warning PLG5001: 1 row has a local time that does not exist in Europe/Berlin; the first, line 3, column 17: \`2026-03-29 02:30:00\` does not exist in Europe/Berlin (the clocks spring forward): read as 2026-03-29T03:00:00+02:00`);
    expect(r.stderr).toContain(`${log}:4:11: warning PLG5002: 1 row has a local time that happens twice in Europe/Berlin; the first, line 4, column 11`);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<td class="text"><code>PLG5001</code></td><td class="text">does not exist (spring-forward gap)</td><td>1</td><td>3</td><td>17</td><td><code>2026-03-29 02:30:00</code></td><td><code>2026-03-29T03:00:00+02:00</code></td>');
    expect(page).toContain('<td class="text"><code>PLG5002</code></td><td class="text">happens twice (fall-back)</td><td>1</td><td>4</td><td>11</td><td><code>2026-10-25T02:30:00</code></td><td><code>2026-10-25T02:30:00+02:00</code></td>');
    const json = JSON.parse((await run(['replay', MESSAGING, '--tickets', log, '--zone', 'Europe/Berlin', '--json'])).stdout);
    expect(json.localTimes.map((l: { code: string; rows: number; line: number; column: number; read: string }) => [l.code, l.rows, l.line, l.column, l.read])).toEqual([
      ['PLG5001', 1, 3, 17, '2026-03-29T03:00:00+02:00'],
      ['PLG5002', 1, 4, 11, '2026-10-25T02:30:00+02:00'],
    ]);
  });

  it('in the playground: the What-if answer gives the code and the instant used', () => {
    const text = readFileSync(path.join(ROOT, MESSAGING), 'utf8').replaceAll('zone "Asia/Shanghai"', 'zone "America/New_York"');
    const page = new Session().whatIf(text, { priority: 'P2', filed: '2026-03-08T02:30', events: [] });
    expect(page.json.notices).toContainEqual({ code: 'PLG3010', severity: 'warning', message: 'filed: `2026-03-08T02:30` does not exist in America/New_York (the clocks spring forward): read as 2026-03-08T03:00:00-04:00, the first instant after the gap', at: '2026-03-08T03:00:00-04:00' });
    expect(page.text).toContain('warning PLG3010: filed: `2026-03-08T02:30` does not exist in America/New_York');
  });

  it('the library: an ordinary time or one with an offset says nothing', () => {
    expect(localTimeNotice('--filed', '2026-10-25T04:30', 'Europe/Berlin')).toBeUndefined();
    expect(localTimeNotice('--filed', '2026-10-25T02:30+01:00', 'Europe/Berlin')).toBeUndefined();
    expect(localTimeNotice('--filed', '2026-10-25T02:30', 'Europe/Berlin')).toMatchObject({ code: 'PLG3011', at: Date.parse('2026-10-25T02:30:00+02:00') });
  });
});

describe('a reclassification the plan cannot apply (PLG3014)', () => {
  it('what-if refuses it, naming the event and the plan', async () => {
    const r = await run(['what-if', TIERED, '--plan', 'basic', '--priority', 'P2', '--filed', '2027-03-01T10:00', '--event', 'reclassified:P0@2027-03-01T11:00']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error PLG3014: --event reclassified:P0@2027-03-01T11:00: plan `basic` does not cover `P0` (it covers `P1`, `P2`, `P3`)');
  });

  it('the library keeps the earlier targets and says so, with the instant and both priorities', () => {
    const at = Date.parse('2027-03-01T11:00:00+01:00');
    const t = timeline(runtimeOf(TIERED), { priority: 'P2', plan: 'basic', filed: at - 3_600_000, events: [{ event: 'reclassified', at, priority: 'P0' }] });
    expect(t.notices).toEqual([{ code: 'PLG3014', severity: 'error', message: "reclassified to P0 at 2027-03-01T11:00:00+01:00, which plan `basic` does not cover: the clocks keep P2's targets", at }]);
    expect(t.clocks.every((c) => c.priority === 'P2')).toBe(true);
  });

  it('the playground refuses it, as the command line does', () => {
    const text = readFileSync(path.join(ROOT, TIERED), 'utf8');
    expect(() => new Session().whatIf(text, { priority: 'P2', plan: 'basic', filed: '2027-03-01T10:00', events: [{ event: 'reclassified', priority: 'P0', at: '2027-03-01T11:00' }] })).toThrow(
      'error PLG3014: reclassified to `P0` at 2027-03-01T11:00: plan `basic` does not cover `P0`',
    );
  });
});

describe('replay: a row it cannot apply is an error with a code and the instants (PLG5003, PLG5004)', () => {
  const HEAD = 'ticket,event,time,priority,plan\n';
  const RECLASSIFIED = `${HEAD}T-1,filed,2027-03-01T10:00:00+01:00,P2,basic\nT-1,reclassified,2027-03-01T11:00:00+01:00,P0,\nT-1,resolved,2027-03-01T12:00:00+01:00,,\nT-4,filed,2027-03-01T10:00:00+01:00,P2,basic\n`;
  const reclassified = "ticket `T-1` is reclassified at 2027-03-01T11:00:00+01:00 to `P0`, and plan `basic` does not cover `P0` (it covers `P1`, `P2`, `P3`), so the ticket cannot be reclassified to it";

  it('a reclassification to a priority the plan does not cover: an error at its line, not the old targets', async () => {
    const log = file('reclassified.csv', RECLASSIFIED);
    const r = await run(['replay', TIERED, '--tickets', log]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    // At the row's priority (`T-1,reclassified,2027-03-01T11:00:00+01:00,` is 43 characters).
    expect(r.stderr).toContain(`${log}:3:44: error PLG5004: ${reclassified}`);
    expect(() => replay(runtimeOf(TIERED), RECLASSIFIED)).toThrow(expect.objectContaining({ line: 3, column: 44, code: 'PLG5004', message: reclassified }));
    // To a priority the plan covers, the ticket is replayed.
    expect(replay(runtimeOf(TIERED), RECLASSIFIED.replace(',P0,\n', ',P1,\n')).tickets.filed).toBe(2);
  });

  it('with --lenient the ticket is skipped and counted as plan-coverage, with its code in text, JSON and HTML', async () => {
    const log = file('reclassified-lenient.csv', RECLASSIFIED);
    const html = path.join(TMP, 'reclassified.html');
    const text = await run(['replay', TIERED, '--tickets', log, '--lenient', '--html', html]);
    expect(text.code).toBe(0);
    expect(text.stderr).toContain('skipped 3 rows not used (3 plan-coverage)');
    expect(text.stdout).toContain(`  skipped line 3, column 44: error PLG5004: ${reclassified}`);
    // The ticket's other rows, at their ticket id.
    expect(text.stdout).toContain('  skipped line 2, column 1: error PLG5004: a row of ticket `T-1`, which is not replayed: ');
    expect(readFileSync(html, 'utf8')).toContain('<li>error PLG5004: 3 rows skipped (plan-coverage); the first, line 2, column 1: a row of ticket `T-1`, which is not replayed: ticket `T-1` is reclassified at 2027-03-01T11:00:00+01:00 to `P0`');
    const json = JSON.parse((await run(['replay', TIERED, '--tickets', log, '--lenient', '--json'])).stdout);
    expect(json.tickets.filed).toBe(1);
    expect(json.skippedByReason).toEqual({ 'plan-coverage': 3 });
    expect(json.skipped.map((s: { line: number; column: number; reason: string; code: string }) => [s.line, s.column, s.reason, s.code])).toEqual([[2, 1, 'plan-coverage', 'PLG5004'], [3, 44, 'plan-coverage', 'PLG5004'], [4, 1, 'plan-coverage', 'PLG5004']]);
    expect(json.skipped[1].message).toBe(reclassified);
  });

  it('a filing the plan does not cover: PLG5004 with the instant and the priorities covered', async () => {
    const log = file('filed-uncovered.csv', `${HEAD}T-3,filed,2027-03-01T10:00:00+01:00,P0,basic\n`);
    const r = await run(['replay', TIERED, '--tickets', log]);
    expect(r.stderr).toContain(`${log}:2:37: error PLG5004: ticket \`T-3\` is filed at 2027-03-01T10:00:00+01:00 as \`P0\`, and plan \`basic\` does not cover \`P0\` (it covers \`P1\`, \`P2\`, \`P3\`)`);
    expect(severityOf('PLG5004')).toBe('error');
  });

  it('an event before its ticket\'s filing: PLG5003 with both instants, in strict and --lenient runs', async () => {
    const csv = `${HEAD}T-2,filed,2027-03-01T10:00:00+01:00,P2,basic\nT-2,first_reply,2027-03-01T09:00:00+01:00,,\n`;
    const log = file('before.csv', csv);
    const message = 'this `first_reply` of ticket `T-2` at 2027-03-01T09:00:00+01:00 comes before the ticket was filed at 2027-03-01T10:00:00+01:00';
    const r = await run(['replay', TIERED, '--tickets', log]);
    expect(r.code).toBe(1);
    // At the row's time.
    expect(r.stderr).toContain(`${log}:3:17: error PLG5003: ${message}`);
    expect(() => replay(runtimeOf(TIERED), csv)).toThrow(expect.objectContaining({ line: 3, column: 17, code: 'PLG5003' }));
    const html = path.join(TMP, 'before.html');
    const lenient = await run(['replay', TIERED, '--tickets', log, '--lenient', '--html', html]);
    expect(lenient.stdout).toContain(`  skipped line 3, column 17: error PLG5003: ${message}`);
    expect(readFileSync(html, 'utf8')).toContain('<li>error PLG5003: 2 rows skipped (before-filed); the first, line 2, column 1: a row of ticket `T-2`, which is not replayed: this `first_reply` of ticket `T-2` at 2027-03-01T09:00:00+01:00');
    const json = JSON.parse((await run(['replay', TIERED, '--tickets', log, '--lenient', '--json'])).stdout);
    expect(json.skipped.map((s: { line: number; column: number; reason: string; code: string }) => [s.line, s.column, s.reason, s.code])).toEqual([[2, 1, 'before-filed', 'PLG5003'], [3, 17, 'before-filed', 'PLG5003']]);
    expect(severityOf('PLG5003')).toBe('error');
  });
});

describe('an export or a render that has to approximate (PLG40xx, PLG3020)', () => {
  it('export: a `d` target written as minutes says so, with the minutes written (PLG4004)', async () => {
    const r = await run(['export', TIERED, '--to', 'zendesk', '-o', path.join(TMP, 'export')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('contracts/tiered-plans.pledge:59: warning PLG4004 `P1 resolution 5d` counts open days (the `d` rule), and help desks count only minutes; instead: written as 2400 minutes: 5 × 480 minutes, the open day of `business`');
    const analysis = analyze(readFileSync(path.join(ROOT, TIERED), 'utf8'));
    const out = exportContract('zendesk', { analysis, runtime: compileContract(analysis.model), file: TIERED });
    expect(out.warnings.find((w) => w.code === 'PLG4004' && w.line === 59)?.instead).toBe('written as 2400 minutes: 5 × 480 minutes, the open day of `business`');
  });

  it('render: a real time from the weekly hours says so on stderr, with the time and why (PLG3020)', async () => {
    const contract = file('no-term.pledge', 'calendar office {\n  zone "Europe/Berlin"\n  hours mon-fri 09:00-17:00\n}\nclock response {\n  starts filed\n  stops first_reply\n}\npriority P1 {\n  response 4h on office\n}\n');
    const r = await run(['render', contract]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning PLG3020: `P1 response 4h on office`: the longest real time, 2d 20h, is from the weekly hours, holidays aside: the contract has no term');
    expect(r.stdout).toContain('at most 2 days 20 hours (from the weekly hours; holidays aside)');
    // With a term the real time is exact, and nothing is said.
    expect(renderNotices(buildTerms(runtimeOf(TIERED)))).toEqual([]);
    expect(severityOf('PLG3020')).toBe('warning');
  });
});

describe('a search the budget stops (PLG3001)', () => {
  it('pledge test says how many sequences were tried of how many asked, and which budget stopped it', () => {
    const runtime = runtimeOf('test/fixtures/good/sequence-asserts.pledge');
    const [first] = runAsserts(runtime, { runs: 999_999_999 });
    expect(first).toMatchObject({ passed: false, code: 'PLG3001', search: { asked: 999_999_999, stopped: 'search' } });
    expect(first!.problem).toMatch(/^not decided: tried [\d,]+ of 999,999,999 sequences before the assert's budget of 1,000,000 steps ran out/);
  }, 60_000);
});
