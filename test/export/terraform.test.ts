/**
 * zendesk-terraform: every library contract's HCL parses (HashiCorp's own HCL parser, compiled
 * to WebAssembly in @cdktf/hcl2json) and holds the same policies as the zendesk JSON export, with
 * the attributes the provider's resource docs list.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { analyze, compileContract, exportContract, type ExportInput } from '../../src/index.js';
import { hclString } from '../../src/export/zendesk-terraform.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const GOOD = ['cloud-availability', 'follow-the-sun', 'online-education', 'realtime-messaging', 'tiered-plans'];
const input = (name: string): ExportInput => {
  const analysis = analyze(readFileSync(path.join(ROOT, 'contracts', `${name}.pledge`), 'utf8'));
  return { analysis, runtime: compileContract(analysis.model), file: `${name}.pledge` };
};

describe('zendesk-terraform', () => {
  for (const name of GOOD) {
    it(`${name}: parses as HCL and matches the zendesk export`, async () => {
      const inp = input(name);
      const tf = exportContract('zendesk-terraform', inp).files[0]!.content;
      const json = (await parse('pledge.tf', tf)) as { resource?: Record<string, Record<string, Record<string, unknown>[]>> };
      // hcl2json keys resources by name: put them back in policy order.
      const policies = Object.values(json.resource?.['zendesk_sla_policy'] ?? {}).map((r) => r[0]!).sort((a, b) => (a['position'] as number) - (b['position'] as number));
      const zendesk = JSON.parse(exportContract('zendesk', inp).files.find((f) => f.path.endsWith('sla_policies.json'))!.content).sla_policies;
      expect(policies.map((p) => ({ title: p['title'], position: p['position'], filter: p['filter'], policy_metrics: p['policy_metrics'] }))).toEqual(
        zendesk.map((p: Record<string, unknown>) => ({ title: p['title'], position: p['position'], filter: p['filter'], policy_metrics: p['policy_metrics'] })),
      );
      for (const s of Object.values(json.resource?.['zendesk_schedule'] ?? {}).map((r) => r[0]!)) {
        expect(Object.keys(s).sort()).toEqual(['intervals', 'name', 'time_zone']);
        for (const [day, iv] of Object.entries(s['intervals'] as Record<string, { start_time: number; end_time: number }>)) {
          expect(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']).toContain(day);
          expect(iv.start_time).toBeLessThan(iv.end_time);
          expect(iv.end_time).toBeLessThanOrEqual(24);
        }
      }
    });
  }

  it('escapes quotes, backslashes and template sequences', async () => {
    const tricky = 'a "b" \\ ${var.x}';
    const json = (await parse('t.tf', `x = ${hclString(tricky)}\n`)) as { x: string };
    // hcl2json writes Terraform's JSON syntax, where a literal `${` is `$${` and an interpolation is `${`.
    expect(json.x).toBe('a "b" \\ $${var.x}');
    expect(hclString('%{if}')).toBe('"%%{if}"');
  });

  it('the parser rejects broken HCL (so the parse check can fail)', async () => {
    await expect(parse('t.tf', 'resource "a" "b" {')).rejects.toThrow();
  });
});
