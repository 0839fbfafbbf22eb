/** The zammad and freshdesk targets: documented shapes, round trips and mutations of their drift. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, compileContract, driftContract, exportContract, type ExportInput } from '../../src/index.js';
import { FRESHDESK_SLA_POLICY, validate, ZAMMAD_CALENDAR, ZAMMAD_HOLIDAY, ZAMMAD_SLA } from './schemas.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const GOOD = ['cloud-availability', 'follow-the-sun', 'online-education', 'realtime-messaging', 'tiered-plans'];
const input = (name: string): ExportInput => {
  const analysis = analyze(readFileSync(path.join(ROOT, 'contracts', `${name}.pledge`), 'utf8'));
  return { analysis, runtime: compileContract(analysis.model), file: `${name}.pledge` };
};
type Files = { path: string; text: string }[];
const exported = (target: string, inp: ExportInput): Files => exportContract(target, inp).files.map((f) => ({ path: f.path, text: f.content }));
const doc = (files: Files, suffix: string) => JSON.parse(files.find((f) => f.path.endsWith(suffix))!.text);
const mutate = (files: Files, suffix: string, edit: (doc: any) => void): Files =>
  files.map((f) => {
    if (!f.path.endsWith(suffix)) return f;
    const d = JSON.parse(f.text);
    edit(d);
    return { path: f.path, text: JSON.stringify(d) };
  });

describe('zammad', () => {
  for (const name of GOOD) {
    it(`${name}: documented shapes, and its own export has no drift`, () => {
      const inp = input(name);
      const files = exported('zammad', inp);
      for (const s of doc(files, 'slas.json')) expect(validate(s, ZAMMAD_SLA)).toEqual([]);
      for (const c of doc(files, 'calendars.json')) {
        expect(validate(c, ZAMMAD_CALENDAR)).toEqual([]);
        for (const h of Object.values(c.public_holidays)) expect(validate(h, ZAMMAD_HOLIDAY)).toEqual([]);
      }
      const report = driftContract('zammad', inp, files);
      expect(report.changes).toEqual([]);
      expect(report.notes).toEqual([]);
    });
  }

  const inp = input('online-education');
  const files = exported('zammad', inp);

  it('several ranges a day, IANA zones and holidays by date', () => {
    const office = doc(files, 'calendars.json').find((c: { name: string }) => c.name.endsWith('(office)'));
    expect(office.timezone).toBe('Asia/Shanghai');
    expect(office.public_holidays['2026-10-01']).toEqual({ active: true, summary: 'National Day Golden Week' });
    const classes = doc(files, 'calendars.json').find((c: { name: string }) => c.name.endsWith('(classes)'));
    expect(classes.business_hours.mon.timeframes.length).toBeGreaterThan(0);
  });

  it("a priority's calendar changed is exactly that change", () => {
    const report = driftContract('zammad', inp, mutate(files, 'slas.json', (d) => (d[1].calendar_id = d[0].calendar_id === d[1].calendar_id ? d[2].calendar_id : d[0].calendar_id)));
    expect(report.changes.map((c) => c.key)).toEqual([`calendar:${doc(files, 'slas.json')[1].name}`]);
  });

  it('a target, a timeframe and a holiday changed are each exactly that change', () => {
    const t = driftContract('zammad', inp, mutate(files, 'slas.json', (d) => (d[0].solution_time = 200)));
    expect(t.changes).toHaveLength(1);
    expect(t.changes[0]!.text).toMatch(/^P0 resolution: 2 hours in the contract, 200 minutes in Zammad SLA `.*`: looser for the provider, worse for the customer$/);
    const h = driftContract('zammad', inp, mutate(files, 'calendars.json', (d) => {
      const office = d.find((c: { name: string }) => c.name.endsWith('(office)'));
      delete office.public_holidays['2026-10-08'];
      office.public_holidays['2026-10-09'] = { active: true, summary: 'Extra' };
    }));
    expect(h.changes.map((c) => c.key)).toEqual(['day:office:2026-10-09']);
    const w = driftContract('zammad', inp, mutate(files, 'calendars.json', (d) => {
      d.find((c: { name: string }) => c.name.endsWith('(office)')).business_hours.fri.timeframes = [['09:00', '12:00']];
    }));
    expect(w.changes.map((c) => [c.key, c.favours])).toEqual([['hours:office:fri', 'provider']]);
  });
});

describe('freshdesk', () => {
  for (const name of GOOD) {
    it(`${name}: documented shapes and limits, and its own export has no drift`, () => {
      const inp = input(name);
      const files = exported('freshdesk', inp);
      for (const p of doc(files, 'sla_policies.json')) {
        expect(validate(p, FRESHDESK_SLA_POLICY)).toEqual([]);
        for (const t of Object.values(p.sla_target) as { respond_within: number; resolve_within: number }[]) expect([t.respond_within % 60, t.resolve_within % 60]).toEqual([0, 0]);
      }
      expect(driftContract('freshdesk', inp, files).changes).toEqual([]);
    });
  }

  it('seconds, urgent = priority_4, the 900-second floor and a mutation', () => {
    const inp = input('realtime-messaging');
    const files = exported('freshdesk', inp);
    const [policy] = doc(files, 'sla_policies.json');
    expect(policy.sla_target.priority_4).toEqual({ respond_within: 900, resolve_within: 7200, business_hours: false, escalation_enabled: true });
    expect(policy.sla_target.priority_2).toMatchObject({ respond_within: 4 * 3600, business_hours: true });
    const report = driftContract('freshdesk', inp, mutate(files, 'sla_policies.json', (d) => (d[0].sla_target.priority_3.resolve_within = 6 * 3600)));
    expect(report.changes.map((c) => c.text)).toEqual([`P1 resolution: 8 hours in the contract, 6 hours in Freshdesk SLA policy \`${policy.name}\`: stricter for the provider, better for the customer`]);
  });
});
