/**
 * Properties of a ticket's timeline (issue 13, grammar/reference.md "Changing priority" and
 * "Service credits"), over random lives from `ticketLife` on contracts with each reclassify policy:
 * no deadline, step or credit precedes the event that caused it; reclassifying to the priority in
 * force changes nothing; P → Q → P at one instant changes nothing; capped credits keep within the
 * cap of every month. The seed is printed once per run (test/global-setup.ts).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/index.js';
import { compileContract, type RuntimeContract } from '../src/time/contract.js';
import { timeline, type EventInput, type Timeline } from '../src/time/timeline.js';
import { ticketLife, type LifeEvent } from './arbitraries.js';

const MIN = 60_000;
/** 2026-01-05T00:00Z, a Monday: lives fall in the contracts' 2026 term. */
const BASE = Date.UTC(2026, 0, 5);

const load = (file: string): RuntimeContract => {
  const { model, diagnostics } = analyze(readFileSync(file, 'utf8'));
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return compileContract(model);
};
const CONTRACTS = {
  'keeps elapsed': load('contracts/realtime-messaging.pledge'),
  restarts: load('test/cases/contracts/reclassify-restarts.pledge'),
  stricter: load('test/cases/what-if/contracts/stricter-paused.pledge'),
  'keeps elapsed, restarts reopened': load('test/cases/what-if/contracts/escalation-steps.pledge'),
  // P0-P2 promise `update every` and earn update credits (P1's graded), P3 promises none.
  'update every': load('test/cases/what-if/contracts/update-credits.pledge'),
};
const priorities = (rt: RuntimeContract) => rt.model.priorities.map((p) => p.name);

type Life = { priority: string; filedMinute: number; events: LifeEvent[] };
const filedOf = (l: Life) => BASE + l.filedMinute * MIN;
const eventsOf = (l: Life): EventInput[] =>
  l.events.map((e) => ({ event: e.event, at: filedOf(l) + e.minute * MIN, ...(e.priority ? { priority: e.priority } : {}) }));
/** Judged as of 4 days after the filing on the `update every` contract: else a silence to the end of the term is ~17,000 intervals. */
const run = (rt: RuntimeContract, l: Life, events = eventsOf(l)): Timeline =>
  timeline(rt, { priority: l.priority, filed: filedOf(l), events, ...(rt === CONTRACTS['update every'] ? { asOf: filedOf(l) + 4 * 24 * 60 * MIN } : {}) });

/** What a reader of the timeline sees of deadlines, steps and credits. */
const judged = (t: Timeline) => ({ clocks: t.clocks, escalations: t.escalations, credits: t.credits, creditMonths: t.creditMonths, creditPercentCapped: t.creditPercentCapped, asOf: t.asOf, updates: t.updates });

/** The priority in force after every reclassification up to `at` (events at `at` included), as the engine reads them. */
function priorityAt(l: Life, at: number, rt: RuntimeContract): string {
  let p = l.priority;
  for (const e of eventsOf(l)) if (e.at <= at && e.event === 'reclassified' && e.priority && rt.targets(e.priority)) p = e.priority;
  return p;
}
/** Reclassifications that changed the priority, net of those at the same instant: [instant, new priority]. */
function changes(l: Life, rt: RuntimeContract): [number, string][] {
  const out: [number, string][] = [];
  let p = l.priority;
  const instants = [...new Set(eventsOf(l).filter((e) => e.event === 'reclassified').map((e) => e.at))];
  for (const t of instants) {
    const q = priorityAt(l, t, rt);
    if (q !== p) out.push([t, q]);
    p = q;
  }
  return out;
}
const RUNS = 120;

describe('timeline properties (issue 13)', () => {
  for (const [policy, rt] of Object.entries(CONTRACTS)) {
    const life = ticketLife(priorities(rt));

    it(`${policy}: no deadline, step or credit precedes its filing or the reclassification that set it`, () => {
      fc.assert(
        fc.property(life, (l) => {
          const t = run(rt, l);
          const filed = filedOf(l);
          for (const c of t.clocks) {
            if (c.starts !== undefined) expect(c.starts).toBeGreaterThanOrEqual(filed);
            if (c.due !== undefined) expect(c.due).toBeGreaterThanOrEqual(c.starts!);
          }
          for (const e of t.escalations) if (e.time !== undefined) expect(e.time).toBeGreaterThanOrEqual(filed);
          const moves = changes(l, rt);
          // A step fired "on reclassification" fires at a reclassification.
          for (const e of t.escalations) if (e.onReclassification) expect(moves.map(([at]) => at)).toContain(e.time);
          // A credit of a priority the ticket was not filed with falls at or after it became that priority.
          for (const c of t.credits) {
            expect(c.time).toBeGreaterThanOrEqual(filed);
            if (c.priority !== l.priority) expect(c.time).toBeGreaterThanOrEqual(moves.find(([, p]) => p === c.priority)![0]);
          }
          // Under keeps elapsed and restarts, a clock that took its target from the last change and
          // was not stopped by then is due no earlier than that change (stricter may keep an older,
          // earlier deadline: the one the clock already had).
          const last = moves[moves.length - 1];
          if (last && policy !== 'stricter') {
            for (const c of t.clocks) {
              if (c.priority !== last[1] || c.due === undefined || c.starts === undefined) continue;
              if (c.stopped !== undefined && c.stopped <= last[0]) continue;
              expect(c.due).toBeGreaterThanOrEqual(last[0]);
            }
          }
        }),
        { numRuns: RUNS },
      );
    });

    it(`${policy}: reclassifying to the priority in force changes nothing`, () => {
      fc.assert(
        fc.property(life, fc.nat(), (l, k) => {
          const base = eventsOf(l);
          const instants = [filedOf(l), ...base.map((e) => e.at)];
          const at = instants[k % instants.length]!;
          const same: EventInput = { event: 'reclassified', at, priority: priorityAt(l, at, rt) };
          expect(judged(run(rt, l, [...base, same]))).toEqual(judged(run(rt, l, base)));
        }),
        { numRuns: RUNS },
      );
    });

    it(`${policy}: P → Q → P at one instant changes nothing`, () => {
      fc.assert(
        fc.property(life, fc.nat(), fc.constantFrom(...priorities(rt)), (l, k, q) => {
          const base = eventsOf(l);
          const instants = [filedOf(l), ...base.map((e) => e.at)];
          const at = instants[k % instants.length]!;
          const p = priorityAt(l, at, rt);
          const there: EventInput[] = [{ event: 'reclassified', at, priority: q }, { event: 'reclassified', at, priority: p }];
          expect(judged(run(rt, l, [...base, ...there]))).toEqual(judged(run(rt, l, base)));
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('update every: on a ticket that is only answered and reclassified, some interval runs at every instant a priority with update every is in force', () => {
    const rt = CONTRACTS['update every'];
    const names = priorities(rt);
    const event = fc.oneof(
      fc.record({ event: fc.constant('first_reply' as const), minute: fc.integer({ min: 0, max: 864 }).map((k) => k * 5) }),
      fc.record({ event: fc.constant('reclassified' as const), minute: fc.integer({ min: 0, max: 864 }).map((k) => k * 5), priority: fc.constantFrom(...names) }),
    );
    const lives = fc.record({ priority: fc.constantFrom(...names), filedMinute: fc.integer({ min: 0, max: 1000 }).map((k) => k * 5), events: fc.array(event, { maxLength: 8 }).map((l) => [...l].sort((a, b) => a.minute - b.minute)) });
    fc.assert(
      fc.property(lives, (l) => {
        const t = run(rt, l);
        const filed = filedOf(l);
        const asOf = filed + 4 * 24 * 60 * MIN;
        const spans = (t.updates ?? []).map((u) => [u.from, u.state === 'met' ? u.ended! : u.state === 'breached' ? u.due : asOf] as const);
        const instants = [filed, ...eventsOf(l).flatMap((e) => [e.at, e.at + MIN]), ...Array.from({ length: 150 }, (_, k) => filed + k * 37 * MIN)];
        for (const at of instants) {
          if (at >= asOf || !rt.model.priorityByName.get(priorityAt(l, at, rt))?.update) continue;
          expect(spans.some(([from, end]) => from <= at && at < end), `no interval at ${new Date(at).toISOString()}`).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('update every: a graded update credit is late no further than a reclassification to a priority with no update every', () => {
    const rt = CONTRACTS['update every'];
    const none = priorities(rt).filter((p) => !rt.model.priorityByName.get(p)?.update);
    expect(none).toEqual(['P3']);
    fc.assert(
      fc.property(ticketLife(priorities(rt)), fc.integer({ min: 0, max: (3 * 24 * 60) / 5 }), (l, slot) => {
        const r = filedOf(l) + slot * 5 * MIN;
        // The life up to r, then the lapse at r; after it the ticket stays P3 whatever else happens.
        const events: EventInput[] = [
          ...eventsOf(l).filter((e) => e.at < r),
          { event: 'reclassified', at: r, priority: 'P3' },
          ...eventsOf(l).filter((e) => e.at >= r && e.event !== 'reclassified'),
        ];
        const t = run(rt, l, events);
        for (const c of t.credits) if (c.clock === 'update' && c.late !== undefined) expect(c.late).toBeLessThanOrEqual(Math.max(0, r - c.time));
        // No interval is judged under P3, and none starts after the lapse.
        for (const u of t.updates ?? []) {
          expect(u.priority).not.toBe('P3');
          expect(u.from).toBeLessThan(r);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
