/**
 * The HTML report of `pledge simulate` and `pledge replay`: self-contained, escaped, deterministic.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isoDurationMs, reportHtml } from '../../src/report/simulate-html.js';
import type { Report, SimulationReport } from '../../src/simulate/report.js';
import type { ReplayLocalTime } from '../../src/simulate/replay.js';
import { updateLine } from '../../src/report/simulate.js';

const EVIL = '<script>alert(1)</script>';
const ATTR = '"onerror=alert(2) <img src=x onerror=alert(3)>';

const pct = Array.from({ length: 20 }, (_, i) => (i + 1) * 5);

const simulation: SimulationReport = {
  kind: 'pledge-simulation',
  version: 1,
  title: `Acme ${EVIL}`,
  seed: 42,
  zone: 'Europe/Berlin',
  period: { from: '2026-03-01', to: '2026-05-01' },
  horizon: '2026-05-08T00:00:00+02:00',
  queue: 'priority preemptive',
  staff: [
    { count: 3, calendar: `business ${ATTR}`, tier: null },
    { count: 1, calendar: 'always', tier: 'L2' },
  ],
  expectedTickets: 412.5,
  tickets: { filed: 410, resolved: 400, open: 10 },
  clocks: [
    {
      priority: `P1 ${EVIL}`,
      clock: 'response',
      target: '1h on always',
      targetMinutes: 60,
      tickets: 40,
      met: 35,
      breached: 5,
      open: 0,
      breachRate: 0.125,
      openTime: { p50: 'PT18M31S', p90: 'PT55M', p99: 'PT1H18M31S' },
      wallTime: { p50: 'PT18M31S', p90: 'PT55M', p99: 'PT1H18M31S' },
      openMinutesByPercentile: pct.map((p) => p * 0.8),
    },
    {
      priority: `P1 ${EVIL}`,
      clock: `resolution ${ATTR}`,
      target: '8h on always',
      targetMinutes: 480,
      tickets: 40,
      met: 39,
      breached: 1,
      open: 0,
      breachRate: 0.025,
      openTime: { p50: 'PT3H', p90: 'PT6H', p99: 'PT9H' },
      wallTime: { p50: 'PT3H', p90: 'PT30H', p99: 'PT67H30M' },
      openMinutesByPercentile: pct.map((p) => p * 5),
    },
    {
      priority: 'P3',
      clock: 'response',
      target: null,
      targetMinutes: null,
      tickets: 370,
      met: 300,
      breached: 60,
      open: 10,
      breachRate: 0.166667,
      openTime: { p50: 'PT2H', p90: 'PT20H', p99: 'PT40H' },
      wallTime: null,
      openMinutesByPercentile: pct.map((p) => p * p * 0.3),
    },
  ],
  updates: [
    { priority: `P1 ${EVIL}`, every: '30m on always', met: 1234, breached: 37, open: 2 },
    { priority: 'P3', every: null, met: 5, breached: 0, open: 0 },
  ],
  escalations: [{ step: 0, priorities: [`P1 ${EVIL}`], clock: 'response', at: '50%', notify: [`ops ${ATTR}`], fired: 7, unreachable: 2 }],
  credits: {
    currency: 'EUR',
    monthlyFee: 12000,
    capPercent: 30,
    months: [
      { month: '2026-03', breaches: 20, breachPercent: 12, availabilityPercent: 0, percentBeforeCap: 12, percentAfterCap: 12, amountBeforeCap: 1440, amountAfterCap: 1440 },
      { month: '2026-04', breaches: 46, breachPercent: 35, availabilityPercent: 5, percentBeforeCap: 40, percentAfterCap: 30, amountBeforeCap: 4800, amountAfterCap: 3600 },
    ],
    total: { percentBeforeCap: 52, percentAfterCap: 42, amountBeforeCap: 6240, amountAfterCap: 5040 },
  },
  availability: [
    { month: '2026-03', minutes: 44640, excludedMinutes: 240, downtimeMinutes: 30, outages: 1, achieved: 99.932432, target: 99.9, met: true, creditPercent: 0 },
    { month: '2026-04', minutes: 43200, excludedMinutes: 240, downtimeMinutes: 120, outages: 2, achieved: 99.72067, target: 99.9, met: false, creditPercent: 5 },
  ],
  queueLength: {
    from: '2026-03-01T00:00:00+01:00',
    everyMinutes: 60,
    queued: Array.from({ length: 24 * 10 }, (_, i) => (i * 7) % 13),
    inService: Array.from({ length: 24 * 10 }, (_, i) => Math.min(4, i % 24 < 9 ? 0 : 4)),
  },
};

const SOURCE = `contracts/${EVIL}.pledge`;

describe('reportHtml', () => {
  const html = reportHtml(simulation, { source: SOURCE });

  it('is a self-contained page with four charts', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<svg/g)).toHaveLength(4);
    expect(html).not.toMatch(/<link|src="http|href="http|@import/);
  });

  it('escapes every string from the report', () => {
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('"onerror=');
    expect(html).not.toMatch(/<[a-z][^>]*\sonerror=/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;onerror=alert(2) &lt;img src=x onerror=alert(3)&gt;');
    expect(html).toContain('contracts/&lt;script&gt;alert(1)&lt;/script&gt;.pledge');
  });

  it('shows the breach rates, durations and credits', () => {
    expect(html).toContain('12.5%');
    expect(html).toContain('2.5%');
    expect(html).toContain('16.7%');
    expect(html).toContain('1h 19m'); // PT1H18M31S, to the nearest minute
    expect(html).toContain('2d 19h 30m');
    expect(html).toContain('EUR 4,800.00');
    expect(html).toContain('cap 30%');
    expect(html).toContain('The numbers behind it');
  });

  it('shows the update every tallies in the text report\'s words, against a golden (reference, "Periodic updates")', () => {
    const section = html.slice(html.indexOf('<h2>Periodic updates</h2>'), html.indexOf('<h2>Escalations</h2>'));
    expect(section).not.toBe('');
    // The golden: `UPDATE_BASELINES=1 npx vitest run test/simulate/html.test.ts` rewrites it; review the diff.
    const golden = path.join(__dirname, '../golden/simulate/updates-section.html');
    if (process.env.UPDATE_BASELINES || !fs.existsSync(golden)) fs.writeFileSync(golden, section);
    expect(section).toBe(fs.readFileSync(golden, 'utf8'));
    expect(section).toContain('<strong>P1 &lt;script&gt;alert(1)&lt;/script&gt; update every 30m on always: 1,234 met, 37 breached, 2 open</strong>');
    expect(section).toContain(`<li>${updateLine(simulation.updates![1]!)}</li>`);
    expect(updateLine(simulation.updates![1]!)).toBe('P3 update every: 5 met, 0 breached, 0 open');
    const { updates: _u, ...without } = simulation;
    expect(reportHtml(without, { source: SOURCE })).not.toContain('Periodic updates');
  });

  it('is byte-identical on two calls', () => {
    expect(reportHtml(simulation, { source: SOURCE })).toBe(html);
  });

  it('renders a replay without the simulation-only parts', () => {
    const { seed: _s, period: _p, queue: _q, staff: _st, expectedTickets: _e, availability: _a, queueLength: _ql, ...rest } = simulation;
    const replay: Report = { ...rest, kind: 'pledge-replay' };
    const out = reportHtml(replay, { source: 'contracts/acme.pledge' });
    expect(out.startsWith('<!doctype html>')).toBe(true);
    expect(out.match(/<svg/g)).toHaveLength(3);
    expect(out).not.toContain('chart-queue');
    expect(out).not.toContain('Seed');
    expect(out).not.toContain('<h2>Availability');
    expect(out).not.toContain('<script');
  });

  it('shows a replay\'s PLG5001 / PLG5002 warnings with code, count, first line and column and instant used, against a golden (reference, "Reading a replayed log")', () => {
    const { seed: _s, period: _p, queue: _q, staff: _st, expectedTickets: _e, availability: _a, queueLength: _ql, ...rest } = simulation;
    const localTimes: ReplayLocalTime[] = [
      { code: 'PLG5001', kind: 'gap', rows: 1234, line: 3, column: 17, time: '2026-03-29 02:30:00', read: '2026-03-29T03:00:00+02:00', message: '1,234 rows have a local time that does not exist in Europe/Berlin; the first, line 3, column 17: `2026-03-29 02:30:00` does not exist in Europe/Berlin (the clocks spring forward): read as 2026-03-29T03:00:00+02:00, the first instant after the gap' },
      { code: 'PLG5002', kind: 'repeated', rows: 1, line: 5, column: 11, time: `2026-10-25T02:30:00 ${EVIL}`, read: '2026-10-25T02:30:00+02:00', message: `1 row has a local time that happens twice in Europe/Berlin; the first, line 5, column 11: ${EVIL}` },
    ];
    const out = reportHtml({ ...rest, kind: 'pledge-replay', localTimes } as Report, { source: 'contracts/acme.pledge' });
    const section = out.slice(out.indexOf('<h2>Warnings</h2>'), out.indexOf('<h2>Tickets</h2>'));
    expect(section).not.toBe('');
    // The golden: `UPDATE_BASELINES=1 npx vitest run test/simulate/html.test.ts` rewrites it; review the diff.
    const golden = path.join(__dirname, '../golden/simulate/local-times-section.html');
    if (process.env.UPDATE_BASELINES || !fs.existsSync(golden)) fs.writeFileSync(golden, section);
    expect(section).toBe(fs.readFileSync(golden, 'utf8'));
    for (const cell of ['<td class="text"><code>PLG5001</code></td>', '<td>1,234</td><td>3</td>', '<code>2026-03-29T03:00:00+02:00</code>', '<code>PLG5002</code>', '<td>1</td><td>5</td>', '<code>2026-10-25T02:30:00+02:00</code>']) expect(section).toContain(cell);
    expect(section).not.toContain('<script');
    // None without such rows, and none in a simulation.
    expect(reportHtml({ ...rest, kind: 'pledge-replay' } as Report, { source: 'x' })).not.toContain('<h2>Warnings</h2>');
    expect(html).not.toContain('<h2>Warnings</h2>');
  });
});

describe('isoDurationMs', () => {
  it('reads the durations of the report', () => {
    expect(isoDurationMs('PT1H18M31S')).toBe((78 * 60 + 31) * 1000);
    expect(isoDurationMs('PT0S')).toBe(0);
    expect(isoDurationMs('P9999Y')).toBe(Infinity);
  });
});
