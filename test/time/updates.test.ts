/**
 * The `update every` rule (grammar/reference.md, "Periodic updates: when `update every` is
 * breached"), pinned on its worked example: `update every 30m on always`, filed Monday 10:00.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze, compileContract } from '../../src/index.js';
import { updateIntervals } from '../../src/time/updates.js';
import type { EventInput } from '../../src/time/timeline.js';

const runtime = compileContract(analyze(readFileSync(new URL('../../contracts/realtime-messaging.pledge', import.meta.url), 'utf8')).model);
const always = runtime.calendars.get('always')!;
const at = (hm: string) => Date.parse(`2026-03-02T${hm}:00+08:00`);
const hm = (t: number | undefined) => (t === undefined ? undefined : new Date(t + 8 * 3_600_000).toISOString().slice(11, 16));
const every = { unit: 'minute' as const, amount: 30 };
const events: EventInput[] = [
  { event: 'first_reply', at: at('10:20') },
  { event: 'awaiting_customer', at: at('11:40') },
  { event: 'customer_replied', at: at('13:00') },
  { event: 'resolved', at: at('13:10') },
];
const show = (list: ReturnType<typeof updateIntervals>) => list.map((i) => [hm(i.from), hm(i.due), i.state]);

describe('update every (issue 13 item 10)', () => {
  it('the worked example: two breaches at their due instants, three intervals met, nothing runs while waiting', () => {
    expect(show(updateIntervals(always, every, at('10:00'), events, at('14:00')))).toEqual([
      ['10:00', '10:30', 'met'],
      ['10:20', '10:50', 'breached'],
      ['10:50', '11:20', 'breached'],
      ['11:20', '11:50', 'met'],
      ['13:00', '13:30', 'met'],
    ]);
  });
  it('an update exactly at the due instant meets it', () => {
    expect(show(updateIntervals(always, every, at('10:00'), [{ event: 'first_reply', at: at('10:30') }, { event: 'resolved', at: at('10:31') }], at('12:00')))).toEqual([
      ['10:00', '10:30', 'met'],
      ['10:30', '11:00', 'met'],
    ]);
  });
  it('as of an instant: silence since filing is one breach per missed interval, then running', () => {
    expect(show(updateIntervals(always, every, at('10:00'), [], at('11:15')))).toEqual([
      ['10:00', '10:30', 'breached'],
      ['10:30', '11:00', 'breached'],
      ['11:00', '11:30', 'running'],
    ]);
    // A due instant exactly at "as of" has not passed.
    expect(show(updateIntervals(always, every, at('10:00'), [], at('10:30')))).toEqual([['10:00', '10:30', 'running']]);
  });
  it('a reopened ticket starts a new interval at the reopen', () => {
    const list = updateIntervals(always, every, at('10:00'), [{ event: 'first_reply', at: at('10:10') }, { event: 'resolved', at: at('10:15') }, { event: 'reopened', at: at('12:00') }], at('12:45'));
    expect(show(list)).toEqual([
      ['10:00', '10:30', 'met'],
      ['10:10', '10:40', 'met'],
      ['12:00', '12:30', 'breached'],
      ['12:30', '13:00', 'running'],
    ]);
  });
});
