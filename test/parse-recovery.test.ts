/**
 * Chevrotain's error recovery, made linear (issue 14; src/syntax/parser.ts overrides
 * `findReSyncTokenType`, `tryInRepetitionRecovery` and `getFollowsForInRuleRecovery`). The fuzz
 * campaign of seed 1207 found files of repeated broken declarations (`extreme` #605, #722, #741:
 * 277-499 KB) that gave no answer in 30 s: every broken top-level declaration scanned to the end of
 * the file for EOF, and recursed a few stack frames deeper (a RangeError at 500 KB). These tests
 * count instead of timing: tokens looked at, and the stack's depth.
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../src/syntax/parse.js';
import { parserInstance } from '../src/syntax/parser.js';

// The repeated unit of seed 1207's extreme #722 (a mutated base contract; 3,116 copies there).
const UNIT = '"X" {\n  term 2027-01-01 to 2027-12-31\ncalendar always {\n  zone "UTC"\n  hours mon-sun 00:00-24:00\n}fee\nclockplan response {\n  starts filed\n  stops first_reply\n}\n';

/** Parses `text`, counting the parser's `LA` calls and sampling the stack's deepest point. */
function measure(text: string): { la: number; depth: number; diagnostics: number } {
  const p = parserInstance() as unknown as { LA: (k: number) => unknown };
  const own = Object.getOwnPropertyDescriptor(p, 'LA');
  const la = p.LA;
  let calls = 0;
  let depth = 0;
  p.LA = function (this: unknown, k: number) {
    if (++calls % 64 === 0) {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = Infinity;
      depth = Math.max(depth, new Error().stack!.split('\n').length);
      Error.stackTraceLimit = limit;
    }
    return la.call(this, k);
  };
  try {
    const n = parse(text).diagnostics.length;
    return { la: calls, depth, diagnostics: n };
  } finally {
    if (own) Object.defineProperty(p, 'LA', own);
    else delete (p as { LA?: unknown }).LA;
  }
}

describe('parse: error recovery is linear in the broken declarations', () => {
  it('looks at each token a bounded number of times', () => {
    const small = measure(UNIT.repeat(200));
    const large = measure(UNIT.repeat(800));
    expect(large.diagnostics).toBe(small.diagnostics); // capped at 100 + PLG1005
    // Four times the text: about four times the look-ups (it was about sixteen).
    expect(large.la / small.la).toBeLessThan(5);
  });

  it('does not go deeper on the stack with more broken declarations', () => {
    const small = measure(UNIT.repeat(100));
    const large = measure(UNIT.repeat(800));
    expect(large.depth).toBeLessThan(small.depth + 20);
  });

  it('answers the same as before for the fuzz finding (shape checked whole in test/fuzz/regressions)', () => {
    const r = parse(UNIT.repeat(3116));
    expect(r.diagnostics.length).toBe(101);
    expect(r.diagnostics.at(-1)?.code).toBe('PLG1005');
  });
});

// The repeated unit of seed 1207's extreme #13114 (2,647 copies there): each copy ends its calendar
// early (an early exit), then a syntax error in a statement (no viable alternative).
const UNIT_13114 = 'sla "X" {\n  term 2027-01-01 to 2027-12-31\n}\ncalendar always {\n  zone "UTC"\n  hours mon-sun holidays\n}1e308\nclock response {\n  starts filed\n  stops first_reply\n}\n';

describe('parse: an error message is built once per grammar spot', () => {
  /** How often Chevrotain's own message builders (which walk the grammar) ran while parsing `text`. */
  function builds(text: string): { walks: number; diagnostics: string } {
    const proto = Object.getPrototypeOf(Object.getPrototypeOf(parserInstance())) as Record<string, Function>;
    const saved = { e: proto['raiseEarlyExitException']!, n: proto['raiseNoAltException']! };
    let walks = 0;
    proto['raiseEarlyExitException'] = function (this: unknown, ...a: unknown[]) { walks++; return saved.e.apply(this, a); };
    proto['raiseNoAltException'] = function (this: unknown, ...a: unknown[]) { walks++; return saved.n.apply(this, a); };
    try {
      const diagnostics = JSON.stringify(parse(text).diagnostics.map((d) => [d.code, d.message]));
      return { walks, diagnostics };
    } finally {
      proto['raiseEarlyExitException'] = saved.e;
      proto['raiseNoAltException'] = saved.n;
    }
  }

  it('does not walk the grammar again for each broken declaration', () => {
    const small = builds(UNIT_13114.repeat(50));
    const large = builds(UNIT_13114.repeat(400));
    // Before: one walk per early exit and per missing alternative, 2 per copy (800 for 400 copies).
    expect(large.walks).toBeLessThan(10);
    expect(large.walks).toBeLessThanOrEqual(small.walks);
  });

  it('says the same as Chevrotain would', () => {
    const d = JSON.parse(builds(UNIT_13114.repeat(3)).diagnostics) as [string, string][];
    const one = [
      ['PLG1002', 'unexpected `holidays`, expected a time (17:30)'],
      ['PLG1004', 'unexpected `}`, expected a string or a name'],
      ['PLG1002', '`1e308` is not a number, duration or date'],
    ];
    expect(d).toEqual([...one, ...one, ...one]);
  });
});
