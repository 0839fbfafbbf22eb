/**
 * The Limits table's checker rows (issue 14): opening ranges on one day of a calendar (PLG2160) and
 * calendars per contract (PLG2161), each at the limit (no diagnostic) and one past it.
 */
import { describe, expect, it } from 'vitest';
import { analyze, LIMITS } from '../src/index.js';

const HEADER = `sla "Limits" {
  provider "Vendor"
  customer "Client"
  term 2026-01-01 to 2026-12-31
  fee 1000 EUR monthly
}
clock response {
  starts filed
  stops first_reply
}
`;
const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
/** `n` touching one-minute ranges from 00:00, on Monday (`hours`) or on one `open` date. */
const minutes = (n: number) => Array.from({ length: n }, (_, i) => `${hm(i)}-${hm(i + 1)}`).join(', ');
const ranges = (n: number, line: 'hours' | 'open') =>
  `${HEADER}calendar minutes {\n  zone "Europe/Berlin"\n  ${line === 'hours' ? 'hours mon' : 'open 2026-03-07'} ${minutes(n)}\n}\npriority P0 {\n  response 15m on minutes\n}\n`;
const calendars = (n: number) =>
  `${HEADER}${Array.from({ length: n }, (_, i) => `calendar c${i + 1} { zone "UTC" hours mon-fri 09:00-17:00 }`).join('\n')}\npriority P0 {\n  response 15m on c1\n}\n`;
const codes = (text: string) => analyze(text).diagnostics.map((d) => d.code);

describe('Limits: opening ranges on one day (PLG2160)', () => {
  it('1,000 ranges on Monday check clean; 1,001 get one error at the 1,001st range', () => {
    expect(LIMITS.maxRangesPerDay).toBe(1000);
    expect(codes(ranges(1000, 'hours'))).toEqual([]);
    const past = analyze(ranges(1001, 'hours')).diagnostics;
    expect(past.map((d) => d.code)).toEqual(['PLG2160']);
    expect(past[0]!.message).toBe('calendar `minutes` lists 1,001 opening ranges on mon, more than the 1,000 Pledge checks');
    const text = ranges(1001, 'hours');
    expect(text.slice(past[0]!.range.start.offset, past[0]!.range.end.offset)).toBe(`${hm(1000)}-${hm(1001)}`);
  });

  it('ranges of several lines add up per weekday: 600 + 401 on Monday is past the limit, 600 on Tuesday is not', () => {
    const text = `${HEADER}calendar split {\n  zone "UTC"\n  hours mon-tue ${minutes(600)}\n  hours mon ${Array.from({ length: 401 }, (_, i) => `${hm(700 + i)}-${hm(701 + i)}`).join(', ')}\n}\npriority P0 {\n  response 15m on split\n}\n`;
    expect(analyze(text).diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(['PLG2160 calendar `split` lists 1,001 opening ranges on mon, more than the 1,000 Pledge checks']);
  });

  it('an `open` line: 1,000 ranges pass, 1,001 do not', () => {
    expect(codes(ranges(1000, 'open'))).toEqual([]);
    expect(codes(ranges(1001, 'open'))).toEqual(['PLG2160']);
  });
});

describe('Limits: calendars per contract (PLG2161)', () => {
  it('1,000 calendars check clean; 1,001 get one error at the 1,001st', () => {
    expect(LIMITS.maxCalendars).toBe(1000);
    expect(codes(calendars(1000))).toEqual([]);
    const past = analyze(calendars(1001)).diagnostics;
    expect(past.map((d) => `${d.code} ${d.message}`)).toEqual(['PLG2161 the contract declares 1,001 calendars, more than the 1,000 Pledge checks']);
    expect(past[0]!.range.start.line).toBe(HEADER.split('\n').length - 1 + 1001);
  });
});

describe('Limits: checks a contract\'s asserts make (PLG2162)', () => {
  // One check per priority of each assert line: 50 lines of two priorities are 100 checks.
  const asserts = (lines: number, extra = '') =>
    `${HEADER}calendar always { zone "UTC" hours mon-sun 00:00-24:00 }\npriority P0 {\n  response 15m on always\n}\npriority P1 {\n  response 1h on always\n}\nassert "many" {\n${'  P0, P1 response within 2h wall\n'.repeat(lines)}${extra}}\n`;
  it('100 checks are clean; 101 get one error at the priority that makes the 101st', () => {
    expect(LIMITS.maxAssertChecks).toBe(100);
    expect(codes(asserts(50))).toEqual([]);
    const text = asserts(50, '  P1 response within 2h wall\n');
    const past = analyze(text).diagnostics;
    expect(past.map((d) => `${d.code} ${d.message}`)).toEqual(["PLG2162 the contract's asserts make 101 checks (one per priority of each assert line), more than the 100 Pledge tests"]);
    expect(past[0]!.range.start.line).toBe(text.split('\n').findIndex((l) => l === '  P1 response within 2h wall') + 1);
    expect(past[0]!.range.start.column).toBe(3);
  });
});
