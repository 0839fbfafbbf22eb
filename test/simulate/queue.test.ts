/**
 * The tier queue (a ring buffer per rank for tickets that come in order, plus a heap for the rest)
 * against the plain definition: pop the live ticket with the least (k1, k2, id). Tickets go stale
 * by being queued again (a new queue token) or by leaving the queue, as in the engine.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QUEUED, TierQueue } from '../../src/simulate/engine.js';
import { TicketTable } from '../../src/simulate/tickets.js';

/** `back`: how far the filing time steps back (-1 steps forward, 0 files at the same instant: ties on k2 are common). */
type Op = { kind: 'push'; k1: number; back: number } | { kind: 'requeue'; pick: number; k1: number } | { kind: 'leave'; pick: number } | { kind: 'pop' };

const op = (lanes: number): fc.Arbitrary<Op> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('push' as const), k1: lanes ? fc.integer({ min: 0, max: lanes - 1 }) : fc.integer({ min: 0, max: 50 }), back: fc.integer({ min: -1, max: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('requeue' as const), pick: fc.nat(), k1: lanes ? fc.integer({ min: 0, max: lanes - 1 }) : fc.integer({ min: 0, max: 50 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('leave' as const), pick: fc.nat() }) },
    { weight: 3, arbitrary: fc.constant({ kind: 'pop' as const }) },
  );

for (const lanes of [4, 1, 0]) {
  describe(`TierQueue with ${lanes ? `${lanes} lane(s)` : 'one heap'}`, () => {
    it('pops the live ticket with the least (k1, k2, id), skipping stale entries', () => {
      fc.assert(
        fc.property(fc.array(op(lanes), { minLength: 50, maxLength: 400, size: 'max' }), (ops) => {
          const T = new TicketTable(4);
          const q = new TierQueue(T, lanes);
          /** The reference: live queued tickets by slot, with their keys. */
          const live = new Map<number, { k1: number; k2: number; id: number }>();
          let id = 0;
          let clock = 1000;
          const now = new Float64Array(1);
          const enqueue = (s: number, k1: number, k2: number) => {
            T.state[s] = QUEUED;
            T.qtoken[s]!++;
            live.set(s, { k1, k2, id: T.id[s]! });
            q.push(k1, k2, s);
          };
          for (const o of ops) {
            const slots = [...live.keys()];
            if (o.kind === 'push') {
              clock -= o.back;
              now[0] = clock;
              const s = T.open(++id, now, 1);
              enqueue(s, o.k1, clock);
              if (o.back > 0) clock += o.back;
            } else if (o.kind === 'requeue' && slots.length) {
              const s = slots[o.pick % slots.length]!;
              enqueue(s, o.k1, T.filed[s]!);
            } else if (o.kind === 'leave' && slots.length) {
              const s = slots[o.pick % slots.length]!;
              T.state[s] = 1;
              live.delete(s);
              T.close(s);
            } else if (o.kind === 'pop') {
              const best = [...live.entries()].sort(([, a], [, b]) => a.k1 - b.k1 || a.k2 - b.k2 || a.id - b.id)[0];
              expect(q.peek()).toBe(best ? best[0] : -1);
              const s = q.pop();
              expect(s).toBe(best ? best[0] : -1);
              if (best) {
                live.delete(s);
                T.state[s] = 1;
              }
            }
          }
          expect(q.waiting().sort((a, b) => a - b)).toEqual([...live.keys()].sort((a, b) => a - b));
        }),
        { numRuns: 300 },
      );
    });
  });
}
