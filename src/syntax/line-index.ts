/**
 * Line and column of an offset in one text, lines ending at `\n` only (as the diagnostics count
 * them). The parse's lexer tracks offsets only: Chevrotain's full position tracking gave every token
 * four more fields and every CST node four more, a third of a large file's parse in time and
 * memory (issue 19). Positions are computed here, once per token or node that reaches the AST.
 */
import type * as A from '../ast/nodes.js';

export class LineIndex {
  /** The offset where each line starts; `starts[0]` is 0. */
  private readonly starts: Int32Array;
  /** The line of the last answer: the AST is built front to back, so most look-ups stay on it. */
  private line = 0;

  constructor(text: string) {
    let count = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
    const starts = new Int32Array(count);
    let k = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
    this.starts = starts;
  }

  /** The 0-based line holding `offset`. */
  private lineOf(offset: number): number {
    const starts = this.starts;
    const n = starts.length;
    let line = this.line;
    if (offset >= starts[line]! && (line + 1 === n || offset < starts[line + 1]!)) return line;
    // The next line or the one after: the usual step from one statement to the next.
    if (line + 1 < n && offset >= starts[line + 1]! && (line + 2 === n || offset < starts[line + 2]!)) return (this.line = line + 1);
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    line = lo;
    this.line = line;
    return line;
  }

  /** The 1-based line and column of `offset` (columns count UTF-16 code units, as offsets do). */
  position(offset: number): A.Position {
    const line = this.lineOf(offset);
    return { line: line + 1, column: offset - this.starts[line]! + 1, offset };
  }

  /** The range of `length` characters from `offset`, end exclusive. */
  range(offset: number, length: number): A.Range {
    const start = this.position(offset);
    const endOffset = offset + length;
    const line = start.line - 1;
    // Almost every token is on one line: its end needs no search.
    if (line + 1 === this.starts.length || endOffset < this.starts[line + 1]!) {
      return { start, end: { line: start.line, column: start.column + length, offset: endOffset } };
    }
    return { start, end: this.position(endOffset) };
  }
}
