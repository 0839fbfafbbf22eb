/**
 * `assert` blocks, decided over every filing instant in the contract's term. A `wall` bound is
 * checked exactly from the calendar's structure (`worst-case.ts`); an open-time bound compares
 * the target's deadline with the bound's on the same calendar. Each failure carries the instant
 * that breaks it, to replay with `pledge what-if`.
 */
import type * as A from '../ast/nodes.js';
import { LIMITS } from '../syntax/limits.js';
import { DAY_MS, MINUTE_MS } from './calendar.js';
import type { RuntimeContract } from './contract.js';
import { firstLaterWithin, searchBudget, termWindow, WORST_CASE_BUDGET, worstWallWithin, type WorstCase } from './worst-case.js';
import { searchSequences } from './search.js';
import type { EventInput } from './timeline.js';

export interface AssertCheck {
  readonly assert: string;
  readonly statement: A.AssertStmt;
  readonly priority: string;
  readonly clock: string;
  readonly passed: boolean;
  /** What was found: the worst case (wall bounds) or the first counterexample (open-time bounds). */
  readonly worst?: WorstCase;
  /** The bound in ms for wall bounds. */
  readonly boundMs?: number;
  /** Why nothing could be decided (no target, no term, the budget). */
  readonly problem?: string;
  /**
   * PLG3001 when the check's budget of steps left the assert not decided (`problem` says which
   * budget, and how far it got); PLG2162 when the check is past the contract's limit of assert
   * checks and was not run.
   */
  readonly code?: 'PLG3001' | 'PLG2162';
  /** For `under` statements: the events of the counterexample, and how the search ran. */
  readonly events?: readonly EventInput[];
  /**
   * `runs`: sequences tried; `asked`: the `runs` option; `stopped`: the budget ran out during the
   * search (not decided) or while shrinking a counterexample (which then may not be the smallest).
   */
  readonly search?: { readonly runs: number; readonly seed: number; readonly asked?: number; readonly stopped?: 'search' | 'shrinking' };
}

export interface AssertOptions {
  readonly plan?: string;
  /** Seed and size of the event-sequence search (`under`). */
  readonly seed?: number;
  readonly runs?: number;
}

/**
 * Runs every assert of the contract.
 * @example runAsserts(runtime).filter((r) => !r.passed)
 */
export function runAsserts(runtime: RuntimeContract, options: AssertOptions = {}): AssertCheck[] {
  const { plan } = options;
  const out: AssertCheck[] = [];
  const steps = WORST_CASE_BUDGET.toLocaleString('en-US');
  const undecided = `not decided: the search over the term needs more than the budget of ${steps} steps (shorten the term, or split the assert)`;
  const limit = LIMITS.maxAssertChecks;
  let checks = 0;
  for (const decl of runtime.model.asserts) {
    for (const stmt of decl.body) {
      for (const p of stmt.priorities) {
        const base = { assert: decl.title.value, statement: stmt, priority: p.text, clock: stmt.clock.text };
        // A contract's asserts make at most `maxAssertChecks` checks (language reference, "Limits";
        // `pledge check` says PLG2162): past it nothing is searched, so a run costs at most that many budgets.
        if (++checks > limit) {
          out.push({ ...base, passed: false, problem: `not checked: the contract's asserts make more than the ${limit.toLocaleString('en-US')} checks Pledge tests (one per priority of each assert line)`, code: 'PLG2162' });
          continue;
        }
        // Each assert line, for each of its priorities, has a budget of its own (language reference,
        // "Limits"): its answer never depends on how many asserts come before it. One that spends
        // it is not decided (PLG3001) instead of stalling.
        const budget = searchBudget();
        const target = runtime.targets(p.text, plan)?.get(stmt.clock.text);
        const cal = target ? runtime.calendars.get(target.calendar) : undefined;
        if (!target || !cal) {
          out.push({ ...base, passed: false, problem: `\`${p.text}\` has no \`${stmt.clock.text}\` target` });
          continue;
        }
        const window = runtime.model.term ? termWindow(runtime.model.term, cal) : undefined;
        if (!window) {
          out.push({ ...base, passed: false, problem: 'the contract has no term to check over' });
          continue;
        }
        if (stmt.under.length > 0) {
          if (!stmt.wall) {
            out.push({ ...base, passed: false, problem: 'searching event sequences needs a `wall` bound' });
            continue;
          }
          const seed = options.seed ?? 1;
          const asked = options.runs ?? 1000;
          const result = searchSequences(runtime, stmt, p.text, { seed, runs: asked, budget, ...(plan !== undefined ? { plan } : {}) });
          const boundMs = stmt.bound.unit === 'day' ? stmt.bound.amount * DAY_MS : stmt.bound.amount * MINUTE_MS;
          const cx = result.counterexample;
          // Past its budget the search is not decided (language reference, "Limits"), never a stall.
          const problem =
            result.stopped === 'search'
              ? `not decided: tried ${result.runs.toLocaleString('en-US')} of ${asked.toLocaleString('en-US')} sequences before the assert's budget of ${steps} steps ran out (ask fewer with --runs, or split the assert)`
              : result.problem;
          out.push({
            ...base,
            passed: result.passed,
            boundMs,
            search: { runs: result.runs, seed, asked, ...(result.stopped ? { stopped: result.stopped } : {}) },
            ...(problem ? { problem } : {}),
            ...(result.stopped === 'search' ? { code: 'PLG3001' as const } : {}),
            ...(cx ? { worst: { filed: cx.filed, due: cx.due, wall: cx.measured }, events: cx.events } : {}),
          });
        } else if (stmt.wall) {
          const boundMs = stmt.bound.unit === 'day' ? stmt.bound.amount * DAY_MS : stmt.bound.amount * MINUTE_MS;
          const worst = worstWallWithin(cal, target.duration, window[0], window[1], budget);
          if (worst === 'undecided') out.push({ ...base, passed: false, problem: undecided, code: 'PLG3001', boundMs });
          else out.push({ ...base, passed: !worst || worst.wall <= boundMs, ...(worst ? { worst } : {}), boundMs });
        } else {
          const found = firstLaterWithin(cal, target.duration, stmt.bound, window[0], window[1], budget);
          if (found === 'undecided') out.push({ ...base, passed: false, problem: undecided, code: 'PLG3001' });
          else out.push({ ...base, passed: !found, ...(found ? { worst: found } : {}) });
        }
      }
    }
  }
  return out;
}

