/**
 * The tier queue (a ring buffer per rank for tickets that come in order plus a heap for the rest;
 * under `queue deadline` one heap of live tickets) against the plain definition: pop the waiting
 * ticket with the least (k1, filed, id). Tickets leave as in the engine: queued again (in their
 * tier, or moved to another tier's queue, as an escalation to a staff tier does), or out of the
 * queue, their slot then reused by a new ticket. Filing times step back as well as forward, and
 * often repeat, so the order of filing times is not the order of ids: a queue that broke ties on
 * equal k1 by id alone, or by filing time alone, or left out k1's ties, fails here. Under
 * `queue deadline` the heap must also hold no stale entry (a waiting ticket costs one entry).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QUEUED, TierQueue } from '../../src/simulate/engine.js';
import { TicketTable } from '../../src/simulate/tickets.js';

/** `back`: how far the filing time steps back (-1 steps forward, 0 files at the same instant: ties on filing time are common). */
type Op =
  | { kind: 'push'; tier: number; k1: number; back: number }
  | { kind: 'requeue'; pick: number; k1: number }
  | { kind: 'move'; pick: number; k1: number }
  | { kind: 'leave'; pick: number }
  | { kind: 'pop'; tier: number };

const key = (lanes: number) => (lanes ? fc.integer({ min: 0, max: lanes - 1 }) : fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(Infinity)));
const op = (lanes: number, tiers: number): fc.Arbitrary<Op> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('push' as const), tier: fc.nat(tiers - 1), k1: key(lanes), back: fc.integer({ min: -1, max: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('requeue' as const), pick: fc.nat(), k1: key(lanes) }) },
    { weight: tiers > 1 ? 1 : 0, arbitrary: fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), k1: key(lanes) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('leave' as const), pick: fc.nat() }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('pop' as const), tier: fc.nat(tiers - 1) }) },
  );

/** The order of the reference: k1, then filing time, then id. */
const byKeys = (a: { k1: number; filed: number; id: number }, b: { k1: number; filed: number; id: number }) => (a.k1 !== b.k1 ? (a.k1 < b.k1 ? -1 : 1) : a.filed - b.filed || a.id - b.id);

for (const lanes of [4, 1, 0]) {
  for (const tiers of [1, 2]) {
    describe(`TierQueue with ${lanes ? `${lanes} lane(s)` : 'one heap'}, ${tiers} tier(s)`, () => {
      it('pops the waiting ticket with the least (k1, filed, id)', () => {
        fc.assert(
          fc.property(fc.array(op(lanes, tiers), { minLength: 50, maxLength: 400, size: 'max' }), (ops) => {
            const T = new TicketTable(4);
            const qs = Array.from({ length: tiers }, () => new TierQueue(T, lanes));
            /** The reference: waiting tickets by slot, with their tier and keys. */
            const live = new Map<number, { tier: number; k1: number; filed: number; id: number }>();
            let id = 0;
            let clock = 1000;
            const now = new Float64Array(1);
            const enqueue = (s: number, tier: number, k1: number) => {
              T.state[s] = QUEUED;
              live.set(s, { tier, k1, filed: T.filed[s]!, id: T.id[s]! });
              qs[tier]!.push(k1, s);
            };
            for (const o of ops) {
              const slots = [...live.keys()];
              if (o.kind === 'push') {
                clock -= o.back;
                now[0] = clock;
                const s = T.open(++id, now, 1);
                enqueue(s, o.tier, o.k1);
                if (o.back > 0) clock += o.back;
              } else if (o.kind === 'requeue' && slots.length) {
                const s = slots[o.pick % slots.length]!;
                enqueue(s, live.get(s)!.tier, o.k1);
              } else if (o.kind === 'move' && slots.length) {
                const s = slots[o.pick % slots.length]!;
                const from = live.get(s)!.tier;
                qs[from]!.leave(s);
                enqueue(s, (from + 1) % tiers, o.k1);
              } else if (o.kind === 'leave' && slots.length) {
                const s = slots[o.pick % slots.length]!;
                qs[live.get(s)!.tier]!.leave(s);
                T.state[s] = 1;
                live.delete(s);
                T.close(s);
              } else if (o.kind === 'pop') {
                const best = [...live.entries()].filter(([, x]) => x.tier === o.tier).sort(([, a], [, b]) => byKeys(a, b))[0];
                const q = qs[o.tier]!;
                expect(q.peek()).toBe(best ? best[0] : -1);
                const s = q.pop();
                expect(s).toBe(best ? best[0] : -1);
                if (best) {
                  live.delete(s);
                  T.state[s] = 1;
                }
              }
            }
            for (let tier = 0; tier < tiers; tier++) {
              const want = [...live.entries()].filter(([, x]) => x.tier === tier).map(([s]) => s);
              expect(qs[tier]!.waiting().sort((a, b) => a - b)).toEqual(want.sort((a, b) => a - b));
              // The deadline heap holds the tickets waiting and nothing else: no stale entry costs memory.
              if (!lanes) expect(qs[tier]!.entries).toBe(want.length);
              // Drained, the queue gives every waiting ticket in the reference's order.
              const order = [...live.entries()].filter(([, x]) => x.tier === tier).sort(([, a], [, b]) => byKeys(a, b)).map(([s]) => s);
              const popped: number[] = [];
              for (let s = qs[tier]!.pop(); s >= 0; s = qs[tier]!.pop()) {
                popped.push(s);
                T.state[s] = 1;
              }
              expect(popped).toEqual(order);
            }
          }),
          { numRuns: 300 },
        );
      });
    });
  }
}
