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
