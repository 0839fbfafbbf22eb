/**
 * The simulator's fast clock evaluator against `timeline()`, the one definition of the clocks:
 * random event sequences on the library's contracts must give identical outcomes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TICKET_EVENTS } from '../../src/check/model.js';
import { analyze } from '../../src/index.js';
import { eventBit, outcomeOf, TicketEvaluator } from '../../src/simulate/outcome.js';
import { compileContract } from '../../src/time/contract.js';
import { timeline, type EventInput } from '../../src/time/timeline.js';

const ROOT = join(import.meta.dirname, '../..');
const CONTRACTS = ['contracts/realtime-messaging.pledge', 'contracts/tiered-plans.pledge', 'test/fixtures/good/every-construct.pledge', 'test/cases/contracts/reclassify-restarts.pledge', 'test/cases/what-if/contracts/graded.pledge', 'test/cases/what-if/contracts/update-credits.pledge'];
/** Contracts also compared judged at a horizon (as the simulator and replay judge): update intervals and their credits. */
const JUDGED = new Set(['test/cases/what-if/contracts/update-credits.pledge', 'contracts/tiered-plans.pledge']);

describe('TicketEvaluator equals timeline()', () => {
  for (const file of CONTRACTS) {
    it(file, () => {
      const { model } = analyze(readFileSync(join(ROOT, file), 'utf8'));
      const runtime = compileContract(model);
      // Judged at a horizon within the filings' span, so some silences run on past it.
      const lateUntil = JUDGED.has(file) ? Date.parse('2026-03-12T00:00:00Z') : undefined;
      const evaluator = new TicketEvaluator(runtime, lateUntil);
      const priorities = model.priorities.map((p) => p.name);
      // Events that restart some clock: the stored form leaves those tickets to timeline().
      const restarts = new Set([...model.clocks.values()].flatMap((c) => c.on.restarts.map((n) => n.text)));
      const plans = [undefined, ...model.plans.keys()];
      const events = TICKET_EVENTS.filter((e) => e !== 'filed' && e !== 'reclassified');
      const start = Date.parse('2026-03-02T00:00:00Z');
      const arb = fc.record({
        priority: fc.constantFrom(...priorities),
        plan: fc.constantFrom(...plans),
        filed: fc.integer({ min: 0, max: 60 * 24 * 20 }).map((m) => start + m * 60_000),
        steps: fc.array(fc.record({ event: fc.constantFrom(...events), gap: fc.integer({ min: 0, max: 60 * 30 }) }), { maxLength: 8 }),
        // Sometimes a reclassification, which the fast path hands to timeline() itself.
        reclass: fc.option(fc.record({ after: fc.integer({ min: 0, max: 8 }), to: fc.constantFrom(...priorities) }), { nil: undefined }),
      });
      fc.assert(
        fc.property(arb, ({ priority, plan, filed, steps, reclass }) => {
          let t = filed;
          const list: EventInput[] = [];
          steps.forEach((s, i) => {
            t += s.gap * 60_000;
            if (reclass && reclass.after === i) list.push({ event: 'reclassified', at: t, priority: reclass.to });
            list.push({ event: s.event, at: t });
          });
          const input = { priority, ...(plan !== undefined ? { plan } : {}), filed, events: list };
          if (runtime.targets(priority, plan) === undefined) return;
          const expected = outcomeOf(timeline(runtime, { ...input, asOf: null, ...(lateUntil !== undefined ? { lateUntil } : {}) }));
          expect(evaluator.evaluate(input)).toEqual(expected);
          // The simulator's form: the same events' times and bits in typed arrays, at an offset.
          const times = new Float64Array(list.length + 3);
          const bits = new Int32Array(list.length + 5);
          let mask = eventBit('filed');
          list.forEach((e, k) => {
            times[3 + k] = e.at;
            bits[5 + k] = eventBit(e.event);
            mask |= eventBit(e.event);
          });
          const stored = evaluator.evaluateStored(priority, plan, filed, mask, times, 3, bits, 5, list.length);
          if (stored) expect(stored.toOutcome()).toEqual(expected);
          else expect(list.some((e) => e.event === 'reclassified' || restarts.has(e.event))).toBe(true);
        }),
        { numRuns: 400 },
      );
    });
  }
});
