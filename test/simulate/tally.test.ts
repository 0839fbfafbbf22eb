/**
 * The percentiles' histogram: `Quantiles.bucket` (tables, no logarithm) must put every duration in
 * the bucket `Quantiles.bucketOf` (the definition, one logarithm) gives, above all next to the
 * buckets' edges, and percentiles past the exact phase stay within 0.25% (rounded to the second).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Quantiles } from '../../src/simulate/tally.js';

/** The doubles `steps` ulps either side of x (x positive and finite). */
function around(x: number, steps: number): number[] {
  const f = new Float64Array(1);
  const u = new BigUint64Array(f.buffer);
  f[0] = x;
  const bits = u[0]!;
  const out: number[] = [];
  for (let d = -steps; d <= steps; d++) {
    u[0] = bits + BigInt(d);
    out.push(f[0]!);
  }
  return out;
}

describe('Quantiles', () => {
  it('buckets every duration as the logarithm does, at each bucket edge to the ulp', () => {
    let checked = 0;
    for (let b = 1; b < 8000; b++) {
      for (const ms of around(1000 * 1.005 ** (b - 1), 3)) {
        expect(Quantiles.bucket(ms), `${ms} ms`).toBe(Quantiles.bucketOf(ms));
        checked++;
      }
    }
    expect(checked).toBe(7999 * 7);
  });

  it('buckets every duration as the logarithm does, anywhere from 0 to past the last bucket', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: 0, max: 1e16, noNaN: true }), fc.integer({ min: 0, max: 2 ** 31 }), fc.constantFrom(0, 999.9999, 1000, Infinity)), (ms) => {
        expect(Quantiles.bucket(ms)).toBe(Quantiles.bucketOf(ms));
      }),
      { numRuns: 20_000 },
    );
  });

  it('keeps percentiles within 0.25% (to the second) once past the exact phase', () => {
    const q = new Quantiles();
    const values: number[] = [];
    // 50,000 durations from a minute to two days, spread on a log scale, in a scrambled order.
    for (let i = 0; i < 50_000; i++) values.push(Math.round(60_000 * 2880 ** (((i * 7919) % 50_000) / 50_000)));
    for (const v of values) q.add(v);
    values.sort((a, b) => a - b);
    for (const p of [1, 50, 90, 99, 100]) {
      const exact = values[Math.max(1, Math.ceil((p / 100) * values.length)) - 1]!;
      const got = q.percentile(p)!;
      expect(Math.abs(got - exact), `p${p}: ${got} vs ${exact}`).toBeLessThanOrEqual(exact * 0.0025 + 500);
    }
  });
});
