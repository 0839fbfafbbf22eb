/**
 * `simulate(runtime, scenario)`: one replication of a scenario against a contract, reduced to a
 * report. The same contract, scenario and seed always give the same report.
 */
import { DateTime } from 'luxon';
import type * as A from '../ast/nodes.js';
import type { RuntimeContract } from '../time/contract.js';
import { breachPercentOf } from '../time/credits.js';
import { isoInstant } from '../time/instant-format.js';
import { simulateAvailability } from './availability.js';
import { DRAIN_MS, runEngine, type SimTicket } from './engine.js';
import { compileLoad, type Load, type LoadOptions } from './load.js';
import { clockRows, creditsReport, escalationRows, updateRows, type SimulationReport } from './report.js';
import { Months, Tally } from './tally.js';

export interface SimulateOptions extends LoadOptions {
  /** Called every 10,000 tickets filed, with the expected total. */
  readonly onProgress?: (filed: number, expected: number) => void;
  /** Every ticket's events, in the order tickets finish: the run's event log. */
  readonly onTicket?: (ticket: SimTicket) => void;
}

/** The months of [from, to) in a zone, each clipped to the range. */
export function monthsBetween(zone: string, from: number, to: number): { month: string; from: number; to: number }[] {
  const out: { month: string; from: number; to: number }[] = [];
  let m = DateTime.fromMillis(from, { zone }).startOf('month');
  while (m.toMillis() < to) {
    const next = m.plus({ months: 1 });
    out.push({ month: m.toFormat('yyyy-MM'), from: Math.max(from, m.toMillis()), to: Math.min(to, next.toMillis()) });
    m = next;
  }
  return out;
}

/** The credit percent each breach of (clock, priority) earns, as a function of its lateness (src/time/credits.ts). */
export function breachCreditOf(runtime: RuntimeContract): (clock: string, priority: string) => (lateMs: number) => number {
  return (clock, priority) => breachPercentOf(runtime.model, clock, priority);
}

export function simulateLoad(runtime: RuntimeContract, load: Load, options: Pick<SimulateOptions, 'onProgress' | 'onTicket'> = {}): SimulationReport {
  const { to, from, zone } = load;
  const months = new Months(zone, from, to + 100 * 86_400_000);
  const tally = new Tally([...runtime.model.clocks.keys()], months, to + DRAIN_MS, breachCreditOf(runtime));
  const queued: number[] = [];
  const inService: number[] = [];
  let sampleStart: number | undefined;
  let sampleStep = 0;
  const { counts, horizon } = runEngine(runtime, load, {
    onOutcome: (outcome) => tally.addView(outcome),
    ...(options.onTicket ? { onTicket: options.onTicket } : {}),
    onSample: (t, q, s) => {
      if (sampleStart === undefined) sampleStart = t;
      else if (sampleStep === 0) sampleStep = t - sampleStart;
      queued.push(q);
      inService.push(s);
    },
    ...(options.onProgress ? { onProgress: (n: number) => options.onProgress!(n, load.expectedTickets) } : {}),
  });
  const periodMonths = monthsBetween(zone, from, to);
  const availability = simulateAvailability(runtime, load, periodMonths);
  return {
    kind: 'pledge-simulation',
    version: 1,
    title: load.title,
    seed: load.seed,
    zone,
    period: { from: load.fromDate, to: load.toDate },
    horizon: isoInstant(horizon, zone),
    queue: `${load.queue.discipline}${load.queue.preemptive ? ' preemptive' : ''}`,
    staff: load.staff.map((g) => ({ count: g.count, calendar: g.calendarName, tier: g.tier === 0 ? null : load.tiers[g.tier]! })),
    expectedTickets: Math.round(load.expectedTickets * 10) / 10,
    tickets: { ...counts },
    clocks: clockRows(runtime, tally),
    escalations: escalationRows(runtime, tally),
    ...updateRows(runtime, tally),
    availability: availability ? availability.map(({ from: _f, to: _t, ...rest }) => ({ ...rest, achieved: Math.round(rest.achieved * 1e6) / 1e6 })) : null,
    credits: creditsReport(
      runtime,
      tally,
      periodMonths.map((m) => m.month),
      availability,
    ),
    queueLength: { from: isoInstant(sampleStart ?? from, zone), everyMinutes: (sampleStep || 3_600_000) / 60_000, queued, inService },
  };
}

/** Compiles the scenario and runs it once. */
export function simulate(runtime: RuntimeContract, scenario: A.ScenarioDecl, options: SimulateOptions = {}): SimulationReport {
  return simulateLoad(runtime, compileLoad(runtime, scenario, options), options);
}
