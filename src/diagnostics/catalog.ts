/**
 * The one catalog of diagnostic codes. PLG1xxx: reading and syntax; PLG2xxx: the checker;
 * PLG40xx: `pledge export` and `pledge drift` (what a help desk cannot express, files it cannot read).
 * PLG30xx: the time engine's answers (`pledge what-if`, `pledge test`, the playground): what it
 * had to decide about the times and events it was given, and questions it could not decide.
 * PLG50xx: `pledge replay` (what it had to decide about a ticket log's rows).
 * A code is never reused: a retired rule keeps its entry with `retired: true`.
 * `grammar/diagnostics.md` is generated from this table (`npm run gen`).
 */

export interface CatalogEntry {
  readonly severity: 'error' | 'warning' | 'info';
  /** A short name, used as the SARIF rule name and the docs heading. */
  readonly title: string;
  /** What the rule finds and why it matters, for the docs and SARIF `fullDescription`. */
  readonly description: string;
  /** Which declaration kinds it looks at, for the docs. */
  readonly phase: 'read' | 'syntax' | 'check' | 'engine' | 'export' | 'replay';
  readonly retired?: boolean;
}

const e = (
  severity: CatalogEntry['severity'],
  phase: CatalogEntry['phase'],
  title: string,
  description: string,
): CatalogEntry => ({ severity, phase, title, description });

export const CATALOG = {
  // ---- reading the file
  PLG1000: e('error', 'read', 'unreadable-input', 'The file is not text Pledge can read: it is binary, not UTF-8, or larger than the documented limit (see the language reference, "Limits").'),
  PLG1001: e('error', 'syntax', 'unexpected-character', 'A character that starts no token of the language.'),
  PLG1002: e('error', 'syntax', 'unexpected-token', 'A token the grammar does not allow here; the message lists what was expected.'),
  PLG1003: e('error', 'syntax', 'missing-token', 'A required token (a closing brace, a name, `on`) is missing.'),
  PLG1004: e('error', 'syntax', 'unexpected-statement', 'A line that starts no statement allowed in this block or at the top level.'),
  PLG1005: e('error', 'syntax', 'too-many-errors', 'Parsing stopped reporting after the documented number of syntax errors in one file.'),
  PLG1010: e('error', 'syntax', 'invalid-date', 'A date that does not exist, like `2026-02-30`.'),
  PLG1011: e('error', 'syntax', 'invalid-time', 'A time of day outside 00:00..24:00, or with minutes past 59.'),
  PLG1012: e('error', 'syntax', 'invalid-duration', 'A duration whose units repeat, are out of order (`30m1h`), or mix open days with hours (`1d4h`).'),
  PLG1013: e('error', 'syntax', 'unterminated-string', 'A string literal with no closing quote on its line.'),
  PLG1014: e('error', 'syntax', 'invalid-escape', 'A backslash escape other than \\\\, \\", \\n, \\t or \\u{…} in a string.'),
  PLG1015: e('error', 'syntax', 'number-out-of-range', 'A number too large to be meant (see "Limits"), or a fraction where a whole number is required.'),
  PLG1016: e('error', 'syntax', 'unterminated-comment', 'A block comment `/*` with no closing `*/`.'),
  PLG1017: e('error', 'syntax', 'keyword-as-name', 'A keyword used where a name is expected; names cannot be keywords.'),

  // ---- names
  PLG2001: e('error', 'check', 'unknown-calendar', 'A target, contact, maintenance window or staff group names a calendar that is not declared.'),
  PLG2002: e('error', 'check', 'unknown-clock', 'A target, escalation step, credit or assert names a clock that is not declared.'),
  PLG2003: e('error', 'check', 'unknown-priority', 'An escalation, credit, assert, plan or scenario names a priority that is not declared.'),
  PLG2004: e('error', 'check', 'unknown-plan', 'A plan extends a plan that is not declared.'),
  PLG2005: e('error', 'check', 'unknown-event', 'A clock rule names a ticket event that does not exist.'),
  PLG2006: e('error', 'check', 'duplicate-declaration', 'Two calendars, clocks, priorities, plans, contacts, asserts or scenarios share a name.'),
  PLG2007: e('warning', 'check', 'duplicate-statement', 'A statement that may appear once in its block (a zone, a term, a target for one clock) appears again; the later one wins.'),
  PLG2008: e('error', 'check', 'missing-statement', 'A block lacks a statement it needs: a calendar without a zone, an `sla` without a term.'),
  PLG2009: e('error', 'check', 'cyclic-plan', 'Plans that extend each other in a cycle.'),

  // ---- clocks and targets
  PLG2010: e('error', 'check', 'missing-target', 'A priority has no target for a clock that other priorities have a target for: a gap in the promise.'),
  PLG2011: e('error', 'check', 'clock-never-starts', 'A clock with no `starts` rule never runs.'),
  PLG2012: e('error', 'check', 'clock-never-stops', 'A clock with no `stops` rule can only be breached.'),
  PLG2013: e('error', 'check', 'pause-without-resume', 'A clock pauses on an event but nothing resumes it (or resumes with no pause).'),
  PLG2014: e('warning', 'check', 'clock-without-targets', 'A clock that no priority has a target for measures nothing.'),
  PLG2015: e('error', 'check', 'event-conflict', 'One event both starts and stops (or pauses and resumes) the same clock.'),
  PLG2016: e('error', 'check', 'zero-target', 'A target, update interval or escalation step of zero time.'),

  PLG2020: e('warning', 'check', 'priority-inversion', 'A more urgent priority (declared earlier) has a looser target than a less urgent one, compared by worst-case elapsed real time.'),
  PLG2021: e('warning', 'check', 'resolution-before-response', 'A priority must be resolved sooner than it must be answered.'),
  PLG2022: e('warning', 'check', 'hours-mean-days', 'An `h` target of 24 hours or more on a calendar that closes: `24h on business` is about three business days, not one.'),
  PLG2023: e('error', 'check', 'calendar-never-open', 'A target is measured on a calendar with no open time in the term: it can never be met or breached.'),
  PLG2025: e('warning', 'check', 'target-beyond-term', 'A target so long that a ticket filed when the term starts is not due before the term ends: it can never be reached in the term.'),
  PLG2024: e('warning', 'check', 'urgent-on-business-hours', 'The most urgent priority has targets on around-the-clock calendars but an escalation contact, or a target, only covers business hours.'),

  // ---- calendars
  PLG2030: e('error', 'check', 'invalid-zone', 'A zone that is not an IANA time zone name.'),
  PLG2031: e('warning', 'check', 'hours-in-dst-gap', 'Opening hours start or end at a local time that does not exist (spring-forward gap) or happens twice (fall-back) on some day in the term.'),
  PLG2032: e('error', 'check', 'overlapping-hours', 'Two opening ranges of the same day overlap, or a range that crosses midnight runs into the next day\'s hours.'),
  PLG2033: e('error', 'check', 'empty-range', 'A time range that starts where it ends, or a date range whose end is before its start.'),
  PLG2034: e('warning', 'check', 'date-outside-term', 'A closed or open date, or a scenario period, outside the contract term.'),
  PLG2035: e('error', 'check', 'term-reversed', 'The term ends before it starts.'),
  PLG2036: e('warning', 'check', 'redundant-open-day', 'An `open` day that is a regular working day and not closed by any holiday or `closed` line.'),
  PLG2140: e('info', 'check', 'worst-case-undecided', 'The exact worst case of a target over the term needs more work than a check may spend on worst cases (the Limits table of the language reference): the real times quoted for it come from the weekly hours, holidays and dated days aside.'),
  PLG2170: e('warning', 'check', 'open-day-overlaps-night-shift', 'An `open` day whose hours start before the previous day\'s night shift ends: the overlap belongs to both days for `d` targets.'),
  PLG2171: e('error', 'check', 'term-too-long', 'The term runs 50 years or more, past the longest term Pledge checks (the Limits table of the language reference).'),
  PLG2172: e('error', 'check', 'update-credit-without-promise', 'A `per breach of PRIORITY update` credit for a priority with no `update every`, its own or a plan\'s: it can never be earned.'),
  PLG2160: e('error', 'check', 'too-many-ranges', 'One day of a calendar lists more than 1,000 opening ranges (its `hours` lines for a weekday, or one `open` line): past the limit of the language reference, "Limits"; its daylight-saving check is skipped.'),
  PLG2161: e('error', 'check', 'too-many-calendars', 'The contract declares more than 1,000 calendars, past the limit of the language reference, "Limits".'),
  PLG2162: e('error', 'check', 'too-many-assert-checks', 'The contract\'s asserts make more than 100 checks (one per priority of each assert line), past the limit of the language reference, "Limits": each check has its own budget of steps in `pledge test`, and those past the limit are not run.'),
  PLG2037: e('error', 'check', 'unknown-holiday-region', 'A holiday region code that the date-holidays data set does not know, or an unknown holiday type.'),
  PLG2038: e('warning', 'check', 'open-day-closed', 'A day is both explicitly closed and explicitly opened.'),
  PLG2039: e('info', 'check', 'cn-holidays-without-notice', 'A calendar uses `holidays "CN"` and the term reaches a year for which Pledge ships no State Council holiday notice: that year follows date-holidays\' rules, without bridge days or make-up working days (调休).'),

  // ---- escalation
  PLG2040: e('warning', 'check', 'escalation-out-of-order', 'Steps on the same clock are not in increasing order of when they fire.'),
  PLG2041: e('warning', 'check', 'escalation-after-breach', 'An escalation step fires past 100% of a target that earns a credit: the credit is owed before anyone is told.'),
  PLG2042: e('warning', 'check', 'escalation-no-target', 'An escalation step on a clock that one of its priorities has no target for never fires for that priority.'),

  // ---- availability and credits
  PLG2050: e('error', 'check', 'credit-tiers-overlap', 'Two availability credit tiers cover the same availability.'),
  PLG2051: e('warning', 'check', 'credit-tiers-gap', 'Some availability below the target earns no credit: the tiers leave a gap.'),
  PLG2052: e('error', 'check', 'credit-tiers-not-monotone', 'Less availability earns less credit than more availability.'),
  PLG2053: e('warning', 'check', 'breach-credits-exceed-cap', 'The per-breach credits one ticket can earn exceed the cap.'),
  PLG2054: e('error', 'check', 'cap-above-fee', 'A credit cap above 100% of the fee.'),
  PLG2055: e('error', 'check', 'maintenance-exceeds-downtime', 'Maintenance that counts as downtime is longer than the downtime the availability target allows.'),
  PLG2056: e('error', 'check', 'percent-out-of-range', 'A percentage outside 0..100 where a share is meant.'),
  PLG2057: e('error', 'check', 'credit-without-target', 'A per-breach credit for a priority and clock that have no target, so it can never be earned.'),
  PLG2058: e('error', 'check', 'credit-without-fee', 'Credits are a share of the fee, but the `sla` block declares no fee.'),
  PLG2059: e('warning', 'check', 'credits-without-cap', 'Credits with no cap: the provider may owe more than the fee.'),
  // fixed-amount credits and rolling caps (grammar/reference.md, "Fixed-amount credits and caps over rolling months")
  PLG2120: e('error', 'check', 'credit-currency-not-fee', 'A fixed-amount credit in a currency other than the fee\'s: Pledge carries no exchange rates.'),
  PLG2121: e('error', 'check', 'fixed-credit-above-fee', 'A fixed-amount credit larger than one month\'s fee.'),
  PLG2122: e('warning', 'check', 'rolling-cap-never-binds', 'A cap over rolling months whose share is at least the monthly cap\'s, so it never cuts a credit.'),
  PLG2123: e('error', 'check', 'duplicate-cap', 'Two caps for the same period (or two rolling caps): it is not clear which one the parties meant.'),
  PLG2124: e('error', 'check', 'invalid-rolling-cap', 'A cap over rolling months that does not say `per N months` with N from 2 to 36.'),
  // graded credits by lateness (grammar/reference.md, "Graded credits by lateness")
  PLG2125: e('error', 'check', 'graded-step-zero', 'A graded credit whose step is zero: it earns nothing however late the ticket is.'),
  PLG2126: e('error', 'check', 'graded-unit-zero', 'A graded credit `per started 0m late`: a unit of no time cannot be counted.'),
  PLG2127: e('error', 'check', 'graded-limit-below-step', 'A graded credit whose `up to` is less than one step, though every breach earns at least one step.'),
  PLG2128: e('warning', 'check', 'graded-limit-at-cap', 'A graded credit whose `up to` is at or above the monthly cap: one late ticket alone can use up the month\'s cap.'),
  PLG2129: e('error', 'check', 'graded-limit-other-form', 'A graded credit whose `up to` is written in the other form than its step (a percentage after a fixed amount, or the reverse, or another currency).'),

  // holidays from an iCalendar file (grammar/reference.md, "Holidays from an iCalendar file")
  PLG2130: e('error', 'check', 'holiday-file-unreadable', 'A `holidays file` that cannot be read: missing, unreadable, or read where files cannot be (the playground).'),
  PLG2131: e('error', 'check', 'holiday-file-invalid', 'A `holidays file` that is not an iCalendar (RFC 5545) file: ical.js cannot parse it or one of its values, or it holds no VCALENDAR; the message names the file\'s line and column.'),
  PLG2132: e('warning', 'check', 'holiday-file-part-day', 'An event of a `holidays file` that covers only part of a local day: that day stays open.'),
  PLG2133: e('warning', 'check', 'holiday-date-closed-twice', 'A date closed twice: by two events of a `holidays file`, or by a file and a `closed` line, a region holiday or another file.'),
  PLG2134: e('info', 'check', 'holiday-file-recurrence', 'A recurring event (RRULE or RDATE) of a `holidays file`, expanded within the term: how many dates it closes.'),
  PLG2135: e('warning', 'check', 'holiday-file-event-skipped', 'An event of a `holidays file` that closes nothing: it has no DTSTART, or its time zone is neither in the file nor an IANA zone.'),

  // ---- scenarios, asserts, plans
  PLG2060: e('error', 'check', 'mix-not-100', 'A scenario priority mix that does not add up to 100%.'),
  PLG2061: e('error', 'check', 'invalid-scenario-value', 'A scenario value that cannot be simulated: a zero or negative rate, no first-line staff, a range whose minimum exceeds its maximum, a p90 below its median.'),
  PLG2062: e('warning', 'check', 'plan-override-no-effect', 'A plan overrides a priority it does not cover, or restates a target unchanged.'),
  PLG2064: e('warning', 'check', 'search-needs-wall', 'An assert that searches event sequences (`under …`) or leaves out pauses measures real time, so its bound must say `wall`.'),
  PLG2065: e('error', 'check', 'scenario-incomplete', 'A scenario that cannot be simulated because it lacks `period`, `arrivals` or `staff`, or a work time for a priority it files.'),
  PLG2066: e('warning', 'check', 'staff-tier-unused', 'A staff tier that no escalation step notifies, so its agents never get a ticket.'),
  PLG2063: e('info', 'check', 'no-sla-block', 'The contract has no `sla` block: no parties, term or fee.'),

  // ---- the file as a whole, and suppression comments
  PLG2090: e('error', 'check', 'empty-contract', 'The file has no `sla` block and no priorities: it promises nothing, so there is nothing to check, render or replay.'),
  PLG2091: e('warning', 'check', 'unused-suppression', 'A `pledge-disable` comment names a code that no diagnostic on its lines has: it suppresses nothing and should go.'),
  PLG2092: e('warning', 'check', 'suppression-without-reason', 'A `pledge-disable` comment without `-- reason`: whoever reads the contract later cannot tell why the finding was accepted.'),
  PLG2093: e('warning', 'check', 'invalid-suppression', 'A `pledge-disable` comment that names no code, an unknown code, or an error (errors mean the contract cannot be evaluated, so they cannot be suppressed).'),
  PLG2094: e('info', 'check', 'check-stopped', 'The language server stopped all checks of the document: they gave no answer within ten times the check budget (the Limits table of the language reference), so the editor shows the fast checks\' findings and this notice instead of spinning, as the playground says "stopped: over the limit". `pledge check` runs them without a watchdog.'),

  // ---- pledge export and pledge drift (issue 16): what a help desk cannot express; --strict makes them errors
  PLG4000: e('warning', 'export', 'export-make-up-day', 'A make-up working day (an `open` line or an official workday) that the target\'s schedules cannot hold: they only close days.'),
  PLG4001: e('warning', 'export', 'export-pause-without-status', 'A clock pauses or resumes on an event the target has no ticket status for, so its metric pauses differently.'),
  PLG4002: e('warning', 'export', 'export-breach-credits', 'Per-breach service credits: no help desk holds them, so they are left out of the export.'),
  PLG4003: e('warning', 'export', 'export-availability', 'Availability and its credits: no help desk measures them, so they are left out of the export.'),
  PLG4004: e('warning', 'export', 'export-day-target', 'A `d` target (open days) written as minutes, because the target counts only minutes or seconds.'),
  PLG4005: e('warning', 'export', 'export-zone-name', 'The target takes Rails time-zone names and none stands for the calendar\'s IANA zone; another zone with the same offsets over the term, or UTC, is written.'),
  PLG4006: e('warning', 'export', 'export-rounding', 'A duration rounded to the target\'s unit (whole minutes).'),
  PLG4007: e('warning', 'export', 'export-clock-unmapped', 'A clock that stops neither at the first reply nor at resolution: no help-desk metric measures it, so its targets are left out.'),
  PLG4008: e('warning', 'export', 'export-start-event', 'A clock starts on an event other than `filed`, and the target\'s metrics start when the ticket is created.'),
  PLG4009: e('warning', 'export', 'export-too-many-priorities', 'The contract has more priorities than the target has levels; the least urgent are left out.'),
  PLG4010: e('warning', 'export', 'export-one-schedule', 'One plan counts business hours on several calendars, and the target applies one schedule to a ticket (or one calendar to a policy).'),
  PLG4011: e('warning', 'export', 'export-metric-missing', 'A target the help desk has no field for (an update interval, a first reply on a calendar other than the policy\'s), left out.'),
  PLG4012: e('warning', 'export', 'export-policy-condition', 'The target chooses a policy by ticket fields (organization, company, group) that the contract does not name: the plan\'s condition is left for you to fill in.'),
  PLG4013: e('warning', 'export', 'export-escalation', 'Escalation steps the target cannot hold, or holds only approximately (fixed escalation times).'),
  PLG4014: e('warning', 'export', 'export-no-term', 'The contract has no term, so closures cannot be listed by date in the schedule.'),
  PLG4020: e('error', 'export', 'drift-unreadable-config', 'A file given to `pledge drift` is not configuration as the help desk\'s API returns it: not JSON, or without the expected fields.'),
  PLG4046: e('warning', 'export', 'export-event-condition', 'A contract event (a first reply, a customer\'s answer) that the target has no field for, written as the nearest condition on the ticket\'s state.'),
  PLG4047: e('warning', 'export', 'export-contact-hours', 'A contact reachable only while a calendar is open, or through a channel: an on-call tool\'s escalation rule pages its user at any time, on the user\'s own notification rules.'),
  PLG4048: e('warning', 'export', 'export-support-hours-closures', 'The target\'s support hours have no holidays or closed dates, so the calendar\'s closures over the term are not in them.'),
  PLG4049: e('warning', 'export', 'export-support-hours-shape', 'The target\'s support hours are one range of the day on a set of weekdays: several ranges a day, or other hours on some days, are written as one range.'),
  // ---- the time engine's answers (issue 14, "nothing silently wrong"): grammar/reference.md, "Times given on the command line"
  PLG3001: e('error', 'engine', 'assert-undecided', 'An assert of `pledge test` that its budget of steps (each assert line has one for each priority it names; the Limits table of the language reference) did not decide: its exact search over the term, or its event-sequence search (`under`) before it had tried the sequences asked for. The assert fails; the message says which budget stopped it and, for a sequence search, how many sequences were tried of how many asked.'),
  PLG3010: e('warning', 'engine', 'time-in-dst-gap', 'A local time given without an offset (`--filed`, `--event`, `--as-of`, `--now`, or the playground\'s What-if fields) that does not exist in its zone (a spring-forward gap): it is read as the first instant after the gap, which the message gives.'),
  PLG3011: e('warning', 'engine', 'time-repeated', 'A local time given without an offset that happens twice in its zone (the hour repeated after a fall-back): it is read as its first occurrence, which the message gives.'),
  PLG3012: e('warning', 'engine', 'filed-outside-term', 'A ticket filed before or after the contract\'s term: it is judged all the same, with the contract\'s targets applied as if it were in force; the message gives the filing instant and the term.'),
  PLG3013: e('error', 'engine', 'event-before-filing', 'An event of a ticket before its filing: `pledge what-if` and the playground refuse it (nothing is computed); the library\'s `timeline` leaves it out and says so. The message gives the event\'s instant and the filing\'s.'),
  PLG3014: e('error', 'engine', 'reclassification-not-covered', 'A reclassification to a priority that the ticket\'s plan does not cover: `pledge what-if` and the playground refuse it (nothing is computed); the library\'s `timeline` keeps the earlier priority\'s targets and says so. The message gives the instant and both priorities.'),

  PLG3020: e('warning', 'engine', 'render-from-weekly-hours', '`pledge render` gives a target\'s longest real time from the weekly hours, holidays aside, because the contract has no term or the exact search over the term ran past the render\'s budget of steps: the document says so in a note, and the command line says it on stderr with the time given.'),

  // ---- pledge replay: a ticket log's rows
  PLG5001: e('warning', 'replay', 'log-time-in-dst-gap', 'With `--zone`, a row\'s time without an offset names a local time that does not exist (a spring-forward gap): it is read as the first instant after the gap. The warning gives the count, the first row\'s line and column and the instant used.'),
  PLG5002: e('warning', 'replay', 'log-time-repeated', 'With `--zone`, a row\'s time without an offset names a local time that happens twice (the hour repeated after a fall-back): it is read as its first occurrence. The warning gives the count, the first row\'s line and column and the instant used.'),
  PLG5003: e('error', 'replay', 'log-event-before-filing', 'A row of a ticket log whose event comes before its ticket\'s `filed` row: the ticket is not replayed (an error at the row\'s line and column; with `--lenient` its rows are skipped and counted as `before-filed`). The message gives the event\'s instant and the filing\'s.'),
  PLG5004: e('error', 'replay', 'log-plan-not-covered', 'A `filed` or `reclassified` row to a priority that the ticket\'s plan does not cover: the ticket is not replayed, rather than judged with the earlier priority\'s targets (an error at the row\'s line and column; with `--lenient` its rows are skipped and counted as `plan-coverage`). The message gives the instant, the priority and the priorities the plan covers.'),
} as const satisfies Record<string, CatalogEntry>;

export type Code = keyof typeof CATALOG;

/** All codes in order, for docs and SARIF rule tables. */
export const ALL_CODES = Object.keys(CATALOG).sort() as Code[];
