/**
 * servicenow: every library contract's Fluent TypeScript type-checks (the TypeScript compiler) against
 * test/export/servicenow/now-sdk.d.ts, a minimal declaration of the `Sla`, `Record` and `Duration`
 * APIs written from ServiceNow's Fluent documentation; the SLA definitions carry the contract's targets.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze, compileContract, exportContract, type ExportInput } from '../../src/index.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DTS = path.join(ROOT, 'test', 'export', 'servicenow', 'now-sdk.d.ts');
const GOOD = ['cloud-availability', 'follow-the-sun', 'online-education', 'realtime-messaging', 'tiered-plans'];
const load = (name: string): ExportInput => inline(readFileSync(path.join(ROOT, 'contracts', `${name}.pledge`), 'utf8'), `${name}.pledge`);
const inline = (text: string, file = 'x.pledge'): ExportInput => {
  const analysis = analyze(text);
  expect(analysis.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { analysis, runtime: compileContract(analysis.model), file };
};
const fluent = (input: ExportInput): string => exportContract('servicenow', input).files[0]!.content;

const dir = mkdtempSync(path.join(tmpdir(), 'pledge-servicenow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The compiler's errors for one source file, type-checked against the declaration. */
function typeErrors(source: string, name = 'sla.now.ts'): string[] {
  const file = path.join(dir, name);
  writeFileSync(file, source);
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    paths: { '@servicenow/sdk/core': [DTS] },
    types: [],
    skipLibCheck: false,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? path.basename(d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('servicenow', () => {
  for (const name of GOOD) {
    it(`${name}: the Fluent TypeScript type-checks against the documented Sla API`, () => {
      expect(typeErrors(fluent(load(name)), `${name}.now.ts`)).toEqual([]);
    });
  }

  it('the type check fails on a value the documentation does not allow (so it can fail)', () => {
    const bad = fluent(load('tiered-plans')).replace("target: 'response'", "target: 'respond'");
    expect(typeErrors(bad, 'bad.now.ts').join('\n')).toMatch(/respond/);
    expect(typeErrors(fluent(load('tiered-plans')).replace("scheduleSource: 'no_schedule'", "scheduleSource: 'none'"), 'bad2.now.ts').length).toBeGreaterThan(0);
  });

  it('tiered-plans Basic P1: a response SLA of 4 hours on the Berlin schedule, resolution pausing On Hold', () => {
    const src = fluent(load('tiered-plans'));
    const block = (id: string) => src.slice(src.indexOf(`$id: Now.ID['${id}']`), src.indexOf('})\n', src.indexOf(`$id: Now.ID['${id}']`)));
    const response = block('pledge-basic-p1-response');
    expect(response).toContain("target: 'response'");
    expect(response).toContain('duration: Duration({ hours: 4 })');
    expect(response).toContain('schedule: businessSchedule');
    expect(response).toContain("timezone: 'Europe/Berlin'");
    expect(response).toContain("start: 'priority=2'");
    expect(response).toContain("stop: 'state!=1'");
    const resolution = block('pledge-basic-p1-resolution');
    expect(resolution).toContain('duration: Duration({ hours: 40 })'); // 5d × 8 h
    expect(resolution).toContain("pause: 'state=3'");
    expect(resolution).toContain("whenTo: { resume: 'no_match' }");
    const p0 = block('pledge-emergency-p0-response');
    expect(p0).toContain("scheduleSource: 'no_schedule'");
    expect(p0).not.toContain('schedule:');
    // The schedule: weekly hours and one excluded entry per closure of the term.
    expect(src).toContain("days_of_week: '12345'");
    expect(src).toMatch(/name: 'Christmas Eve',\n {4}type: 'exclude',\n {4}all_day: true,\n {4}start_date_time: '20271224T000000',\n {4}end_date_time: '20271224T235900'/);
    const warnings = exportContract('servicenow', load('tiered-plans')).warnings.map((w) => w.code);
    for (const c of ['PLG4046', 'PLG4001', 'PLG4011', 'PLG4012', 'PLG4013', 'PLG4004'] as const) expect(warnings).toContain(c);
  });

  it('several ranges a day are several weekly entries; a sixth priority is left out with a warning', () => {
    const text = `sla "S" { term 2027-01-01 to 2027-03-31 }
calendar office "Office" {
  zone "America/New_York"
  hours mon-fri 09:00-12:00, 13:00-17:30
  hours sat 10:00-12:00
}
clock response { starts filed stops first_reply }
priority A { response 1h on office }
priority B { response 2h on office }
priority C { response 3h on office }
priority D { response 4h on office }
priority E { response 5h on office }
priority F { response 6h on office }
`;
    const out = exportContract('servicenow', inline(text));
    const src = out.files[0]!.content;
    expect(src.match(/table: 'cmn_schedule_span'/g)).toHaveLength(3);
    expect(src).toContain("days_of_week: '12345'");
    expect(src).toContain("end_date_time: '20270101T173000'");
    expect(src).toContain("days_of_week: '6'");
    expect(src.match(/Sla\(\{/g)).toHaveLength(5);
    expect(out.warnings.filter((w) => w.code === 'PLG4009').map((w) => w.message)).toEqual(["`F` is the contract's priority 6, and incidents have 5"]);
    expect(typeErrors(src, 'ranges.now.ts')).toEqual([]);
  });
});
