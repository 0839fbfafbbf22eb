/**
 * Seeded random draws for the simulator. Every draw comes from pure-rand's xoroshiro128+ (the
 * generator fast-check uses), so a seed replays a run exactly, on any machine. Independent streams
 * of one seed are the generator jumped ahead (2^64 steps per jump), so they never overlap.
 */
import type * as A from '../ast/nodes.js';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { MINUTE_MS } from '../time/calendar.js';

/** z such that P(Z ≤ z) = 0.9 for a standard normal Z. */
export const Z90 = 1.2815515655446004;

/** Uniform draws made at a time (see `Random.next`). */
const BATCH = 256;

export class Random {
  private readonly g;
  /**
   * The next uniform draws, made `BATCH` at a time and handed out from the end: `next()` is then
   * small enough for V8 to inline wherever it is called, and a draw inlined into its caller is
   * never boxed as a heap number (a million tickets draw about twenty million). The stream is the
   * generator's, in order, whatever the batch size.
   */
  private readonly batch = new Float64Array(BATCH);
  private left = 0;

  constructor(seed: number, stream = 0) {
    this.g = xoroshiro128plus(seed | 0);
    // Mix the high bits of seeds above 2^31 into the stream, so every seed is its own run.
    const high = Math.floor(seed / 2 ** 32);
    for (let i = 0; i < stream + (high ? 1 : 0); i++) this.g.jump();
    if (high) for (let i = 0; i < (high % 977) + 1; i++) this.g.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    if (this.left === 0) this.refill();
    return this.batch[--this.left]!;
  }

  private refill(): void {
    for (let i = BATCH - 1; i >= 0; i--) this.batch[i] = uniformFloat64(this.g);
    this.left = BATCH;
  }

  /** Exponential with the given rate (mean 1 / rate). */
  exponential(rate: number): number {
    return -Math.log(1 - this.next()) / rate;
  }

  /** Standard normal, by Box–Muller. */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** True with probability `percent` / 100. Always takes one draw, so later draws do not shift. */
  chance(percent: number): boolean {
    return this.next() * 100 < percent;
  }
}

/** Milliseconds of a scenario duration: real time, `1d` = 24 hours. */
export function realMs(d: A.DurationLit): number {
  return (d.unit === 'day' ? d.amount * 1440 : d.amount) * MINUTE_MS;
}

/** A random duration in ms. */
export type Sampler = (r: Random) => number;

/** Uniform between the bounds, or log-normal with the given median and 90th percentile; whole seconds. */
export function sampler(d: A.Distribution): Sampler {
  if (d.kind === 'Uniform') {
    const min = realMs(d.min);
    const span = realMs(d.max) - min;
    return (r) => Math.round((min + span * r.next()) / 1000) * 1000;
  }
  const median = realMs(d.median);
  const sigma = Math.log(realMs(d.p90) / median) / Z90;
  return (r) => Math.round((median * Math.exp(sigma * r.normal())) / 1000) * 1000;
}
