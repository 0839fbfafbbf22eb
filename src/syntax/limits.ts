/**
 * Documented limits (language reference, "Limits"). Inputs past them get a diagnostic, not a
 * crash or a hang; each number is far above any real contract.
 */
export const LIMITS = {
  /**
   * Largest source file, in bytes: 512 KB, about 14,000 lines. The largest library contract is
   * 5 KB. It was 10 MB, but a 9.8 MB contract took 13 s of CPU and 1.3 GB to check and the check
   * budget below holds only up to about half a megabyte (issue 19; `bench/big.ts`, measured in the
   * reference's "Limits").
   */
  maxFileBytes: 512 * 1024,
  /** Syntax errors reported per file before `PLG1005`; recovery past this point is wasted work. */
  maxSyntaxErrors: 100,
  /** Largest number literal (fees, counts, seeds). */
  maxNumber: 1e15,
  /** Longest duration literal, in minutes (10 years) or days. */
  maxDurationMinutes: 10 * 366 * 24 * 60,
  maxDurationDays: 10 * 366,
  /** Years a term may span; the checker walks the term day by day. */
  maxTermYears: 50,
  /**
   * What the limits buy: every input within them is fully checked in at most this long on one core
   * of the project's machine (issue 14; `npm run bench:check-cost`). The playground stops a check
   * that has not answered in `watchdogFactor` times this and says so instead of spinning.
   */
  checkBudgetMs: 2000,
  watchdogFactor: 10,
  /** Opening ranges one day of a calendar lists (its `hours` lines for a weekday, or one `open` line); a real calendar has a few. */
  maxRangesPerDay: 1000,
  /** Calendar declarations in one contract; a real contract has a handful. Each is compiled for the term. */
  maxCalendars: 1000,
  /**
   * Checks a contract's asserts make, one per priority of each assert line (`P0, P1 response
   * within 1h` is two): each has its own budget of `WORST_CASE_BUDGET` steps in `pledge test`, so
   * this bounds a whole run at 100 budgets. A real contract has a dozen.
   */
  maxAssertChecks: 100,
} as const;

/** A byte count as the limit messages write it: `512 KB`, `587 KB`, `1.5 MB` (KB rounded up, so a file past the limit never reads as at it). */
export function sizeText(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
