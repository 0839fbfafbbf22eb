/**
 * Replications summarized: the mean of each figure over independent seeds, with a 95% confidence
 * interval from Student's t distribution (the runs are independent and identically distributed,
 * so the interval is mean ± t(0.975, n−1) · s / √n).
 */
import type { SimulationReport } from './report.js';

/** t(0.975, df) for df = 1…30; beyond, the normal approximation refined by 2.4/df. */
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

export function t975(df: number): number {
  return df <= 30 ? T975[df - 1]! : 1.96 + 2.4 / df;
}

export interface Estimate {
  readonly mean: number;
  /** The 95% interval; equal to the mean with one replication. */
  readonly low: number;
  readonly high: number;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

export function estimate(values: readonly number[]): Estimate | null {
  if (values.length === 0) return null;
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean: round(mean), low: round(mean), high: round(mean) };
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  const half = t975(n - 1) * Math.sqrt(variance / n);
  return { mean: round(mean), low: round(mean - half), high: round(mean + half) };
}

export interface ReplicationSummary {
  readonly kind: 'pledge-simulation-replications';
  readonly version: 1;
  readonly title: string;
  readonly replications: number;
  /** One seed per replication: `pledge simulate --seed S` replays that run alone. */
  readonly seeds: readonly number[];
  readonly tickets: Estimate;
  readonly clocks: readonly { readonly priority: string; readonly clock: string; readonly target: string | null; readonly breachRate: Estimate | null; readonly breached: Estimate }[];
  readonly escalations: readonly { readonly step: number; readonly clock: string; readonly at: string; readonly notify: readonly string[]; readonly fired: Estimate }[];
  readonly availability: readonly { readonly month: string; readonly achieved: Estimate }[] | null;
  readonly credits: { readonly currency: string | null; readonly percentAfterCap: Estimate; readonly amountAfterCap: Estimate | null };
}

export function summarize(reports: readonly SimulationReport[]): ReplicationSummary {
  const first = reports[0]!;
  return {
    kind: 'pledge-simulation-replications',
    version: 1,
    title: first.title,
    replications: reports.length,
    seeds: reports.map((r) => r.seed),
    tickets: estimate(reports.map((r) => r.tickets.filed))!,
    clocks: first.clocks.map((c, i) => ({
      priority: c.priority,
      clock: c.clock,
      target: c.target,
      breachRate: estimate(reports.map((r) => r.clocks[i]!.breachRate).filter((x): x is number => x !== null)),
      breached: estimate(reports.map((r) => r.clocks[i]!.breached))!,
    })),
    escalations: first.escalations.map((e, i) => ({ step: e.step, clock: e.clock, at: e.at, notify: e.notify, fired: estimate(reports.map((r) => r.escalations[i]!.fired))! })),
    availability: first.availability ? first.availability.map((a, i) => ({ month: a.month, achieved: estimate(reports.map((r) => r.availability![i]!.achieved))! })) : null,
    credits: {
      currency: first.credits.currency,
      percentAfterCap: estimate(reports.map((r) => r.credits.total.percentAfterCap))!,
      amountAfterCap: first.credits.monthlyFee === null ? null : estimate(reports.map((r) => r.credits.total.amountAfterCap ?? 0)),
    },
  };
}
