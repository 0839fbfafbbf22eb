/**
 * Streaming totals of ticket outcomes: counts per priority and clock, percentiles of the time to
 * each clock's stop, escalation steps fired, per-breach credits per month. Memory is bounded by the
 * number of priorities, clocks, steps and months, never by the number of tickets. The simulator and
 * `pledge replay` feed the same tally, so their reports agree by construction.
 */
import { DateTime } from 'luxon';
import { isPastDue } from '../time/credits.js';
import { OutcomeView, S_BREACHED, S_MET, S_NO_TARGET, type TicketOutcome } from './outcome.js';

// The bits of doubles, for `Quantiles.bucket`: a key is a positive double's exponent and top 8
// mantissa bits, counted from 512 (exponent 9, where durations of 1,000 ms and more begin).
const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
/** Which word holds the sign, exponent and top mantissa bits (1 on little-endian machines). */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;
const KEY_BASE = (1023 + 9) << 8;
function keyOf(x: number): number {
  scratch[0] = x;
  return (words[HI]! >>> 12) - KEY_BASE;
}
/** The least double with a key. */
function lowestOfKey(key: number): number {
  words[HI] = (key + KEY_BASE) << 12;
  words[LO] = 0;
  return scratch[0]!;
}
/** The next double up or down from a positive finite one. */
function nextUp(x: number): number {
  scratch[0] = x;
  if (words[LO] === 0xffffffff) {
    words[LO] = 0;
    words[HI]!++;
  } else words[LO]!++;
  return scratch[0]!;
}
function nextDown(x: number): number {
  scratch[0] = x;
  if (words[LO] === 0) {
    words[LO] = 0xffffffff;
    words[HI]!--;
  } else words[LO]!--;
  return scratch[0]!;
}

/**
 * Percentiles of a stream of durations: exact (nearest rank) while at most `EXACT` values have been
 * seen, then from a log-scale histogram whose buckets are 0.5% wide, so a percentile is off by at
 * most 0.25% of its value (rounded to the second).
 */
export class Quantiles {
  static readonly EXACT = 4096;
  private static readonly RATIO = 1.005;
  private static readonly SCALE = 1 / Math.log(Quantiles.RATIO);
  /** Bucket 0 holds values under a second; bucket i ≥ 1 holds [1000·RATIO^(i−1), 1000·RATIO^i). 8,000 buckets reach past 1,000 years. */
  private static readonly BUCKETS = 8000;
  private values: number[] | undefined = [];
  /** Counts per bucket (a run files at most 20M tickets, far below 2^32). */
  private buckets: Uint32Array | undefined;
  private sorted = true;
  count = 0;

  add(ms: number): void {
    this.count++;
    if (this.values) {
      this.sorted = false;
      this.values.push(ms);
      if (this.values.length <= Quantiles.EXACT) return;
      this.buckets = new Uint32Array(Quantiles.BUCKETS);
      for (const v of this.values) this.bump(v);
      this.values = undefined;
      return;
    }
    this.bump(ms);
  }

  /** The bucket of a duration, by definition (one logarithm). */
  static bucketOf(ms: number): number {
    return ms < 1000 ? 0 : Math.min(Quantiles.BUCKETS - 1, 1 + Math.floor(Math.log(ms / 1000) * Quantiles.SCALE));
  }

  private bump(ms: number): void {
    this.buckets![Quantiles.bucket(ms)]!++;
  }

  /**
   * `bucketOf` without the logarithm, which was the tally's largest cost. The bucket of `ms` is
   * monotone in `ms`, so it is fixed by its thresholds (`FIRST[b]`: the least duration in bucket b
   * or above). The duration's binary exponent and top 8 mantissa bits pick a 1/256-octave range,
   * narrower than a bucket, whose lowest bucket is tabled: from there at most one threshold is
   * crossed. The thresholds are `bucketOf`'s own, found next to 1000·RATIO^(b−1) a few ulps at a
   * time, so the result is `bucketOf`'s to the last bit (test/simulate/tally.test.ts).
   */
  static bucket(ms: number): number {
    if (!(ms >= 1000)) return 0;
    const t = Quantiles.tables ?? Quantiles.build();
    const key = keyOf(ms);
    if (key >= t.start.length) return Quantiles.BUCKETS - 1;
    let b = t.start[key]!;
    while (ms >= t.first[b + 1]!) b++;
    return b;
  }

  private static tables: { first: Float64Array; start: Uint16Array } | undefined;

  private static build(): { first: Float64Array; start: Uint16Array } {
    const B = Quantiles.BUCKETS;
    // first[b] for 1 ≤ b < B; first[B] = Infinity stops every scan in the last bucket.
    const first = new Float64Array(B + 1);
    first[0] = -Infinity;
    first[1] = 1000;
    first[B] = Infinity;
    for (let b = 2; b < B; b++) {
      let x = 1000 * Quantiles.RATIO ** (b - 1);
      if (Quantiles.bucketOf(x) >= b) {
        while (Quantiles.bucketOf(nextDown(x)) >= b) x = nextDown(x);
      } else {
        do x = nextUp(x);
        while (Quantiles.bucketOf(x) < b);
      }
      first[b] = x;
    }
    // One entry per 1/256 octave from 1,000 ms (exponent 9) until the last bucket begins.
    const top = keyOf(first[B - 1]!);
    const start = new Uint16Array(top + 1);
    for (let key = 0; key <= top; key++) start[key] = Quantiles.bucketOf(Math.max(1000, lowestOfKey(key)));
    Quantiles.tables = { first, start };
    return Quantiles.tables;
  }

  /** The p-th percentile (0 < p ≤ 100) by nearest rank, in ms; undefined when empty. */
  percentile(p: number): number | undefined {
    if (this.count === 0) return undefined;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    if (this.values) {
      if (!this.sorted) {
        this.values.sort((a, b) => a - b);
        this.sorted = true;
      }
      return this.values[rank - 1];
    }
    let acc = 0;
    const buckets = this.buckets!;
    for (let b = 0; b < buckets.length; b++) {
      acc += buckets[b]!;
      if (acc >= rank) return b === 0 ? 0 : Math.round(Quantiles.RATIO ** (b - 0.5)) * 1000;
    }
    return undefined;
  }
}

export interface ClockTally {
  readonly priority: string;
  readonly clock: string;
  tickets: number;
  met: number;
  breached: number;
  open: number;
  readonly openTime: Quantiles;
  readonly wallTime: Quantiles;
}

/** A tally row with the per-breach credit percent its late clocks earn. */
interface Row extends ClockTally {
  readonly credit: number;
  /** The credit as a function of the lateness (graded credits); `credit` is its value one unit late. */
  readonly creditOf: (lateMs: number) => number;
}

export interface MonthCredit {
  breaches: number;
  percent: number;
}

/** Month keys (`2026-03`) of instants in one zone, by binary search over month starts. */
export class Months {
  private readonly starts: number[] = [];
  private readonly keys: string[] = [];

  constructor(readonly zone: string, from: number, to: number) {
    let m = DateTime.fromMillis(from, { zone }).startOf('month').minus({ months: 1 });
    const end = DateTime.fromMillis(to, { zone }).plus({ months: 2 });
    while (m < end) {
      this.starts.push(m.toMillis());
      this.keys.push(m.toFormat('yyyy-MM'));
      m = m.plus({ months: 1 });
    }
  }

  key(t: number): string {
    let lo = 0;
    let hi = this.starts.length - 1;
    if (t < this.starts[0]!) return DateTime.fromMillis(t, { zone: this.zone }).toFormat('yyyy-MM');
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo === this.starts.length - 1 ? DateTime.fromMillis(t, { zone: this.zone }).toFormat('yyyy-MM') : this.keys[lo]!;
  }
}

export class Tally {
  readonly clocks = new Map<string, ClockTally>();
  /** The same tallies per priority, indexed by clock (model order), with their per-breach credit percent: the hot path builds no keys. */
  private readonly byPriority = new Map<string, (Row | undefined)[]>();
  /** Per escalation step index: times fired, and contacts that were off their calendar. */
  readonly steps = new Map<number, { fired: number; unreachable: number }>();
  /** Per month (`2026-03`): credited breaches and the per-breach credit they earn, before the cap. */
  readonly credits = new Map<string, MonthCredit>();
  /** Per priority: `update every` intervals met, breached and still running at the horizon (each under the priority it was judged by). */
  readonly updates = new Map<string, { met: number; breached: number; open: number }>();
  tickets = 0;
  private readonly view: OutcomeView;

  /**
   * @param clocks the contract's clock names in model order (the order of an `OutcomeView`).
   * @param horizon a clock still running or paused whose deadline passed by this instant counts
   *   as breached, and earns its credit in the month its deadline passed.
   */
  constructor(
    clocks: readonly string[],
    private readonly months: Months,
    private readonly horizon: number,
    private readonly breachCredit: (clock: string, priority: string) => (lateMs: number) => number,
  ) {
    this.view = new OutcomeView(clocks);
  }

  add(o: TicketOutcome): void {
    this.addView(this.view.load(o));
  }

  private lastPriority = '';
  private lastLevel: (Row | undefined)[] = [];

  private row(priority: string, c: number, clock: string): Row {
    let level = priority === this.lastPriority ? this.lastLevel : this.byPriority.get(priority);
    if (!level) this.byPriority.set(priority, (level = []));
    this.lastPriority = priority;
    this.lastLevel = level;
    let t = level[c];
    if (!t) {
      const creditOf = this.breachCredit(clock, priority);
      t = { priority, clock, tickets: 0, met: 0, breached: 0, open: 0, openTime: new Quantiles(), wallTime: new Quantiles(), credit: creditOf(0), creditOf };
      level[c] = t;
      this.clocks.set(`${priority}\u0000${clock}`, t);
    }
    return t;
  }

  /** Counts one ticket's outcome. */
  addView(v: OutcomeView): void {
    this.tickets++;
    const n = v.clocks.length;
    for (let c = 0; c < n; c++) {
      const state = v.state[c]!;
      const starts = v.starts[c]!;
      if (starts !== starts || state === S_NO_TARGET) continue;
      const t = this.row(v.priority[c]!, c, v.clocks[c]!);
      t.tickets++;
      const stopped = v.stopped[c]!;
      const hasStop = stopped === stopped;
      if (hasStop) {
        t.openTime.add(v.open[c]!);
        t.wallTime.add(v.wall[c]!);
      }
      const due = v.due[c]!;
      const lateAndOpen = !hasStop && due === due && isPastDue(due, this.horizon);
      if (state === S_MET) t.met++;
      else if (state === S_BREACHED || lateAndOpen) t.breached++;
      else t.open++;
      if (lateAndOpen) {
        // A ticket earns a clock's credit once: not again when the outcome already credited it (a reclassification breach).
        let credited = false;
        for (let k = 0; k < v.credits; k++) if (v.creditClock[k] === c) credited = true;
        // Graded credits count the lateness to the horizon (the evaluator's `lateUntil`).
        if (t.credit > 0 && !credited) this.credit(due, t.creditOf(v.late[c]! === v.late[c]! ? v.late[c]! : Math.max(0, this.horizon - due)));
      }
    }
    for (let k = 0; k < v.escalations; k++) {
      const step = v.stepOf[k]!;
      let s = this.steps.get(step);
      if (!s) this.steps.set(step, (s = { fired: 0, unreachable: 0 }));
      s.fired++;
      if (v.stepUnreachable[k]! > 0) s.unreachable++;
    }
    for (let k = 0; k < v.credits; k++) this.credit(v.creditTime[k]!, v.creditPercent[k]!);
    if (v.updates) {
      for (const u of v.updates) {
        let row = this.updates.get(u.priority);
        if (!row) this.updates.set(u.priority, (row = { met: 0, breached: 0, open: 0 }));
        if (u.state === 'met') row.met++;
        else if (u.state === 'breached') row.breached++;
        else row.open++;
      }
    }
  }

  private credit(time: number, percent: number): void {
    const key = this.months.key(time);
    let m = this.credits.get(key);
    if (!m) this.credits.set(key, (m = { breaches: 0, percent: 0 }));
    m.breaches++;
    m.percent += percent;
  }
}
