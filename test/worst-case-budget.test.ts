/**
 * The worst-case budget outside `pledge check` (issue 14): `pledge test`'s exact searches, `pledge
 * render`'s worst cases and `pledge diff`'s each spend at most `WORST_CASE_BUDGET` steps, and say
 * so when that is not enough, instead of stalling. The pathological shape: 96 ranges a day over
 * the longest term, where one exact search needs millions of steps.
 */
import { describe, expect, it } from 'vitest';
import { analyze, compileContract, diffContracts, diffSide, diffText, renderContract, runAsserts } from '../src/index.js';

const hhmm = (x: number) => `${String(Math.floor(x / 60)).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`;
const many = Array.from({ length: 96 }, (_, i) => `${hhmm(i * 15)}-${hhmm(i * 15 + 10)}`).join(', ');
function contract(term: string, hours: string): string {
  return `sla "R" {\n  term ${term}\n}\ncalendar c {\n  zone "Europe/Berlin"\n  hours mon-sun ${hours}\n}\nclock response {\n  starts filed\n  stops first_reply\n}\npriority P1 {\n  response 1d on c\n}\nassert "wall" {\n  P1 response within 2d wall\n}\nassert "open" {\n  P1 response within 1d\n}\n`;
}
const LONG = contract('2026-01-01 to 2075-12-31', many);
const SHORT = contract('2026-01-01 to 2026-03-31', many);
const runtimeOf = (text: string) => compileContract(analyze(text).model);
const cpu = <T>(f: () => T): [T, number] => {
  const c0 = process.cpuUsage();
  const out = f();
  const c = process.cpuUsage(c0);
  return [out, (c.user + c.system) / 1000];
};

describe('the worst-case budget in test, render and diff', () => {
  it('pledge test: an assert whose search runs past the budget is not decided, and says so', () => {
    const [checks, ms] = cpu(() => runAsserts(runtimeOf(LONG)));
    expect(checks.map((c) => [c.assert, c.passed, c.problem])).toEqual([
      ['wall', false, 'not decided: the search over the term needs more than the budget of 1,000,000 steps (shorten the term, or split the assert)'],
      ['open', false, 'not decided: the search over the term needs more than the budget of 1,000,000 steps (shorten the term, or split the assert)'],
    ]);
    expect(ms).toBeLessThan(20_000);
  }, 60_000);

  it('pledge test: the same asserts over a short term are decided', () => {
    const checks = runAsserts(runtimeOf(SHORT));
    expect(checks.map((c) => [c.assert, c.problem])).toEqual([['wall', undefined], ['open', undefined]]);
  }, 60_000);

  it('pledge render: past the budget a target is from the weekly hours, with a note', () => {
    const [md, ms] = cpu(() => renderContract(runtimeOf(LONG), 'md', 'en'));
    expect(md).toContain('(from the weekly hours; holidays aside)');
    expect(md).toContain('needed more than 1,000,000 search steps, so it is computed from the weekly hours only');
    expect(renderContract(runtimeOf(LONG), 'md', 'zh')).toContain('超出 1,000,000 步的计算上限');
    expect(renderContract(runtimeOf(SHORT), 'md', 'en')).not.toContain('search steps');
    expect(ms).toBeLessThan(20_000);
  }, 60_000);

  it('pledge diff: past the budget the diff names the undecided targets', () => {
    const side = (text: string) => diffSide(analyze(text).model, false);
    const [d, ms] = cpu(() => diffContracts(side(SHORT), side(LONG)));
    expect(d.notice).toBe('worst cases not decided within the budget of 1,000,000 steps for 1d on c: whom their changes favour comes from the weekly hours, holidays aside');
    expect(diffText('a.pledge', 'b.pledge', d)).toContain('note: worst cases not decided');
    expect(diffContracts(side(SHORT), side(SHORT)).notice).toBeUndefined();
    expect(ms).toBeLessThan(20_000);
  }, 60_000);
});
