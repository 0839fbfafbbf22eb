/**
 * The one place the simulator plugs into the playground. The simulator (`src/simulate/`) is being
 * written on another branch; until it is merged, `runSimulation` says so. Wiring it is a change to
 * this function only: call the simulator with the compiled contract, the scenario and the seed,
 * report progress through `onProgress`, and return its report. The worker (progress messages,
 * cancellation by a newer request) and the panel (progress bar, result area) are already in place.
 */
import type * as A from '../../../src/ast/nodes.js';
import type { RuntimeContract } from '../../../src/time/contract.js';
import type { SimulationResult } from '../protocol.js';

export interface SimulationInput {
  readonly runtime: RuntimeContract;
  readonly scenario: A.ScenarioDecl;
  readonly seed: number;
  /** Called as the run advances: `done` of `total` steps (tickets, days: the simulator's unit). */
  readonly onProgress: (done: number, total: number, note?: string) => void;
}

export const SIMULATOR_UNAVAILABLE = 'simulator not available in this build';

/** Runs one scenario. */
export async function runSimulation(input: SimulationInput): Promise<SimulationResult> {
  input.onProgress(0, 1);
  return { available: false, message: SIMULATOR_UNAVAILABLE };
}
