/**
 * `pledge drift --from jsm-sla`: Jira Service Management's SLA cycles compared with Pledge's verdict
 * on the same ticket history. Round trip: the cycles Pledge would have recorded agree with it on every
 * library contract; mutation: one changed field of the cycles file is exactly one difference.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { analyze, compileContract, driftContract, DriftInputError, type ExportInput } from '../../src/index.js';
import { jsmCyclesOf } from '../../src/export/jsm.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const GOOD = ['cloud-availability', 'follow-the-sun', 'online-education', 'realtime-messaging', 'tiered-plans'];
const input = (name: string): ExportInput => {
  const analysis = analyze(readFileSync(path.join(ROOT, 'contracts', `${name}.pledge`), 'utf8'));
  return { analysis, runtime: compileContract(analysis.model), file: `${name}.pledge` };
};
const SLA_NAMES = new Map([
  ['response', 'Time to first response'],
  ['resolution', 'Time to resolution'],
]);

/** Per priority: a ticket answered and resolved at once, one answered a month late, one left open. */
function historyOf(inp: ExportInput): { path: string; text: string } {
  const { model } = inp.analysis;
  const start = model.term ? `${model.term.from.year}-${String(model.term.from.month).padStart(2, '0')}-${String(model.term.from.day).padStart(2, '0')}` : '2027-01-04';
  const at = (days: number, hh: string) => new Date(Date.parse(`${start}T${hh}:00Z`) + days * 86_400_000).toISOString().replace('.000Z', 'Z');
  const rows = ['ticket,event,time,priority,plan'];
  for (const p of model.priorities) {
    const plan = [...model.plans.keys()].find((pl) => inp.runtime.targets(p.name, pl)) ?? '';
    if (model.plans.size > 0 && !plan) continue;
    rows.push(`${p.name}-fast,filed,${at(3, '10:00')},${p.name},${plan}`, `${p.name}-fast,first_reply,${at(3, '10:01')},,`, `${p.name}-fast,resolved,${at(3, '10:02')},,`);
    rows.push(`${p.name}-slow,filed,${at(3, '10:00')},${p.name},${plan}`, `${p.name}-slow,first_reply,${at(33, '10:00')},,`, `${p.name}-slow,resolved,${at(63, '10:00')},,`);
    rows.push(`${p.name}-open,filed,${at(62, '10:00')},${p.name},${plan}`);
  }
  return { path: 'history.csv', text: `${rows.join('\n')}\n` };
}
const cyclesOf = (inp: ExportInput, history: { path: string; text: string }) => ({ path: 'cycles.csv', text: jsmCyclesOf(inp, history, SLA_NAMES) });
/** Edits one field of the first cycles row that matches. */
function edit(cycles: { path: string; text: string }, match: (r: string[]) => boolean, col: string, value: string | null) {
  const [head, ...rows] = cycles.text.trimEnd().split('\n');
  const i = head!.split(',').indexOf(col);
  let done = false;
  const out = rows.flatMap((line) => {
    const r = line.split(',');
    if (done || !match(r)) return [line];
    done = true;
    if (value === null) return [];
    r[i] = value;
    return [r.join(',')];
  });
  expect(done).toBe(true);
  return { path: cycles.path, text: `${[head, ...out].join('\n')}\n` };
}

describe('jsm-sla drift', () => {
  // cloud-availability has no priorities, so no ticket history to replay.
  for (const name of GOOD.filter((n) => n !== 'cloud-availability')) {
    it(`round trip: ${name}: the cycles Pledge would record agree with its verdicts`, () => {
      const inp = input(name);
      const history = historyOf(inp);
      const report = driftContract('jsm-sla', inp, [cyclesOf(inp, history), history]);
      expect(report.changes).toEqual([]);
      expect(report.differs).toBe(false);
      expect(report.notes).toEqual([]);
    });
  }

  const inp = input('tiered-plans');
  const history = historyOf(inp);
  const cycles = cyclesOf(inp, history);

  it('the generated history has breached and met tickets on both clocks (so the round trip compares something)', () => {
    expect(cycles.text).toMatch(/P1-slow,Time to first response,completed,[^,]+,[^,]+,true/);
    expect(cycles.text).toMatch(/P1-fast,Time to resolution,completed,[^,]+,[^,]+,false/);
    expect(cycles.text).toMatch(/P0-open,Time to resolution,ongoing,[^,]+,,true/);
  });

  it('a cycle JSM calls met where the contract is breached is one change, looser for the provider', () => {
    const report = driftContract('jsm-sla', inp, [edit(cycles, (r) => r[0] === 'P1-slow' && r[1] === 'Time to first response', 'breached', 'false'), history]);
    expect(report.changes).toHaveLength(1);
    const c = report.changes[0]!;
    expect(c.key).toBe('jsm:P1-slow:Time to first response');
    expect(c.favours).toBe('provider');
    expect(c.text).toMatch(/^P1-slow `Time to first response` \(response, P1\): breached \(due .+\) in the contract, met in Jira Service Management \(line \d+\): looser for the provider, worse for the customer$/);
  });

  it('a cycle JSM calls breached where the contract is met is one change, stricter for the provider', () => {
    const report = driftContract('jsm-sla', inp, [edit(cycles, (r) => r[0] === 'P2-fast' && r[1] === 'Time to resolution', 'breached', 'true'), history]);
    expect(report.changes.map((c) => [c.key, c.favours, c.contract, c.desk])).toEqual([['jsm:P2-fast:Time to resolution', 'customer', 'met', 'breached']]);
  });

  it('a missing cycle of a breached clock is a change; another goal is one change per priority', () => {
    const missing = driftContract('jsm-sla', inp, [edit(cycles, (r) => r[0] === 'P1-slow' && r[1] === 'Time to resolution', 'breached', null), history]);
    expect(missing.changes.map((c) => [c.key, c.desk])).toEqual([['jsm:P1-slow:Time to resolution', 'no cycle']]);
    const goal = driftContract('jsm-sla', inp, [edit(cycles, (r) => r[0] === 'P2-fast' && r[1] === 'Time to first response', 'goalDuration', String(16 * 3_600_000)), history]);
    expect(goal.changes.map((c) => c.text)).toEqual(['P2 `Time to first response` goal: 8 hours of open time in the contract, 16 hours in Jira Service Management on 1 ticket (P2-fast): looser for the provider, worse for the customer']);
  });

  it('notes what it cannot compare; a file that is neither is an input error', () => {
    const other = { path: 'cycles.csv', text: cycles.text.replace(/Time to first response/g, 'Time to triage') };
    const report = driftContract('jsm-sla', inp, [other, history]);
    expect(report.notes).toEqual(['JSM SLA `Time to triage` names no clock of the contract (name it after one, or `Time to first response` / `Time to resolution`); its cycles are not compared']);
    expect(() => driftContract('jsm-sla', inp, [{ path: 'x.csv', text: 'a,b\n1,2\n' }, history])).toThrow(DriftInputError);
    expect(() => driftContract('jsm-sla', inp, [edit(cycles, () => true, 'breached', 'maybe'), history])).toThrow(/line 2: `breached` is `maybe`/);
    expect(() => driftContract('jsm-sla', inp, [cycles])).toThrow(/no ticket history/);
  });

  it('the CLI: exit 0 when they agree, 1 with --json changes, 2 for a bad file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pledge-jsm-'));
    const write = (f: { path: string; text: string }, name = f.path) => (writeFileSync(path.join(dir, name), f.text), path.join(dir, name));
    const contract = path.join(ROOT, 'contracts', 'tiered-plans.pledge');
    const chunks = () => {
      let text = '';
      return { write: (s: string) => ((text += s), true), get text() { return text; } };
    };
    const run = async (argv: string[]) => {
      const io = { stdout: chunks(), stderr: chunks(), cwd: ROOT, env: { NO_COLOR: '1' } };
      const code = await main(argv, io as never);
      return { code, stdout: io.stdout.text, stderr: io.stderr.text };
    };
    const h = write(history);
    expect((await run(['drift', contract, '--from', 'jsm-sla', write(cycles), h])).code).toBe(0);
    const bad = write(edit(cycles, (r) => r[0] === 'P1-slow' && r[1] === 'Time to first response', 'breached', 'false'), 'bad.csv');
    const r = await run(['drift', contract, '--from', 'jsm-sla', bad, h, '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ target: 'jsm-sla', differs: true });
    expect(json.changes.map((c: { id: string }) => c.id)).toEqual(['jsm:P1-slow:Time to first response']);
    const text = await run(['drift', contract, '--from', 'jsm-sla', bad, h]);
    expect(text.stdout).toMatch(/1 difference between .*tiered-plans.pledge and the jsm-sla configuration:\n {2}P1-slow `Time to first response`/);
    const broken = await run(['drift', contract, '--from', 'jsm-sla', write({ path: 'x.csv', text: 'a,b\n' }), h]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/x\.csv: error PLG4020 neither a JSM cycles file/);
  });
});
