/**
 * The Pledge abstract syntax tree.
 *
 * Every node is a readonly object with a literal `kind` and a source `range`. Sum types are plain
 * unions, so a `switch (node.kind)` that ends in `assertNever` is checked for exhaustiveness.
 * Statements inside a block are kept as a list in source order (not folded into fields) so the
 * checker can report duplicates and the formatter can keep the author's order and comments.
 */

/** A 1-based position; `offset` is the 0-based UTF-16 offset into the source text. */
export interface Position {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** A half-open source range: `end` is the position just after the last character. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

interface NodeBase {
  readonly range: Range;
}

// ---------------------------------------------------------------------------------------------
// Leaves

/** A name: an identifier that declares or references something (`business`, `P0`, `response`). */
export interface Name extends NodeBase {
  readonly kind: 'Name';
  readonly text: string;
}

/** A string literal with escapes resolved. */
export interface Str extends NodeBase {
  readonly kind: 'Str';
  readonly value: string;
}

/** A calendar date, `2026-10-01`. Months and days are 1-based. */
export interface DateLit extends NodeBase {
  readonly kind: 'Date';
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** A local time of day, `17:30`; `24:00` (minutes = 1440) is the end of a day. */
export interface TimeLit extends NodeBase {
  readonly kind: 'Time';
  /** Minutes since local midnight, 0..1440. */
  readonly minutes: number;
}

/** `09:00-17:30`. A range whose end is not after its start crosses midnight. */
export interface TimeRange extends NodeBase {
  readonly kind: 'TimeRange';
  readonly from: TimeLit;
  readonly to: TimeLit;
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** `mon-fri` or `sat`; a range that wraps (`fri-mon`) covers fri, sat, sun, mon. */
export interface DayRange extends NodeBase {
  readonly kind: 'DayRange';
  readonly from: Weekday;
  readonly to: Weekday;
}

/**
 * A duration literal, `15m`, `1h30m`, `5d`.
 * `unit: 'day'` counts open days (the `d` rule of the language reference); `unit: 'minute'`
 * counts open minutes on a calendar, or real minutes where the context says `wall`.
 */
export interface DurationLit extends NodeBase {
  readonly kind: 'Duration';
  readonly unit: 'day' | 'minute';
  readonly amount: number;
  /** The literal as written, kept so the formatter does not rewrite `90m` as `1h30m`. */
  readonly text: string;
}

/** `99.95%`; `value` is the number before the sign (99.95). */
export interface PercentLit extends NodeBase {
  readonly kind: 'Percent';
  readonly value: number;
  readonly text: string;
}

export interface NumberLit extends NodeBase {
  readonly kind: 'Number';
  readonly value: number;
  readonly text: string;
}

export type Period = 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly';

// ---------------------------------------------------------------------------------------------
// Declarations

export interface Contract extends NodeBase {
  readonly kind: 'Contract';
  readonly declarations: readonly Declaration[];
}

export type Declaration =
  | SlaDecl
  | CalendarDecl
  | ClockDecl
  | PriorityDecl
  | ReclassifyDecl
  | EscalationDecl
  | ContactDecl
  | AvailabilityDecl
  | CreditsDecl
  | AssertDecl
  | ScenarioDecl
  | PlanDecl;

/** `sla "title" { provider … customer … term … fee … }` */
export interface SlaDecl extends NodeBase {
  readonly kind: 'Sla';
  readonly title: Str;
  readonly body: readonly SlaStmt[];
}
export type SlaStmt = PartyStmt | TermStmt | FeeStmt;
export interface PartyStmt extends NodeBase {
  readonly kind: 'Party';
  readonly role: 'provider' | 'customer';
  readonly name: Str;
}
export interface TermStmt extends NodeBase {
  readonly kind: 'Term';
  readonly from: DateLit;
  readonly to: DateLit;
}
export interface FeeStmt extends NodeBase {
  readonly kind: 'Fee';
  readonly amount: NumberLit;
  readonly currency: Name;
  readonly period: Period;
}

/** `calendar business "title" { zone … hours … holidays … closed … open … }` */
export interface CalendarDecl extends NodeBase {
  readonly kind: 'Calendar';
  readonly name: Name;
  readonly title?: Str;
  readonly body: readonly CalendarStmt[];
}
export type CalendarStmt = ZoneStmt | HoursStmt | HolidaysStmt | HolidaysFileStmt | ClosedStmt | OpenStmt;
export interface ZoneStmt extends NodeBase {
  readonly kind: 'Zone';
  readonly zone: Str;
}
/** `hours mon-fri 09:00-12:00, 13:30-18:00` */
export interface HoursStmt extends NodeBase {
  readonly kind: 'Hours';
  readonly days: readonly DayRange[];
  readonly ranges: readonly TimeRange[];
}
/** `holidays "CN"` or `holidays "DE-BY" types public, bank` */
export interface HolidaysStmt extends NodeBase {
  readonly kind: 'Holidays';
  readonly region: Str;
  /** Holiday types that close the calendar; empty means the default (`public`). */
  readonly types: readonly Name[];
}
/** `holidays file "holidays/acme.ics"`: closures from an iCalendar file, relative to the contract. */
export interface HolidaysFileStmt extends NodeBase {
  readonly kind: 'HolidaysFile';
  readonly file: Str;
}
/** `closed 2026-10-01 to 2026-10-08 "reason"` (`to` is inclusive) */
export interface ClosedStmt extends NodeBase {
  readonly kind: 'Closed';
  readonly from: DateLit;
  readonly to?: DateLit;
  readonly reason?: Str;
}
/** `open 2026-10-10 09:00-17:30 "reason"`: a make-up working day with its own hours. */
export interface OpenStmt extends NodeBase {
  readonly kind: 'Open';
  readonly date: DateLit;
  readonly ranges: readonly TimeRange[];
  readonly reason?: Str;
}

/** `clock resolution { starts … pauses … resumes … stops … restarts … }` */
export interface ClockDecl extends NodeBase {
  readonly kind: 'Clock';
  readonly name: Name;
  readonly body: readonly ClockStmt[];
}
export type ClockAction = 'starts' | 'pauses' | 'resumes' | 'stops' | 'restarts';
export interface ClockStmt extends NodeBase {
  readonly kind: 'ClockRule';
  readonly action: ClockAction;
  readonly events: readonly Name[];
}

/** `priority P0 "Urgent" { means … response 15m on always … }` */
export interface PriorityDecl extends NodeBase {
  readonly kind: 'Priority';
  readonly name: Name;
  readonly title?: Str;
  readonly body: readonly PriorityStmt[];
}
export type PriorityStmt = MeansStmt | TargetStmt | UpdateStmt;
export interface MeansStmt extends NodeBase {
  readonly kind: 'Means';
  readonly text: Str;
}
/** `response 15m on always`: the clock `response` must stop within 15 open minutes of `always`. */
export interface TargetStmt extends NodeBase {
  readonly kind: 'Target';
  readonly clock: Name;
  readonly duration: DurationLit;
  readonly calendar: Name;
}
/** `update every 30m on always`: a periodic customer update while the ticket is open. */
export interface UpdateStmt extends NodeBase {
  readonly kind: 'Update';
  readonly every: DurationLit;
  readonly calendar: Name;
}

export type ReclassifyPolicy = 'keeps-elapsed' | 'restarts' | 'stricter';
/** `reclassify keeps elapsed | restarts | stricter` */
export interface ReclassifyDecl extends NodeBase {
  readonly kind: 'Reclassify';
  readonly policy: ReclassifyPolicy;
}

/** `escalation "title"? for P0, P1 { at 50% of resolution notify "L2" … }`; no `for` means all. */
export interface EscalationDecl extends NodeBase {
  readonly kind: 'Escalation';
  readonly title?: Str;
  readonly priorities: readonly Name[];
  readonly steps: readonly EscalationStep[];
}
export interface EscalationStep extends NodeBase {
  readonly kind: 'EscalationStep';
  /** A share of the target (`50%`) or an absolute elapsed open time (`2h`) on the clock. */
  readonly at: PercentLit | DurationLit;
  readonly clock: Name;
  readonly notify: readonly Str[];
}

/** `contact "L2 duty engineer" on business via "phone"`: when a contact can be reached. */
export interface ContactDecl extends NodeBase {
  readonly kind: 'Contact';
  readonly name: Str;
  readonly calendar: Name;
  readonly via?: Str;
}

/** `availability 99.95% monthly { excludes maintenance sun 02:00-04:00 on always }` */
export interface AvailabilityDecl extends NodeBase {
  readonly kind: 'Availability';
  readonly target: PercentLit;
  readonly period: Period;
  readonly body: readonly MaintenanceStmt[];
}
/** A weekly maintenance window; `excluded` windows do not count as downtime. */
export interface MaintenanceStmt extends NodeBase {
  readonly kind: 'Maintenance';
  readonly excluded: boolean;
  readonly days: readonly DayRange[];
  readonly window: TimeRange;
  readonly calendar: Name;
}

/** `credits { per breach … when availability … cap … claim … }` */
export interface CreditsDecl extends NodeBase {
  readonly kind: 'Credits';
  readonly body: readonly CreditStmt[];
}
export type CreditStmt = BreachCredit | AvailabilityCredit | CapStmt | ClaimStmt;
/** `per breach of P0 response 5% of fee`, or a fixed amount `per breach of P1 response 500 USD`. */
export interface BreachCredit extends NodeBase {
  readonly kind: 'BreachCredit';
  readonly priority: Name;
  readonly clock: Name;
  readonly amount: PercentLit | MoneyLit;
  /**
   * `per started 1h late`: the amount is owed for each started unit of real time the clock ran
   * past its deadline (grammar/reference.md, "Graded credits by lateness").
   */
  readonly perLate?: DurationLit;
  /** `up to 25%` or `up to 1000 USD`: the most one ticket's breach earns under this statement. */
  readonly upTo?: PercentLit | MoneyLit;
}
/** `500 USD`: a fixed amount in a currency (grammar/reference.md, "Fixed-amount credits"). */
export interface MoneyLit extends NodeBase {
  readonly kind: 'Money';
  readonly amount: NumberLit;
  readonly currency: Name;
}
/**
 * `when availability below 99.9% 25% of fee` (tier: availability < 99.9), or
 * `when availability from 99% to 99.9% 25% of fee` (tier: 99 <= availability < 99.9).
 */
export interface AvailabilityCredit extends NodeBase {
  readonly kind: 'AvailabilityCredit';
  readonly from?: PercentLit;
  readonly below: PercentLit;
  readonly amount: PercentLit;
}
/** `12 months` in `per 12 months`: the count, and the word as written (the checker wants `months`). */
export interface RollingMonths extends NumberLit {
  readonly unit: Name;
}
/** `cap 50% of fee monthly`, or over rolling months: `cap 10% of fee per 12 months`. */
export interface CapStmt extends NodeBase {
  readonly kind: 'Cap';
  readonly amount: PercentLit;
  readonly period?: Period;
  /** `per N months`: the number of consecutive calendar months the cap covers. */
  readonly rolling?: RollingMonths;
}
/** `claim within 30d` (real days) or `claim within 2 cycles` (billing cycles after the one missed). */
export interface ClaimStmt extends NodeBase {
  readonly kind: 'Claim';
  readonly within: DurationLit | CyclesLit;
}
export interface CyclesLit extends NodeBase {
  readonly kind: 'Cycles';
  readonly count: NumberLit;
}

/** `assert "title" { P2 response within 72h wall }` */
export interface AssertDecl extends NodeBase {
  readonly kind: 'Assert';
  readonly title: Str;
  readonly body: readonly AssertStmt[];
}
/**
 * `P0, P1 resolution within 8h wall`; without `wall` the bound is open time on the target's
 * calendar. `excluding pauses` leaves out real time the clock spent paused; `under EVENTS` makes
 * `pledge test` search sequences of those events (pauses, reclassification, reopening).
 */
export interface AssertStmt extends NodeBase {
  readonly kind: 'Within';
  readonly priorities: readonly Name[];
  readonly clock: Name;
  readonly bound: DurationLit;
  readonly wall: boolean;
  readonly excludingPauses: boolean;
  readonly under: readonly Name[];
}

/** `scenario "title" { period … arrivals … peak … mix … staff … work … seed … }` */
export interface ScenarioDecl extends NodeBase {
  readonly kind: 'Scenario';
  readonly title: Str;
  readonly body: readonly ScenarioStmt[];
}
export type ScenarioStmt =
  | PeriodStmt
  | ArrivalsStmt
  | PeakStmt
  | BurstStmt
  | MixStmt
  | StaffStmt
  | WorkStmt
  | ReplyStmt
  | PlanMixStmt
  | QueueStmt
  | WaitsStmt
  | ReopensStmt
  | ReclassStmt
  | OutagesStmt
  | OutageStmt
  | SeedStmt;
export interface PeriodStmt extends NodeBase {
  readonly kind: 'Period';
  readonly from: DateLit;
  readonly to: DateLit;
}
export interface ArrivalsStmt extends NodeBase {
  readonly kind: 'Arrivals';
  readonly count: NumberLit;
  readonly per: Period;
}
/** `peak mon-fri 18:00-22:00 x3`: arrivals in the window are multiplied. */
export interface PeakStmt extends NodeBase {
  readonly kind: 'Peak';
  readonly days: readonly DayRange[];
  readonly window: TimeRange;
  readonly factor: NumberLit;
}
/** `burst 2026-03-14 20:00-23:00 x10`: a one-off spike. */
export interface BurstStmt extends NodeBase {
  readonly kind: 'Burst';
  readonly date: DateLit;
  readonly window?: TimeRange;
  readonly factor: NumberLit;
}
export interface MixStmt extends NodeBase {
  readonly kind: 'Mix';
  readonly shares: readonly MixShare[];
}
export interface MixShare extends NodeBase {
  readonly kind: 'MixShare';
  readonly priority: Name;
  readonly share: PercentLit;
}
export interface StaffStmt extends NodeBase {
  readonly kind: 'Staff';
  readonly groups: readonly StaffGroup[];
}
export interface StaffGroup extends NodeBase {
  readonly kind: 'StaffGroup';
  readonly count: NumberLit;
  /** `2 "L2 duty engineer" on business`: a tier that escalation steps notifying it hand tickets to. */
  readonly tier?: Str;
  readonly calendar: Name;
}
export interface WorkStmt extends NodeBase {
  readonly kind: 'Work';
  readonly items: readonly WorkRange[];
}
/** `P0 30m..2h` or `P2 median 3h p90 8h`: a time, in real time, drawn per ticket of priority P. */
export interface WorkRange extends NodeBase {
  readonly kind: 'WorkRange';
  readonly priority: Name;
  readonly dist: Distribution;
}
/** `reply P0 5m..15m`: the time an agent takes to send the first reply once it picks a ticket up. */
export interface ReplyStmt extends NodeBase {
  readonly kind: 'Reply';
  readonly items: readonly WorkRange[];
}
/** A random duration: uniform between two bounds, or log-normal from its median and 90th percentile. */
export type Distribution = UniformDist | LogNormalDist;
export interface UniformDist extends NodeBase {
  readonly kind: 'Uniform';
  readonly min: DurationLit;
  readonly max: DurationLit;
}
export interface LogNormalDist extends NodeBase {
  readonly kind: 'LogNormal';
  readonly median: DurationLit;
  readonly p90: DurationLit;
}
/** `plans basic 60%, premium 40%`: the share of tickets filed under each plan. */
export interface PlanMixStmt extends NodeBase {
  readonly kind: 'PlanMix';
  readonly shares: readonly PlanShare[];
}
export interface PlanShare extends NodeBase {
  readonly kind: 'PlanShare';
  readonly plan: Name;
  readonly share: PercentLit;
}
/** `queue priority [preemptive]`, `queue fifo`, `queue deadline`: which waiting ticket an agent takes next. */
export interface QueueStmt extends NodeBase {
  readonly kind: 'Queue';
  readonly discipline: 'priority' | 'fifo' | 'deadline';
  readonly preemptive: boolean;
}
/** `waits 30% for 2h..1d`: the share of tickets that wait on the customer once, and for how long. */
export interface WaitsStmt extends NodeBase {
  readonly kind: 'Waits';
  readonly share: PercentLit;
  readonly dist: Distribution;
}
/** `reopens 5% after 1h..3d`: the share of resolved tickets reopened, and when. */
export interface ReopensStmt extends NodeBase {
  readonly kind: 'Reopens';
  readonly share: PercentLit;
  readonly dist: Distribution;
}
/** `reclassify 5% up, 10% down`: the share of tickets moved one level at the first reply. */
export interface ReclassStmt extends NodeBase {
  readonly kind: 'Reclass';
  readonly moves: readonly ReclassMove[];
}
export interface ReclassMove extends NodeBase {
  readonly kind: 'ReclassMove';
  readonly share: PercentLit;
  readonly direction: 'up' | 'down';
}
/** `outages 2 monthly for 10m..2h`: random outages of the service. */
export interface OutagesStmt extends NodeBase {
  readonly kind: 'Outages';
  readonly count: NumberLit;
  readonly per: Period;
  readonly dist: Distribution;
}
/** `outage 2026-03-10 02:00-03:30`: a known outage. */
export interface OutageStmt extends NodeBase {
  readonly kind: 'Outage';
  readonly date: DateLit;
  readonly window: TimeRange;
}
export interface SeedStmt extends NodeBase {
  readonly kind: 'Seed';
  readonly seed: NumberLit;
}

/**
 * `plan enterprise "Enterprise" extends premium { channel "…" covers P0, P1 priority P0 { … } }`.
 * A plan starts from the contract's priorities (or its parent plan's) and overrides targets.
 */
export interface PlanDecl extends NodeBase {
  readonly kind: 'Plan';
  readonly name: Name;
  readonly title?: Str;
  readonly parent?: Name;
  readonly body: readonly PlanStmt[];
}
export type PlanStmt = ChannelStmt | CoversStmt | PriorityOverride;
export interface ChannelStmt extends NodeBase {
  readonly kind: 'Channel';
  readonly channels: readonly Str[];
}
/** `covers P2, P3`: only these levels are offered in the plan. */
export interface CoversStmt extends NodeBase {
  readonly kind: 'Covers';
  readonly priorities: readonly Name[];
}
/** `priority P0 { response 30m on always }`: replaces the named targets for this plan. */
export interface PriorityOverride extends NodeBase {
  readonly kind: 'PriorityOverride';
  readonly name: Name;
  readonly body: readonly PriorityStmt[];
}

/** Every node kind, for visitors and exhaustive switches. */
export type Node =
  | Contract
  | Declaration
  | SlaStmt
  | CalendarStmt
  | ClockStmt
  | PriorityStmt
  | EscalationStep
  | MaintenanceStmt
  | CreditStmt
  | CyclesLit
  | MoneyLit
  | AssertStmt
  | ScenarioStmt
  | MixShare
  | StaffGroup
  | WorkRange
  | Distribution
  | PlanShare
  | ReclassMove
  | PlanStmt
  | Name
  | Str
  | DateLit
  | TimeLit
  | TimeRange
  | DayRange
  | DurationLit
  | PercentLit
  | NumberLit;

export type NodeKind = Node['kind'];

/** A comment kept beside the tree, for the formatter and the editor. */
export interface Comment {
  readonly text: string;
  readonly range: Range;
  readonly block: boolean;
}

/** Ends an exhaustive switch: fails to compile when a case is missing. */
export function assertNever(x: never): never {
  throw new Error(`unexpected node: ${JSON.stringify(x)}`);
}
