/**
 * The checker's answers about open time (the worst-case real time of a target, PLG2025's first
 * due time) are shared by calendar shape and kept across checks (src/check/rules/clocks.ts):
 * they must never serve an answer for a calendar whose hours, zone or closures differ.
 */
import { describe, expect, it } from 'vitest';
import { analyze, compileContract, languageService as LS } from '../../src/index.js';

const contract = (hours: string, zone = 'Europe/London', extra = '') => `sla "S" {
  provider "P"
  customer "C"
  term 2026-01-01 to 2026-12-31
}
calendar a {
  zone "${zone}"
  hours ${hours}
${extra}}
calendar b {
  zone "${zone}"
  hours ${hours}
${extra}}
clock response {
  starts filed
  stops first_reply
}
priority P1 {
  response 8h on a
}
priority P2 {
  response 8h on b
}
`;

const hints = (text: string) => LS.inlayHints(new LS.PledgeDocument(text)).map((h) => h.label);

describe('open-time answers shared by calendar shape', () => {
  it('gives two calendars of the same shape the same answer, and each edit its own', () => {
    const nine = hints(contract('mon-fri 09:00-17:00'));
    expect(nine).toHaveLength(2);
    expect(nine[0]).toBe(nine[1]);
    const short = hints(contract('mon-fri 09:00-12:00'));
    expect(short[0]).not.toBe(nine[0]);
    const zoned = hints(contract('mon-fri 09:00-17:00', 'Asia/Tokyo'));
    expect(zoned[0]).not.toBe(nine[0]);
    expect(zoned[0]).toContain('+09:00');
    const closed = hints(contract('mon-fri 09:00-17:00', 'Europe/London', '  closed 2026-04-01 to 2026-04-30\n'));
    expect(closed[0]).not.toBe(nine[0]);
    // And back: the first answer again, as a fresh process would give it.
    expect(hints(contract('mon-fri 09:00-17:00'))).toEqual(nine);
  });

  it('keys a calendar by zone and statements, not by name or position', () => {
    const m = analyze(contract('mon-fri 09:00-17:00')).model;
    const cals = compileContract(m).calendars;
    expect(cals.get('a')!.shape).toBe(cals.get('b')!.shape);
    const other = compileContract(analyze(contract('mon-fri 09:00-17:30')).model).calendars;
    expect(other.get('a')!.shape).not.toBe(cals.get('a')!.shape);
    // A custom holiday source has no shape: nothing is shared for it.
    expect(compileContract(m, { holidays: () => [] }).calendars.get('a')!.shape).toBeUndefined();
  });

  it('reports PLG2025 (not due within the term) per shape, after edits both ways', () => {
    const long = (hours: string) => contract(hours).replace('response 8h on a', 'response 2000h on a');
    const codes = (t: string) => analyze(t).diagnostics.map((d) => d.code);
    expect(codes(long('mon-fri 09:00-10:00'))).toContain('PLG2025');
    expect(codes(long('mon-sun 00:00-24:00'))).not.toContain('PLG2025');
    expect(codes(long('mon-fri 09:00-10:00'))).toContain('PLG2025');
  });
});
