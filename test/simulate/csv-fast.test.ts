/**
 * The hand-written splitter of replay logs (`FastCsv`) against csv-parse with replay's options, on
 * random text made of the characters that matter (commas, `\r`, `\n`, blanks, other white space, a
 * BOM, quotes) cut into random pieces: where the fast reader reads the text (no quote) it gives
 * csv-parse's records and lines; where there is a quote it declines, and replay uses csv-parse.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FastCsv } from '../../src/simulate/csv-fast.js';

const OPTIONS = { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true, info: true } as const;

function csvParse(text: string): { fields: string[]; line: number }[] {
  return (parse(text, OPTIONS) as unknown as { record: string[]; info: { lines: number } }[]).map((r) => ({ fields: r.record, line: r.info.lines }));
}

/** The fast reader's records, the text given in pieces cut at `cuts`; undefined if it declined. */
function fast(text: string, cuts: number[]): { fields: string[]; line: number }[] | undefined {
  const out: { fields: string[]; line: number }[] = [];
  const csv = new FastCsv((fields, line) => out.push({ fields, line }), true);
  let from = 0;
  for (const c of [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((a, b) => a - b)) {
    if (!csv.push(text.slice(from, c), false)) return undefined;
    from = c;
  }
  return csv.push(text.slice(from), true) ? out : undefined;
}

/** The same in spans mode (replay's reader): each record's places sliced back into fields; no lines. */
function fastSpans(text: string, cuts: number[]): { fields: string[]; line: number }[] | undefined {
  const out: { fields: string[]; line: number }[] = [];
  const csv = new FastCsv(() => {}, false, (t, b, n) => out.push({ fields: Array.from({ length: n }, (_, k) => t.slice(b[2 * k], b[2 * k + 1])), line: 0 }));
  let from = 0;
  for (const c of [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((a, b) => a - b)) {
    if (!csv.push(text.slice(from, c), false)) return undefined;
    from = c;
  }
  return csv.push(text.slice(from), true) ? out : undefined;
}

/** Spans mode as replay's first pass feeds it: an ASCII piece as bytes (`pushBytes`) once the delimiter is known, any other as text. */
function fastBytes(text: string, cuts: number[]): { fields: string[]; line: number }[] | undefined {
  const out: { fields: string[]; line: number }[] = [];
  const csv = new FastCsv(
    () => {},
    false,
    (t, b, n) => out.push({ fields: Array.from({ length: n }, (_, k) => t.slice(b[2 * k], b[2 * k + 1])), line: 0 }),
    (bytes, b, n) => out.push({ fields: Array.from({ length: n }, (_, k) => bytes.toString('latin1', b[2 * k], b[2 * k + 1])), line: 0 }),
  );
  let from = 0;
  for (const c of [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((a, b) => a - b)) {
    const piece = text.slice(from, c);
    from = c;
    const ascii = /^[\x00-\x7f]*$/.test(piece);
    if (!(ascii && csv.bytesReady ? csv.pushBytes(Buffer.from(piece, 'latin1')) : csv.push(piece, false))) return undefined;
  }
  return csv.push(text.slice(from), true) ? out : undefined;
}

const withoutLines = (records: { fields: string[]; line: number }[]) => records.map((r) => ({ fields: r.fields, line: 0 }));

const piece = fc.constantFrom(',', '\n', '\r', '\r\n', ' ', '  ', '\t', '\u00a0', '\u3000', '\ufeff', '\u2028', 'a', 'T-1', 'filed', '2026-11-20T10:00:00+08:00', 'é', '😀', '"', '""', 'x"y');
const text = fc.tuple(fc.boolean(), fc.array(piece, { maxLength: 40 })).map(([bom, parts]) => (bom ? '\ufeff' : '') + parts.join(''));
const noQuote = text.map((t) => t.replaceAll('"', ''));

describe('FastCsv', () => {
  it('gives csv-parse\'s records and lines on random text without quotes, in any pieces', () => {
    fc.assert(
      fc.property(noQuote, fc.array(fc.nat(60), { maxLength: 5 }), (t, cuts) => {
        expect(fast(t, cuts)).toEqual(csvParse(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same records as places (spans mode), in any pieces', () => {
    fc.assert(
      fc.property(noQuote, fc.array(fc.nat(60), { maxLength: 8 }), (t, cuts) => {
        expect(fastSpans(t, cuts)).toEqual(withoutLines(csvParse(t)));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same records from ASCII pieces read as bytes, in any pieces', () => {
    const ascii = fc.tuple(fc.boolean(), fc.array(fc.constantFrom(',', '\n', '\r', '\r\n', ' ', '\t', '\v', 'a', 'T-1', 'filed', '2026-11-20T10:00:00+08:00', 'é'), { maxLength: 60 })).map(([bom, parts]) => (bom ? '\ufeff' : '') + parts.join(''));
    fc.assert(
      fc.property(ascii, fc.array(fc.nat(80), { maxLength: 12 }), (t, cuts) => {
        expect(fastBytes(t, cuts)).toEqual(withoutLines(csvParse(t)));
      }),
      { numRuns: 3000 },
    );
    // A quote in a piece read as bytes: declined.
    expect(fastBytes('a,b\nc,"d"\n', [4])).toBeUndefined();
  });

  it('declines text with a quote, and agrees with csv-parse wherever it reads to the end', () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat(60), { maxLength: 5 }), (t, cuts) => {
        const got = fast(t, cuts);
        if (t.includes('"')) expect(got).toBeUndefined();
        else expect(got).toEqual(csvParse(t));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['LF', 'a,b\n c , d \n'],
    ['CRLF with a blank line and a stray LF', 'a,b\r\n\r\nc\nd,e\r\n'],
    ['CR', 'a,b\rc,d\r\n\re'],
    ['LF first, CRLF later', 'a\nb,c\r\nd\r\n'],
    ['a BOM, white space lines, no final newline', '\ufeff ticket , event \n   \n\t\nT-1, filed'],
    ['a lone CR at the end', 'a,b\r'],
    ['only blanks', ' \n \r\n '],
  ])('reads %s as csv-parse does', (_name, t) => {
    for (let cut = 0; cut <= t.length; cut++) {
      expect(fast(t, [cut])).toEqual(csvParse(t));
      for (let cut2 = cut; cut2 <= t.length; cut2++) expect(fastSpans(t, [cut, cut2])).toEqual(withoutLines(csvParse(t)));
    }
  });
});
