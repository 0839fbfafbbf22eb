/**
 * `assert` blocks, decided over every filing instant in the contract's term. A `wall` bound is
 * checked exactly from the calendar's structure (`worst-case.ts`); an open-time bound compares
 * the target's deadline with the bound's on the same calendar. Each failure carries the instant
 * that breaks it, to replay with `pledge what-if`.
 */
import type * as A from '../ast/nodes.js';
import { DAY_MS, MINUTE_MS } from './calendar.js';
import type { RuntimeContract } from './contract.js';
import { firstLater, termWindow, worstWall, type WorstCase } from './worst-case.js';

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
  /** Why nothing could be decided (no target, no term). */
  readonly problem?: string;
}

/**
 * Runs every assert of the contract.
 * @example runAsserts(runtime).filter((r) => !r.passed)
 */
export function runAsserts(runtime: RuntimeContract, plan?: string): AssertCheck[] {
  const out: AssertCheck[] = [];
  for (const decl of runtime.model.asserts) {
    for (const stmt of decl.body) {
      for (const p of stmt.priorities) {
        const base = { assert: decl.title.value, statement: stmt, priority: p.text, clock: stmt.clock.text };
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
        if (stmt.wall) {
          const boundMs = stmt.bound.unit === 'day' ? stmt.bound.amount * DAY_MS : stmt.bound.amount * MINUTE_MS;
          const worst = worstWall(cal, target.duration, window[0], window[1]);
          out.push({ ...base, passed: !worst || worst.wall <= boundMs, ...(worst ? { worst } : {}), boundMs });
        } else {
          const found = firstLater(cal, target.duration, stmt.bound, window[0], window[1]);
          out.push({ ...base, passed: !found, ...(found ? { worst: found } : {}) });
        }
      }
    }
  }
  return out;
}

