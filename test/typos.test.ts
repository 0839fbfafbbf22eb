/**
 * Keyword typos get "did you mean" at the first error, with a fix, and the errors that only follow
 * from that mistake are not reported (issue 15). The base contract checks clean apart from PLG2022.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/index.js';
import { fractionalDuration, twelveHourClock } from '../src/syntax/typos.js';

const base = fs.readFileSync(path.resolve(__dirname, 'fixtures/bad/plg2022-hours-mean-days.pledge'), 'utf8').replace('48h on business', '4h on business');

const CASES: [string, string, string, string][] = [
  ['calender', 'calendar business {', 'calender business {', 'did you mean `calendar`?'],
  ['hour', '  hours mon-fri', '  hour mon-fri', 'did you mean `hours`?'],
  ['start', '  starts filed', '  start filed', 'did you mean `starts`?'],
  ['timezone', '  zone "Europe/Berlin"\n  hours mon-fri', '  timezone "Europe/Berlin"\n  hours mon-fri', 'did you mean `zone`?'],
  ['holiday', '  hours mon-fri 09:00-17:00', '  hours mon-fri 09:00-17:00\n  holiday "DE"', 'did you mean `holidays`?'],
  ['1.5h', 'response 4h on', 'response 1.5h on', 'did you mean `1h30m`?'],
  ['9am-5pm', 'mon-fri 09:00-17:00', 'mon-fri 9am-5pm', 'did you mean `09:00-17:00`?'],
];

describe('typos', () => {
  it('the base contract is clean', () => expect(analyze(base).diagnostics).toEqual([]));
  for (const [name, from, to, help] of CASES) {
    it(`\`${name}\`: one error, "${help}", and its fix gives a clean contract`, () => {
      expect(base).toContain(from);
      const text = base.replace(from, to);
      const d = analyze(text).diagnostics;
      expect(d.map((x) => x.code)).toHaveLength(1);
      expect(d[0]!.help).toContain(help);
      const edits = [...d[0]!.fix!.edits].sort((a, b) => b.range.start.offset - a.range.start.offset);
      let fixed = text;
      for (const e of edits) fixed = fixed.slice(0, e.range.start.offset) + e.newText + fixed.slice(e.range.end.offset);
      expect(analyze(fixed).diagnostics).toEqual([]);
    });
  }

  it('converts only what is exact', () => {
    expect(fractionalDuration('1.5h')).toBe('1h30m');
    expect(fractionalDuration('0.25h')).toBe('15m');
    expect(fractionalDuration('2.5m')).toBeUndefined();
    expect(fractionalDuration('1.5d')).toBeUndefined();
    expect(twelveHourClock('9am-5:30pm')).toEqual({ from: '09:00', to: '17:30' });
    expect(twelveHourClock('12am - 12pm')).toEqual({ from: '00:00', to: '12:00' });
    expect(twelveHourClock('9pm-12am')).toEqual({ from: '21:00', to: '24:00' });
    expect(twelveHourClock('13pm')).toBeUndefined();
  });
});
