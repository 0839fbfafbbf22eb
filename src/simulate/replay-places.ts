/**
 * Where a replayed log's rows are, for the few rows a report names (grammar/reference.md,
 * "Where a row's problem is"): the line and column of one field of each, found by another look
 * at the log only when a report names a row, never while the rows are read (the readers count
 * records, not lines or columns, and stay as fast as they are).
 *
 * The records are those csv-parse gives with replay's options (`bom`, `skip_empty_lines`, `trim`,
 * `relax_column_count`; csv-parse 7.0.3, lib/api/index.js), and `FastCsv` too (src/simulate/csv-fast.ts):
 *
 * - a UTF-8 BOM at the very start is dropped (it is not a character of line 1);
 * - the record delimiter is the first `\r\n`, `\n` or `\r` outside quotes (in that order of
 *   preference at that place), and only that one ends records afterwards;
 * - a field is trimmed of JavaScript white space; a quote at its start (after the white space)
 *   opens a quoted field, in which `""` is a quote and delimiters are text; the closing quote
 *   is followed by white space, a `,`, a line break or the end;
 * - a line that holds nothing but white space, outside quotes, is no record (`skip_empty_lines`).
 *
 * A field's place is its first character after the white space before it; a quoted field's, the
 * character after its opening quote; an empty field's, the `,`, line break or end after it. Lines
 * are counted as an editor shows them: `\n`, `\r\n` (one break) and a lone `\r`, also inside
 * quotes (csv-parse's own `info.lines` counts a `\r\n` inside quotes twice, and gives a record's
 * last line). Columns are 1-based UTF-16 code units, as in every Pledge diagnostic.
 *
 * Text csv-parse refuses is read on without an error (the caller has read the rows it names, so
 * the log is good up to them). test/simulate/replay-places.test.ts checks this against random logs.
 */
import type { Readable } from 'node:stream';

/** A field's first character: 1-based line and column (UTF-16 code units). */
export interface Place {
  readonly line: number;
  readonly column: number;
}

const enum F {
  /** Before the field's first character (white space is skipped). */
  Start,
  Unquoted,
  Quoted,
  /** After a quoted field's closing quote. */
  Closed,
}

/** Fields wanted, by record (0 = the first row after the header) and field (0 = the first). */
export type Wanted = ReadonlyMap<number, readonly number[]>;
/** The places found: record to field to place. */
export type Places = Map<number, Map<number, Place>>;

/**
 * Reads a log piece by piece and finds, for each wanted record and field, the place of the
 * field (of the record's last field if it has fewer).
 */
export class PlaceScanner {
  readonly places: Places = new Map();
  /** The first record past the wanted ones: nothing more needs reading. */
  private readonly last: number;
  private started = false;
  /** '' until the first line break outside quotes. */
  private delimiter: '' | '\n' | '\r\n' | '\r' = '';
  /** Code units read before the pending text. */
  private base = 0;
  /** The current line (1-based) and where it starts (in code units from the start of the text). */
  private line = 1;
  private lineStart = 0;
  /** A character held back from the end of the last piece, to be read with the next (a `\r` or a `"`). */
  private held = '';
  private state = F.Start;
  /** The current record (-1: the header) and field. */
  private record = -1;
  private field = 0;
  /** The current record's wanted fields, and their places so far (each the field's, or the last one's before it). */
  private current: readonly number[] | undefined;
  private pending: Place[] = [];

  constructor(private readonly wanted: Wanted) {
    let last = -1;
    for (const i of wanted.keys()) if (i > last) last = i;
    this.last = last;
    this.current = wanted.get(-1);
  }

  /** True once every wanted record has been read. */
  get done(): boolean {
    return this.record > this.last;
  }

  /** Reads the next piece (`end`: the last); false once nothing more needs reading. */
  push(piece: string, end: boolean): boolean {
    // `base` counts the code units before `text`, the held character being its first.
    const text = this.held.length ? this.held + piece : piece;
    this.held = '';
    let i = 0;
    if (!this.started) {
      if (text.length === 0 && !end) return true;
      this.started = true;
      // The BOM is not a character of line 1: columns count from after it.
      if (text.charCodeAt(0) === 0xfeff) {
        i = 1;
        this.lineStart = this.base + 1;
      }
    }
    const n = text.length;
    // A `\r` or a `"` at the end of a piece is read with the next one (what follows it decides).
    const stop = !end && n > i && (text.charCodeAt(n - 1) === 13 || text.charCodeAt(n - 1) === 34) ? n - 1 : n;
    for (; i < stop; i++) {
      const c = text.charCodeAt(i);
      if (this.state === F.Quoted) {
        if (c === 10 || c === 13) this.lineBreak(text, i);
        else if (c === 34) {
          if (text.charCodeAt(i + 1) === 34) {
            // `""`: a quote (a held `"` never reaches here: the next piece's first character is read with it).
            i++;
          } else this.state = F.Closed;
        }
        continue;
      }
      // Outside quotes: the record delimiter, found at the first line break.
      let d = 0;
      if (c === 10 || c === 13) {
        if (this.delimiter === '') this.delimiter = c === 10 ? '\n' : text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
        const dl = this.delimiter;
        if (dl === '\n' ? c === 10 : dl === '\r' ? c === 13 : c === 13 && text.charCodeAt(i + 1) === 10) d = dl.length;
        // An empty field ending here starts here, on this line: marked before the line break.
        if (d !== 0 && this.state === F.Start) this.mark(i);
        this.lineBreak(text, i);
      }
      if (d !== 0) {
        const empty = this.field === 0 && this.state === F.Start;
        if (d === 2) {
          i++;
          this.lineBreak(text, i);
        }
        if (!empty) this.endRecord();
        else this.field = 0;
        this.state = F.Start;
        if (this.done) return false;
        continue;
      }
      if (c === 44) {
        if (this.state === F.Start) this.mark(i);
        this.field++;
        this.state = F.Start;
        continue;
      }
      if (this.state === F.Start) {
        if (isSpace(c)) continue;
        if (c === 34) {
          this.state = F.Quoted;
          this.mark(i + 1);
        } else {
          this.state = F.Unquoted;
          this.mark(i);
        }
      }
      // Unquoted text, or what follows a closing quote: nothing to note.
    }
    if (end) {
      // The last line: a record unless it holds nothing (csv-parse skips it).
      if (this.state === F.Start) this.mark(n);
      if (!(this.field === 0 && this.state === F.Start)) this.endRecord();
      this.record = Math.max(this.record, this.last + 1);
      return false;
    }
    // `i` is past `stop` when a `""` took the held quote.
    this.base += i;
    if (i < n) this.held = text.slice(i);
    return !this.done;
  }

  /**
   * text[i] is `\n` or `\r`: the next line starts after it, and it is a line break of its own
   * unless it is the `\n` of a `\r\n` (a `\r` at the end of a piece is held, so the `\r` of a
   * `\r\n` is always in the same text).
   */
  private lineBreak(text: string, i: number): void {
    if (!(i > 0 && text.charCodeAt(i) === 10 && text.charCodeAt(i - 1) === 13)) this.line++;
    this.lineStart = this.base + i + 1;
  }

  /** The current field starts at text[i]: the place of each wanted field it is, or comes before. */
  private mark(i: number): void {
    const want = this.current;
    if (want === undefined) return;
    const place = { line: this.line, column: this.base + i - this.lineStart + 1 };
    for (let k = 0; k < want.length; k++) if (this.field <= want[k]!) this.pending[k] = place;
  }

  private endRecord(): void {
    const want = this.current;
    if (want !== undefined) this.places.set(this.record, new Map(want.map((f, k) => [f, this.pending[k]!])));
    this.record++;
    this.field = 0;
    this.current = this.wanted.get(this.record);
    this.pending = [];
  }
}

/**
 * The places of the wanted fields of a log held in a string.
 * @example placesIn('ticket,event\nT-1, filed\n', new Map([[0, [1]]])) // Map { 0 => Map { 1 => { line: 2, column: 6 } } }
 */
export function placesIn(text: string, wanted: Wanted): Places {
  const s = new PlaceScanner(wanted);
  if (wanted.size) s.push(text, true);
  return s.places;
}

/** `placesIn` of a log read from a stream (`open` gives its bytes, UTF-8); reads only as far as the last wanted record. */
export async function placesOf(open: () => Readable, wanted: Wanted): Promise<Places> {
  const s = new PlaceScanner(wanted);
  if (wanted.size === 0) return s.places;
  // The log was checked as UTF-8 when its rows were read; ignoreBOM keeps a BOM for the scanner to drop.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const stream = open();
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (!s.push(decoder.decode(chunk, { stream: true }), false)) return s.places;
    }
    // (The stream ended before the last wanted record: the scanner reads the rest as the last line.)
    s.push(decoder.decode(), true);
  } finally {
    stream.destroy();
  }
  return s.places;
}

/** A character `String.prototype.trim` removes (csv-parse's trimmable set is the same; `isSpace` in csv-fast.ts). */
function isSpace(c: number): boolean {
  return c <= 32 ? c === 32 || (c >= 9 && c <= 13) : c >= 0xa0 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff);
}
