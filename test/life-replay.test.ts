/**
 * Issue 13's ticket-life points through `pledge replay` with small logs, next to `pledge what-if`
 * on the same ticket: reclassification up and down (point 1), a reopened ticket credited once
 * (point 3), the monthly cap applied per month (point 4). The what-if side of each is a data case
 * in test/cases/what-if/.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TMP = mkdtempSync(path.join(tmpdir(), 'pledge-life-'));
const HEAD = 'ticket,event,time,priority,plan\n';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, cwd: ROOT, env: { NO_COLOR: '1' } });
  return { code, stdout: out.join(''), stderr: err.join('') };
}
let n = 0;
const log = (rows: string) => {
  const file = path.join(TMP, `log-${n++}.csv`);
  writeFileSync(file, HEAD + rows);
  return file;
};
async function replayJson(contract: string, rows: string) {
  const r = await run(['replay', contract, '--tickets', log(rows), '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}
async function whatIfJson(contract: string, args: string[]) {
  const r = await run(['what-if', contract, ...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}
type Credit = { clock: string; priority: string; percent: number; time: string };
const credits = (list: Credit[]) => list.map(({ clock, priority, percent, time }) => ({ clock, priority, percent, time }));

describe('replay of a ticket\'s life (issue 13)', () => {
  it('point 1: P2 → P0 at 13:00 → P2 at 13:05 keeps the P0 credits of 13:00, in replay as in what-if', async () => {
    const C = 'contracts/realtime-messaging.pledge';
    const json = await replayJson(C, [
      'T-1,filed,2026-11-23T10:00:00+08:00,P2,',
      'T-1,reclassified,2026-11-23T13:00:00+08:00,P0,',
      'T-1,reclassified,2026-11-23T13:05:00+08:00,P2,',
      'T-1,first_reply,2026-11-23T13:30:00+08:00,P2,',
      'T-1,resolved,2026-11-23T14:00:00+08:00,P2,',
    ].join('\n') + '\n');
    const expected = [
      { clock: 'response', priority: 'P0', percent: 5, time: '2026-11-23T13:00:00+08:00' },
      { clock: 'resolution', priority: 'P0', percent: 10, time: '2026-11-23T13:00:00+08:00' },
    ];
    expect(credits(json.perTicket[0].credits)).toEqual(expected);
    expect(json.credits.total).toMatchObject({ percentBeforeCap: 15, percentAfterCap: 15 });
    // The steps passed on reclassification fire once each, at 13:00.
    expect(json.escalations.map((e: { at: string; clock: string; fired: number }) => [e.at, e.clock, e.fired])).toEqual([
      ['50%', 'resolution', 1],
      ['100%', 'resolution', 1],
      ['100%', 'response', 1],
    ]);
    const w = await whatIfJson(C, ['--priority', 'P2', '--filed', '2026-11-23T10:00', '--event', 'reclassified:P0@2026-11-23T13:00', '--event', 'reclassified:P2@2026-11-23T13:05', '--event', 'first_reply@2026-11-23T13:30', '--event', 'resolved@2026-11-23T14:00']);
    expect(credits(w.credits)).toEqual(expected);
    expect(w.creditPercentCapped).toBe(15);
  });

  it('point 3: a ticket resolved late, reopened twice and late each time is 1 breached ticket with 1 credited breach (10%), and pages in every run', async () => {
    const C = 'test/cases/what-if/contracts/escalation-steps.pledge';
    const json = await replayJson(C, [
      'T-1,filed,2026-11-23T10:00:00Z,P0,',
      'T-1,first_reply,2026-11-23T10:05:00Z,P0,',
      'T-1,resolved,2026-11-23T13:00:00Z,P0,',
      'T-1,reopened,2026-11-24T09:00:00Z,P0,',
      'T-1,resolved,2026-11-24T12:00:00Z,P0,',
      'T-1,reopened,2026-11-25T09:00:00Z,P0,',
      'T-1,resolved,2026-11-25T12:00:00Z,P0,',
    ].join('\n') + '\n');
    expect(json.clocks.find((c: { priority: string; clock: string }) => c.priority === 'P0' && c.clock === 'resolution')).toMatchObject({ tickets: 1, breached: 1 });
    expect(json.credits.months).toEqual([expect.objectContaining({ month: '2026-11', breaches: 1, percentBeforeCap: 10, percentAfterCap: 10 })]);
    expect(credits(json.perTicket[0].credits)).toEqual([{ clock: 'resolution', priority: 'P0', percent: 10, time: '2026-11-23T12:00:00Z' }]);
    expect(json.escalations.filter((e: { clock: string }) => e.clock === 'resolution').map((e: { fired: number }) => e.fired)).toEqual([3, 3]);
  });

  it('point 4: credits of 15% on 31 March and 10% on 1 April under a 20% monthly cap are 25% in replay and in what-if', async () => {
    const C = 'test/cases/what-if/contracts/cap-months.pledge';
    const json = await replayJson(C, ['T-1,filed,2026-03-31T23:00:00Z,P0,', 'T-1,first_reply,2026-03-31T23:30:00Z,P0,', 'T-1,resolved,2026-04-01T02:00:00Z,P0,'].join('\n') + '\n');
    expect(json.credits.months.map((m: { month: string; percentAfterCap: number }) => [m.month, m.percentAfterCap])).toEqual([['2026-03', 15], ['2026-04', 10]]);
    expect(json.credits.total).toMatchObject({ percentBeforeCap: 25, percentAfterCap: 25 });
    const w = await whatIfJson(C, ['--priority', 'P0', '--filed', '2026-03-31T23:00', '--event', 'first_reply@2026-03-31T23:30', '--event', 'resolved@2026-04-01T02:00']);
    expect(w.creditPercentCapped).toBe(25);
    expect(w.creditMonths.map((m: { month: string; afterCap: number }) => [m.month, m.afterCap])).toEqual([['2026-03', 15], ['2026-04', 10]]);
    // Both in March: capped to 20% by both commands.
    const march = await replayJson(C, ['T-1,filed,2026-03-30T23:00:00Z,P0,', 'T-1,first_reply,2026-03-30T23:30:00Z,P0,', 'T-1,resolved,2026-03-31T02:00:00Z,P0,'].join('\n') + '\n');
    expect(march.credits.total).toMatchObject({ percentBeforeCap: 25, percentAfterCap: 20 });
    const w2 = await whatIfJson(C, ['--priority', 'P0', '--filed', '2026-03-30T23:00', '--event', 'first_reply@2026-03-30T23:30', '--event', 'resolved@2026-03-31T02:00']);
    expect(w2.creditPercentCapped).toBe(20);
  });
});
