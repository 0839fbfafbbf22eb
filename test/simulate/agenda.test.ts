/**
 * The agenda (a bucket queue: a near heap, a ring of bucket lists and a far heap, plus the one
 * random arrival kept beside them) against the plain definition: pop the pending event with the
 * least (time, sequence number). Times only go forward from the last pop, as in a simulation, and
 * are drawn to land in the same bucket, the ring, past the ring, at equal instants, and at
 * infinity.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Agenda, ARRIVAL } from '../../src/simulate/agenda.js';

const MINUTE = 65_536;
/** A delay from now: same instant, same bucket, a few buckets, across the ring (74.6 h), far beyond, or never. */
const delay = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: MINUTE }),
  fc.integer({ min: 0, max: 40 * MINUTE }),
  fc.integer({ min: 4000 * MINUTE, max: 4200 * MINUTE }),
  fc.integer({ min: 0, max: 30 * 86_400_000 }),
  fc.constant(Infinity),
);
type Op = { kind: 'push'; delay: number; what: number } | { kind: 'arrival'; delay: number } | { kind: 'pop' };
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('push' as const), delay, what: fc.integer({ min: 1, max: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('arrival' as const), delay: delay.filter((d) => d !== Infinity) }) },
  { weight: 4, arbitrary: fc.constant({ kind: 'pop' as const }) },
);

describe('Agenda', () => {
  it('pops the pending event with the least (time, sequence number), the random arrival included', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 300 }), fc.integer({ min: 0, max: 2 ** 41 }), (ops, start) => {
        const agenda = new Agenda();
        /** The reference: pending events as (t, seq, kind, ref). */
        const pending: { t: number; seq: number; kind: number; ref: number }[] = [];
        let now = start;
        let seq = 0;
        let arrival = false;
        const popBoth = () => {
          pending.sort((a, b) => a.t - b.t || a.seq - b.seq);
          const want = pending.shift();
          const got = agenda.pop();
          if (!want) return expect(got).toBeUndefined();
          expect(got && { t: got.t, seq: got.seq, kind: got.kind, ref: got.ref }).toEqual(want);
          if (want.kind === ARRIVAL) arrival = false;
          if (want.t !== Infinity) now = want.t;
        };
        for (const o of ops) {
          if (o.kind === 'pop') popBoth();
          else if (o.kind === 'push') {
            const t = now + o.delay;
            const s = agenda.push(t, o.what, seq % 97);
            expect(s).toBe(seq);
            pending.push({ t, seq, kind: o.what, ref: seq % 97 });
            seq++;
          } else if (!arrival) {
            agenda.pushArrival(now + o.delay);
            pending.push({ t: now + o.delay, seq: seq++, kind: ARRIVAL, ref: 0 });
            arrival = true;
          }
        }
        // What is left: `pending()` lists all but the arrival; then everything pops in order.
        const listed = agenda.pending().map((e) => `${e.t}/${e.seq}/${e.kind}/${e.ref}`).sort();
        expect(listed).toEqual(pending.filter((e) => e.kind !== ARRIVAL).map((e) => `${e.t}/${e.seq}/${e.kind}/${e.ref}`).sort());
        while (pending.length > 0) popBoth();
        expect(agenda.pop()).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});
