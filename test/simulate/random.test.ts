/**
 * The simulator's random stream: `Random` hands out uniforms from batches, and the batches must not
 * change the stream. A seed's draws are pure-rand's xoroshiro128+ through `uniformFloat64`, in
 * order, across batch boundaries, for every stream and for seeds above 2^31.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/simulate/random.js';

/** The plain definition: the generator, jumped once per stream, one uniform per draw. */
function reference(seed: number, stream: number, count: number): number[] {
  const g = xoroshiro128plus(seed | 0);
  const high = Math.floor(seed / 2 ** 32);
  for (let i = 0; i < stream + (high ? 1 : 0); i++) g.jump();
  if (high) for (let i = 0; i < (high % 977) + 1; i++) g.next();
  return Array.from({ length: count }, () => uniformFloat64(g));
}

describe('Random', () => {
  for (const [seed, stream] of [
    [42, 0],
    [42, 1],
    [0, 0],
    [2 ** 40 + 7, 0],
  ] as const) {
    it(`draws the generator's uniforms in order across batches (seed ${seed}, stream ${stream})`, () => {
      const r = new Random(seed, stream);
      const drawn = Array.from({ length: 1000 }, () => r.next());
      expect(drawn).toEqual(reference(seed, stream, 1000));
    });
  }

  it('keeps every derived draw on the same stream', () => {
    const a = new Random(7);
    const b = reference(7, 0, 4);
    expect(a.exponential(2)).toBe(-Math.log(1 - b[0]!) / 2);
    expect(a.chance(50)).toBe(b[1]! * 100 < 50);
    expect(a.normal()).toBe(Math.sqrt(-2 * Math.log(1 - b[2]!)) * Math.cos(2 * Math.PI * b[3]!));
  });
});
