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

/**
 * A record given as places in the text instead of strings: field `k` is
 * `text.slice(bounds[2k], bounds[2k + 1])`, already trimmed; `n` fields. `bounds` is reused for
 * the next record.
 */
export type SpanVisitor = (text: string, bounds: Int32Array, n: number, line: number) => void;

/** `SpanVisitor` for a record read from an ASCII piece's bytes (`pushBytes`): field `k` is `bytes.latin1Slice(bounds[2k], bounds[2k + 1])`. */
export type ByteSpanVisitor = (bytes: Buffer, bounds: Int32Array, n: number) => void;

export class FastCsv {
  private rest = '';
  private started = false;
  private delimiter: string | undefined;
  /** `\r` and `\n` characters read before `rest` (csv-parse's line count, less one). */
  private newlines = 0;

  private bounds = new Int32Array(64);
  /** In `pushBytes`, the unfinished last line's bytes (`rest` is then empty). */
  private restBytes: Buffer | undefined;

  /**
   * `visit` gets each record's fields and, with `lines`, its line (else 0); with `spans`, it is
   * not called and `spans` gets each record's places instead (no string per field: a replay's
   * reader makes only the strings it needs).
   */
  constructor(
    private readonly visit: (fields: string[], line: number) => void,
    private readonly lines = false,
    private readonly spans?: SpanVisitor,
    private readonly byteSpans?: ByteSpanVisitor,
  ) {}

  /** Whether `pushBytes` may take the next piece: there is a byte visitor and the record delimiter is known. */
  get bytesReady(): boolean {
    return this.byteSpans !== undefined && this.spans !== undefined && !this.lines && this.delimiter !== undefined;
  }

  /**
   * `push` of a piece that is all ASCII, read as bytes (no string is made of it: its bytes are
   * its text), the records going to `byteSpans`; only when `bytesReady`, never the last piece.
   * The same records and fields as `push` of its `latin1` text. False at a quote.
   */
  pushBytes(chunk: Buffer): boolean {
    if (chunk.indexOf(34) >= 0) return false;
    const d = this.delimiter!;
    const crlf = d.length === 2;
    // The text left over from pieces read as text is ASCII too (those pieces were).
    if (this.rest.length) {
      this.restBytes = Buffer.from(this.rest, 'latin1');
      this.rest = '';
    }
    let from = 0;
    const rest = this.restBytes;
    if (rest !== undefined && rest.length) {
      const across = crlf && rest[rest.length - 1] === 13 && chunk[0] === 10;
      const split = across ? -1 : chunk.indexOf(d);
      if (!across && split < 0) {
        this.restBytes = Buffer.concat([rest, chunk]);
        return true;
      }
      from = across ? 1 : split + d.length;
      this.restBytes = undefined;
      this.scanBytes(Buffer.concat([rest, chunk.subarray(0, from)]), 0, d.charCodeAt(0), crlf);
    }
    const done = this.scanBytes(chunk, from, d.charCodeAt(0), crlf);
    this.restBytes = done === chunk.length ? undefined : chunk.subarray(done);
    return true;
  }

  /** `scanSpans` over bytes (ASCII: the only white space is at or below 32). */
  private scanBytes(text: Buffer, from: number, d0: number, crlf: boolean): number {
    const n = text.length;
    let b = this.bounds;
    let k = 0;
    let start = from;
    let record = from;
    for (let i = from; i < n; i++) {
      const c = text[i]!;
      // Most bytes are digits, letters, `-` and `:`, all above a comma and any delimiter (`\r`, `\n`).
      if (c > 44) continue;
      const atEnd = c === d0 && (!crlf || text[i + 1] === 10);
      if (c !== 44 && !atEnd) continue;
      let a = start;
      let e = i;
      while (a < e && isSpace(text[a]!)) a++;
      while (e > a && isSpace(text[e - 1]!)) e--;
      if (2 * k + 2 > b.length) {
        const grown = new Int32Array(b.length * 2);
        grown.set(b);
        this.bounds = b = grown;
      }
      b[2 * k] = a;
      b[2 * k + 1] = e;
      k++;
      if (atEnd) {
        if (crlf) i++;
        if (k !== 1 || b[0] !== b[1]) this.byteSpans!(text, b, k);
        k = 0;
        record = i + 1;
      }
      start = i + 1;
    }
    return record;
  }

  /** Reads the next piece of the text (`end`: the last). False at a quote: nothing more is read. */
  push(chunk: string, end: boolean): boolean {
    if (chunk.includes(QUOTE)) return false;
    if (this.restBytes !== undefined) {
      this.rest = this.restBytes.toString('latin1');
      this.restBytes = undefined;
    }
    if (this.spans && !this.lines && this.delimiter !== undefined) return this.pushSpans(chunk, end);
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
    if (this.spans) return this.spanRecord(text, from, to, line);
    const fields = (from === 0 && to === text.length ? text : text.slice(from, to)).split(',');
    const n = fields.length;
    if (n === 1 && isBlank(fields[0]!)) return;
    for (let i = 0; i < n; i++) {
      const f = fields[i]!;
      if (f.length && (isSpace(f.charCodeAt(0)) || isSpace(f.charCodeAt(f.length - 1)))) fields[i] = f.trim();
    }
    this.visit(fields, line);
  }

  /**
   * `push` once the delimiter is known, in spans mode. The piece is scanned where it lies, never
   * joined to the text left over from the last one (a joined string is read three times slower):
   * the line that spans the two is joined on its own.
   */
  private pushSpans(chunk: string, end: boolean): boolean {
    const d = this.delimiter!;
    const crlf = d.length === 2;
    let from = 0;
    if (this.rest.length) {
      // The first delimiter in rest + chunk (rest holds none; with `\r\n` it may end in the `\r`).
      const across = crlf && this.rest.charCodeAt(this.rest.length - 1) === 13 && chunk.charCodeAt(0) === 10;
      const split = across ? -1 : chunk.indexOf(d);
      if (!across && split < 0) {
        this.rest += chunk;
        if (end) this.last(this.rest);
        return true;
      }
      from = across ? 1 : split + d.length;
      const head = this.rest + chunk.slice(0, from);
      this.rest = '';
      this.scanSpans(head, 0, d.charCodeAt(0), crlf);
    }
    const done = this.scanSpans(chunk, from, d.charCodeAt(0), crlf);
    this.rest = done === chunk.length ? '' : chunk.slice(done);
    if (end) this.last(this.rest);
    return true;
  }

  /**
   * The records of `text` ending in a delimiter, in one look at each character (an `indexOf` per
   * field and per line cost more than all the rest of the split); returns where the unfinished
   * last line starts. Each field is trimmed as `spanRecord` does.
   */
  private scanSpans(text: string, from: number, d0: number, crlf: boolean): number {
    const n = text.length;
    let b = this.bounds;
    let k = 0;
    let start = from;
    let record = from;
    for (let i = from; i < n; i++) {
      const c = text.charCodeAt(i);
      // Above a comma and any delimiter (`\r`, `\n`): most characters of a log.
      if (c > 44) continue;
      const atEnd = c === d0 && (!crlf || text.charCodeAt(i + 1) === 10);
      if (c !== 44 && !atEnd) continue;
      let a = start;
      let e = i;
      while (a < e && isSpace(text.charCodeAt(a))) a++;
      while (e > a && isSpace(text.charCodeAt(e - 1))) e--;
      if (2 * k + 2 > b.length) {
        const grown = new Int32Array(b.length * 2);
        grown.set(b);
        this.bounds = b = grown;
      }
      b[2 * k] = a;
      b[2 * k + 1] = e;
      k++;
      if (atEnd) {
        if (crlf) i++;
        if (k !== 1 || b[0] !== b[1]) this.spans!(text, b, k, 0);
        k = 0;
        record = i + 1;
      }
      start = i + 1;
    }
    return record;
  }

  /** The record in text[from, to) as trimmed field places; the same records and fields as `split` and `trim`. */
  private spanRecord(text: string, from: number, to: number, line: number): void {
    let b = this.bounds;
    let n = 0;
    let start = from;
    for (;;) {
      let comma = text.indexOf(',', start);
      if (comma < 0 || comma > to) comma = to;
      let a = start;
      let e = comma;
      while (a < e && isSpace(text.charCodeAt(a))) a++;
      while (e > a && isSpace(text.charCodeAt(e - 1))) e--;
      if (2 * n + 2 > b.length) {
        const grown = new Int32Array(b.length * 2);
        grown.set(b);
        this.bounds = b = grown;
      }
      b[2 * n] = a;
      b[2 * n + 1] = e;
      n++;
      if (comma === to) break;
      start = comma + 1;
    }
    if (n === 1 && b[0] === b[1]) return;
    this.spans!(text, b, n, line);
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
