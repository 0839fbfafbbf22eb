/**
 * The checker's worst-case real time of a target on a weekly pattern, against a deliberately
 * simple reference that tries every filing minute of the week and steps minute by minute.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as A from '../src/ast/nodes.js';
import { WEEKDAYS } from '../src/ast/nodes.js';
import { parse } from '../src/index.js';
import { WEEK_MINUTES, weeklyPattern, worstCaseWallMinutes, type WeeklyPattern } from '../src/time/weekly.js';

/** Every filing minute of the week, naively: a forward sweep for `m`, day walking for `d`. */
function referenceWorst(p: WeeklyPattern, d: { unit: 'day' | 'minute'; amount: number }): number {
  const open = (t: number) => p.open[t % WEEK_MINUTES] === 1;
  let worst = 0;
  if (d.unit === 'minute') {
    // Deadlines never move earlier as the filing moves later, so one pointer sweeps forward.
    let t = 0;
    let got = 0; // open minutes in [s, t)
    for (let s = 0; s < WEEK_MINUTES; s++) {
      while (got < d.amount) got += open(t++) ? 1 : 0;
      while (t > s + 1 && got - (open(t - 1) ? 1 : 0) >= d.amount) got -= open(--t) ? 1 : 0;
      worst = Math.max(worst, t - s);
      if (open(s)) got--;
    }
    return worst;
  }
  const memo = new Map<number, number[]>();
  const openMinutesOfDay = (day: number) => {
    if (memo.has(day)) return memo.get(day)!;
    const list: number[] = [];
    memo.set(day, list);
    for (let t = day * 1440; t < (day + 1) * 1440; t++) if (open(t)) list.push(t);
    return list;
  };
  for (let s = 0; s < WEEK_MINUTES; s++) {
    let start = s;
    while (!open(start)) start++;
    const startDay = Math.floor(start / 1440);
    const position = openMinutesOfDay(startDay).filter((t) => t < start).length;
    let day = startDay;
    for (let n = 0; n < d.amount; ) if (openMinutesOfDay(++day).length > 0) n++;
    const minutes = openMinutesOfDay(day);
    const at = position === 0 ? minutes[0]! : minutes[Math.min(position, minutes.length) - 1]! + 1;
    worst = Math.max(worst, at - s);
  }
  return worst;
}

const calendarOf = (hours: string): A.CalendarDecl => {
  const decl = parse(`calendar c {\n  zone "UTC"\n${hours}\n}\n`).ast.declarations[0];
  if (decl?.kind !== 'Calendar') throw new Error('not a calendar');
  return decl;
};

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
// Coarse times (30-minute steps) keep the brute-force reference fast.
const hoursLine = fc
  .record({
    from: fc.constantFrom(...WEEKDAYS),
    to: fc.constantFrom(...WEEKDAYS),
    start: fc.integer({ min: 0, max: 47 }),
    length: fc.integer({ min: 1, max: 40 }),
  })
  .map(({ from, to, start, length }) => `  hours ${from}-${to} ${hhmm(start * 30)}-${hhmm(Math.min(start * 30 + length * 30, 1440) % 1440 || 1440)}`);

describe('worst-case real time on a weekly pattern', () => {
  it('pins the bundled business calendar (mon-fri 09:00-17:30)', () => {
    const p = weeklyPattern(calendarOf('  hours mon-fri 09:00-17:30'));
    // Filed Friday 17:30: 4 open hours end Monday 13:00.
    expect(worstCaseWallMinutes(p, { unit: 'minute', amount: 240 })).toBe(2 * 1440 + 19 * 60 + 30);
    // 24 open hours: Monday, Tuesday, then 7 hours on Wednesday, ending 16:00.
    expect(worstCaseWallMinutes(p, { unit: 'minute', amount: 1440 })).toBe(4 * 1440 + 22 * 60 + 30);
    // 1 open day from Friday 17:30: the clock starts Monday 09:00, due Tuesday 09:00.
    expect(worstCaseWallMinutes(p, { unit: 'day', amount: 1 })).toBe(3 * 1440 + 15 * 60 + 30);
  });

  it('is undefined for a calendar that never opens, and exact for 7×24', () => {
    expect(worstCaseWallMinutes(weeklyPattern(calendarOf('')), { unit: 'minute', amount: 60 })).toBeUndefined();
    const always = weeklyPattern(calendarOf('  hours mon-sun 00:00-24:00'));
    expect(worstCaseWallMinutes(always, { unit: 'minute', amount: 15 })).toBe(15);
    expect(worstCaseWallMinutes(always, { unit: 'day', amount: 2 })).toBe(2 * 1440);
  });

  it('equals the minute-stepping reference on random weekly patterns', () => {
    fc.assert(
      fc.property(
        fc.array(hoursLine, { minLength: 1, maxLength: 3 }),
        fc.oneof(
          fc.record({ unit: fc.constant('minute' as const), amount: fc.integer({ min: 1, max: 3000 }) }),
          fc.record({ unit: fc.constant('day' as const), amount: fc.integer({ min: 1, max: 3 }) }),
        ),
        (lines, duration) => {
          const p = weeklyPattern(calendarOf(lines.join('\n')));
          if (p.openPerWeek === 0) return;
          // At most two weeks of this pattern's open time, so the stepping reference stays quick.
          const d = duration.unit === 'minute' ? { ...duration, amount: 1 + (duration.amount % (2 * p.openPerWeek)) } : duration;
          expect(worstCaseWallMinutes(p, d)).toBe(referenceWorst(p, d));
        },
      ),
      { numRuns: 20 },
    );
  }, 180_000);
});
