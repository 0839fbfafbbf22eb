import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { analyze, compileContract, exportContract } from '../../src/index.js';
import { RAILS_ZONES } from '../../src/export/rails-zones.js';
import { validate, ZENDESK_HOLIDAY, ZENDESK_SCHEDULE, ZENDESK_SLA_POLICY } from './schemas.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const GOOD = ['cloud-availability', 'follow-the-sun', 'online-education', 'realtime-messaging', 'tiered-plans'];
const load = (text: string, file = 'x.pledge') => {
  const analysis = analyze(text);
  expect(analysis.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { analysis, runtime: compileContract(analysis.model), file };
};
const contract = (name: string) => load(readFileSync(path.join(ROOT, 'contracts', `${name}.pledge`), 'utf8'), `${name}.pledge`);
const files = (out: { files: readonly { path: string; content: string }[] }) => new Map(out.files.map((f) => [f.path, JSON.parse(f.content)]));

const collector = () => {
  let text = '';
  return { write: (s: string) => void (text += s), get text() { return text; } };
};
const run = async (argv: string[]) => {
  const io = { stdout: collector(), stderr: collector(), cwd: ROOT, env: { NO_COLOR: '1' } };
  const code = await main(argv, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
};

const SMALL = `
sla "S" { provider "A" customer "B" term 2026-01-01 to 2026-12-31 }
calendar business "Office" {
  zone "Europe/Berlin"
  hours mon-fri 09:00-17:00
  hours sat 22:00-02:00
  closed 2026-05-01 "Labour Day"
  closed 2026-12-24 to 2026-12-26 "Christmas"
  open 2026-06-06 10:00-12:00 "Fair"
}
calendar always "24/7" { zone "Europe/Berlin" hours mon-sun 00:00-24:00 }
clock response { starts filed stops first_reply }
clock resolution { starts filed pauses awaiting_customer resumes customer_replied stops resolved }
priority P1 "High" { response 1h on always resolution 2d on business update every 4h on always }
priority P2 "Low" { response 4h on business resolution 40h on business }
`;

describe('zendesk export', () => {
  it('conforms to the documented shapes for every library contract', () => {
    for (const name of GOOD) {
      const f = files(exportContract('zendesk', contract(name)));
      for (const p of f.get('zendesk/sla_policies.json').sla_policies) expect(validate(p, ZENDESK_SLA_POLICY), name).toEqual([]);
      for (const s of f.get('zendesk/schedules.json').schedules) {
        expect(validate(s, ZENDESK_SCHEDULE), name).toEqual([]);
        expect(RAILS_ZONES.map(([r]) => r), `${name}: ${s.time_zone} is a Rails name`).toContain(s.time_zone);
        // Intervals cannot span calendar days (schedules page).
        for (const iv of s.intervals) expect(Math.floor(iv.start_time / 1440)).toBe(Math.floor((iv.end_time - 1) / 1440));
      }
      for (const [p, v] of f) if (p.includes('holidays-')) for (const h of v.holidays) expect(validate(h, ZENDESK_HOLIDAY)).toEqual([]);
    }
  });

  it('the validator catches what the documentation forbids', () => {
    expect(validate({ title: 'x', filter: {}, policy_metrics: [{ priority: 'P1', metric: 'first_reply_time', target: 1.5, business_hours: true }] }, ZENDESK_SLA_POLICY)).toHaveLength(2);
    expect(validate({ name: 'x', time_zone: 'Berlin', colour: 'red' }, ZENDESK_SCHEDULE)).toHaveLength(1);
  });

  it('maps priorities, metrics, units, business hours, night shifts and closures', () => {
    const out = exportContract('zendesk', load(SMALL));
    const f = files(out);
    expect(f.get('zendesk/sla_policies.json').sla_policies[0].policy_metrics).toEqual([
      { priority: 'urgent', metric: 'first_reply_time', target: 60, business_hours: false },
      // 2d on a calendar whose shortest open day is 2 hours (the night shift's halves): 2 × 120 minutes.
      { priority: 'urgent', metric: 'requester_wait_time', target: 240, business_hours: true },
      { priority: 'urgent', metric: 'periodic_update_time', target: 240, business_hours: false },
      { priority: 'high', metric: 'first_reply_time', target: 240, business_hours: true },
      { priority: 'high', metric: 'requester_wait_time', target: 2400, business_hours: true },
    ]);
    const [schedule] = f.get('zendesk/schedules.json').schedules;
    expect(schedule.name).toBe('Office (business)');
    expect(schedule.time_zone).toBe('Berlin');
    // Sunday 00:00-02:00 (the end of Saturday's night shift), Monday 09:00 = 1440 + 540, Saturday 22:00 split at midnight.
    expect(schedule.intervals[0]).toEqual({ start_time: 0, end_time: 120 });
    expect(schedule.intervals[1]).toEqual({ start_time: 1980, end_time: 2460 });
    expect(schedule.intervals.at(-1)).toEqual({ start_time: 6 * 1440 + 1320, end_time: 7 * 1440 });
    expect(f.get('zendesk/holidays-business.json').holidays).toEqual([
      { name: 'Labour Day', start_date: '2026-05-01', end_date: '2026-05-01' },
      { name: 'Christmas', start_date: '2026-12-24', end_date: '2026-12-26' },
    ]);
    const codes = out.warnings.map((w) => `${w.code}@${w.line}`);
    expect(codes).toContain('PLG4000@9'); // the make-up day
    expect(out.warnings.find((w) => w.code === 'PLG4004')).toMatchObject({ line: 14, instead: expect.stringMatching(/2 × 120 minutes, the shortest open day/) });
  });

  it('resolution that never pauses is total resolution time; pauses on other events warn', () => {
    const text = SMALL.replace('clock resolution { starts filed pauses awaiting_customer resumes customer_replied stops resolved }', 'clock resolution { starts confirmed pauses reclassified resumes confirmed stops resolved }');
    const analysis = analyze(text);
    const out = exportContract('zendesk', { analysis, runtime: compileContract(analysis.model), file: 'x.pledge' });
    expect(files(out).get('zendesk/sla_policies.json').sla_policies[0].policy_metrics[1].metric).toBe('total_resolution_time');
    expect(out.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['PLG4001', 'PLG4008']));
  });

  it('writes an IANA zone without a Rails name as one with the same offsets, with a warning', () => {
    const out = exportContract('zendesk', load(SMALL.replace('zone "Europe/Berlin"\n  hours mon-fri', 'zone "Europe/Oslo"\n  hours mon-fri')));
    expect(files(out).get('zendesk/schedules.json').schedules[0].time_zone).not.toBe('UTC');
    expect(out.warnings.find((w) => w.code === 'PLG4005')?.instead).toMatch(/same UTC offsets/);
  });

  it('one policy per plan with the plan tag; --plan exports one', () => {
    const all = files(exportContract('zendesk', contract('tiered-plans'))).get('zendesk/sla_policies.json').sla_policies;
    expect(all.map((p: { title: string }) => p.title)).toEqual(['Acme Cloud - Support Plans - Basic', 'Acme Cloud - Support Plans - Emergency', 'Acme Cloud - Support Plans - Dedicated']);
    expect(all[0].policy_metrics.map((m: { priority: string }) => m.priority)).not.toContain('urgent'); // Basic covers P1..P3
    const one = files(exportContract('zendesk', { ...contract('tiered-plans'), plan: 'dedicated' })).get('zendesk/sla_policies.json').sla_policies;
    expect(one).toHaveLength(1);
    expect(one[0].filter.all[0].value).toBe('pledge_plan_dedicated');
    expect(one[0].policy_metrics[0]).toEqual({ priority: 'urgent', metric: 'first_reply_time', target: 30, business_hours: false });
  });
});

describe('pledge export', () => {
  it('writes the files with -o and prints warnings with the contract line', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pledge-export-'));
    const r = await run(['export', 'contracts/tiered-plans.pledge', '--to', 'zendesk', '-o', dir]);
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(dir, 'zendesk')).sort()).toEqual(['holidays-business.json', 'schedules.json', 'sla_policies.json']);
    expect(r.stderr).toContain('contracts/tiered-plans.pledge:59: warning PLG4004 ');
  });

  it('--strict makes warnings errors and writes nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pledge-export-'));
    const r = await run(['export', 'contracts/tiered-plans.pledge', '--to', 'zendesk', '-o', dir, '--strict']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(': error PLG4004 ');
    expect(existsSync(path.join(dir, 'zendesk'))).toBe(false);
  });

  it('refuses a contract with errors, an unknown target and an unknown plan', async () => {
    expect((await run(['export', 'contracts/flawed-draft.pledge', '--to', 'zendesk'])).code).toBe(1);
    expect((await run(['export', 'contracts/tiered-plans.pledge', '--to', 'nope'])).code).toBe(2);
    const r = await run(['export', 'contracts/tiered-plans.pledge', '--to', 'zendesk', '--plan', 'basik']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('basic');
  });

  it('prints the files on stdout without -o', async () => {
    const r = await run(['export', 'contracts/follow-the-sun.pledge', '--to', 'zendesk']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('==> zendesk/sla_policies.json <==');
  });
});
