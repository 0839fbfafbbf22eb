/**
 * The engine's commands end to end, in-process: `what-if`, `calendar` and `test` on the bundled
 * contract, their JSON shapes, and their usage errors (exit 2, one line, no stack).
 */
import os from 'node:os';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONTRACT = 'contracts/realtime-messaging.pledge';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    cwd: ROOT,
    env: { NO_COLOR: '1' },
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('pledge what-if', () => {
  it('refuses a reclassification to a level the plan does not cover, naming the event (issue 13 item 8)', async () => {
    const r = await run(['what-if', 'contracts/tiered-plans.pledge', '--plan', 'basic', '--priority', 'P2', '--filed', '2026-11-20T10:00', '--event', 'reclassified:P0@2026-11-20T11:00']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--event reclassified:P0@2026-11-20T11:00: plan `basic` does not cover `P0` (it covers `P1`, `P2`, `P3`)');
    expect(r.stdout).toBe('');
  });
  it('answers the README question: a P2 filed Friday 17:00 is due for first reply Monday 12:30', async () => {
    const r = await run(['what-if', CONTRACT, '--priority', 'P2', '--filed', '2026-11-20T17:00']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('due      Mon 2026-11-23 12:30 +08:00');
    expect(r.stdout).toContain('`confirmed` was not given');
  });

  it('prints the documented JSON shape, and only JSON, with --json', async () => {
    const r = await run(['what-if', CONTRACT, '--priority', 'P2', '--filed', '2026-11-20T17:00', '--json', '--as-of', '2026-11-20T17:00']);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['priority', 'filed', 'zone', 'assumptions', 'notices', 'clocks', 'escalations', 'credits', 'creditMonths', 'creditPercentCapped', 'asOf']);
    expect(json.clocks[0]).toEqual({
      clock: 'response',
      calendar: 'business',
      target: '4h',
      priority: 'P2',
      starts: '2026-11-20T17:00:00+08:00',
      pauses: [],
      due: '2026-11-23T12:30:00+08:00',
      state: 'running',
      open: 'PT4H',
      wall: 'PT67H30M',
    });
  });

  it('reads --event times in --zone and shows them in it', async () => {
    const r = await run(['what-if', CONTRACT, '--priority', 'P0', '--filed', '2026-11-20T15:00Z', '--zone', 'UTC', '--event', 'first_reply@2026-11-20T15:20', '--json']);
    const json = JSON.parse(r.stdout);
    expect(json.clocks[0]).toMatchObject({ clock: 'response', due: '2026-11-20T15:15:00Z', stopped: '2026-11-20T15:20:00Z', state: 'breached' });
    expect(json.credits[0]).toMatchObject({ clock: 'response', percent: 5, amount: 2500, currency: 'CNY' });
  });

  it.each([
    [['--priority', 'P9', '--filed', '2026-11-20T17:00'], /`P9` is not offered; did you mean `P0`\?/],
    [['--priority', 'P2', '--filed', 'friday'], /--filed: `friday` is not a date-time/],
    [['--priority', 'P2', '--filed', '2026-11-20T17:00', '--event', 'answered@2026-11-21T10:00'], /unknown event `answered`/],
    [['--priority', 'P2', '--filed', '2026-11-20T17:00', '--event', 'reclassified@2026-11-21T10:00'], /reclassified needs the new priority/],
    [['--priority', 'P2', '--filed', '2026-11-20T17:00', '--zone', 'Mars/Base'], /--zone: `Mars\/Base` is not an IANA time zone/],
  ])('rejects bad input with exit 2 and one line: %j', async (args, message) => {
    const r = await run(['what-if', CONTRACT, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a contract with errors, showing them', async () => {
    const r = await run(['what-if', 'test/fixtures/bad/plg2001-unknown-calendar.pledge', '--priority', 'P0', '--filed', '2026-11-20T17:00']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('PLG2001');
  });
});

describe('times typed on the command line (issue 13 item 9)', () => {
  const base = ['what-if', CONTRACT, '--priority', 'P0', '--zone', 'Europe/Berlin', '--json'];
  it('reads a time in the repeated hour after a fall-back as its first occurrence and says so', async () => {
    const r = await run([...base, '--filed', '2026-10-25T02:30']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.filed).toBe('2026-10-25T02:30:00+02:00');
    expect(json.notices).toContainEqual({ code: 'PLG3011', severity: 'warning', message: '--filed `2026-10-25T02:30` happens twice in Europe/Berlin (the clocks fall back): read as 2026-10-25T02:30:00+02:00, its first occurrence', at: '2026-10-25T02:30:00+02:00' });
  });
  it('reads a time in a spring-forward gap as the first instant after the gap and says so', async () => {
    const r = await run([...base, '--filed', '2026-03-29T02:30']);
    const json = JSON.parse(r.stdout);
    expect(json.filed).toBe('2026-03-29T03:00:00+02:00');
    expect(json.notices).toContainEqual({ code: 'PLG3010', severity: 'warning', message: '--filed `2026-03-29T02:30` does not exist in Europe/Berlin (the clocks spring forward): read as 2026-03-29T03:00:00+02:00, the first instant after the gap', at: '2026-03-29T03:00:00+02:00' });
  });
  it('adds no note for an ordinary time or one with an offset', async () => {
    const a = JSON.parse((await run([...base, '--filed', '2026-10-25T04:30'])).stdout);
    const b = JSON.parse((await run([...base, '--filed', '2026-10-25T02:30+01:00'])).stdout);
    for (const j of [a, b]) expect([j.assumptions.join(' '), j.notices]).toEqual([expect.not.stringMatching(/happens twice|does not exist/), []]);
  });
  it('refuses an event before the filing', async () => {
    const r = await run([...base, '--filed', '2026-11-20T10:00', '--event', 'first_reply@2026-11-20T09:00']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('error PLG3013: --event first_reply@2026-11-20T09:00: 2026-11-20T09:00:00+01:00 is before the filing (--filed 2026-11-20T10:00: 2026-11-20T10:00:00+01:00)');
  });
  it('warns when the filing is outside the term', async () => {
    const r = await run(['what-if', CONTRACT, '--priority', 'P0', '--filed', '2027-03-01T10:00']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warning PLG3012: filed 2027-03-01T10:00:00\+0[0-9]:00, after the term \(\d{4}-\d{2}-\d{2} to 2026-12-31\)/);
    const inside = await run(['what-if', CONTRACT, '--priority', 'P0', '--filed', '2026-11-20T10:00']);
    expect(inside.stdout).not.toContain('the term (');
  });
});

describe('pledge calendar', () => {
  it('lists Golden Week as closed by the contract line and the make-up Saturday as open', async () => {
    const r = await run(['calendar', CONTRACT, 'business', '--from', '2026-09-30', '--to', '2026-10-11']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2026-10-01 thu\s+closed\s+closed: National Day Golden Week \(line 15\)/);
    expect(r.stdout).toMatch(/2026-10-10 sat\s+09:00-17:30\s+open: Make-up working Saturday \(line 16\)/);
  });

  it('closes only the whole days of a holiday that does not last whole days (TR Ramazan Bayramı, issue 13 item 11)', async () => {
    const file = path.join(os.tmpdir(), `pledge-tr-${process.pid}.pledge`);
    writeFileSync(file, 'calendar tr "Istanbul" {\n  zone "Europe/Istanbul"\n  hours mon-fri 09:00-18:00\n  holidays "TR"\n}\nclock response {\n  starts filed\n  stops first_reply\n}\npriority P1 {\n  response 4h on tr\n}\n');
    const days = async (from: string, to: string) => JSON.parse((await run(['calendar', file, 'tr', '--from', from, '--to', to, '--json'])).stdout).days as { date: string; open: boolean }[];
    const y2025 = await days('2025-03-28', '2025-04-04');
    expect(y2025.filter((d) => !d.open).map((d) => d.date)).toEqual(['2025-03-29', '2025-03-30', '2025-03-31', '2025-04-01']);
    expect(y2025.find((d) => d.date === '2025-04-02')).toMatchObject({ open: true });
    const y2026 = await days('2026-03-23', '2026-03-24');
    expect(y2026[0]).toMatchObject({ date: '2026-03-23', open: true });
    const text = (await run(['calendar', file, 'tr', '--from', '2026-03-22', '--to', '2026-03-24'])).stdout;
    expect(text).toMatch(/2026-03-22 sun\s+closed\s+holiday: End of Ramadan/);
    expect(text).toContain('does not close: it is part of a day');
  });

  it('says which region holidays do not close the office, and why', async () => {
    const r = await run(['calendar', CONTRACT, 'business', '--from', '2026-05-01', '--to', '2026-06-01', '--json']);
    const days = JSON.parse(r.stdout).days;
    const notice = '国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)';
    expect(days[0]).toMatchObject({ date: '2026-05-01', open: false, source: 'holiday', reason: 'Labour Day (CN, public)', sourceText: notice });
    // Youth Day's afternoon never closes; in 2026 the day is inside the notice's 5/1-5 Labour Day holiday anyway.
    expect(days[3]).toMatchObject({ date: '2026-05-04', open: false, source: 'holiday', notClosing: [{ name: 'Youth Day', why: 'it applies to a group only' }] });
    expect(days[31]).toMatchObject({ date: '2026-06-01', open: true, notClosing: [{ name: "Children's Day", why: 'it applies to a group only' }] });
  });

  it("shows China's official make-up working days (调休) open with the weekday hours, and the notice that sets them", async () => {
    const r = await run(['calendar', CONTRACT, 'business', '--from', '2026-02-14', '--to', '2026-02-15']);
    expect(r.stdout).toMatch(
      /2026-02-14 sat\s+09:00-17:30\s+open: official make-up working day \(调休\) for Spring Festival \(CN\), source: 国务院办公厅关于2026年部分节假日安排的通知 \(2025-11-04\)/,
    );
    expect(r.stdout).toMatch(/2026-02-15 sun\s+closed\s+holiday: Spring Festival \(CN, public\), source: 国务院办公厅关于2026年部分节假日安排的通知 \(2025-11-04\)/);
    const json = JSON.parse((await run(['calendar', CONTRACT, 'business', '--from', '2026-01-04', '--to', '2026-01-04', '--json'])).stdout);
    expect(json.days[0]).toMatchObject({ date: '2026-01-04', open: true, source: 'workday', sourceText: '国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)' });
  });

  it('rejects an unknown calendar with a suggestion', async () => {
    const r = await run(['calendar', CONTRACT, 'busines', '--from', '2026-05-01', '--to', '2026-05-04']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean `business`?');
  });
});

describe('pledge test', () => {
  it('fails the 72h assert with the filing on the make-up Saturday before the Spring Festival closure, and a replay command', async () => {
    const r = await run(['test', CONTRACT]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('worst case 9d 19h 30m of real time, filed Sat 2026-02-14 17:30 +08:00, due Tue 2026-02-24 13:00 +08:00');
    expect(r.stdout).toContain('replay: pledge what-if contracts/realtime-messaging.pledge --priority P2 --filed 2026-02-14T17:30:00+08:00');
    expect(r.stdout.trim().split('\n').pop()).toBe('0 passed, 1 failed');
  });

  it('the replayed what-if shows the same due time', async () => {
    const r = await run(['what-if', CONTRACT, '--priority', 'P2', '--filed', '2026-02-14T17:30:00+08:00', '--json']);
    // Make-up Saturday 2026-02-14 closes at 17:30; 2/15-23 are the notice's Spring Festival days off; 4h from Tue 02-24 09:00.
    expect(JSON.parse(r.stdout).clocks[0].due).toBe('2026-02-24T13:00:00+08:00');
  });

  it('passes a contract whose asserts hold, exit 0, and reports JSON', async () => {
    const r = await run(['test', 'test/fixtures/good/every-construct.pledge', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ passed: 2, failed: 0 });
    expect(json.asserts.map((a: { priority: string }) => a.priority)).toEqual(['P0', 'P1']);
  });
});

describe('pledge test over event sequences', () => {
  const FILE = 'test/fixtures/good/sequence-asserts.pledge';

  it('finds and shrinks counterexamples, deterministically from the seed', async () => {
    const a = await run(['test', FILE, '--json']);
    const b = await run(['test', FILE, '--json']);
    expect(a.code).toBe(1);
    expect(a.stdout).toBe(b.stdout);
    const json = JSON.parse(a.stdout);
    expect(json.asserts.map((x: { passed: boolean }) => x.passed)).toEqual([true, false, false]);
    const pauses = json.asserts[1];
    expect(pauses.search).toEqual({ runs: expect.any(Number), seed: 1, asked: 1000 });
    // Shrunk: one pause (a pausing event and its resume) is the whole story.
    expect(pauses.events.map((e: { event: string }) => e.event)).toEqual(['awaiting_customer', 'customer_replied']);
    // Shrunk to reclassifications only (since issue 13 no deadline precedes its reclassification, so
    // the shortest story is two of them).
    expect(json.asserts[2].events.length).toBeGreaterThan(0);
    expect(json.asserts[2].events.every((e: { event: string }) => e.event === 'reclassified')).toBe(true);
  });

  it('the replay of a counterexample really exceeds the bound', async () => {
    const json = JSON.parse((await run(['test', FILE, '--json'])).stdout);
    const replay: string = json.asserts[2].replay;
    const args = replay.split(' ').slice(1);
    const whatIf = JSON.parse((await run([...args, '--json'])).stdout);
    const clock = whatIf.clocks.find((c: { clock: string }) => c.clock === 'resolution');
    expect(Date.parse(clock.due) - Date.parse(clock.starts)).toBeGreaterThan(3 * 86_400_000);
  });

  it('another seed is another search, and says so', async () => {
    const r = await run(['test', FILE, '--seed', '7', '--runs', '50']);
    expect(r.stdout).toContain('(seed 7)');
  });
});
