/**
 * Loading one contract for the commands that run it (what-if, calendar, test): read it safely,
 * analyse it, and refuse to run a contract with errors, printing them as `pledge check` would.
 */
import path from 'node:path';
import { analyze, type Analysis, renderHuman, calendarZone, compileContract, type RuntimeContract, parseInstant } from '../index.js';
import { cannotRead, complain, displayPath, fileReaderFor, readSource, useColor, UsageError, type CliIo } from './io.js';
import { EXIT } from './command.js';
import { suggestionHelp } from './suggest.js';

export interface LoadedContract {
  readonly file: string;
  readonly analysis: Analysis;
  readonly runtime: RuntimeContract;
  /** The zone of the contract's first calendar, for times given without an offset. */
  readonly defaultZone: string;
}

/** Reads and checks `file`; on failure prints why and resolves to the exit code instead. */
export async function loadContract(file: string, io: CliIo): Promise<LoadedContract | number> {
  const absolute = path.resolve(io.cwd, file);
  const display = displayPath(absolute, io.cwd);
  const read = await readSource(absolute);
  if (read.kind === 'failed') {
    complain(io, cannotRead(display, read.reason).message);
    return EXIT.usage;
  }
  const analysis = read.kind === 'text' ? analyze(read.text, { readFile: fileReaderFor(path.dirname(absolute)) }) : undefined;
  const diagnostics = read.kind === 'text' ? analysis!.diagnostics : [read.diagnostic];
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!analysis || errors.length > 0) {
    io.stderr.write(renderHuman([{ file: display, ...(read.kind === 'text' ? { text: read.text } : {}), diagnostics: errors }], { color: useColor('auto', io.stderr, io.env) }));
    complain(io, `\`${display}\` has errors; fix them first (pledge check ${display})`);
    return EXIT.problems;
  }
  const first = [...analysis.model.calendars.values()][0];
  return { file: display, analysis, runtime: compileContract(analysis.model), defaultZone: (first && calendarZone(first)) ?? 'UTC' };
}

/** Checks a `--plan` option against the contract's plans. */
export function checkPlanOption(loaded: LoadedContract, plan: string | undefined): void {
  const plans = [...loaded.analysis.model.plans.keys()];
  if (plan !== undefined && !plans.includes(plan)) throw new UsageError(`--plan: no plan \`${plan}\`${suggestionHelp(plan, plans)}`);
}

/** A date-time option, read in `zone` unless it has an offset. */
export function instantOption(name: string, text: string, zone: string): number {
  const t = parseInstant(text, zone);
  if (t === undefined) throw new UsageError(`${name}: \`${text}\` is not a date-time; write it like 2026-11-20T17:00 or 2026-11-20T17:00+08:00`);
  // The engine builds calendar years 1900..2200, the years a contract's dates may take (PLG1010);
  // outside them a due date cannot be computed, so say so instead of printing `Invalid DateTime` (issue 19).
  const year = new Date(t).getUTCFullYear();
  if (year < 1900 || year >= 2200) throw new UsageError(`${name}: \`${text}\` is outside the years 1900..2199 that the engine computes`);
  return t;
}
