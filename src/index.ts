/**
 * Pledge as a library: the one composition root that the CLI, the tests and the playground call.
 *
 *   text ──parse──▶ AST ──check──▶ model + diagnostics ──▶ (time engine, simulator, reports)
 */
import type * as A from './ast/nodes.js';
import { checkWith, type CheckOptions } from './check/checker.js';
import type { Model } from './check/model.js';
import { RULES } from './check/rules/index.js';
import { sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';
import { printContract } from './format/format.js';
import { parse } from './syntax/parse.js';

export interface Analysis {
  readonly text: string;
  readonly ast: A.Contract;
  readonly comments: readonly A.Comment[];
  readonly model: Model;
  /** Syntax and checker diagnostics together, sorted by position. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Parses and checks one contract. Never throws on any input.
 * @example analyze(fs.readFileSync('contracts/realtime-messaging.pledge', 'utf8')).diagnostics
 */
export function analyze(text: string, options: CheckOptions = {}): Analysis {
  const parsed = parse(text);
  const checked = checkWith(RULES, parsed.ast, options);
  return {
    text,
    ast: parsed.ast,
    comments: parsed.comments,
    model: checked.model,
    diagnostics: sortDiagnostics([...parsed.diagnostics, ...checked.diagnostics]),
  };
}

export interface FormatResult {
  /** The formatted text, or undefined when the input has syntax errors (nothing is rewritten). */
  readonly output?: string;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Formats contract source. Text with syntax errors is not formatted: its errors come back instead.
 * @example formatSource('clock r{starts filed stops first_reply}').output
 */
export function formatSource(text: string): FormatResult {
  const parsed = parse(text);
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: parsed.diagnostics };
  return { output: printContract(parsed.ast, parsed.comments), diagnostics: parsed.diagnostics };
}

export { parse } from './syntax/parse.js';
export type { ParseResult } from './syntax/parse.js';
export { printContract } from './format/format.js';
export { shape, sameShape } from './ast/shape.js';
export { CATALOG, ALL_CODES, type Code } from './diagnostics/catalog.js';
export type { Diagnostic, Severity, Fix, TextEdit, RelatedLocation } from './diagnostics/diagnostic.js';
export type * as Ast from './ast/nodes.js';
export type { Model } from './check/model.js';
export { LIMITS } from './syntax/limits.js';
