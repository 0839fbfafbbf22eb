/**
 * What every renderer takes (`FileReport`), plus the small text helpers the human renderer needs
 * to show a source line with a span underlined. Pure: no Node APIs, so the playground can bundle it.
 */
import type { Position } from '../ast/nodes.js';
import type { Diagnostic } from './diagnostic.js';
import type { SuppressedDiagnostic } from './suppress.js';
import { eastAsianWidth } from 'get-east-asian-width';

/** One checked file: the renderers' common input. */
export interface FileReport {
  /** The path as shown to the user (relative to the working directory, forward slashes). */
  readonly file: string;
  /** The decoded source, when it could be read; excerpts are shown only when present. */
  readonly text?: string;
  readonly diagnostics: readonly Diagnostic[];
  /** Findings a suppression comment accepted: counted nowhere, listed as suppressed in SARIF and JSON. */
  readonly suppressed?: readonly SuppressedDiagnostic[];
}

export interface SeverityCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

/**
 * Totals over all files.
 * @example countSeverities(reports).errors > 0
 */
export function countSeverities(reports: readonly FileReport[]): SeverityCounts {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const report of reports) {
    for (const d of report.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      else infos++;
    }
  }
  return { errors, warnings, infos };
}

/** The line holding `position`, without its line break, and where it starts in the text. */
export interface SourceLine {
  readonly text: string;
  readonly startOffset: number;
}

const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r';

/**
 * The line that contains `position` (found from its offset, so a file at the size limit costs one line's
 * scan, not a split). Line breaks are `\n`, `\r\n` and `\r`, as in the lexer.
 * @example lineAt('a\nbc', { line: 2, column: 2, offset: 3 }) // { text: 'bc', startOffset: 2 }
 */
export function lineAt(text: string, position: Position): SourceLine {
  const offset = Math.max(0, Math.min(position.offset, text.length));
  let start = offset;
  while (start > 0 && !isBreak(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && !isBreak(text[end])) end++;
  return { text: text.slice(start, end), startOffset: start };
}

/** Tab stops every 4 columns, in excerpts and underlines alike. */
export const TAB_WIDTH = 4;

/**
 * Terminal columns taken by one code point: 0 for combining marks and zero-width characters, else
 * what Unicode's East Asian Width data says (2 for CJK, Hangul, fullwidth forms and wide emoji).
 * It only has to keep `^` under the right characters.
 */
export function charWidth(codePoint: number): number {
  if (codePoint === 0x200b || codePoint === 0x200c || codePoint === 0x200d || codePoint === 0xfeff) return 0;
  if ((codePoint >= 0x0300 && codePoint <= 0x036f) || (codePoint >= 0xfe00 && codePoint <= 0xfe0f)) return 0;
  return eastAsianWidth(codePoint);
}

/** C0 and C1 control characters (other than tab): shown as U+FFFD so a file cannot drive the terminal. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

/**
 * Makes text safe to print on a terminal: control characters (escape sequences included) become
 * `�`. Tabs are kept; {@link expandTabs} handles them.
 */
export function sanitize(text: string): string {
  return text.replace(CONTROL, '\uFFFD');
}

export interface Excerpt {
  /** The line as displayed: tabs expanded, control characters replaced, long lines cut with `…`. */
  readonly line: string;
  /** Spaces then carets, aligned under the span in `line`. */
  readonly underline: string;
}

/** Longest excerpt shown, in characters; a 1 MB one-line file must not print 1 MB per error. */
const MAX_EXCERPT = 120;
/** Characters of context kept before a span that starts far into a long line. */
const CONTEXT_BEFORE = 40;

/**
 * The source line of a span with carets under it: under the whole span when it stays on one line,
 * to the end of the line when it runs on, and one `^` for an empty span.
 * @example excerpt('a\tbc', 3, 4) // { line: 'a   bc', underline: '    ^' }
 */
export function excerpt(line: string, startColumn: number, endColumn: number | undefined): Excerpt {
  let from = Math.max(0, Math.min(startColumn - 1, line.length));
  let to = endColumn === undefined ? line.length : Math.max(from, Math.min(endColumn - 1, line.length));
  let shown = line;
  let prefix = '';
  if (from > CONTEXT_BEFORE + 20 && line.length > MAX_EXCERPT) {
    const cut = from - CONTEXT_BEFORE;
    shown = shown.slice(cut);
    prefix = '…';
    from -= cut;
    to -= cut;
  }
  let suffix = '';
  if (shown.length > MAX_EXCERPT) {
    shown = shown.slice(0, MAX_EXCERPT);
    suffix = '…';
    to = Math.min(to, MAX_EXCERPT);
    from = Math.min(from, MAX_EXCERPT);
  }
  // Walk code points, tracking display columns, so tabs, wide and combining characters all line up.
  let out = prefix;
  let column = prefix.length;
  let caretStart = -1;
  let caretEnd = -1;
  let i = 0;
  for (const char of shown) {
    if (caretStart < 0 && i >= from) caretStart = column;
    if (caretEnd < 0 && i >= to) caretEnd = column;
    if (char === '\t') {
      const width = TAB_WIDTH - (column % TAB_WIDTH);
      out += ' '.repeat(width);
      column += width;
    } else {
      const safe = sanitize(char);
      out += safe;
      column += charWidth(safe.codePointAt(0) ?? 0x20);
    }
    i += char.length;
  }
  if (caretStart < 0) caretStart = column;
  if (caretEnd < 0) caretEnd = column;
  const carets = Math.max(1, caretEnd - caretStart);
  return { line: out + suffix, underline: ' '.repeat(caretStart) + '^'.repeat(carets) };
}
