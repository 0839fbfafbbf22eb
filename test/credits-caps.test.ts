/** Caps over rolling months and fixed amounts: the worked examples of grammar/reference.md ("Fixed-amount credits and caps over rolling months"), and the property that capped credits keep within every cap. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as A from '../src/ast/nodes.js';
import { applyCaps } from '../src/time/credits.js';

const r = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
const pct = (value: number): A.PercentLit => ({ kind: 'Percent', value, text: String(value), range: r });
const monthly = (v: number): A.CapStmt => ({ kind: 'Cap', amount: pct(v), period: 'monthly', range: r });
const rolling = (v: number, n: number): A.CapStmt => ({ kind: 'Cap', amount: pct(v), rolling: { kind: 'Number', value: n, text: String(n), unit: { kind: 'Name', text: 'months', range: r }, range: r }, range: r });

describe('caps over rolling months', () => {
  it('cuts March to 20% and April to 0% (the reference worked example)', () => {
    const months = [
      { month: '2026-01', percent: 50 },
      { month: '2026-02', percent: 50 },
      { month: '2026-03', percent: 55 },
      { month: '2026-04', percent: 10 },
    ];
    expect(applyCaps(months, [monthly(50), rolling(10, 12)])).toEqual([50, 50, 20, 0]);
  });
  it('frees room once a month leaves the window', () => {
    const months = [{ month: '2026-01', percent: 30 }, { month: '2026-02', percent: 30 }, { month: '2026-03', percent: 30 }];
    // 20% per 2 months = 40% in any 2 consecutive months.
    expect(applyCaps(months, [rolling(20, 2)])).toEqual([30, 10, 30]);
  });
  it('credits never exceed any cap of a period they fall in', () => {
    const month = fc.tuple(fc.integer({ min: 2025, max: 2027 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.array(fc.record({ month, percent: fc.integer({ min: 0, max: 80 }) }), { maxLength: 30 }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 2, max: 36 }), (list, m, x, n) => {
        const after = applyCaps(list, [monthly(m), rolling(x, n)]);
        const key = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5)) - 1;
        const per = new Map<number, number>();
        list.forEach((e, i) => per.set(key(e.month), (per.get(key(e.month)) ?? 0) + after[i]!));
        list.forEach((e, i) => expect(after[i]!).toBeLessThanOrEqual(e.percent));
        for (const [k, v] of per) {
          expect(v).toBeLessThanOrEqual(m + 1e-9);
          let w = 0;
          for (let j = 0; j < n; j++) w += per.get(k - j) ?? 0;
          expect(w).toBeLessThanOrEqual(x * n + 1e-9);
        }
      }),
      { seed: 20261206 },
    );
  });
});

describe('caps on replayed logs', () => {
  it('no month of a replayed log owes more than the monthly cap, nor more than before the cap', async () => {
    const { readFileSync } = await import('node:fs');
    const { analyze, replay } = await import('../src/index.js');
    const { compileContract } = await import('../src/time/contract.js');
    const rt = compileContract(analyze(readFileSync('test/cases/what-if/contracts/cap-months.pledge', 'utf8')).model);
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
    const ticket = fc.record({ filed: fc.integer({ min: 0, max: 60 * 24 * 12 }), reply: fc.integer({ min: 0, max: 120 }), done: fc.integer({ min: 0, max: 600 }) });
    fc.assert(
      fc.property(fc.array(ticket, { minLength: 1, maxLength: 8 }), (list) => {
        let csv = 'ticket,event,time,priority,plan\n';
        list.forEach((t, i) => {
          const f = Date.UTC(2026, 2, 25) + t.filed * 5 * 60_000;
          csv += `T-${i},filed,${iso(f)},P0,\nT-${i},first_reply,${iso(f + t.reply * 60_000)},P0,\nT-${i},resolved,${iso(f + t.done * 60_000)},P0,\n`;
        });
        const r = replay(rt, csv);
        for (const m of r.credits!.months) {
          expect(m.percentAfterCap).toBeLessThanOrEqual(20 + 1e-9);
          expect(m.percentAfterCap).toBeLessThanOrEqual(m.percentBeforeCap + 1e-9);
        }
      }),
      { numRuns: 40 },
    );
  });
});
