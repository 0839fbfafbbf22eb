/**
 * The language reference's "Limits" table, row by row (issue 19): each limit at its value and one
 * past it. The first test reads the table itself, so a row added to the reference without a case
 * here fails; the cases then pin that the documented value is the one enforced.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeSource, fileReaderFor } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { analyze, compileContract, compileLoad, LIMITS, LoadError, parse, replay, runAsserts, SIM_LIMITS } from '../src/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REFERENCE = readFileSync(path.join(ROOT, 'grammar', 'reference.md'), 'utf8');

/** The rows of the Limits table: [limit, value, diagnostic]. */
function limitRows(): string[][] {
  const section = REFERENCE.slice(REFERENCE.indexOf('\n## Limits'), REFERENCE.indexOf('\n## ', REFERENCE.indexOf('\n## Limits') + 5));
  return section
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| Limit ') && !l.startsWith('| ---'))
    .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
}

const codes = (text: string) => analyze(text).diagnostics.map((d) => d.code);

const SLA = (body = '') => `sla "Limits" {\n  provider "Vendor"\n  customer "Client"\n  term 2026-01-01 to 2026-12-31\n${body}}\n`;

const BASE = `${SLA()}
calendar always {
  zone "UTC"
  hours mon-sun 00:00-24:00
}
clock response {
  starts filed
  stops first_reply
}
`;

/** A contract with one scenario; `lines` replace its defaults. */
function scenario(lines: { period?: string; arrivals?: string; staff?: string; queue?: string }): string {
  return `${BASE}
priority P1 {
  response 4h on always
}
scenario "load" {
  period ${lines.period ?? '2026-01-01 to 2026-01-31'}
  arrivals ${lines.arrivals ?? '10 daily'}
  staff ${lines.staff ?? '2 on always'}${lines.queue ? `\n  queue ${lines.queue}` : ''}
  reply P1 5m..15m
  work P1 30m..2h
  seed 1
}
`;
}

function load(text: string): unknown {
  const a = analyze(text);
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`the contract has errors: ${errors.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  return compileLoad(compileContract(a.model), a.model.scenarios[0]!);
}

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, cwd: ROOT, env: { NO_COLOR: '1' } });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** One case per row of the table, keyed by the row's first cell. */
const CASES: Record<string, () => void | Promise<void>> = {
  'File size': () => {
    expect(LIMITS.maxFileBytes).toBe(512 * 1024);
    const at = `//${' '.repeat(LIMITS.maxFileBytes - 3)}\n`;
    expect(at.length).toBe(LIMITS.maxFileBytes);
    expect(parse(at).diagnostics.map((d) => d.code)).not.toContain('PLG1000');
    const past = parse(`${at} `).diagnostics;
    expect(past.map((d) => d.code)).toEqual(['PLG1000']);
    expect(past[0]!.message).toBe('the file is larger than the limit of 512 KB');
    // The command line counts bytes: a file of exactly the limit is read, one byte more is refused.
    const bytes = new TextEncoder().encode(at.replace(' ', 'é').slice(0, -1));
    expect(bytes.length).toBe(LIMITS.maxFileBytes);
    expect(decodeSource(bytes).kind).toBe('text');
    const over = decodeSource(new Uint8Array([...bytes, 0x20]));
    expect(over.kind === 'unreadable' && over.diagnostic.message).toBe('file is larger than the 512 KB limit (513 KB)');
  },
  'Size of a `holidays file`': () => {
    // The reader that `pledge check` and `pledge lsp` pass to `analyze`: at the limit the file is
    // read, one byte past it is not (PLG2130 then says why).
    const dir = mkdtempSync(path.join(tmpdir(), 'pledge-limits-ics-'));
    try {
      writeFileSync(path.join(dir, 'at.ics'), ' '.repeat(LIMITS.maxFileBytes));
      writeFileSync(path.join(dir, 'past.ics'), ' '.repeat(LIMITS.maxFileBytes + 1));
      const read = fileReaderFor(dir);
      expect('text' in read('at.ics')).toBe(true);
      expect(read('past.ics')).toEqual({ error: 'the file is larger than the 512 KB limit (524,289 bytes)' });
      const text = `${SLA()}calendar c {\n  zone "UTC"\n  hours mon-fri 09:00-17:00\n  holidays file "past.ics"\n}\nclock response {\n  starts filed\n  stops first_reply\n}\npriority P1 {\n  response 4h on c\n}\n`;
      expect(analyze(text, { readFile: read }).diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(['PLG2130 cannot read `past.ics`: the file is larger than the 512 KB limit (524,289 bytes)']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  'Syntax errors reported per file': () => {
    const errors = (n: number) => parse(Array.from({ length: n }, (_, i) => `clock c${i} { starts }`).join('\n')).diagnostics;
    const at = errors(LIMITS.maxSyntaxErrors);
    expect(at).toHaveLength(100);
    expect(at.map((d) => d.code)).not.toContain('PLG1005');
    const past = errors(LIMITS.maxSyntaxErrors + 1);
    expect(past).toHaveLength(101);
    expect(past.at(-1)!.code).toBe('PLG1005');
  },
  'Largest number (fees, counts, seeds)': () => {
    expect(codes(SLA('  fee 1000000000000000 EUR monthly\n'))).not.toContain('PLG1015');
    expect(codes(SLA('  fee 1000000000000001 EUR monthly\n'))).toContain('PLG1015');
  },
  'Longest duration': () => {
    const target = (t: string) => codes(`${BASE}\npriority P1 {\n  response ${t} on always\n}\n`).filter((c) => c === 'PLG1015');
    expect(target('3660d')).toEqual([]);
    expect(target('3661d')).toEqual(['PLG1015']);
    expect(target('5270400m')).toEqual([]);
    expect(target('5270401m')).toEqual(['PLG1015']);
  },
  'Longest term': () => {
    const term = (to: string) => codes(`sla "Limits" {\n  term 2026-01-01 to ${to}\n}\n`).filter((c) => c === 'PLG2171');
    expect(term('2075-12-31')).toEqual([]);
    expect(term('2076-01-01')).toEqual(['PLG2171']);
  },
  // The next three are tested at and past their values where their shapes are built:
  // test/check-shapes.test.ts (the worst-case budget) and test/limits-check.test.ts (ranges, calendars).
  'Work on exact worst cases in one check (`pledge check`)': async () => {
    const { WORST_CASE_BUDGET } = await import('../src/check/rules/clocks.js');
    expect(WORST_CASE_BUDGET).toBe(1_000_000);
    expect(readFileSync(path.join(ROOT, 'test', 'check-shapes.test.ts'), 'utf8')).toContain('PLG2140');
  },
  // At the limit (a short term, decided) and past it (50 years of 96 ranges a day) in test/worst-case-budget.test.ts.
  'Work on exact worst cases in one `render` or `diff`': async () => {
    const { WORST_CASE_BUDGET } = await import('../src/time/worst-case.js');
    expect(WORST_CASE_BUDGET).toBe(1_000_000);
    const test = readFileSync(path.join(ROOT, 'test', 'worst-case-budget.test.ts'), 'utf8');
    for (const what of ['renderContract', 'diffContracts', 'from the weekly hours']) expect(test).toContain(what);
  },
  // The same (test/worst-case-budget.test.ts), and each check's budget is its own: the 4,975
  // sequences that fit one check fit each of eight.
  'Work on exact worst cases and counterexamples in one check of `pledge test` (an assert line, for one of its priorities)': async () => {
    const { WORST_CASE_BUDGET } = await import('../src/time/worst-case.js');
    expect(WORST_CASE_BUDGET).toBe(1_000_000);
    const test = readFileSync(path.join(ROOT, 'test', 'worst-case-budget.test.ts'), 'utf8');
    for (const what of ['runAsserts', 'not decided']) expect(test).toContain(what);
    const asserts = Array.from({ length: 8 }, (_, i) => `assert "s${i}" {\n  P1 response within 2h wall under reclassified\n}\n`).join('');
    const checks = runAsserts(compileContract(analyze(`${BASE}\npriority P1 {\n  response 1h on always\n}\n${asserts}`).model), { runs: 4975 });
    expect(checks.map((c) => [c.passed, c.search?.runs, c.code])).toEqual(Array.from({ length: 8 }, () => [true, 4975, undefined]));
  },
  // Each sequence on a round-the-clock calendar with a 1h target costs SEQUENCE_STEPS plus the one
  // day (of one open span) between its filing and its deadline: 201 steps, so 4,975 fit in the run's
  // 1,000,000 and the 4,976th does not (reference, "Event sequences").
  'Event sequences tried by `pledge test` (`under`)': async () => {
    const { WORST_CASE_BUDGET } = await import('../src/time/worst-case.js');
    const { SEQUENCE_STEPS } = await import('../src/time/search.js');
    expect([WORST_CASE_BUDGET, SEQUENCE_STEPS]).toEqual([1_000_000, 200]);
    const runtime = compileContract(analyze(`${BASE}\npriority P1 {\n  response 1h on always\n}\nassert "s" {\n  P1 response within 2h wall under reclassified\n}\n`).model);
    const fit = Math.floor(WORST_CASE_BUDGET / (SEQUENCE_STEPS + 1));
    expect(fit).toBe(4975);
    const [at] = runAsserts(runtime, { runs: fit });
    expect([at!.passed, at!.search, at!.problem, at!.code]).toEqual([true, { runs: 4975, seed: 1, asked: 4975 }, undefined, undefined]);
    const [past] = runAsserts(runtime, { runs: fit + 1 });
    expect([past!.passed, past!.search, past!.code]).toEqual([false, { runs: 4975, seed: 1, asked: 4976, stopped: 'search' }, 'PLG3001']);
    expect(past!.problem).toBe("not decided: tried 4,975 of 4,976 sequences before the assert's budget of 1,000,000 steps ran out (ask fewer with --runs, or split the assert)");
  },
  // A contract with 100 checks runs them all; one with 101 is PLG2162, and called as a library the
  // 101st is not run (test/limits-check.test.ts has the diagnostic at and past the limit).
  'Checks a contract\'s asserts make (one per priority of each assert line: `P0, P1 response within 1h` is two)': () => {
    expect(LIMITS.maxAssertChecks).toBe(100);
    expect(readFileSync(path.join(ROOT, 'test', 'limits-check.test.ts'), 'utf8')).toContain('PLG2162');
    const contract = (n: number) => `${BASE}\npriority P1 {\n  response 1h on always\n}\nassert "many" {\n${'  P1 response within 2h wall\n'.repeat(n)}}\n`;
    const at = runAsserts(compileContract(analyze(contract(100)).model));
    expect(at).toHaveLength(100);
    expect(at.every((c) => c.passed && c.code === undefined)).toBe(true);
    const past = runAsserts(compileContract(analyze(contract(101)).model));
    expect(past.slice(0, 100).every((c) => c.passed)).toBe(true);
    expect([past[100]!.passed, past[100]!.code, past[100]!.problem]).toEqual([false, 'PLG2162', "not checked: the contract's asserts make more than the 100 checks Pledge tests (one per priority of each assert line)"]);
  },
  'Opening ranges on one day of a calendar (the ranges its `hours` lines give one weekday, or one `open` line)': () => {
    expect(LIMITS.maxRangesPerDay).toBe(1000);
    expect(readFileSync(path.join(ROOT, 'test', 'limits-check.test.ts'), 'utf8')).toContain('PLG2160');
  },
  'Calendars per contract': () => {
    expect(LIMITS.maxCalendars).toBe(1000);
    expect(readFileSync(path.join(ROOT, 'test', 'limits-check.test.ts'), 'utf8')).toContain('PLG2161');
  },
  'Tickets a simulation expects (rate × period)': () => {
    expect(SIM_LIMITS.maxExpectedTickets).toBe(20_000_000);
    // 1,000 days of 20,000 tickets a day: exactly the limit; one more a day is past it. The same
    // for every queue order: each fits the documented memory at the limit (bench/README.md,
    // "Simulation at scale"; 1M waiting tickets of each in test/simulate/memory.test.ts).
    for (const queue of [undefined, 'priority preemptive', 'fifo', 'deadline']) {
      const at = load(scenario({ period: '2026-01-01 to 2028-09-26', arrivals: '20000 daily', queue })) as { queue: { discipline: string } };
      expect(at.queue.discipline).toBe(queue?.split(' ')[0] ?? 'priority');
      expect(() => load(scenario({ period: '2026-01-01 to 2028-09-26', arrivals: '20001 daily', queue }))).toThrow(/expects 20,001,000 tickets; a run simulates at most 20,000,000/);
    }
  },
  'Simulated period': () => {
    expect(SIM_LIMITS.maxPeriodDays).toBe(3660);
    expect(() => load(scenario({ period: '2026-01-01 to 2036-01-08', arrivals: '1 daily' }))).not.toThrow();
    expect(() => load(scenario({ period: '2026-01-01 to 2036-01-09', arrivals: '1 daily' }))).toThrow(LoadError);
  },
  'Agents in a simulation': () => {
    expect(SIM_LIMITS.maxAgents).toBe(1_000_000);
    expect(() => load(scenario({ staff: '1000000 on always' }))).not.toThrow();
    expect(() => load(scenario({ staff: '999999 on always, 2 on always' }))).toThrow(/at most 1,000,000 agents/);
  },
  Replications: async () => {
    expect(SIM_LIMITS.maxReplications).toBe(1000);
    const past = await cli(['simulate', 'contracts/realtime-messaging.pledge', '--replications', '1001']);
    expect(past.code).toBe(2);
    expect(past.stderr).toMatch(/--replications/);
    // At the limit the option is accepted: the run then fails only on the scenario given (none named this).
    const at = await cli(['simulate', 'contracts/realtime-messaging.pledge', '--replications', '1000', '--scenario', 'no such scenario']);
    expect(at.stderr).not.toMatch(/--replications/);
  },
  'Rows in a replayed ticket log': async () => {
    // The mechanism at and past a small limit, and the documented value as the default.
    const rows = (n: number) => ['ticket,event,time,priority', ...Array.from({ length: n }, (_, i) => `t${i},filed,2026-03-02T09:00:00Z,P1`)].join('\n');
    const runtime = compileContract(analyze(`${BASE}\npriority P1 {\n  response 4h on always\n}\n`).model);
    expect(replay(runtime, rows(10), { maxRows: 10 }).history.rows).toBe(10);
    expect(() => replay(runtime, rows(11), { maxRows: 10 })).toThrow(/more than 10 rows; replay reads at most 10/);
    const { REPLAY_MAX_ROWS } = await import('../src/simulate/replay.js');
    expect(REPLAY_MAX_ROWS).toBe(5_000_000);
  },
};

describe('the Limits table of the reference', () => {
  it('has a case here for every row', () => {
    const rows = limitRows().map((r) => r[0]!);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.filter((r) => !(r in CASES))).toEqual([]);
    expect(Object.keys(CASES).filter((k) => !rows.includes(k))).toEqual([]);
  });
  for (const [row, run] of Object.entries(CASES)) it(`${row}: at the limit, and one past it`, run, 60_000);
});
