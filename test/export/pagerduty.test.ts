/**
 * pagerduty-terraform: every library contract's HCL parses (HashiCorp's HCL parser, compiled to
 * WebAssembly in @cdktf/hcl2json) and uses only the blocks and attributes the provider's resource
 * docs list (website/docs/r/service.html.markdown, website/docs/r/escalation_policy.html.markdown
 * in PagerDuty/terraform-provider-pagerduty); escalation delays follow the steps' firing times.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { analyze, compileContract, exportContract, type ExportInput } from '../../src/index.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const GOOD = ['cloud-availability', 'follow-the-sun', 'online-education', 'realtime-messaging', 'tiered-plans'];
const load = (name: string): ExportInput => inline(readFileSync(path.join(ROOT, 'contracts', `${name}.pledge`), 'utf8'), `${name}.pledge`);
const inline = (text: string, file = 'x.pledge'): ExportInput => {
  const analysis = analyze(text);
  expect(analysis.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { analysis, runtime: compileContract(analysis.model), file };
};
type Block = Record<string, unknown>;
type Tf = { resource?: Record<string, Record<string, Block[]>>; variable?: Record<string, Block[]> };
const hcl = async (input: ExportInput): Promise<Tf> => (await parse('pledge.tf', exportContract('pagerduty-terraform', input).files[0]!.content)) as Tf;
const keys = (b: unknown): string[] => Object.keys(b as Block).sort();

describe('pagerduty-terraform', () => {
  for (const name of GOOD) {
    it(`${name}: parses as HCL with the provider's blocks and attributes`, async () => {
      const tf = await hcl(load(name));
      const policies = tf.resource?.['pagerduty_escalation_policy'] ?? {};
      const services = Object.values(tf.resource?.['pagerduty_service'] ?? {}).map((r) => r[0]!);
      expect(services.length > 0 || name === 'cloud-availability').toBe(true); // it has no priorities
      for (const s of services) {
        expect(keys(s).filter((k) => !['name', 'description', 'escalation_policy', 'incident_urgency_rule', 'support_hours', 'scheduled_actions'].includes(k))).toEqual([]);
        // hcl2json writes references as interpolations: the policy must exist.
        const ref = /^\$\{pagerduty_escalation_policy\.([a-z0-9_]+)\.id\}$/.exec(s['escalation_policy'] as string)?.[1];
        expect(ref && policies[ref]).toBeTruthy();
        const rule = (s['incident_urgency_rule'] as Block[])[0]!;
        if (rule['type'] === 'constant') {
          expect(s['support_hours']).toBeUndefined();
          expect(rule['urgency']).toBe('high');
          continue;
        }
        expect(rule['type']).toBe('use_support_hours');
        expect((rule['during_support_hours'] as Block[])[0]).toEqual({ type: 'constant', urgency: 'high' });
        expect((rule['outside_support_hours'] as Block[])[0]).toEqual({ type: 'constant', urgency: 'low' });
        const sh = (s['support_hours'] as Block[]);
        expect(sh).toHaveLength(1); // "exactly one support_hours block"
        expect(keys(sh[0])).toEqual(['days_of_week', 'end_time', 'start_time', 'time_zone', 'type']);
        expect(sh[0]!['type']).toBe('fixed_time_per_day');
        for (const d of sh[0]!['days_of_week'] as number[]) expect(d >= 1 && d <= 7).toBe(true);
        expect(sh[0]!['start_time']).toMatch(/^\d\d:\d\d:\d\d$/);
        expect(sh[0]!['end_time']).toMatch(/^\d\d:\d\d:\d\d$/);
        expect((sh[0]!['start_time'] as string) < (sh[0]!['end_time'] as string)).toBe(true);
        expect(Intl.supportedValuesOf('timeZone').includes(sh[0]!['time_zone'] as string) || sh[0]!['time_zone'] === 'UTC').toBe(true);
        const action = (s['scheduled_actions'] as Block[])[0]!;
        expect(action).toEqual({ type: 'urgency_change', to_urgency: 'high', at: [{ type: 'named_time', name: 'support_hours_start' }] });
      }
      for (const p of Object.values(policies).map((r) => r[0]!)) {
        expect(keys(p)).toEqual(['description', 'name', 'num_loops', 'rule']);
        for (const r of p['rule'] as Block[]) {
          expect(keys(r)).toEqual(['escalation_delay_in_minutes', 'target']);
          expect(Number.isInteger(r['escalation_delay_in_minutes']) && (r['escalation_delay_in_minutes'] as number) > 0).toBe(true);
          for (const t of r['target'] as Block[]) {
            expect(['user_reference', 'schedule_reference']).toContain(t['type']);
            expect(t['id']).toMatch(/^\$\{var\.(on_call_schedule_id|pagerduty_user_ids\[".+"\])\}$/);
          }
        }
      }
      expect(Object.keys(tf.variable ?? {}).sort()).toEqual(['on_call_schedule_id', 'pagerduty_user_ids']);
    });
  }

  it('tiered-plans Basic P1: the on-call schedule first, then each step at its firing time', async () => {
    const tf = await hcl(load('tiered-plans'));
    const p = tf.resource!['pagerduty_escalation_policy']!['acme_cloud_support_plans_basic_p1_escalation']![0]!;
    // response 4h, resolution 5d = 2400 open minutes: 75% of response = 180, 50% / 90% of resolution = 1200 / 2160.
    expect((p['rule'] as Block[]).map((r) => r['escalation_delay_in_minutes'])).toEqual([180, 1200 - 180, 2160 - 1200, 2400 - 2160]);
    expect((p['rule'] as Block[]).map((r) => (r['target'] as Block[]).map((t) => t['id']))).toEqual([
      ['${var.on_call_schedule_id}'],
      ['${var.pagerduty_user_ids["Duty manager"]}'],
      ['${var.pagerduty_user_ids["Duty manager"]}'],
      ['${var.pagerduty_user_ids["Duty manager"]}', '${var.pagerduty_user_ids["Head of support"]}'],
    ]);
  });

  const SPLIT = `sla "S" { term 2027-01-01 to 2027-03-31 }
calendar office "Office" {
  zone "Europe/Paris"
  hours mon-thu 09:00-12:00, 13:00-17:00
  hours fri 09:00-15:00
  holidays "FR"
  open 2027-01-09 09:00-12:00 "Inventory Saturday"
}
clock response { starts filed stops first_reply }
priority P1 { response 2d on office }
escalation for P1 { at 1d of response notify "Lead" }
`;

  it('warns for several ranges a day, other hours on a day, holidays, make-up days and d targets', async () => {
    const out = exportContract('pagerduty-terraform', inline(SPLIT));
    const codes = out.warnings.map((w) => w.code);
    expect(codes.filter((c) => c === 'PLG4049')).toHaveLength(5); // mon-thu twice a day, fri other hours
    for (const c of ['PLG4048', 'PLG4000', 'PLG4004'] as const) expect(codes).toContain(c);
    expect(out.warnings.find((w) => w.code === 'PLG4049' && /other hours on fri/.test(w.message))).toBeTruthy();
    const s = Object.values((await hcl(inline(SPLIT))).resource!['pagerduty_service']!)[0]![0]!;
    expect((s['support_hours'] as Block[])[0]).toMatchObject({ days_of_week: [1, 2, 3, 4, 5], start_time: '09:00:00', end_time: '17:00:00', time_zone: 'Europe/Paris' });
    // 1d of response on the shortest open day (fri, 360 minutes).
    const p = Object.values((await hcl(inline(SPLIT))).resource!['pagerduty_escalation_policy']!)[0]![0]!;
    expect((p['rule'] as Block[]).map((r) => r['escalation_delay_in_minutes'])).toEqual([360, 720 - 360]);
  });

  it('a priority measured around the clock gets constant high urgency and no support hours', async () => {
    const tf = await hcl(load('tiered-plans'));
    const s = tf.resource!['pagerduty_service']!['acme_cloud_support_plans_emergency_p0']![0]!; // P0 response 1h on always
    expect(s['incident_urgency_rule']).toEqual([{ type: 'constant', urgency: 'high' }]);
    expect(s['support_hours']).toBeUndefined();
  });
});
