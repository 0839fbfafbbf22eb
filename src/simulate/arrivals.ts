/**
 * Random arrivals: a Poisson process at the base rate times the factors of the windows open at
 * each instant (grammar/reference.md, "Arrivals"), drawn by thinning. Candidates come at the
 * highest rate any instant can have (`maxFactor`); each is kept with probability (factors there) /
 * `maxFactor`. Every candidate takes two draws from the load's stream, an exponential gap and a
 * uniform, and nothing else does, so the arrivals and each ticket's draws interleave the same way
 * on every run.
 */
import type { Load } from './load.js';
import type { Random } from './random.js';

export class ArrivalProcess {
  /**
   * The state, in a typed array so advancing stores doubles without boxing them: the candidate
   * clock, the product of the factors of the windows open at the clock, the instant that product
   * may next change (a window opens or closes), and the last arrival. Windows are asked again only
   * past that instant, not at every candidate.
   */
  private readonly at: Float64Array;

  constructor(private readonly load: Pick<Load, 'from' | 'to' | 'baseRate' | 'windows' | 'maxFactor'>) {
    this.at = Float64Array.of(load.from, 1, -Infinity, NaN);
  }

  /** The last arrival: whole seconds (rounded up), before the period's end. */
  get arrival(): number {
    return this.at[3]!;
  }

  /** Draws the next arrival into `arrival`; false when the period is over. */
  advance(r: Random): boolean {
    const { load, at } = this;
    const rate = load.baseRate * load.maxFactor;
    for (;;) {
      // An exponential gap, as `Random.exponential` draws it.
      const clock = (at[0] += -Math.log(1 - r.next()) / rate);
      if (clock >= load.to) return false;
      if (clock >= at[2]!) this.factorsAt(clock);
      if (r.next() * load.maxFactor < at[1]!) {
        at[3] = Math.min(load.to - 1, Math.ceil(clock / 1000) * 1000);
        return true;
      }
    }
  }

  /** The windows' product of factors at t (in declaration order), and until when it holds. */
  private factorsAt(t: number): void {
    const { windows, to } = this.load;
    let f = 1;
    let until = Infinity;
    for (let i = 0; i < windows.length; i++) {
      const w = windows[i]!;
      if (w.calendar.isOpen(t)) {
        f *= w.factor;
        until = Math.min(until, w.calendar.nextClosing(t, to));
      } else until = Math.min(until, w.calendar.nextOpening(t));
    }
    this.at[1] = f;
    this.at[2] = until;
  }
}
