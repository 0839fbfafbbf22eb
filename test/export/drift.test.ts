/**
 * `pledge drift`: the round trip (an export compared with its own contract is empty, on every
 * library contract), and mutations (one field changed in an exported file is reported as exactly
 * that change, in the words and direction of `pledge diff`).
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { analyze, compileContract, driftContract, DriftInputError, exportContract, type ExportInput } from '../../src/index.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const GOOD = ['cloud-availability', 'follow-the-sun', 'online-education', 'realtime-messaging', 'tiered-plans'];
const input = (name: string): ExportInput => {
  const analysis = analyze(readFileSync(path.join(ROOT, 'contracts', `${name}.pledge`), 'utf8'));
  return { analysis, runtime: compileContract(analysis.model), file: `${name}.pledge` };
};
type Files = { path: string; text: string }[];
const exported = (target: string, inp: ExportInput): Files => exportContract(target, inp).files.map((f) => ({ path: f.path, text: f.content }));
/** Edits the parsed JSON of one exported file. */
const mutate = (files: Files, suffix: string, edit: (doc: any) => void): Files =>
  files.map((f) => {
    if (!f.path.endsWith(suffix)) return f;
    const doc = JSON.parse(f.text);
    edit(doc);
    return { path: f.path, text: JSON.stringify(doc) };
  });

describe('zendesk drift', () => {
  for (const name of GOOD) {
    it(`round trip: ${name}'s own export has no drift`, () => {
      const inp = input(name);
      const report = driftContract('zendesk', inp, exported('zendesk', inp));
      expect(report.changes).toEqual([]);
      expect(report.differs).toBe(false);
      expect(report.notes).toEqual([]);
    });
  }

  const inp = input('tiered-plans');
  const files = exported('zendesk', inp);

  it('a changed target is exactly that change, looser for the provider', () => {
    const report = driftContract('zendesk', inp, mutate(files, 'sla_policies.json', (d) => (d.sla_policies[0].policy_metrics[2].target = 600)));
    expect(report.changes.map((c) => c.text)).toEqual(['P2 first reply: 8 business hours in the contract, 10 business hours in Zendesk policy `Acme Cloud - Support Plans - Basic`: looser for the provider, worse for the customer']);
    expect(report.changes[0]!.line).toBe(64);
  });

  it("a priority's business hours switched to calendar hours is that change, stricter for the provider", () => {
    const report = driftContract('zendesk', inp, mutate(files, 'sla_policies.json', (d) => (d.sla_policies[0].policy_metrics[0].business_hours = false)));
    expect(report.changes.map((c) => [c.key, c.favours])).toEqual([['target:Acme Cloud - Support Plans - Basic:P1:first_reply', 'customer']]);
    expect(report.changes[0]!.text).toContain('4 business hours in the contract, 4 hours in Zendesk');
  });

  it('a resolution metric that pauses more is looser for the provider', () => {
    const report = driftContract('zendesk', inp, mutate(files, 'sla_policies.json', (d) => (d.sla_policies[0].policy_metrics[1].metric = 'agent_work_time')));
    expect(report.changes).toHaveLength(1);
    expect(report.changes[0]!.text).toContain('(requester wait time) in the contract, 40 business hours (agent work time) in Zendesk');
    expect(report.changes[0]!.favours).toBe('provider');
  });

  it('a business-hours range changed is one change for that weekday', () => {
    const report = driftContract('zendesk', inp, mutate(files, 'schedules.json', (d) => (d.schedules[0].intervals[2].end_time += 60)));
    expect(report.changes.map((c) => c.text)).toEqual(['calendar `business` wed hours: 09:00-17:00 in the contract, 09:00-18:00 in Zendesk schedule `Berlin office hours (business)`: stricter for the provider, better for the customer']);
  });

  it('a holiday removed is exactly that day, one by one', () => {
    const report = driftContract('zendesk', inp, mutate(files, 'holidays-business.json', (d) => d.holidays.splice(1, 1)));
    expect(report.changes.map((c) => c.key)).toEqual(['day:business:2027-03-26']);
    expect(report.changes[0]!.text).toBe('calendar `business` 2027-03-26 (fri): closed (Good Friday) in the contract, open 09:00-17:00 in Zendesk schedule `Berlin office hours (business)`: stricter for the provider, better for the customer');
  });

  it('a holiday range widened reports each added day', () => {
    const report = driftContract('zendesk', inp, mutate(files, 'holidays-business.json', (d) => (d.holidays[0].end_date = '2027-01-05')));
    expect(report.changes.map((c) => c.key)).toEqual(['day:business:2027-01-04', 'day:business:2027-01-05']);
    expect(report.changes.every((c) => c.favours === 'provider')).toBe(true);
  });

  it('a zone with other offsets, a missing policy and a missing holidays file', () => {
    const zone = driftContract('zendesk', inp, mutate(files, 'schedules.json', (d) => (d.schedules[0].time_zone = 'Tokyo')));
    expect(zone.changes.map((c) => c.key)).toEqual(['zone:business']);
    const gone = driftContract('zendesk', inp, mutate(files, 'sla_policies.json', (d) => d.sla_policies.pop()));
    expect(gone.changes.map((c) => c.key)).toEqual(['policy:Acme Cloud - Support Plans - Dedicated']);
    const noHolidays = driftContract('zendesk', inp, files.filter((f) => !f.path.includes('holidays')));
    expect(noHolidays.changes).toEqual([]);
    expect(noHolidays.notes).toEqual(['no holidays file for Zendesk schedule `Berlin office hours (business)`: its holidays were not compared']);
  });

  it('a file that is not the API JSON is PLG4020, not a stack trace', () => {
    expect(() => driftContract('zendesk', inp, [{ path: 'x.json', text: '{' }])).toThrow(DriftInputError);
    expect(() => driftContract('zendesk', inp, [{ path: 'x.json', text: '{"tickets": []}' }])).toThrow(/sla_policies/);
    expect(() => driftContract('zendesk', inp, [{ path: 'x.json', text: '{"sla_policies": [{"title": "t", "policy_metrics": [{"priority": "high"}]}]}' }])).toThrow(/business_hours/);
  });
});

describe('pledge drift', () => {
  const collector = () => {
    let text = '';
    return { write: (s: string) => void (text += s), get text() { return text; } };
  };
  const run = async (argv: string[]) => {
    const io = { stdout: collector(), stderr: collector(), cwd: ROOT, env: { NO_COLOR: '1' } };
    const code = await main(argv, io);
    return { code, stdout: io.stdout.text, stderr: io.stderr.text };
  };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pledge-drift-'));
  const write = (files: Files) => files.map((f) => {
    const p = path.join(dir, path.basename(f.path));
    writeFileSync(p, f.text);
    return p;
  });

  it('exit 0 when they agree, 1 with the differences (text and --json), 2 for a bad file', async () => {
    const inp = input('tiered-plans');
    const ok = await run(['drift', 'contracts/tiered-plans.pledge', '--from', 'zendesk', ...write(exported('zendesk', inp))]);
    expect([ok.code, ok.stdout]).toEqual([0, 'contracts/tiered-plans.pledge and the zendesk configuration agree\n']);
    const changed = write(mutate(exported('zendesk', inp), 'sla_policies.json', (d) => (d.sla_policies[1].policy_metrics[0].target = 45)));
    const bad = await run(['drift', 'contracts/tiered-plans.pledge', '--from', 'zendesk', ...changed]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('contracts/tiered-plans.pledge:51: P0 first reply: 1 hour in the contract, 45 minutes in Zendesk policy');
    const json = await run(['drift', 'contracts/tiered-plans.pledge', '--from', 'zendesk', '--json', ...changed]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ differs: true, changes: [{ id: 'target:Acme Cloud - Support Plans - Emergency:P0:first_reply', favours: 'customer', direction: 'stricter for the provider, better for the customer', line: 51 }] });
    writeFileSync(path.join(dir, 'broken.json'), '[1, 2');
    const broken = await run(['drift', 'contracts/tiered-plans.pledge', '--from', 'zendesk', path.join(dir, 'broken.json')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('error PLG4020');
  });

  it('--plan compares one plan and ignores the others', async () => {
    const inp = { ...input('tiered-plans'), plan: 'basic' };
    const report = driftContract('zendesk', inp, exported('zendesk', input('tiered-plans')));
    expect(report.changes).toEqual([]);
  });
});
