/**
 * Documented limits (language reference, "Limits"). Inputs past them get a diagnostic, not a
 * crash or a hang; each number is far above any real contract.
 */
export const LIMITS = {
  /** Largest source file, in bytes. A real contract is a few KB; 10 MB is ~250,000 lines. */
  maxFileBytes: 10 * 1024 * 1024,
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
} as const;
