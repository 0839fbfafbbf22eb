/**
 * Random arrivals against the plain definition of thinning: every candidate asks each window
 * whether it is open there. The process asks only when a window may have opened or closed; the
 * arrivals must be the same, to the millisecond, with overlapping weekly peaks, a quiet window,
 * a burst, and a daylight-saving change inside a window.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { ArrivalProcess } from '../../src/simulate/arrivals.js';
import { compileLoad, type Load } from '../../src/simulate/load.js';
import { Random } from '../../src/simulate/random.js';
import { compileContract } from '../../src/time/contract.js';

function load(windows: string): Load {
  const { model, diagnostics } = analyze(`
calendar office { zone "Europe/Berlin" hours mon-fri 09:00-17:00 }
clock response { starts filed stops first_reply }
priority P1 { response 1h on office }
scenario "s" {
  period 2026-03-20 to 2026-04-05
  arrivals 300 daily
  ${windows}
  staff 3 on office
  work P1 10m..20m
  seed 11
}`);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return compileLoad(compileContract(model), model.scenarios[0]!);
}

/** Thinning as the definition reads: at each candidate, the product of the open windows' factors. */
function reference(l: Load, seed: number): number[] {
  const r = new Random(seed);
  const out: number[] = [];
  let clock = l.from;
  for (;;) {
    clock += r.exponential(l.baseRate * l.maxFactor);
    if (clock >= l.to) return out;
    let f = 1;
    for (const w of l.windows) if (w.calendar.isOpen(clock)) f *= w.factor;
    if (r.next() * l.maxFactor < f) out.push(Math.min(l.to - 1, Math.ceil(clock / 1000) * 1000));
  }
}

function drawn(l: Load, seed: number): number[] {
  const r = new Random(seed);
  const p = new ArrivalProcess(l);
  const out: number[] = [];
  while (p.advance(r)) out.push(p.arrival);
  return out;
}

describe('ArrivalProcess', () => {
  const cases: [string, string][] = [
    ['no windows', ''],
    ['overlapping peaks, a quiet weekend and a burst', 'peak mon-fri 18:00-22:00 x3\n  peak mon-sun 20:00-23:30 x2\n  peak sat-sun 00:00-24:00 x0.5\n  burst 2026-03-27 21:00-23:00 x10'],
    ['a window across the spring-forward night (2026-03-29 in Berlin)', 'peak sun 01:30-03:30 x4\n  peak mon-sun 22:00-02:00 x2'],
  ];
  for (const [name, windows] of cases) {
    it(`files the same tickets as thinning by definition: ${name}`, () => {
      const l = load(windows);
      for (const seed of [1, 2, 3]) {
        const want = reference(l, seed);
        expect(want.length).toBeGreaterThan(3000);
        expect(drawn(l, seed)).toEqual(want);
      }
    });
  }
});
