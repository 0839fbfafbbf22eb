/**
 * Shapes that once made the full checks run for minutes (issue 14): each is checked completely
 * and its answer asserted. Times belong in bench/, not here; the vitest timeout only catches a
 * relapse into the old quadratic or stepping cost.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/index.js';

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
