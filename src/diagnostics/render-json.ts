/**
 * The JSON renderer (`--format json`): one document on stdout, stable key order, 1-based
 * lines and columns with exclusive ends, and no offsets (they are an implementation detail).
 *
 *   {"files":[{"file":"a.pledge","diagnostics":[{"code":"PLG1003","severity":"error",
 *     "message":"…","range":{"start":{"line":1,"column":13},"end":{"line":1,"column":13}}}]}],
 *    "errors":1,"warnings":0}
 */
import type { Range } from '../ast/nodes.js';
import type { Diagnostic } from './diagnostic.js';
import { countSeverities, type FileReport } from './source-lines.js';

export interface JsonRange {
  readonly start: { readonly line: number; readonly column: number };
  readonly end: { readonly line: number; readonly column: number };
}

export interface JsonDiagnostic {
  readonly code: string;
  readonly severity: Diagnostic['severity'];
  readonly message: string;
  readonly range: JsonRange;
  readonly help?: string;
  readonly related?: readonly { readonly file: string; readonly range: JsonRange; readonly message: string }[];
  readonly fix?: { readonly title: string; readonly edits: readonly { readonly range: JsonRange; readonly newText: string }[]; readonly changesMeaning?: true };
}

/** A suppressed finding in `--format json`: the diagnostic with the comment's reason. */
export interface JsonSuppressed extends JsonDiagnostic {
  readonly suppression: { readonly justification: string; readonly range: JsonRange };
}

/** The document `--format json` prints; `errors` and `warnings` are totals (info counts in neither). */
export interface JsonReport {
  readonly files: readonly { readonly file: string; readonly diagnostics: readonly JsonDiagnostic[]; readonly suppressed?: readonly JsonSuppressed[] }[];
  readonly errors: number;
  readonly warnings: number;
}

const jsonRange = (r: Range): JsonRange => ({
  start: { line: r.start.line, column: r.start.column },
  end: { line: r.end.line, column: r.end.column },
});

function jsonDiagnostic(file: string, d: Diagnostic): JsonDiagnostic {
  const out: { -readonly [K in keyof JsonDiagnostic]: JsonDiagnostic[K] } = {
    code: d.code,
    severity: d.severity,
    message: d.message,
    range: jsonRange(d.range),
  };
  if (d.help !== undefined) out.help = d.help;
  if (d.related && d.related.length > 0) {
    out.related = d.related.map((r) => ({ file: r.file ?? file, range: jsonRange(r.range), message: r.message }));
  }
  if (d.fix) {
    out.fix = { title: d.fix.title, edits: d.fix.edits.map((e) => ({ range: jsonRange(e.range), newText: e.newText })), ...(d.fix.changesMeaning ? { changesMeaning: true as const } : {}) };
  }
  return out;
}

/**
 * The JSON document as a value; every file is listed, even one with no diagnostics.
 * @example toJsonReport(reports).errors
 */
export function toJsonReport(reports: readonly FileReport[]): JsonReport {
  const { errors, warnings } = countSeverities(reports);
  return {
    files: reports.map((r) => ({
      file: r.file,
      diagnostics: r.diagnostics.map((d) => jsonDiagnostic(r.file, d)),
      ...(r.suppressed && r.suppressed.length > 0
        ? { suppressed: r.suppressed.map((d) => ({ ...jsonDiagnostic(r.file, d), suppression: { justification: d.suppression.justification, range: jsonRange(d.suppression.range) } })) }
        : {}),
    })),
    errors,
    warnings,
  };
}

/** The JSON document as text, one line plus a newline. */
export function renderJson(reports: readonly FileReport[]): string {
  return `${JSON.stringify(toJsonReport(reports))}\n`;
}
