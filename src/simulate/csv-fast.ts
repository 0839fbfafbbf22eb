/**
 * A replay log's rows split by hand, for logs with no quote character: the records csv-parse gives
 * with the options replay uses (`bom`, `skip_empty_lines`, `trim`, `relax_column_count`; csv-parse
 * 7.0.3, lib/api/index.js), at several times its speed. csv-parse reads such text as follows, and so
 * does this reader:
 *
 * - a UTF-8 BOM at the very start is dropped;
 * - the record delimiter is the first `\r\n`, `\n` or `\r` of the text (in that order of preference
 *   at that place), and only that one ends records afterwards: in a log whose first line ends with
 *   `\n`, a later `\r` is text of its field (and trimmed away at its edge);
 * - a record is its line split at every `,`, each field trimmed of JavaScript white space at both
 *   ends (csv-parse's trimmable characters are exactly that set);
 * - a line with no `,` that trims to nothing is skipped (`skip_empty_lines`), also at the end;
 * - without quotes csv-parse raises no error at all (the column count is relaxed; replay checks it).
 *
 * Anything with a `"` is left to csv-parse: `push` returns false and reads no further, and the
 * caller reads the whole log again with csv-parse (quotes, escapes, fields across lines and all
 * their errors stay csv-parse's). test/simulate/csv-fast.test.ts compares both on random text.
 *
 * Lines, when asked for, are csv-parse's `info.lines` of each record: 1 + the `\r` and `\n`
 * characters it read before the record's end (the `\n` of a `\r\n` delimiter is skipped, not read).
 */
const QUOTE = '"';

export class FastCsv {
  private rest = '';
  private started = false;
  private delimiter: string | undefined;
  /** `\r` and `\n` characters read before `rest` (csv-parse's line count, less one). */
  private newlines = 0;

  /** `visit` gets each record's fields and, with `lines`, its line (else 0). */
  constructor(
    private readonly visit: (fields: string[], line: number) => void,
    private readonly lines = false,
  ) {}

  /** Reads the next piece of the text (`end`: the last). False at a quote: nothing more is read. */
  push(chunk: string, end: boolean): boolean {
    if (chunk.includes(QUOTE)) return false;
    let text = this.rest.length ? this.rest + chunk : chunk;
    if (!this.started) {
      if (text.length === 0 && !end) return true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.started = true;
    }
    if (this.delimiter === undefined) {
      const i = firstNewline(text);
      if (i < 0 || (i === text.length - 1 && text.charCodeAt(i) === 13 && !end)) {
        this.rest = text;
        if (end) this.last(text);
        return true;
      }
      this.delimiter = text.charCodeAt(i) === 10 ? '\n' : text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
    }
    const d = this.delimiter;
    const step = d.length;
    let from = 0;
    for (let at = text.indexOf(d, from); at >= 0; at = text.indexOf(d, from)) {
      this.record(text, from, at, at);
      from = at + step;
    }
    this.rest = from === 0 ? text : text.slice(from);
    if (end) this.last(this.rest);
    return true;
  }

  /** The text after the last delimiter: a record unless it trims to nothing. */
  private last(text: string): void {
    // csv-parse counts a newline when it reads the character after it: the last one is not counted.
    if (text.length) this.record(text, 0, text.length, text.length - 1);
    this.rest = '';
  }

  /** The record in text[from, to); its line counts the newlines in [from, counted). */
  private record(text: string, from: number, to: number, counted: number): void {
    let line = 0;
    if (this.lines) {
      let inner = 0;
      for (let i = from; i < counted; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || c === 13) inner++;
      }
      line = 1 + this.newlines + inner;
      // The delimiter's first character is read too (a `\r\n`'s `\n` is skipped).
      this.newlines += inner + 1;
    }
    const fields = (from === 0 && to === text.length ? text : text.slice(from, to)).split(',');
    const n = fields.length;
    if (n === 1 && isBlank(fields[0]!)) return;
    for (let i = 0; i < n; i++) {
      const f = fields[i]!;
      if (f.length && (isSpace(f.charCodeAt(0)) || isSpace(f.charCodeAt(f.length - 1)))) fields[i] = f.trim();
    }
    this.visit(fields, line);
  }
}

function firstNewline(text: string): number {
  const n = text.indexOf('\n');
  const r = text.indexOf('\r');
  return n < 0 ? r : r < 0 ? n : Math.min(n, r);
}

/** A character `String.prototype.trim` removes (csv-parse's trimmable set is the same). */
function isSpace(c: number): boolean {
  return c <= 32 ? c === 32 || (c >= 9 && c <= 13) : c >= 0xa0 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff);
}

function isBlank(f: string): boolean {
  for (let i = 0; i < f.length; i++) if (!isSpace(f.charCodeAt(i))) return false;
  return true;
}
