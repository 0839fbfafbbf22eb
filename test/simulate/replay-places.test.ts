/**
 * Where a replayed log's rows are (`placesIn`, `placesOf`; grammar/reference.md, "Where a row's
 * problem is") against the places a random log was written with: logs of random records with
 * quoted and unquoted fields, white space around them, blank lines, a BOM, each record delimiter
 * (`\n`, `\r\n`, `\r`), line breaks of every kind inside quotes, non-ASCII and astral characters,
 * read from a string and from bytes cut at random places (also inside a UTF-8 character). Each
 * log is first checked to be read by csv-parse, with replay's options, as the records it was
 * written from, so the record numbers are the ones replay gives its rows.
 */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { faultIn, faultOf, placesIn, placesOf, type Place, type Places } from '../../src/simulate/replay-places.js';

const OPTIONS = { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true } as const;

interface Field {
  readonly quoted: boolean;
  readonly content: string;
  readonly before: string;
  readonly after: string;
}
interface Log {
  readonly bom: boolean;
  readonly delimiter: '\n' | '\r\n' | '\r';
  /** Each record with the blank lines before it. */
  readonly records: readonly { readonly blanks: readonly string[]; readonly fields: readonly Field[] }[];
  readonly endsWithDelimiter: boolean;
}

const pad = fc.array(fc.constantFrom(' ', '\t', '\u00a0', '\u3000'), { maxLength: 2 }).map((a) => a.join(''));
const asciiPad = fc.array(fc.constantFrom(' ', '\t'), { maxLength: 2 }).map((a) => a.join(''));
const plain = fc.constantFrom('a', 'Z', '1', '-', ':', 'é', '中', '😀', '+');
const unquoted = fc.tuple(fc.array(plain, { maxLength: 4 }), fc.array(fc.constantFrom(' ', 'x', '😀'), { maxLength: 2 })).map(([a, b]) => (a.length ? a.join('') + b.join('') + a[0] : ''));
const quotedText = fc.array(fc.constantFrom('a', 'é', '😀', ',', '""', '\n', '\r\n', '\r', ' ', '\t'), { maxLength: 5 }).map((a) => a.join(''));
const field: fc.Arbitrary<Field> = fc.oneof(
  fc.record({ quoted: fc.constant(false), content: unquoted, before: pad, after: pad }),
  // After a closing quote csv-parse takes only ASCII white space (a U+00A0 there is its error, CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE).
  fc.record({ quoted: fc.constant(true), content: quotedText, before: pad, after: asciiPad }),
);
const record = fc.record({ blanks: fc.array(pad, { maxLength: 2 }), fields: fc.array(field, { minLength: 1, maxLength: 5 }) }).map((r) =>
  // A record of one empty unquoted field is a blank line (csv-parse skips it): quote it.
  r.fields.length === 1 && !r.fields[0]!.quoted && r.fields[0]!.content === '' ? { ...r, fields: [{ ...r.fields[0]!, quoted: true }] } : r,
);
const log: fc.Arbitrary<Log> = fc.record({ bom: fc.boolean(), delimiter: fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const), records: fc.array(record, { minLength: 1, maxLength: 8 }), endsWithDelimiter: fc.boolean() });

/** The log's text, each record's values as csv-parse reads them, and the offset in the text where each field starts by the rule. */
function write(l: Log): { text: string; values: string[][]; starts: number[][] } {
  let text = l.bom ? '\ufeff' : '';
  const values: string[][] = [];
  const starts: number[][] = [];
  l.records.forEach((r, k) => {
    for (const b of r.blanks) text += b + l.delimiter;
    const v: string[] = [];
    const s: number[] = [];
    r.fields.forEach((f, j) => {
      if (j > 0) text += ',';
      text += f.before;
      if (f.quoted) {
        s.push(text.length + 1);
        text += `"${f.content}"`;
      } else {
        text += f.content;
        // An empty field starts where it ends (after the white space around it).
        s.push(f.content === '' ? text.length + f.after.length : text.length - f.content.length);
      }
      text += f.after;
      v.push(f.quoted ? f.content.replaceAll('""', '"') : f.content);
    });
    if (k < l.records.length - 1 || l.endsWithDelimiter) text += l.delimiter;
    values.push(v);
    starts.push(s);
  });
  return { text, values, starts };
}

/** The reference: the line and column of an offset, by splitting the text before it at its line breaks (a BOM is not counted). */
function placeAt(text: string, offset: number): Place {
  const from = text.startsWith('\ufeff') ? 1 : 0;
  const lines = text.slice(from, offset).split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

function streamOf(text: string, cuts: readonly number[]): Readable {
  const bytes = Buffer.from(text, 'utf8');
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const c of [...at, bytes.length]) {
    pieces.push(bytes.subarray(from, c));
    from = c;
  }
  return Readable.from(pieces);
}

describe('replay places', () => {
  it('finds the field each random log was written with, from a string and from bytes in random pieces', async () => {
    await fc.assert(
      fc.asyncProperty(log, fc.array(fc.tuple(fc.nat(), fc.nat(6)), { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 6 }), async (l, picks, cuts) => {
        const { text, values, starts } = write(l);
        // The log is read as the records it was written from (the header is record 0 here, -1 for replay).
        expect(parse(text, OPTIONS)).toEqual(values);
        const rows = values.length - 1;
        // Up to six rows and fields, a row named more than once with several fields.
        const wanted = new Map<number, number[]>();
        for (const [r, f] of picks) if (rows > 0) wanted.set(r % rows, [...new Set([...(wanted.get(r % rows) ?? []), f])]);
        const expected: Places = new Map();
        for (const [r, fs] of wanted) {
          const s = starts[r + 1]!;
          expected.set(r, new Map(fs.map((f) => [f, placeAt(text, s[Math.min(f, s.length - 1)]!)])));
        }
        expect(placesIn(text, wanted)).toEqual(expected);
        expect(await placesOf(() => streamOf(text, cuts), wanted)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads the reference\'s worked example: a BOM, CR LF, a quoted field across lines, an astral character', () => {
    const text = '\ufeffticket,event,time,priority,plan\r\n"T-9","note\r\nfrom the desk",2026-11-20T11:00:00+08:00,,\r\n😀-1, "filed" ,yesterday,P2,\r\n';
    const one = (line: number, column: number, field: number) => new Map([[field, { line, column }]]);
    expect(placesIn(text, new Map([[0, [1]], [1, [2]]]))).toEqual(new Map([[0, one(2, 8, 1)], [1, one(4, 16, 2)]]));
    expect(placesIn(text, new Map([[1, [1]]]))).toEqual(new Map([[1, one(4, 8, 1)]]));
    // The field after the one across lines starts on the line it ends on; the ticket id, where the row starts.
    expect(placesIn(text, new Map([[0, [2, 0]]]))).toEqual(new Map([[0, new Map([[2, { line: 3, column: 16 }], [0, { line: 2, column: 2 }]])]]));
  });

  it('stops at the last record wanted', async () => {
    let read = 0;
    const big = `a,b\n${'x,y\n'.repeat(100_000)}`;
    const pieces = Array.from({ length: 100 }, (_, k) => Buffer.from(big.slice((k * big.length) / 100, ((k + 1) * big.length) / 100)));
    const places = await placesOf(() => Readable.from((function* () {
      for (const p of pieces) {
        read++;
        yield p;
      }
    })()), new Map([[3, [1]]]));
    expect(places).toEqual(new Map([[3, new Map([[1, { line: 5, column: 3 }]])]]));
    expect(read).toBeLessThan(3);
  });

  it('finds a fault in a random small text if and only if csv-parse refuses it, from a string and from bytes in random pieces', async () => {
    const text = fc
      .tuple(fc.boolean(), fc.array(fc.constantFrom('a', '1', ',', '"', ' ', '\u00a0', '\r', '\n', 'é', '😀'), { maxLength: 14 }))
      .map(([bom, cs]) => (bom ? '\ufeff' : '') + cs.join(''));
    await fc.assert(
      fc.asyncProperty(text, fc.array(fc.nat(), { maxLength: 4 }), async (t, cuts) => {
        let refused = false;
        try {
          parse(t, OPTIONS);
        } catch (error) {
          refused = true;
          expect((error as { code?: string }).code).toMatch(/^(CSV_)?(INVALID_OPENING_QUOTE|INVALID_CLOSING_QUOTE|NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE|QUOTE_NOT_CLOSED)$/);
        }
        const fault = faultIn(t);
        expect(fault !== undefined, JSON.stringify(t)).toBe(refused);
        expect(await faultOf(() => streamOf(t, cuts))).toEqual(fault);
        if (fault) {
          // The place is a character of the text: a quote for an opening quote; never past the end.
          const lines = (t.startsWith('\ufeff') ? t.slice(1) : t).split(/\r\n|\r|\n/);
          expect(fault.line).toBeLessThanOrEqual(lines.length);
          expect(fault.column).toBeLessThanOrEqual(lines[fault.line - 1]!.length);
        }
      }),
      { numRuns: 20000 },
    );
  });

  it('places the reference\'s worked examples of a log that is not CSV, after a quoted field holding CR LF', () => {
    const head = '\ufeffticket,event,time,priority,plan\r\n"T-9","note\r\nfrom the desk",2026-11-20T11:00:00+08:00,,\r\n';
    // A quote inside an unquoted field: at the quote (csv-parse says line 5, counting the CR LF in quotes twice).
    expect(faultIn(`${head}T-1,first"_reply,2026-11-20T10:30:00+08:00,,\r\n`)).toEqual({ line: 4, column: 10 });
    // A character after a closing quote: at it; a no-break space after a closing quote too.
    expect(faultIn(`${head}T-1,"first_reply"x,2026-11-20T10:30:00+08:00,,\r\n`)).toEqual({ line: 4, column: 18 });
    expect(faultIn(`${head}T-1,"first_reply"\u00a0,2026-11-20T10:30:00+08:00,,\r\n`)).toEqual({ line: 4, column: 18 });
    // ... but after "" it is white space, and a space is white space after any closing quote.
    expect(faultIn(`${head}T-1,""\u00a0,"first_reply" ,2026-11-20T10:30:00+08:00,,\r\n`)).toBeUndefined();
    // A quote left open: at the opening quote (csv-parse gives the end of the file).
    expect(faultIn(`${head}T-1,"first_reply,2026-11-20T10:30:00+08:00,,\r\nT-1,resolved,2026-11-20T11:30:00+08:00,,\r\n`)).toEqual({ line: 4, column: 5 });
    // Astral characters are two columns; the BOM none.
    expect(faultIn('\ufeff😀é,a"')).toEqual({ line: 1, column: 6 });
    expect(faultIn('ticket,event\n')).toBeUndefined();
  });
});
