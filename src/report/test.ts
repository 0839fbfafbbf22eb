/**
 * `pledge test` results as JSON and as text; a failure prints the what-if command that replays it.
 */
import type { AssertCheck } from '../time/asserts.js';
import { humanDuration, humanInstant, isoDuration, isoInstant } from './time-format.js';
import { PLAIN, type TextStyle } from './what-if.js';

export interface TestJson {
  readonly file: string;
  readonly passed: number;
  readonly failed: number;
  readonly asserts: readonly {
    assert: string;
    statement: string;
    priority: string;
    clock: string;
    passed: boolean;
    line: number;
    worst?: { filed: string; due: string; wall: string };
    search?: { runs: number; seed: number; asked?: number; stopped?: 'search' | 'shrinking' };
    events?: { event: string; at: string; priority?: string }[];
    bound?: string;
    problem?: string;
    /** PLG3001: not decided within the assert's budget of steps; PLG2162: past the limit of assert checks, not run. */
    code?: string;
    replay?: string;
  }[];
}

function statementText(c: AssertCheck): string {
  const s = c.statement;
  const under = s.under.length ? ` under ${s.under.map((n) => n.text).join(', ')}` : '';
  return `${c.priority} ${s.clock.text} within ${s.bound.text}${s.wall ? ' wall' : ''}${s.excludingPauses ? ' excluding pauses' : ''}${under}`;
}

/** The `pledge what-if` command line that replays a check's worst case. */
export function replayCommand(file: string, c: AssertCheck, zone: string): string | undefined {
  if (!c.worst) return undefined;
  const events = (c.events ?? []).map((e) => ` --event ${e.event}${e.priority ? `:${e.priority}` : ''}@${isoInstant(e.at, zone)}`).join('');
  return `pledge what-if ${file} --priority ${c.priority} --filed ${isoInstant(c.worst.filed, zone)}${events}`;
}

export function testJson(file: string, checks: readonly AssertCheck[], zone: string): TestJson {
  return {
    file,
    passed: checks.filter((c) => c.passed).length,
    failed: checks.filter((c) => !c.passed).length,
    asserts: checks.map((c) => {
      const replay = c.passed ? undefined : replayCommand(file, c, zone);
      return {
        assert: c.assert,
        statement: statementText(c),
        priority: c.priority,
        clock: c.clock,
        passed: c.passed,
        line: c.statement.range.start.line,
        ...(c.worst ? { worst: { filed: isoInstant(c.worst.filed, zone), due: isoInstant(c.worst.due, zone), wall: isoDuration(c.worst.wall) } } : {}),
        ...(c.boundMs !== undefined ? { bound: isoDuration(c.boundMs) } : {}),
        ...(c.problem ? { problem: c.problem } : {}),
        ...(c.code ? { code: c.code } : {}),
        ...(c.search ? { search: c.search } : {}),
        ...(c.events ? { events: c.events.map((e) => ({ event: e.event, at: isoInstant(e.at, zone), ...(e.priority ? { priority: e.priority } : {}) })) } : {}),
        ...(replay ? { replay } : {}),
      };
    }),
  };
}

export function testText(file: string, checks: readonly AssertCheck[], zone: string, style: TextStyle = PLAIN): string {
  const out: string[] = [];
  let current = '';
  for (const c of checks) {
    if (c.assert !== current) {
      current = c.assert;
      const ok = checks.filter((x) => x.assert === current).every((x) => x.passed);
      out.push(`${ok ? style.green('✓') : style.red('✗')} ${current}`);
    }
    const where = `${file}:${c.statement.range.start.line}`;
    if (c.problem) {
      out.push(`    ${statementText(c)}: ${style.red(`${c.code ? `error ${c.code}: ` : ''}${c.problem}`)} (${where})`);
      continue;
    }
    const searched = c.search ? `searched ${c.search.runs} sequences (seed ${c.search.seed})${c.search.stopped === 'shrinking' ? ', shrinking stopped by the assert\'s budget of steps' : ''}: ` : '';
    const worst = c.search
      ? c.worst
        ? `${searched}counterexample takes ${humanDuration(c.worst.wall)}${c.statement.excludingPauses ? ' not counting pauses' : ''}, filed ${humanInstant(c.worst.filed, zone)} with ${c.events?.length ?? 0} event(s)`
        : `${searched}no counterexample`
      : c.worst
      ? c.statement.wall
        ? `worst case ${humanDuration(c.worst.wall)} of real time, filed ${humanInstant(c.worst.filed, zone)}, due ${humanInstant(c.worst.due, zone)}`
        : `filed ${humanInstant(c.worst.filed, zone)} is due ${humanInstant(c.worst.due, zone)}, later than the bound allows`
      : 'holds for every filing instant';
    out.push(`    ${statementText(c)}: ${c.passed ? worst : style.red(worst)} (${where})`);
    const replay = c.passed ? undefined : replayCommand(file, c, zone);
    if (replay) out.push(style.dim(`      replay: ${replay}`));
  }
  const failed = checks.filter((c) => !c.passed).length;
  if (checks.length === 0) out.push('no asserts in this contract');
  out.push(`${checks.length - failed} passed, ${failed} failed`);
  return out.join('\n') + '\n';
}
