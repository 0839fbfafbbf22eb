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
import { applyFixes } from './diagnostics/fix.js';
import { reportedDiagnostics, type SuppressedDiagnostic } from './diagnostics/suppress.js';
import { printContract } from './format/format.js';
import { parse } from './syntax/parse.js';

export interface Analysis {
  readonly text: string;
  readonly ast: A.Contract;
  readonly comments: readonly A.Comment[];
  readonly model: Model;
  /** Syntax and checker diagnostics together, sorted by position, without the suppressed ones. */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Warnings and infos that a `// pledge-disable-next-line CODE -- reason` or
   * `// pledge-disable-file CODE -- reason` comment accepted, each with its reason (SARIF lists them
   * as suppressed). See the language reference, "Suppressing a finding".
   */
  readonly suppressed: readonly SuppressedDiagnostic[];
}

/**
 * Parses and checks one contract. Never throws on any input.
 * @example analyze(fs.readFileSync('contracts/realtime-messaging.pledge', 'utf8')).diagnostics
 */
export function analyze(text: string, options: CheckOptions = {}): Analysis {
  const parsed = parse(text);
  const checked = checkWith(RULES, parsed.ast, options);
  // While the text has syntax errors, only they are reported: the checker sees a partial tree (a
  // misspelt `calender` loses the whole calendar), so its findings would mostly repeat the syntax
  // error as "unknown calendar", "no zone" and the like (reference, "Diagnostics and exit codes").
  const { diagnostics, suppressed } = reportedDiagnostics(parsed.diagnostics, checked.diagnostics, parsed.comments);
  return {
    text,
    ast: parsed.ast,
    comments: parsed.comments,
    model: checked.model,
    diagnostics,
    suppressed,
  };
}

export interface FixResult {
  /** The text with every machine-applicable fix applied (equal to the input when none applied). */
  readonly output: string;
  /** The diagnostics that were fixed, pass by pass, as reported on the text each pass started from. */
  readonly fixed: readonly Diagnostic[];
  /** The analysis of the output: what is left to fix by hand. */
  readonly remaining: Analysis;
}

/**
 * Applies every machine-applicable fix (`pledge check --fix`), re-checking after each pass so fixes
 * that overlapped get their turn, for at most 10 passes. Suppressed findings are not fixed.
 * @example fixSource('...response 24h on business...').output
 */
export function fixSource(text: string, options: CheckOptions = {}): FixResult {
  const fixed: Diagnostic[] = [];
  let current = analyze(text, options);
  for (let pass = 0; pass < 10; pass++) {
    const step = applyFixes(current.text, current.diagnostics);
    if (step.applied.length === 0 || step.text === current.text) break;
    fixed.push(...step.applied);
    current = analyze(step.text, options);
  }
  return { output: current.text, fixed, remaining: current };
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

export type { CheckOptions } from './check/checker.js';
export { parse } from './syntax/parse.js';
export type { ParseResult } from './syntax/parse.js';
export { printContract } from './format/format.js';
export { shape, sameShape } from './ast/shape.js';
export { CATALOG, ALL_CODES, type Code } from './diagnostics/catalog.js';
export type { Diagnostic, Severity, Fix, TextEdit, RelatedLocation } from './diagnostics/diagnostic.js';
export { applySuppressions, type SuppressedDiagnostic, type SuppressionResult } from './diagnostics/suppress.js';
export { applyFixes, type FixPass } from './diagnostics/fix.js';
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
export { filedOutsideTerm, localTimeNotice, termBounds, timeline, type EventInput, type TimelineNotice } from './time/timeline.js';

/** `pledge what-if --json`'s document ({@link WhatIfJson}) and its text rendering. */
export { whatIfJson, whatIfText, type WhatIfJson } from './report/what-if.js';

/** A calendar's open and closed days with their reasons (`pledge calendar --json`), and its text. */
export { calendarDays, calendarText, type CalendarDayJson } from './report/calendar.js';
export type { CompiledCalendar } from './time/calendar.js';

/**
 * A calendar's closures and make-up working days (optionally its open spans) as an RFC 5545
 * iCalendar object (`pledge calendar --format ics`), with the TEXT escaping and line folding it uses.
 */
export { calendarIcs, escapeText as icsEscapeText, foldLine as icsFoldLine, ICS_CATEGORY, type CalendarIcsOptions } from './export/ics.js';

/** Runs a contract's `assert` scenarios (`pledge test`); `testJson` is the `--json` document. */
export { runAsserts } from './time/asserts.js';
export { testJson, type TestJson } from './report/test.js';

/** Plays a scenario against a compiled contract (`pledge simulate`): one seeded replication. */
export { simulate, simulateLoad } from './simulate/simulate.js';
export type { SimulationReport } from './simulate/report.js';

/**
 * Runs a real ticket history (CSV rows) through a compiled contract (`pledge replay`): `replay`
 * over a string, `replayStream` over a file of up to 5,000,000 rows with memory bounded by the
 * tickets open at once; `perTicketLine` is one ticket's line of the text report.
 */
export { replay, replayStream, type ReplayStreamOptions } from './simulate/replay-stream.js';
export { ReplayError, recordReport, type Column, type ReplayLocalTime, type ReplayReport, type ReplayTicketRecord, type ReplayTicketReport, type RowCode, type SkipReason } from './simulate/replay.js';
export { perTicketLine, perTicketText, replayText, skippedLine } from './report/simulate.js';

/** Renders a contract as readable terms, Markdown or printable HTML (`pledge render`). */
export { renderContract } from './render/render.js';

/**
 * `pledge render` in two steps, for a caller that also wants what the terms approximate: the
 * computed terms, their rendering, and their PLG3020 notices (a real time from the weekly hours).
 * @example const terms = buildTerms(runtime); renderTerms(terms, 'md', 'en'); renderNotices(terms)
 */
export { buildTerms, renderNotices, renderTerms, type RenderNotice, type Terms } from './render/render.js';

/** Compares two analysed contracts by meaning: each changed obligation and whom it favours (`pledge diff`). */
export { diffContracts } from './diff/diff.js';

// ─── For the playground's Terms and Compare panels (issue 18): `pledge render` and `pledge diff` in full. ───

/**
 * The languages `renderContract` writes terms in (`en`, `zh`), and its formats (`md`, `html`);
 * their types are `(typeof LANGS)[number]` and `(typeof RENDER_FORMATS)[number]`.
 * @example renderContract(runtime, 'html', LANGS[1])
 */
export { LANGS, RENDER_FORMATS } from './render/render.js';

/**
 * One version of a contract for {@link diffContracts}: its model, compiled only when it has no errors.
 * @example diffContracts(diffSide(analyze(a).model, false), diffSide(analyze(b).model, false))
 */
export { diffSide, type DiffSide } from './diff/diff.js';

/**
 * A diff as `pledge diff` prints it: `diffText` in words, `diffJson` the `--json` document
 * (each change with its area, whom it favours and its old and new lines).
 * @example diffText('old.pledge', 'new.pledge', diffContracts(oldSide, newSide))
 */
export { diffJson, diffText, type DiffJson } from './report/diff.js';

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
export { isoInstant, localTimeNote, parseInstant } from './time/instant-format.js';

/** The commented starter contract `pledge init` writes; it checks with no diagnostics. */
export { STARTER_CONTRACT } from './api/starter.js';

/**
 * The language service (issue 17): editor features as plain functions over a contract's text —
 * diagnostics, hover, completion, definition, references, rename, code actions, formatting,
 * outline, folding, semantic tokens and inlay hints. `pledge lsp` and the playground call it.
 * @example hover(documentOf(text), { line: 12, column: 14 })?.lines
 */
export * as languageService from './service/index.js';

// ---- The rest of what the CLI computes (issue 15: src/cli imports only this file). ----

/**
 * Severity totals over file reports (`errors`, `warnings`, ...), as `pledge check` sums them for
 * its exit code; `toJsonReport` is the `check --json` document as a value.
 * @example countSeverities([{ file: 'a.pledge', source: text, diagnostics: analyze(text).diagnostics }]).errors
 */
export { countSeverities, sanitize } from './diagnostics/source-lines.js';
export { toJsonReport } from './diagnostics/render-json.js';

/**
 * Builds a {@link Diagnostic} from a catalog code, a message and a range; `FILE_START` is the
 * range of a file's first character (for problems about a file as a whole).
 * @example diagnostic('PLG1001', 'cannot read file', FILE_START)
 */
export { diagnostic, FILE_START } from './diagnostics/diagnostic.js';

/** "Did you mean" — the closest candidate to a misspelled name, or `undefined` if none is close. */
export { didYouMean } from './check/suggest.js';

/** The ticket events a `what-if` or `assert` timeline can hold, and a calendar's time zone. */
export { TICKET_EVENTS, calendarZone, type TicketEvent } from './check/model.js';

/** The types of `pledge render`'s languages and formats. */
export { type Lang, type RenderFormat } from './render/render.js';

/** Text styling for the reports: `PLAIN` (no colour) or your own red/green/dim/bold functions. */
export { PLAIN, type TextStyle } from './report/what-if.js';
export { testText } from './report/test.js';

/** Simulation reports as text and HTML, replication summaries and sweeps (`pledge simulate`, `pledge replay`). */
export { reportHtml } from './report/simulate-html.js';
export { simulationText, summaryText, sweep, sweepText, updateLine } from './report/simulate.js';
export type { UpdateRow } from './simulate/report.js';
export { summarize } from './simulate/summary.js';
export { compileLoad, LoadError, SIM_LIMITS } from './simulate/load.js';
export { runJobs, type Job } from './simulate/parallel.js';
export { EVENT_LOG_COLUMNS, EVENT_LOG_HEADER, eventLogRows, isoFormatter } from './simulate/event-log.js';

/**
 * Starts the language server on stdio (`pledge lsp`). Loaded on demand, so importing the library
 * does not load the LSP protocol packages.
 */
export async function startLanguageServer(options: import('./lsp/server.js').ServerOptions = {}): Promise<ReturnType<typeof import('./lsp/server.js').startServer>> {
  const { startServer } = await import('./lsp/server.js');
  return startServer(options);
}

// ---- `pledge export` and `pledge drift` (issue 16): help-desk configuration from the contract. ----

/**
 * Exports a checked contract to a help desk's configuration files (`pledge export --to TARGET`),
 * with a warning for everything the target cannot express; `exportTargets` lists the targets and
 * `registerTarget` adds one. See src/export/README.md for each mapping and its documentation.
 * @example exportContract('zendesk', { analysis, runtime: compileContract(analysis.model), file: 'a.pledge' }).files
 */
export { exportContract, exportTargets, exportTarget, registerTarget, warningText } from './export/registry.js';
export type { ExportTarget, ExportInput, ExportResult, ExportFile, ExportWarning, ExportCode } from './export/types.js';

/**
 * Compares a help desk's live configuration (its API JSON, saved by the user) with the contract by
 * meaning (`pledge drift`); `driftText` prints it as `pledge diff` words its changes.
 * @example driftContract('zendesk', input, [{ path: 'sla_policies.json', text }]).differs
 */
export { driftContract } from './export/registry.js';
export { driftText, DriftInputError, type DriftReport, type DriftChange, type DriftFile } from './export/drift.js';

/** `stricter for the provider, better for the customer`: the direction words of `pledge diff`. */
export { directionText } from './report/diff.js';
