import type { Range } from '../ast/nodes.js';
import { CATALOG, type Code } from './catalog.js';

export type Severity = 'error' | 'warning' | 'info';

/** A text edit: replace `range` with `newText`. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** A machine-applicable fix: editors offer it as a quick fix, keyed on the diagnostic's code. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /**
   * True when applying the fix changes what the contract promises (`48h` → `2d` is a different
   * deadline): editors still offer it as a quick fix, but `pledge check --fix` leaves it for a person.
   */
  readonly changesMeaning?: boolean;
}

/** Another place that explains a diagnostic (the first declaration of a duplicate, say). */
export interface RelatedLocation {
  readonly message: string;
  readonly range: Range;
  /** Another file; absent means the diagnostic's own file. */
  readonly file?: string;
}

/**
 * One diagnostic. `code` is stable and never reused (see `catalog.ts`); `message` follows the
 * house style: lowercase, no final period, names from the contract in backticks, one line.
 */
export interface Diagnostic {
  readonly code: Code;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  readonly related?: readonly RelatedLocation[];
  readonly help?: string;
  readonly fix?: Fix;
}

/** Extra fields for {@link diagnostic}. */
export interface DiagnosticExtras {
  readonly related?: readonly RelatedLocation[];
  readonly help?: string;
  readonly fix?: Fix;
  readonly severity?: Severity;
}

/**
 * Builds a diagnostic with the catalog's severity for `code`.
 * @example diagnostic('PLG2001', 'unknown calendar `bussiness`', name.range, { help: 'did you mean `business`?' })
 */
export function diagnostic(code: Code, message: string, range: Range, extras: DiagnosticExtras = {}): Diagnostic {
  const d: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = {
    code,
    severity: extras.severity ?? CATALOG[code].severity,
    message,
    range,
  };
  if (extras.related && extras.related.length > 0) d.related = extras.related;
  if (extras.help !== undefined) d.help = extras.help;
  if (extras.fix !== undefined) d.fix = extras.fix;
  return d;
}

/** Sorts by position, then code, so output is stable whatever order checks ran in. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      a.range.start.offset - b.range.start.offset ||
      a.range.end.offset - b.range.end.offset ||
      a.code.localeCompare(b.code) ||
      a.message.localeCompare(b.message),
  );
}

/** A range covering the whole first character of a file, for file-level problems. */
export const FILE_START: Range = {
  start: { line: 1, column: 1, offset: 0 },
  end: { line: 1, column: 1, offset: 0 },
};
