/**
 * The simulator in the playground: the same `simulate()` and the same HTML report as
 * `pledge simulate --html`, run in the worker. The report is a complete, escaped, script-free page
 * that the panel shows in a sandboxed frame.
 */
import { updateLine, type Ast as A, type RuntimeContract } from '../../../src/index.js';
import { reportHtml } from '../../../src/report/simulate-html.js';
import { simulate } from '../../../src/simulate/simulate.js';
import type { SimulationResult } from '../protocol.js';

export interface SimulationInput {
  readonly runtime: RuntimeContract;
  readonly scenario: A.ScenarioDecl;
  readonly seed: number;
  /** Called as the run advances: `done` of `total` steps (tickets, days: the simulator's unit). */
  readonly onProgress: (done: number, total: number, note?: string) => void;
}

/** What the panel shows: a one-line summary and the HTML report. */
export interface SimulationView {
  readonly html: string;
  readonly tickets: number;
  readonly seed: number;
}

/** Runs one scenario. */
export async function runSimulation(input: SimulationInput): Promise<SimulationResult> {
  input.onProgress(0, 1, 'simulating…');
  const report = simulate(input.runtime, input.scenario, {
    seed: input.seed,
    onProgress: (filed, expected) => input.onProgress(filed, Math.max(filed, Math.round(expected)), `${filed.toLocaleString('en-US')} tickets`),
  });
  input.onProgress(1, 1, `${report.tickets.filed.toLocaleString('en-US')} tickets`);
  const worst = report.clocks.filter((c) => c.breachRate !== null).sort((a, b) => b.breachRate! - a.breachRate!)[0];
  const credits = report.credits.total;
  const message =
    `${report.tickets.filed.toLocaleString('en-US')} tickets simulated with seed ${report.seed}` +
    (worst ? `; most breached: ${worst.priority} ${worst.clock} ${(worst.breachRate! * 100).toFixed(1)}%` : '') +
    `; credits after the cap ${credits.percentAfterCap}%${credits.amountAfterCap !== null ? ` (${credits.amountAfterCap.toFixed(2)} ${report.credits.currency})` : ''}` +
    // The `update every` tallies in the text report's words (the report's Periodic updates section has them too).
    (report.updates ?? []).map((u) => `; ${updateLine(u)}`).join('');
  const view: SimulationView = { html: reportHtml(report, { source: 'the playground' }), tickets: report.tickets.filed, seed: report.seed };
  return { available: true, message, report: view };
}
