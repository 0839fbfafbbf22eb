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
 *
 * The same reading finds where a log that csv-parse refuses goes wrong (`faultIn`, `faultOf`;
 * grammar/reference.md, "A log that is not CSV at all"), the first of (csv-parse 7.0.3,
 * lib/api/index.js, whose `__isCharTrimable` reads UTF-8 bytes):
 *
 * - a quote in an unquoted field (after its first character that is not white space), or after a
 *   quoted field's closing quote when the field is not empty: the quote (INVALID_OPENING_QUOTE);
 * - after a closing quote, a character other than `,`, a line break or white space, or white space
 *   that is not ASCII (a no-break space: csv-parse takes its first byte as white space, then
 *   refuses the second) unless the field is empty (`""`): that character (CSV_INVALID_CLOSING_QUOTE,
 *   CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE);
 * - after `""` and white space a quote opens the field again, but csv-parse keeps none of what
 *   follows: a character other than ASCII white space, or a `""`, before the next closing quote
 *   is at fault (CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE);
 * - a quote still open at the end: the opening quote (CSV_QUOTE_NOT_CLOSED).
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
  /** In quotes again after `""` and white space: only ASCII white space may follow, up to a closing quote. */
  Reopened,
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
  /** The first place csv-parse refuses (see above), if any yet. */
  fault: Place | undefined;
  /** Whether the quoted field just closed is empty (`""`); where its last opening quote is (code units from the start, line, column). */
  private empty = false;
  private openAt = 0;
  private openLine = 0;
  private openColumn = 0;

  /** `faults`: read to the end, or to the first fault, for the fault only (`wanted` is then empty). */
  constructor(
    private readonly wanted: Wanted,
    private readonly faults = false,
  ) {
    let last = faults ? Infinity : -1;
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
          } else {
            this.state = F.Closed;
            // Empty: the closing quote right after the opening one.
            this.empty = this.base + i === this.openAt + 1;
          }
        }
        continue;
      }
      if (this.state === F.Reopened) {
        // csv-parse keeps nothing here: the field stays empty.
        if (c === 10 || c === 13) this.lineBreak(text, i);
        if (c === 34 && text.charCodeAt(i + 1) !== 34) this.state = F.Closed;
        else if (!isAsciiSpace(c) && this.faultAt(i)) return false;
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
          this.open(i);
          this.mark(i + 1);
        } else {
          this.state = F.Unquoted;
          this.mark(i);
        }
      } else if (c === 34) {
        // A quote in an unquoted field, or after a closing quote: csv-parse opens quotes again only after `""`.
        if (this.state === F.Closed && this.empty) {
          this.state = F.Reopened;
          this.open(i);
        } else if (this.faultAt(i)) return false;
      } else if (this.state === F.Closed && !isAsciiSpace(c) && !(this.empty && isSpace(c)) && this.faultAt(i)) return false;
      // Unquoted text, or white space after a closing quote: nothing to note.
    }
    if (end) {
      // A quote open at the end: its place is the fault.
      if ((this.state === F.Quoted || this.state === F.Reopened) && this.fault === undefined) this.fault = { line: this.openLine, column: this.openColumn };
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

  /** text[i] is an opening quote. */
  private open(i: number): void {
    this.openAt = this.base + i;
    this.openLine = this.line;
    this.openColumn = this.base + i - this.lineStart + 1;
  }

  /** text[i] is a fault: noted if it is the first; true if the reading stops there (`faults`). */
  private faultAt(i: number): boolean {
    this.fault ??= { line: this.line, column: this.base + i - this.lineStart + 1 };
    return this.faults;
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
  if (wanted.size) await scanStream(s, open);
  return s.places;
}

/**
 * Feeds a log's bytes to a scanner until it needs no more (or the stream ends: the rest is then
 * read as the last line). The log was checked as UTF-8 when its rows were read; a byte that is not
 * UTF-8 past what the scanner needs is no matter here. ignoreBOM keeps a BOM for the scanner to drop.
 */
async function scanStream(s: PlaceScanner, open: () => Readable): Promise<void> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const stream = open();
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (!s.push(decoder.decode(chunk, { stream: true }), false)) return;
    }
    s.push(decoder.decode(), true);
  } finally {
    stream.destroy();
  }
}

/**
 * Where csv-parse first refuses a log held in a string (see above), or undefined if the scanner
 * finds no fault (csv-parse's own line is then all there is).
 * @example faultIn('ticket,event\nT-1,first"_reply\n') // { line: 2, column: 10 }
 */
export function faultIn(text: string): Place | undefined {
  const s = new PlaceScanner(new Map(), true);
  s.push(text, true);
  return s.fault;
}

/** `faultIn` of a log read from a stream (`open` gives its bytes, UTF-8); reads only as far as the fault. */
export async function faultOf(open: () => Readable): Promise<Place | undefined> {
  const s = new PlaceScanner(new Map(), true);
  await scanStream(s, open);
  return s.fault;
}

/** ASCII white space (`\t`, `\n`, `\v`, `\f`, `\r`, space): one byte in UTF-8, all csv-parse takes after a closing quote when the field is not empty. */
function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** A character `String.prototype.trim` removes (csv-parse's trimmable set is the same; `isSpace` in csv-fast.ts). */
function isSpace(c: number): boolean {
  return c <= 32 ? c === 32 || (c >= 9 && c <= 13) : c >= 0xa0 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff);
}
