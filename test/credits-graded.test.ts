/** Graded credits by lateness (grammar/reference.md, "Graded credits by lateness"): monotone in the lateness, within `up to` and within the caps. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/index.js';
import { applyCaps, breachCredit, capsOf, startedUnits } from '../src/time/credits.js';
import { diffContracts, diffSide } from '../src/diff/diff.js';
import type * as A from '../src/ast/nodes.js';

const SEED = Number(process.env['FC_SEED'] ?? 20261207);

function contract(step: string, unit: string, limit: string, cap: number): { model: ReturnType<typeof analyze>['model']; stmt: A.BreachCredit } {
  const { model } = analyze(`sla "G" {\n  term 2026-01-01 to 2026-12-31\n  fee 10000 USD monthly\n}\ncalendar always {\n  zone "UTC"\n  hours mon-sun 00:00-24:00\n}\nclock resolution {\n  starts filed\n  stops resolved\n}\npriority P0 {\n  resolution 4h on always\n}\ncredits {\n  per breach of P0 resolution ${step} per started ${unit} late, up to ${limit}\n  cap ${cap}% of fee monthly\n}\n`);
  const stmt = model.credits.flatMap((c) => c.body).find((x): x is A.BreachCredit => x.kind === 'BreachCredit')!;
  return { model, stmt };
}

describe('graded credits', () => {
  it('counts started units, at least one', () => {
    expect(startedUnits(0, 3_600_000)).toBe(1);
    expect(startedUnits(1, 3_600_000)).toBe(1);
    expect(startedUnits(3_600_000, 3_600_000)).toBe(1);
    expect(startedUnits(3_600_001, 3_600_000)).toBe(2);
  });
  it('is monotone in lateness and never exceeds its `up to` nor the caps', () => {
    console.log(`fast-check seed: ${SEED} (replay with FC_SEED=${SEED})`);
    const form = fc.oneof(
      fc.record({ step: fc.integer({ min: 1, max: 20 }), extra: fc.integer({ min: 0, max: 60 }) }).map(({ step, extra }) => ({ step: `${step}% of fee`, limit: `${step + extra}%`, limitShare: step + extra })),
      fc.record({ step: fc.integer({ min: 1, max: 2000 }), extra: fc.integer({ min: 0, max: 5000 }) }).map(({ step, extra }) => ({ step: `${step} USD`, limit: `${step + extra} USD`, limitShare: ((step + extra) / 10000) * 100 })),
    );
    fc.assert(
      fc.property(form, fc.constantFrom('15m', '1h', '1h30m', '1d'), fc.integer({ min: 1, max: 100 }), fc.array(fc.tuple(fc.integer({ min: 0, max: 5 * 86_400_000 }), fc.integer({ min: 0, max: 5 * 86_400_000 })), { minLength: 1, maxLength: 20 }), fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 20, maxLength: 20 }), ({ step, limit, limitShare }, unit, cap, lates, months) => {
        const { model, stmt } = contract(step, unit, limit, cap);
        const perMonth = new Map<string, number>();
        lates.forEach(([a, b], i) => {
          const lo = Math.min(a, b);
          const hi = Math.max(a, b);
          const x = breachCredit(model, stmt, lo).percent;
          const y = breachCredit(model, stmt, hi).percent;
          expect(x).toBeLessThanOrEqual(y);
          expect(y).toBeLessThanOrEqual(limitShare + 1e-9);
          const month = `2026-${String(months[i]!).padStart(2, '0')}`;
          perMonth.set(month, (perMonth.get(month) ?? 0) + y);
        });
        const list = [...perMonth].map(([month, percent]) => ({ month, percent }));
        for (const after of applyCaps(list, capsOf(model))) expect(after).toBeLessThanOrEqual(cap + 1e-9);
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});

describe('diff of graded credits', () => {
  const side = (line: string) => {
    const src = `sla "G" {\n  term 2026-01-01 to 2026-12-31\n  fee 10000 USD monthly\n}\ncalendar always {\n  zone "UTC"\n  hours mon-sun 00:00-24:00\n}\nclock resolution {\n  starts filed\n  stops resolved\n}\npriority P0 {\n  resolution 4h on always\n}\ncredits {\n  ${line}\n  cap 50% of fee monthly\n}\n`;
    return diffSide(analyze(src).model, false);
  };
  const favours = (a: string, b: string) => diffContracts(side(a), side(b)).changes.filter((c) => c.area === 'credits').map((c) => c.favours);
  it('compares by meaning at every lateness', () => {
    const base = 'per breach of P0 resolution 5% of fee per started 1h late, up to 25%';
    expect(favours(base, base)).toEqual([]);
    expect(favours(base, 'per breach of P0 resolution 5% of fee per started 1h late, up to 30%')).toEqual(['customer']);
    expect(favours(base, 'per breach of P0 resolution 5% of fee per started 2h late, up to 25%')).toEqual(['provider']);
    expect(favours(base, 'per breach of P0 resolution 5% of fee per started 30m late, up to 20%')).toEqual(['mixed']);
    expect(favours('per breach of P0 resolution 5% of fee', base)).toEqual(['customer']);
  });
});
