/**
 * Exact worst cases over filing instants, decided from a calendar's structure rather than by
 * sampling. For `m`/`h` targets the worst filings are the closing instants (a filing inside a
 * closed stretch meets the same deadline later; one in an open stretch is never worse than one at
 * the next close, which needs as many more open minutes as it is later). For `d` targets the
 * deadline can jump past a break in the target day as the position grows, so every whole minute
 * of open time is a candidate too.
 */
import type * as A from '../ast/nodes.js';
import { MINUTE_MS, type CompiledCalendar } from './calendar.js';

export interface WorstCase {
  /** The filing instant that takes longest (the earliest such). */
  readonly filed: number;
  readonly due: number;
  /** due − filed, in ms. */
  readonly wall: number;
}

type Duration = Pick<A.DurationLit, 'unit' | 'amount'>;

/** Candidate filing instants in [from, to): the window's start, every close, and for `d` every open minute. */
function candidates(cal: CompiledCalendar, from: number, to: number, everyOpenMinute: boolean, visit: (t: number) => void): void {
  visit(from);
  for (const span of cal.spans(from, to)) {
    if (everyOpenMinute) {
      const first = Math.ceil(span.start / MINUTE_MS) * MINUTE_MS;
      for (let t = first; t < span.end; t += MINUTE_MS) visit(t);
    } else visit(span.start);
    if (span.end < to) visit(span.end);
  }
}

/**
 * The filing instant in [from, to) whose deadline comes latest after it, in real time.
 * @example worstWall(business, { unit: 'minute', amount: 240 }, termStart, termEnd).wall
 */
export function worstWall(cal: CompiledCalendar, duration: Duration, from: number, to: number): WorstCase | undefined {
  let worst: WorstCase | undefined;
  candidates(cal, from, to, duration.unit === 'day', (t) => {
    const due = cal.deadline(t, duration);
    const wall = due - t;
    if (!worst || wall > worst.wall) worst = { filed: t, due, wall };
  });
  return worst;
}

/**
 * The first filing instant in [from, to) whose deadline for `target` comes after its deadline for
 * `bound` on the same calendar (an open-time bound), if any.
 */
export function firstLater(cal: CompiledCalendar, target: Duration, bound: Duration, from: number, to: number): WorstCase | undefined {
  if (target.unit === 'minute' && bound.unit === 'minute') {
    if (target.amount <= bound.amount) return undefined;
    const due = cal.deadline(from, target);
    return { filed: from, due, wall: due - from };
  }
  let found: WorstCase | undefined;
  candidates(cal, from, to, true, (t) => {
    if (found) return;
    const due = cal.deadline(t, target);
    if (due > cal.deadline(t, bound)) found = { filed: t, due, wall: due - t };
  });
  return found;
}
