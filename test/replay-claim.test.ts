/**
 * Issue 13 item 10: `claim within` applied in `pledge replay`. Each credit carries its claim
 * deadline (grammar/reference.md, "Service credits": `claim within 30d` is 30 calendar days after
 * the end of the credit's month, in the first calendar's zone) and `expired` once that deadline is
 * at or before the report's "as of" instant (`--now`, default the latest timestamp in the log).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TMP = mkdtempSync(path.join(tmpdir(), 'pledge-claim-'));
const C = 'contracts/realtime-messaging.pledge'; // claim within 30d, calendars in Asia/Shanghai

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, cwd: ROOT, env: { NO_COLOR: '1' } });
  return { code, stdout: out.join(''), stderr: err.join('') };
}
const file = path.join(TMP, 'log.csv');
writeFileSync(
  file,
  [
    'ticket,event,time,priority,plan',
    // A P0 answered late on 12 March: its credits fall in March, claimable until the end of 30 April (30 calendar days after 31 March ends), the exclusive instant 1 May 00:00.
    'T-1,filed,2026-03-12T10:00:00+08:00,P0,',
    'T-1,first_reply,2026-03-12T12:00:00+08:00,P0,',
    'T-1,resolved,2026-03-12T18:00:00+08:00,P0,',
  ].join('\n') + '\n',
);

describe('replay: claim deadlines (issue 13 item 10)', () => {
  it('a March credit is claimable until 30 days after the month ends, and not expired in March', async () => {
    const r = await run(['replay', C, '--tickets', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const credits = JSON.parse(r.stdout).perTicket[0].credits;
    expect(credits.length).toBeGreaterThan(0);
    for (const c of credits) expect(c).toMatchObject({ claimBy: '2026-05-01T00:00:00+08:00', expired: false });
  });
  it('as of the claim deadline itself the credit is expired, still listed and counted', async () => {
    const r = await run(['replay', C, '--tickets', file, '--json', '--now', '2026-05-01T00:00:00+08:00']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    for (const c of json.perTicket[0].credits) expect(c).toMatchObject({ claimBy: '2026-05-01T00:00:00+08:00', expired: true });
    expect(json.credits.total.percentBeforeCap).toBeGreaterThan(0);
    const before = await run(['replay', C, '--tickets', file, '--json', '--now', '2026-04-30T23:59:00+08:00']);
    for (const c of JSON.parse(before.stdout).perTicket[0].credits) expect(c.expired).toBe(false);
  });
  it('the text report says "claim by … (expired)"', async () => {
    const r = await run(['replay', C, '--tickets', file, '--now', '2026-05-01T00:00:00+08:00']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('claim by 2026-05-01T00:00:00+08:00 (expired)');
    const open = await run(['replay', C, '--tickets', file]);
    expect(open.stdout).toMatch(/claim by 2026-05-01T00:00:00\+08:00(?! \(expired\))/);
  });
});

describe('replay: update every (issue 13 item 10)', () => {
  it('the reference worked example through replay: 3 intervals met, 2 breached at 10:50 and 11:20', async () => {
    const f = path.join(TMP, 'updates.csv');
    writeFileSync(
      f,
      [
        'ticket,event,time,priority,plan',
        'U-1,filed,2026-03-02T10:00:00+08:00,P0,',
        'U-1,first_reply,2026-03-02T10:20:00+08:00,P0,',
        'U-1,awaiting_customer,2026-03-02T11:40:00+08:00,P0,',
        'U-1,customer_replied,2026-03-02T13:00:00+08:00,P0,',
        'U-1,resolved,2026-03-02T13:10:00+08:00,P0,',
      ].join('\n') + '\n',
    );
    const r = await run(['replay', 'contracts/online-education.pledge', '--tickets', f, '--json', '--now', '2026-03-02T14:00:00+08:00']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).perTicket[0].updates).toEqual({ met: 3, breached: 2, breaches: ['2026-03-02T10:50:00+08:00', '2026-03-02T11:20:00+08:00'] });
    const text = await run(['replay', 'contracts/online-education.pledge', '--tickets', f, '--now', '2026-03-02T14:00:00+08:00']);
    expect(text.stdout).toContain('update every breached 2×');
  });
  it('a contract without update every has no updates field', async () => {
    const r = await run(['replay', C, '--tickets', file, '--json']);
    expect(JSON.parse(r.stdout).perTicket[0].updates).toBeUndefined();
  });
});

describe('what-if: update every in the text report (issue 13 item 10)', () => {
  it('lists each interval with its due instant and state, and counts the breaches', async () => {
    const r = await run(['what-if', 'contracts/online-education.pledge', '--priority', 'P0', '--filed', '2026-03-02T10:00+08:00', '--event', 'first_reply@2026-03-02T10:20+08:00', '--event', 'resolved@2026-03-02T11:30+08:00', '--as-of', '2026-03-02T12:00+08:00']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('update every  [2 BREACHED]');
    expect(r.stdout.match(/P0 30m on always, due .*\[BREACHED\]/g)).toHaveLength(2);
  });
});
