/**
 * Property tests in the Cedar style: generate ASTs, print, reparse, compare shapes; and throw
 * arbitrary or mutated text at the parser, which must never throw and must keep every
 * diagnostic inside the input.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as A from '../src/ast/nodes.js';
import { sameShape, shape } from '../src/ast/shape.js';
import { walk } from '../src/ast/walk.js';
import { printContract } from '../src/format/format.js';
import { PledgeLexer, keywords } from '../src/syntax/lexer.js';
import { parse } from '../src/syntax/parse.js';
import { contract, identifier } from './arbitraries.js';

const EXAMPLE = fs.readFileSync(new URL('../contracts/realtime-messaging.pledge', import.meta.url), 'utf8');

/** The 1-based line and UTF-16 column of `offset`, lines split on `\n` only. */
function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Parses `text` (which must not throw) and checks every diagnostic range against the text. */
function parseChecked(text: string): ReturnType<typeof parse> {
  const result = parse(text);
  for (const d of result.diagnostics) {
    const { start, end } = d.range;
    const where = `${d.code} ${d.message} at ${JSON.stringify(d.range)} in ${JSON.stringify(text)}`;
    expect(0 <= start.offset && start.offset <= end.offset && end.offset <= text.length, where).toBe(true);
    expect({ line: start.line, column: start.column }, where).toEqual(positionAt(text, start.offset));
    expect({ line: end.line, column: end.column }, where).toEqual(positionAt(text, end.offset));
  }
  return result;
}

/** Prints, reparses, and checks the round trip kept the shape; returns the printed text. */
function roundTrip(ast: A.Contract, comments: readonly A.Comment[] = []): { text: string; reparsed: ReturnType<typeof parse> } {
  const text = printContract(ast, comments);
  const reparsed = parse(text);
  expect(reparsed.diagnostics, text).toEqual([]);
  // `toEqual` first for a readable diff; `sameShape` is the contract the formatter promises.
  expect(shape(reparsed.ast), text).toEqual(shape(ast));
  expect(sameShape(reparsed.ast, ast), text).toBe(true);
  return { text, reparsed };
}

/** Every node kind; a `Record` so a kind added to nodes.ts fails to compile until listed here. */
const EVERY_KIND: Record<A.NodeKind, true> = {
  Contract: true, Sla: true, Calendar: true, Clock: true, Priority: true, Reclassify: true, Escalation: true, Contact: true,
  Availability: true, Credits: true, Assert: true, Scenario: true, Plan: true, Party: true, Term: true, Fee: true, Zone: true,
  Hours: true, Holidays: true, HolidaysFile: true, Closed: true, Open: true, ClockRule: true, Means: true, Target: true, Update: true,
  EscalationStep: true, Maintenance: true, BreachCredit: true, Money: true, AvailabilityCredit: true, Cap: true, Claim: true, Cycles: true,
  Within: true, Period: true, Arrivals: true, Peak: true, Burst: true, Mix: true, MixShare: true, Staff: true, StaffGroup: true,
  Work: true, WorkRange: true, Seed: true, Channel: true, Covers: true, PriorityOverride: true, Name: true, Str: true, Date: true,
  Time: true, TimeRange: true, DayRange: true, Duration: true, Percent: true, Number: true, Reply: true, Uniform: true,
  LogNormal: true, PlanMix: true, PlanShare: true, Queue: true, Waits: true, Reopens: true, Reclass: true, ReclassMove: true,
  Outages: true, Outage: true,
};

describe('printContract on generated ASTs', () => {
  it('the generator reaches every node kind', () => {
    const seen = new Set<string>();
    for (const ast of fc.sample(contract, { numRuns: 300, seed: 1 })) walk(ast, (n) => void seen.add(n.kind));
    expect([...Object.keys(EVERY_KIND)].filter((k) => !seen.has(k))).toEqual([]);
  });

  it('prints text that parses back to the same shape', () => {
    fc.assert(
      fc.property(contract, (ast) => {
        roundTrip(ast);
      }),
      { numRuns: 1000 },
    );
  });

  it('is idempotent: print, parse, print gives the same text', () => {
    fc.assert(
      fc.property(contract, (ast) => {
        const once = printContract(ast);
        const reparsed = parse(once);
        expect(printContract(reparsed.ast, reparsed.comments)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps comments put anywhere between tokens, in order, and stays idempotent', () => {
    const commentArb = fc.oneof(
      fc.constant('// note'),
      fc.string({ maxLength: 6 }).map((s) => `// ${s.replace(/[\r\n]/g, ' ')}`),
      fc.constant('/* a */'),
      fc.constant('/* several\n   lines */'),
    );
    const insertions = fc.array(fc.tuple(fc.nat(), commentArb, fc.constantFrom(' ', '\n', '\n\n')), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(contract, insertions, (ast, inserts) => {
        const printed = printContract(ast);
        const tokens = PledgeLexer.tokenize(printed).tokens;
        // Offsets just after a token (or 0): always between two tokens, never inside a string.
        const spots = [0, ...tokens.map((t) => t.endOffset! + 1)];
        const chosen = inserts
          .map(([n, text, gap]) => ({ at: spots[n % spots.length]!, text: text.startsWith('//') ? `${gap}${text}\n` : `${gap}${text}${gap}` }))
          .sort((a, b) => a.at - b.at);
        let source = '';
        let from = 0;
        for (const c of chosen) {
          source += printed.slice(from, c.at) + c.text;
          from = c.at;
        }
        source += printed.slice(from);
        const parsed = parse(source);
        expect(parsed.diagnostics, source).toEqual([]);
        const { text, reparsed } = roundTrip(parsed.ast, parsed.comments);
        expect(reparsed.comments.map((c) => c.text), `${source}\n---\n${text}`).toEqual(parsed.comments.map((c) => c.text));
        expect(printContract(reparsed.ast, reparsed.comments), `${source}\n---\n${text}`).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The parser on hostile input

const FRAGMENTS = [
  ...Object.keys(keywords),
  '{', '}', ',', '-', '..', '%', ':', '"', '\\', '"a b"', '"unterminated', '"\\u{zz}"', '"\\q"',
  '2026-01-31', '2026-02-30', '0000-00-00', '17:30', '24:00', '99:99', '9:5',
  '15m', '1h30m', '30m1h', '1d4h', '5d', '99999999d', '99.95%', '5%', '42', '1.5', '1e99', '99999999999999999999',
  'x3', 'x1.5', '15min', 'P0', 'response', 'always', '_', 'é', '😀', '\u2028', '\u0000',
  '//', '// c\n', '/*', '*/', '/* c */', '\n', '\r\n', '\r', '\t', ' ',
];

const fragmentText = fc
  .array(fc.tuple(fc.constantFrom(...FRAGMENTS), fc.constantFrom('', ' ', '\n')), { maxLength: 40 })
  .map((parts) => parts.map(([f, sep]) => f + sep).join(''));

describe('parse on arbitrary text', () => {
  it('never throws and keeps diagnostics inside the input (ascii-ish strings)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => void parseChecked(text)), { numRuns: 1000 });
  });

  it('never throws and keeps diagnostics inside the input (full unicode, lone surrogates)', () => {
    const anyUnit = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 1 }), fc.string({ unit: 'binary', maxLength: 1 }), fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)));
    fc.assert(fc.property(fc.string({ unit: anyUnit, maxLength: 120 }), (text) => void parseChecked(text)), { numRuns: 1000 });
  });

  it('never throws and keeps diagnostics inside the input (token-like fragments)', () => {
    fc.assert(fc.property(fragmentText, (text) => void parseChecked(text)), { numRuns: 2000 });
  });
});

describe('parse on mutations of the example contract', () => {
  const tokens = PledgeLexer.tokenize(EXAMPLE).tokens.map((t) => ({ start: t.startOffset, end: t.endOffset! + 1 }));
  const tokenIndex = fc.integer({ min: 0, max: tokens.length - 1 });
  const image = (i: number): string => EXAMPLE.slice(tokens[i]!.start, tokens[i]!.end);
  const spliced = (at: number, remove: number, insert: string): string => EXAMPLE.slice(0, at) + insert + EXAMPLE.slice(at + remove);

  type Mutation = { text: string; changed: number; label: string };
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    tokenIndex.map((i) => ({ text: spliced(tokens[i]!.start, tokens[i]!.end - tokens[i]!.start, ''), changed: 1, label: `delete ${image(i)}` })),
    tokenIndex.map((i) => ({ text: spliced(tokens[i]!.end, 0, ` ${image(i)}`), changed: 1, label: `duplicate ${image(i)}` })),
    fc.tuple(tokenIndex, tokenIndex).map(([a, b]) => {
      const [i, j] = a < b ? [a, b] : [b, a];
      const ti = tokens[i]!;
      const tj = tokens[j]!;
      const text = i === j ? EXAMPLE : EXAMPLE.slice(0, ti.start) + image(j) + EXAMPLE.slice(ti.end, tj.start) + image(i) + EXAMPLE.slice(tj.end);
      return { text, changed: 2, label: `swap ${image(i)} and ${image(j)}` };
    }),
    fc
      .tuple(tokenIndex, fc.oneof(fc.constantFrom(...FRAGMENTS), identifier))
      .map(([i, f]) => ({ text: spliced(tokens[i]!.end, 0, ` ${f} `), changed: 1, label: `insert ${JSON.stringify(f)} after ${image(i)}` })),
  );

  it('never throws, keeps ranges inside the input, and keeps a partial tree', () => {
    fc.assert(
      fc.property(mutation, ({ text, changed, label }) => {
        const result = parseChecked(text);
        // An inserted `/*` legitimately comments out the rest of the file; any other one-token change keeps a tree.
        if (changed <= 1 && !label.startsWith('insert "/*')) expect(result.ast.declarations.length, label).toBeGreaterThan(0);
      }),
      { numRuns: 1500 },
    );
  });
});
