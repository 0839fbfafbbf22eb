/**
 * A contract ready for the time engine: compiled calendars and, per plan, the targets in force.
 */
import type * as A from '../ast/nodes.js';
import type { Model } from '../check/model.js';
import { compileCalendar, type CompiledCalendar, type CompileOptions } from './calendar.js';

/** A target in force: a duration on a calendar, with the statement it came from. */
export interface EffectiveTarget {
  readonly clock: string;
  readonly duration: A.DurationLit;
  readonly calendar: string;
  readonly source: A.TargetStmt;
}

export interface RuntimeContract {
  readonly model: Model;
  readonly calendars: ReadonlyMap<string, CompiledCalendar>;
  /** The targets of a priority under a plan (no plan: the contract's own), or undefined if not offered. */
  readonly targets: TargetTable;
  /** The monthly fee, for credits (a yearly fee is divided by 12, a quarterly one by 3). */
  readonly monthlyFee?: { readonly amount: number; readonly currency: string };
}

function targetsOf(body: readonly A.PriorityStmt[]): Map<string, EffectiveTarget> {
  const out = new Map<string, EffectiveTarget>();
  for (const s of body) {
    if (s.kind === 'Target' && !out.has(s.clock.text)) out.set(s.clock.text, { clock: s.clock.text, duration: s.duration, calendar: s.calendar.text, source: s });
  }
  return out;
}

/** The targets of a priority under a plan (no plan: the contract's own), or undefined if not offered. */
export type TargetTable = (priority: string, plan?: string) => ReadonlyMap<string, EffectiveTarget> | undefined;

/**
 * Resolves plans without compiling calendars: `covers` and overrides, following `extends`.
 * Total on any model (a cycle or an unknown parent falls back to the contract's own targets).
 * @example resolveTargets(analyze(text).model)('P1', 'premium')?.get('response')
 */
export function resolveTargets(model: Model): TargetTable {
  const base = new Map(model.priorities.map((p) => [p.name, targetsOf(p.decl.body)]));
  const planCache = new Map<string, Map<string, Map<string, EffectiveTarget>>>();
  const planTargets = (plan: string, seen: Set<string>): Map<string, Map<string, EffectiveTarget>> => {
    const hit = planCache.get(plan);
    if (hit) return hit;
    const decl = model.plans.get(plan)?.decl;
    if (!decl || seen.has(plan)) return base;
    seen.add(plan);
    const parent = decl.parent ? planTargets(decl.parent.text, seen) : base;
    const covers = decl.body.find((s): s is A.CoversStmt => s.kind === 'Covers');
    // `covers` picks from the contract's own levels; a level the parent lacks comes back with its base targets.
    const levels = covers ? covers.priorities.map((p) => p.text) : [...parent.keys()];
    const result = new Map<string, Map<string, EffectiveTarget>>();
    for (const level of levels) {
      const from = parent.get(level) ?? base.get(level);
      if (from) result.set(level, new Map(from));
    }
    for (const s of decl.body) {
      if (s.kind !== 'PriorityOverride') continue;
      const current = result.get(s.name.text);
      if (!current) continue;
      for (const [clock, t] of targetsOf(s.body)) current.set(clock, t);
    }
    planCache.set(plan, result);
    return result;
  };
  return (priority, plan) => (plan === undefined ? base : planTargets(plan, new Set())).get(priority);
}

/**
 * Compiles every calendar of a checked model and resolves plans.
 * @example compileContract(analyze(text).model).targets('P2')?.get('response')
 */
export function compileContract(model: Model, options: CompileOptions = {}): RuntimeContract {
  const calendars = new Map<string, CompiledCalendar>();
  for (const [name, decl] of model.calendars) calendars.set(name, compileCalendar(decl, model.holidayFiles.size ? { files: model.holidayFiles, ...options } : options));

  const fee = model.fee;
  const divisor = fee ? { daily: 1 / 30, weekly: 7 / 30, monthly: 1, quarterly: 3, yearly: 12 }[fee.period] : 1;
  return {
    model,
    calendars,
    targets: resolveTargets(model),
    ...(fee ? { monthlyFee: { amount: fee.amount.value / divisor, currency: fee.currency.text } } : {}),
  };
}
