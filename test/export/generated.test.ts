/**
 * Round trip on generated contracts (fast-check, fixed seed): for every target with drift,
 * drift(contract, export(contract)) is empty — random zones, weekly hours (night shifts, split
 * days), closures over the term, make-up days, targets in m/h/d on any calendar, and plans.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { analyze, compileContract, driftContract, exportContract } from '../../src/index.js';

const ZONES = ['Europe/Berlin', 'Asia/Shanghai', 'America/New_York', 'UTC', 'Africa/Johannesburg', 'Europe/Oslo', 'Australia/Sydney'];
const DAYS = ['mon-fri', 'mon-sat', 'sat', 'sun', 'tue-thu', 'mon-sun'];
const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (m: number) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;

const range = fc.tuple(fc.integer({ min: 0, max: 47 }), fc.integer({ min: 1, max: 16 })).map(([s, len]) => {
  const from = s * 30;
  const to = (from + len * 30) % 1440;
  return `${hhmm(from)}-${to === 0 ? '24:00' : hhmm(to)}`;
});
const calendar = (name: string) =>
  fc
    .record({
      zone: fc.constantFrom(...ZONES),
      days: fc.constantFrom(...DAYS),
      ranges: fc.array(range, { minLength: 1, maxLength: 2 }),
      closed: fc.array(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 3 })), { maxLength: 3 }),
      open: fc.option(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })), { nil: undefined }),
      holidays: fc.option(fc.constantFrom('DE', 'US', 'FR'), { nil: undefined }),
    })
    .map((c) => {
      const lines = [`calendar ${name} "Cal ${name}" {`, `  zone "${c.zone}"`, `  hours ${c.days} ${c.ranges.join(', ')}`];
      if (c.holidays) lines.push(`  holidays "${c.holidays}"`);
      c.closed.forEach(([m, d, extra], i) => lines.push(`  closed 2026-${pad(m)}-${pad(d)}${extra ? ` to 2026-${pad(m)}-${pad(d + extra)}` : ''} "Closure ${i}"`));
      if (c.open) lines.push(`  open 2026-${pad(c.open[0])}-${pad(c.open[1])} 10:00-12:00 "Make-up"`);
      lines.push('}');
      return lines.join('\n');
    });
const duration = fc.oneof(fc.integer({ min: 15, max: 600 }).map((m) => `${m}m`), fc.integer({ min: 1, max: 48 }).map((h) => `${h}h`), fc.integer({ min: 1, max: 10 }).map((d) => `${d}d`));

const contract = fc
  .record({
    cals: fc.tuple(calendar('office'), calendar('desk')),
    pauses: fc.boolean(),
    priorities: fc.array(fc.record({ response: duration, resolution: duration, rc: fc.constantFrom('office', 'desk', 'always'), sc: fc.constantFrom('office', 'desk', 'always'), update: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }) }), { minLength: 1, maxLength: 5 }),
    plans: fc.boolean(),
  })
  .map((c) =>
    [
      'sla "Generated" { provider "A" customer "B" term 2026-01-01 to 2026-12-31 }',
      ...c.cals,
      'calendar always "Always" { zone "UTC" hours mon-sun 00:00-24:00 }',
      'clock response { starts filed stops first_reply }',
      `clock resolution { starts filed ${c.pauses ? 'pauses awaiting_customer resumes customer_replied ' : ''}stops resolved }`,
      ...c.priorities.map((p, i) => `priority P${i} "Level ${i}" { response ${p.response} on ${p.rc} resolution ${p.resolution} on ${p.sc}${p.update ? ` update every ${p.update}h on always` : ''} }`),
      ...(c.plans && c.priorities.length > 1 ? ['plan small "Small" { covers P1 }', `plan big "Big" extends small { covers ${c.priorities.map((_, i) => `P${i}`).join(', ')} }`] : []),
    ].join('\n'),
  );

describe('round trip on generated contracts', () => {
  it('drift of a contract against its own export is empty, for every target with drift', () => {
    let checked = 0;
    fc.assert(
      fc.property(contract, (text) => {
        const analysis = analyze(text);
        if (analysis.diagnostics.some((d) => d.severity === 'error')) return; // only contracts without errors export
        checked++;
        const input = { analysis, runtime: compileContract(analysis.model), file: 'g.pledge' };
        for (const target of ['zendesk', 'zammad', 'freshdesk']) {
          const files = exportContract(target, input).files.map((f) => ({ path: f.path, text: f.content }));
          const report = driftContract(target, input, files);
          expect(report.changes, `${target}\n${text}`).toEqual([]);
        }
      }),
      { seed: 16, numRuns: 60 },
    );
    expect(checked).toBeGreaterThan(20);
  });
});

describe('the export-only targets on generated contracts', () => {
  const samples = fc.sample(contract, { seed: 16, numRuns: 40 }).filter((text) => !analyze(text).diagnostics.some((d) => d.severity === 'error'));
  const inputOf = (text: string) => {
    const analysis = analyze(text);
    return { analysis, runtime: compileContract(analysis.model), file: 'g.pledge' };
  };

  it('pagerduty-terraform: every output parses as HCL, with support hours the provider takes', async () => {
    expect(samples.length).toBeGreaterThan(15);
    for (const text of samples) {
      const tf = (await parseHcl('g.tf', exportContract('pagerduty-terraform', inputOf(text)).files[0]!.content)) as { resource?: Record<string, Record<string, Record<string, unknown>[]>> };
      for (const r of Object.values(tf.resource?.['pagerduty_service'] ?? {})) {
        for (const sh of (r[0]!['support_hours'] as { days_of_week: number[]; start_time: string; end_time: string }[] | undefined) ?? []) {
          expect(sh.days_of_week.length, text).toBeGreaterThan(0);
          expect(sh.start_time < sh.end_time, text).toBe(true);
        }
      }
      for (const r of Object.values(tf.resource?.['pagerduty_escalation_policy'] ?? {})) for (const rule of r[0]!['rule'] as { escalation_delay_in_minutes: number }[]) expect(rule.escalation_delay_in_minutes, text).toBeGreaterThan(0);
    }
  });

  it('servicenow: every output type-checks against the documented Sla API', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pledge-gen-sn-'));
    try {
      const files = samples.map((text, i) => {
        const f = path.join(dir, `g${i}.now.ts`);
        writeFileSync(f, exportContract('servicenow', inputOf(text)).files[0]!.content);
        return f;
      });
      const program = ts.createProgram(files, { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, paths: { '@servicenow/sdk/core': [path.resolve(import.meta.dirname, 'servicenow', 'now-sdk.d.ts')] }, types: [] });
      expect(ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
