/**
 * The time engine (`src/time/calendar.ts`) against the minute-stepping reference
 * (`test/time/reference.ts`) on random calendars in awkward zones, plus the algebra every open-time
 * clock must obey. Seeds come from `test/setup.ts`; a failure prints the calendar source.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { compileCalendar, type CompiledCalendar } from '../../src/time/calendar.js';
import { calendarArb, durationArb, instantNear, parseCalendar, ZONE_ANCHORS, type GenCalendar } from './arbitraries.js';
import { addOpenDaysRef, addOpenRef, deadlineRef, isOpenRef, MINUTE, openBetweenRef, refCalendar, type RefCalendar } from './reference.js';

/** A generated calendar compiled both ways; the source is kept for failure messages. */
interface Pair {
  readonly gen: GenCalendar;
  readonly engine: CompiledCalendar;
  readonly ref: RefCalendar;
}
const both = (gen: GenCalendar): Pair => ({ gen, engine: compileCalendar(gen.decl), ref: refCalendar(gen.decl) });

/** `2026-03-08T03:00-04:00 (1772953200000)`: instants read well in failures. */
const show = (p: Pair, t: number): string => (Number.isFinite(t) ? `${DateTime.fromMillis(t, { zone: p.gen.zone }).toISO({ suppressMilliseconds: true, suppressSeconds: true })} (${t})` : String(t));

/** A calendar with instants and a duration near its awkward date. */
const scenario = calendarArb.chain((gen) =>
  fc.record({
    gen: fc.constant(gen),
    t: instantNear(gen.anchor),
    u: instantNear(gen.anchor),
    duration: durationArb(gen.weeklyOpenMinutes),
    b: durationArb(gen.weeklyOpenMinutes).map((d) => (d.unit === 'minute' ? d.amount : d.amount * 60)),
  }),
);
/** Open minutes `a` for a scenario: the duration when it is in minutes, else that many hours. */
const minutesOf = (d: { unit: 'minute' | 'day'; amount: number }) => (d.unit === 'minute' ? d.amount : d.amount * 60);

const RUNS = 60;

describe('generated calendars', () => {
  it('are free of checker errors about calendars (so the engine and the reference agree on what they mean)', () => {
    fc.assert(
      fc.property(calendarArb, (gen) => {
        const errors = analyze(gen.source).diagnostics.filter((d) => d.severity === 'error' && /^PLG20(3[0-8]|08)$/.test(d.code));
        expect(errors.map((d) => `${d.code} ${d.message}`), gen.source).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});

describe('the engine equals the minute-stepping reference', () => {
  it('isOpen, at random instants near daylight-saving changes, holidays and the skipped day', () => {
    fc.assert(
      fc.property(calendarArb.chain((gen) => fc.tuple(fc.constant(gen), fc.array(instantNear(gen.anchor), { minLength: 20, maxLength: 20 }))), ([gen, instants]) => {
        const p = both(gen);
        for (const t of instants) expect(p.engine.isOpen(t), `${gen.source}at ${show(p, t)}`).toBe(isOpenRef(p.ref, t));
      }),
      { numRuns: RUNS },
    );
  });

  it('openBetween, over random windows of up to five days', () => {
    fc.assert(
      fc.property(scenario, ({ gen, t, u }) => {
        const p = both(gen);
        const [from, to] = t <= u ? [t, Math.min(u, t + 5 * 1440 * MINUTE)] : [t, u];
        expect(p.engine.openBetween(from, to), `${gen.source}[${show(p, from)}, ${show(p, to)})`).toBe(from < to ? openBetweenRef(p.ref, from, to) : 0);
      }),
      { numRuns: RUNS },
    );
  });

  it('addOpen (the `m`/`h` rule), including amount 0', () => {
    fc.assert(
      fc.property(scenario, fc.boolean(), ({ gen, t, duration }, zero) => {
        const p = both(gen);
        const amount = zero ? 0 : minutesOf(duration) * MINUTE;
        const expected = addOpenRef(p.ref, t, amount);
        expect(show(p, p.engine.addOpen(t, amount)), `${gen.source}addOpen(${show(p, t)}, ${amount / MINUTE}m)`).toBe(show(p, expected));
      }),
      { numRuns: RUNS },
    );
  });

  it('addOpenDays (the `d` rule), 0 to 5 open days', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 5 }), ({ gen, t }, days) => {
        const p = both(gen);
        const expected = addOpenDaysRef(p.ref, t, days);
        expect(show(p, p.engine.addOpenDays(t, days)), `${gen.source}addOpenDays(${show(p, t)}, ${days})`).toBe(show(p, expected));
      }),
      { numRuns: RUNS },
    );
  });

  it('deadline, for minute and day durations', () => {
    fc.assert(
      fc.property(scenario, ({ gen, t, duration }) => {
        const p = both(gen);
        expect(show(p, p.engine.deadline(t, duration)), `${gen.source}deadline(${show(p, t)}, ${JSON.stringify(duration)})`).toBe(show(p, deadlineRef(p.ref, t, duration)));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('open-time algebra (engine only)', () => {
  it('openOfSegments measures each segment as openBetween does, sums them in order, and lets an unpaired last start run on', () => {
    fc.assert(
      fc.property(calendarArb.chain((gen) => fc.record({ gen: fc.constant(gen), times: fc.array(instantNear(gen.anchor), { maxLength: 7 }) })), ({ gen, times }) => {
        const { engine } = both(gen);
        // Segments come from events in time order; equal and reversed pairs must measure 0 too.
        const at = Float64Array.from(times.length > 2 ? [...times.slice(0, 2), ...times.slice(2).sort((a, b) => a - b)] : times);
        const open = new Float64Array(4).fill(-1);
        const total = engine.openOfSegments(at, at.length, open);
        let sum = 0;
        for (let i = 0; i < at.length; i += 2) {
          const want = i + 1 < at.length ? engine.openBetween(at[i]!, at[i + 1]!) : Infinity;
          expect(open[i >> 1], gen.source).toBe(want);
          sum += want;
        }
        expect(total).toBe(sum);
        expect(open[Math.ceil(at.length / 2)] ?? -1).toBe(-1);
      }),
      { numRuns: RUNS },
    );
  });

  it('addOpen(addOpen(t, a), b) === addOpen(t, a + b) for all a, b >= 0: with the earliest-instant rule a chain that stops at a close goes on from that close', () => {
    fc.assert(
      fc.property(scenario, fc.boolean(), ({ gen, t, duration, b }, aZero) => {
        const { engine } = both(gen);
        const a = aZero ? 0 : minutesOf(duration) * MINUTE;
        expect(engine.addOpen(engine.addOpen(t, a), b * MINUTE), gen.source).toBe(engine.addOpen(t, a + b * MINUTE));
      }),
      { numRuns: RUNS },
    );
  });

  it('`m`/`h` deadlines are monotone: t1 <= t2 implies deadline(t1) <= deadline(t2)', () => {
    fc.assert(
      fc.property(scenario, ({ gen, t, u, duration }) => {
        const { engine } = both(gen);
        const d = { unit: 'minute' as const, amount: minutesOf(duration) };
        const [t1, t2] = t <= u ? [t, u] : [u, t];
        expect(engine.deadline(t1, d), gen.source).toBeLessThanOrEqual(engine.deadline(t2, d));
      }),
      { numRuns: RUNS },
    );
  });

  it('openBetween(t, addOpen(t, a)) === a, and addOpen(t, a) >= t', () => {
    fc.assert(
      fc.property(scenario, ({ gen, t, duration }) => {
        const { engine } = both(gen);
        const a = minutesOf(duration) * MINUTE;
        const end = engine.addOpen(t, a);
        expect(end).toBeGreaterThanOrEqual(t);
        expect(engine.openBetween(t, end), gen.source).toBe(a);
        // Earliest: one minute less is not enough (boundaries are minute-aligned).
        expect(engine.openBetween(t, end - MINUTE), gen.source).toBeLessThan(a);
      }),
      { numRuns: RUNS },
    );
  });

  it('pausing never shortens a deadline: a pause [p, q) inside the run gives addOpen(q, a - openBetween(t, p)) >= addOpen(t, a)', () => {
    fc.assert(
      fc.property(scenario, fc.nat({ max: 3 * 1440 }), fc.nat({ max: 3 * 1440 }), ({ gen, t, duration }, pauseAt, pauseFor) => {
        const { engine } = both(gen);
        const a = minutesOf(duration) * MINUTE;
        const unpaused = engine.addOpen(t, a);
        const p = Math.min(t + pauseAt * MINUTE, unpaused - MINUTE);
        const q = p + pauseFor * MINUTE;
        fc.pre(p >= t);
        expect(engine.addOpen(q, a - engine.openBetween(t, p)), gen.source).toBeGreaterThanOrEqual(unpaused);
      }),
      { numRuns: RUNS },
    );
  });

  it('spans(from, to) are sorted, disjoint, inside [from, to), and add up to openBetween(from, to)', () => {
    fc.assert(
      fc.property(scenario, ({ gen, t, u }) => {
        const { engine } = both(gen);
        const [from, to] = t <= u ? [t, u] : [u, t];
        const spans = engine.spans(from, to);
        let total = 0;
        spans.forEach((s, i) => {
          expect(s.start, gen.source).toBeLessThan(s.end);
          expect(s.start).toBeGreaterThanOrEqual(i === 0 ? from : spans[i - 1]!.end);
          expect(s.end).toBeLessThanOrEqual(to);
          total += s.end - s.start;
        });
        expect(total, gen.source).toBe(engine.openBetween(from, to));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('always-open calendars (the arithmetic shortcut) equal the reference', () => {
  // A calendar open around the clock with nothing closed (written in one statement or two) answers
  // by arithmetic instead of its span tables; it must still agree with the reference, across
  // daylight-saving changes, midnight transitions and Apia's skipped day.
  const sources = (zone: string) => [
    `calendar c {\n  zone "${zone}"\n  hours mon-sun 00:00-24:00\n}\n`,
    `calendar c {\n  zone "${zone}"\n  hours mon-fri 00:00-24:00\n  hours sat-sun 00:00-24:00\n}\n`,
  ];
  it('isOpen, openBetween, addOpen, addOpenDays, nextOpening and nextClosing near every awkward date', () => {
    const arb = fc.constantFrom(...ZONE_ANCHORS).chain((a) => {
      const anchor = Date.parse(`${a.date}T12:00:00Z`);
      return fc.record({ a: fc.constant(a), t: instantNear(anchor), u: instantNear(anchor), minutes: fc.integer({ min: 0, max: 3 * 1440 }), days: fc.integer({ min: 0, max: 5 }) });
    });
    fc.assert(
      fc.property(arb, ({ a, t, u, minutes, days }) => {
        for (const source of sources(a.zone)) {
          const decl = parseCalendar(source);
          const engine = compileCalendar(decl);
          const ref = refCalendar(decl);
          const [from, to] = t <= u ? [t, u] : [u, t];
          expect(engine.isOpen(t), source).toBe(isOpenRef(ref, t));
          expect(engine.openBetween(from, to), source).toBe(openBetweenRef(ref, from, to));
          expect(engine.addOpen(t, minutes * MINUTE), source).toBe(addOpenRef(ref, t, minutes * MINUTE));
          expect(engine.addOpenDays(t, days), source).toBe(addOpenDaysRef(ref, t, days));
          expect(engine.nextOpening(t)).toBe(t);
          expect(engine.nextClosing(from, to)).toBe(to);
        }
      }),
      { numRuns: 80 },
    );
  });
});
