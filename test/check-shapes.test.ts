/**
 * Shapes that once made the full checks run for minutes (issue 14): each is checked completely
 * and its answer asserted. Times belong in bench/, not here; the vitest timeout only catches a
 * relapse into the old quadratic or stepping cost.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/index.js';
import { shapes } from './check-shapes-gen.js';

function contract(hours: string): string {
  return `sla "R" {\n  term 2026-01-01 to 2026-12-31\n}\ncalendar c {\n  zone "UTC"\n  hours ${hours}\n}\nclock response {\n  starts filed\n  stops first_reply\n}\npriority P1 {\n  response 4h on c\n}\n`;
}

describe('many ranges on one day', () => {
  it('4,000 equal ranges: each range after the first overlaps once (one sweep, not every pair)', () => {
    const text = contract(`mon ${Array.from({ length: 4000 }, () => '09:00-09:01').join(', ')}`);
    const overlaps = analyze(text).diagnostics.filter((d) => d.code === 'PLG2032');
    expect(overlaps).toHaveLength(3999);
    expect(overlaps[0]!.message).toBe('opening hours overlap on mon');
  }, 20_000);

  it('a range overlapping two earlier ones is reported against the one reaching furthest', () => {
    const text = contract('mon 09:00-12:00, 10:00-11:00, 10:30-13:00');
    const overlaps = analyze(text).diagnostics.filter((d) => d.code === 'PLG2032');
    expect(overlaps.map((d) => text.slice(d.range.start.offset, d.range.end.offset))).toEqual(['10:00-11:00', '10:30-13:00']);
    expect(overlaps.map((d) => text.slice(d.related![0]!.range.start.offset, d.related![0]!.range.end.offset))).toEqual(['09:00-12:00', '09:00-12:00']);
  });

  it('ranges that only touch do not overlap', () => {
    expect(analyze(contract('mon 09:00-12:00, 12:00-13:00')).diagnostics.filter((d) => d.code === 'PLG2032')).toEqual([]);
  });
});

describe('long chains of plans', () => {
  const head = `sla "R" {\n  term 2026-01-01 to 2026-12-31\n}\ncalendar c {\n  zone "UTC"\n  hours mon-fri 09:00-17:00\n}\nclock response {\n  starts filed\n  stops first_reply\n}\npriority P1 {\n  response 4h on c\n}\n`;
  const plan = (name: string, parent: string | undefined, minutes: number) =>
    `plan ${name}${parent ? ` extends ${parent}` : ''} {\n  priority P1 { response ${minutes}m on c }\n}\n`;

  it('4,000 plans each extending the one before: no cycle, checked in one walk', () => {
    const text = head + Array.from({ length: 4000 }, (_, i) => plan(`tier_${i}`, i > 0 ? `tier_${i - 1}` : undefined, 60 + (i % 50))).join('');
    expect(analyze(text).diagnostics.filter((d) => d.code === 'PLG2009')).toEqual([]);
  }, 20_000);

  it('a cycle entered from outside is reported once, at its member declared first', () => {
    const text = head + plan('lead', 'b', 60) + plan('a', 'c', 60) + plan('b', 'a', 60) + plan('c', 'b', 60);
    const cycles = analyze(text).diagnostics.filter((d) => d.code === 'PLG2009');
    expect(cycles.map((d) => d.message)).toEqual(['plan `a` extends itself through `a` → `c` → `b` → `a`']);
  });
});

describe('worst cases over long terms and large targets (bounded work, exact answers)', () => {
  const byName = new Map(shapes().map((s) => [s.name, s.text]));
  const codes = (text: string) => analyze(text).diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.column + 1}`);
  const timed = <T>(f: () => T): [T, number] => {
    const c0 = process.cpuUsage();
    const out = f();
    const c = process.cpuUsage(c0);
    return [out, (c.user + c.system) / 1000];
  };

  it('the largest targets the Limits table allows, on office hours: exact worst cases, PLG2025 per target', () => {
    const [got, ms] = timed(() => analyze(byName.get('largest targets (5270400m, 87840h, 3660d), 1-year term')!));
    expect(got.diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}`)).toEqual(['PLG2022 18', 'PLG2025 18', 'PLG2020 19', 'PLG2021 19', 'PLG2025 19', 'PLG2022 22', 'PLG2025 22', 'PLG2021 23']);
    expect(got.diagnostics.find((d) => d.code === 'PLG2022')!.help).toBe('at most 15372d of real time, when filed Thu 2026-01-01 17:00 +00:00; if 3660 business days were meant, write `3660d`');
    expect(ms).toBeLessThan(10_000);
  }, 30_000);

  it('three calendars open one day a week, 6d targets over two years: decided exactly', () => {
    const [got, ms] = timed(() => analyze(byName.get('three one-day-a-week calendars, 2-year term, 6d targets')!));
    expect(got.diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}`)).toEqual(['PLG2020 26', 'PLG2020 27', 'PLG2020 30', 'PLG2020 31', 'PLG2021 35']);
    expect(got.diagnostics[0]!.help).toBe(
      '`P1`: 6d on `c1`: at most 48d 23h of real time, when filed Wed 2026-01-07 10:00 +00:00; `P2`: 5d on `c2`: at most 42d of real time, when filed Mon 2026-09-14 10:00 +02:00. Priorities rank by declaration order, most urgent first',
    );
    expect(ms).toBeLessThan(10_000);
  }, 30_000);

  it('96 ranges a day over 50 years: the search stops at its budget with PLG2140, once per target', () => {
    const text = byName.get('96 ranges a day, 50-year term, largest targets')!;
    const [got, ms] = timed(() => analyze(text));
    const undecided = got.diagnostics.filter((d) => d.code === 'PLG2140');
    expect(undecided.map((d) => text.slice(d.range.start.offset, d.range.end.offset))).toEqual(['5270400m', '3660d', '1m', '1d']);
    expect(undecided[0]!.message).toBe("worst case not decided: `5270400m on c` over the term needs more than the check's budget of 1,000,000 steps");
    expect(got.diagnostics.find((d) => d.code === 'PLG2020')!.help).toContain('(weekly hours; holidays aside)');
    expect(ms).toBeLessThan(10_000);
  }, 30_000);

  it('the same calendars over 50 years with 3660d targets: still decided exactly, within the budget', () => {
    const [got, ms] = timed(() => analyze(byName.get('three one-day-a-week calendars, 50-year term, 3660d targets')!));
    expect(got.diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}`)).toEqual(['PLG2020 26', 'PLG2025 26', 'PLG2020 27', 'PLG2025 27', 'PLG2020 30', 'PLG2020 31']);
    expect(got.diagnostics[0]!.help).toContain('`P1`: 3660d on `c1`: at most 25626d 23h of real time, when filed Wed 2026-01-07 10:00 +00:00');
    expect(ms).toBeLessThan(10_000);
  }, 30_000);

  it('a budget spent is spent the same way on a second check (remembered answers are charged)', () => {
    const text = byName.get('40 calendars with holidays, 50-year term, 80 inverted targets')!;
    const first = codes(text);
    expect(first.filter((c) => c.startsWith('PLG2140')).length).toBeGreaterThan(0);
    expect(codes(text)).toEqual(first);
  }, 60_000);
});
