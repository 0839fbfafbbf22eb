/**
 * The checker: rules registered per node kind, each tagged `fast` (cheap enough for every
 * keystroke in the editor) or `slow` (walks the term day by day, loads holiday data).
 */
import type * as A from '../ast/nodes.js';
import { walk } from '../ast/walk.js';
import type { Code } from '../diagnostics/catalog.js';
import { diagnostic, sortDiagnostics, type Diagnostic, type DiagnosticExtras } from '../diagnostics/diagnostic.js';
import { buildModel, type Model } from './model.js';
import { compileContract, type RuntimeContract } from '../time/contract.js';

export type Speed = 'fast' | 'slow';

export interface CheckContext {
  readonly model: Model;
  /** The time engine's view of the contract, for slow rules; undefined in a fast run. */
  readonly runtime?: () => RuntimeContract;
  report(code: Code, message: string, range: A.Range, extras?: DiagnosticExtras): void;
}

type NodeOf<K extends A.NodeKind> = Extract<A.Node, { kind: K }>;

/** A check of one node kind. `Contract` rules see the whole model once. */
export interface Rule<K extends A.NodeKind = A.NodeKind> {
  /** The codes this rule can report, for the docs and for tests that every code has a fixture. */
  readonly codes: readonly Code[];
  readonly kind: K;
  readonly speed: Speed;
  // A method (not a function property) so a Rule<'Target'> fits in a Rule[] list.
  run(node: NodeOf<K>, ctx: CheckContext): void;
}

/** Declares a rule with its node type inferred from `kind`. */
export function rule<K extends A.NodeKind>(r: Rule<K>): Rule<K> {
  return r;
}

export interface CheckOptions {
  /** `fast` runs only the rules cheap enough for every keystroke; default `all`. */
  readonly speed?: 'fast' | 'all';
}

export interface CheckResult {
  readonly model: Model;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Runs `rules` over `ast`.
 * @example checkWith(RULES, parse(text).ast).diagnostics
 */
export function checkWith(rules: readonly Rule[], ast: A.Contract, options: CheckOptions = {}): CheckResult {
  const model = buildModel(ast);
  const active = rules.filter((r) => options.speed !== 'fast' || r.speed === 'fast');
  const byKind = new Map<A.NodeKind, Rule[]>();
  for (const r of active) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r]);

  const found: Diagnostic[] = [];
  const seen = new Set<string>();
  let runtime: RuntimeContract | undefined;
  const ctx: CheckContext = {
    model,
    ...(options.speed === 'fast' ? {} : { runtime: () => (runtime ??= compileContract(model)) }),
    report(code, message, range, extras) {
      const key = `${code}:${range.start.offset}:${range.end.offset}:${message}`;
      if (seen.has(key)) return;
      seen.add(key);
      found.push(diagnostic(code, message, range, extras));
    },
  };
  walk(ast, (node) => {
    for (const r of byKind.get(node.kind) ?? []) (r.run as (n: A.Node, c: CheckContext) => void)(node, ctx);
  });
  return { model, diagnostics: sortDiagnostics(found) };
}
