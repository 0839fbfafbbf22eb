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

// ─── The rest of the public surface (issue 15): every result a command prints is a value first. ───
// Thin re-exports of the modules that compute it, so internals stay where they are; the shapes
// returned are the ones `--json` prints.

/**
 * Compiles a checked contract (the `model` of {@link analyze}) into the runtime form the time
 * engine, what-if and the simulator run on. Only call it on an analysis without errors.
 * @example const runtime = compileContract(analysis.ast, analysis.model)
 */
export { compileContract, type RuntimeContract } from './time/contract.js';

/**
 * A ticket's timeline: when each clock is due, pauses, escalations, breaches and credits, for a
 * priority filed at an instant with later events (what `pledge what-if` computes).
 */
export { timeline, type EventInput } from './time/timeline.js';

/** `pledge what-if --json`'s document ({@link WhatIfJson}) and its text rendering. */
export { whatIfJson, whatIfText, type WhatIfJson } from './report/what-if.js';

/** A calendar's open and closed days with their reasons (`pledge calendar --json`), and its text. */
export { calendarDays, calendarText, type CalendarDayJson } from './report/calendar.js';

/** Runs a contract's `assert` scenarios (`pledge test`); `testJson` is the `--json` document. */
export { runAsserts } from './time/asserts.js';
export { testJson, type TestJson } from './report/test.js';

/** Plays a scenario against a compiled contract (`pledge simulate`): one seeded replication. */
export { simulate, simulateLoad } from './simulate/simulate.js';
export type { SimulationReport } from './simulate/report.js';

/** Runs a real ticket history (CSV rows) through a compiled contract (`pledge replay`). */
export { replay } from './simulate/replay.js';

/** Renders a contract as readable terms, Markdown or printable HTML (`pledge render`). */
export { renderContract } from './render/render.js';

/** Compares two analysed contracts by meaning: each changed obligation and whom it favours (`pledge diff`). */
export { diffContracts } from './diff/diff.js';

/**
 * The diagnostic renderers behind `pledge check --format human|json|sarif|github`; each takes
 * one {@link FileReport} per file.
 */
export { renderHuman } from './diagnostics/render-human.js';
export { renderJson } from './diagnostics/render-json.js';
export { renderSarif } from './diagnostics/render-sarif.js';
export { renderGithub } from './diagnostics/render-github.js';
export type { FileReport } from './diagnostics/source-lines.js';

/** Instants as Pledge prints and reads them: ISO 8601 with the offset. */
export { isoInstant, parseInstant } from './time/instant-format.js';

/** The commented starter contract `pledge init` writes; it checks with no diagnostics. */
export { STARTER_CONTRACT } from './api/starter.js';
