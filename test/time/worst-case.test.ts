/**
 * Exact worst cases over filing instants (`src/time/worst-case.ts`) against brute force: every
 * whole minute of a three-week window, on random calendars in zones with and without DST.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as A from '../../src/ast/nodes.js';
import { WEEKDAYS } from '../../src/ast/nodes.js';
import { parse } from '../../src/index.js';
import { compileCalendar, MINUTE_MS } from '../../src/time/calendar.js';
import { worstWall } from '../../src/time/worst-case.js';

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const rangeText = fc
  .tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 40 }))
  .map(([start, length]) => `${hhmm(start * 15)}-${hhmm(Math.min(start * 15 + length * 15, 1440) % 1440 || 1440)}`);
const calendarText = fc.record({
  zone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York'),
  from: fc.constantFrom(...WEEKDAYS),
  to: fc.constantFrom(...WEEKDAYS),
  ranges: fc.array(rangeText, { minLength: 1, maxLength: 2 }),
  closed: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
});

function calendarOf(c: { zone: string; from: string; to: string; ranges: string[]; closed: number | undefined }): A.CalendarDecl {
  const closed = c.closed ? `  closed 2026-03-${String(c.closed).padStart(2, '0')}\n` : '';
  const decl = parse(`calendar c {\n  zone "${c.zone}"\n  hours ${c.from}-${c.to} ${c.ranges.join(', ')}\n${closed}}\n`).ast.declarations[0];
  if (decl?.kind !== 'Calendar') throw new Error('not a calendar');
  return decl;
}

describe('exact worst case over filing instants', () => {
  it('equals the worst over every whole minute of the window', () => {
    const from = Date.UTC(2026, 2, 2);
    const to = from + 21 * 86_400_000; // three weeks, across Europe's and America's spring-forward
    fc.assert(
      fc.property(
        calendarText,
        fc.oneof(
          fc.record({ unit: fc.constant('minute' as const), amount: fc.integer({ min: 1, max: 3000 }) }),
          fc.record({ unit: fc.constant('day' as const), amount: fc.integer({ min: 1, max: 3 }) }),
        ),
        (c, duration) => {
          const cal = compileCalendar(calendarOf(c));
          if (cal.openBetween(from, to) === 0) return;
          let brute = 0;
          for (let t = from; t < to; t += MINUTE_MS) brute = Math.max(brute, cal.deadline(t, duration) - t);
          expect(worstWall(cal, duration, from, to)?.wall).toBe(brute);
        },
      ),
      { numRuns: 80 },
    );
  }, 120_000);
});
