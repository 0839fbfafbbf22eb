/**
 * The checked model: the AST's declarations indexed by name, with the facts later phases need
 * (the term, the fee, each priority's targets, each plan's effective priorities). Built once by
 * `buildModel`; duplicates keep the first declaration (the checker reports the rest).
 */
import type * as A from '../ast/nodes.js';
import type { FileDay, FilePartDay, IcsFinding } from '../time/ics-holidays.js';

/** The ticket events clocks react to (language reference, "Clocks"). */
export const TICKET_EVENTS = [
  'filed',
  'confirmed',
  'first_reply',
  'awaiting_customer',
  'customer_replied',
  'resolved',
  'reopened',
  'reclassified',
] as const;
export type TicketEvent = (typeof TICKET_EVENTS)[number];

export interface ClockModel {
  readonly decl: A.ClockDecl;
  readonly name: string;
  readonly on: Readonly<Record<A.ClockAction, readonly A.Name[]>>;
}

export interface PriorityModel {
  readonly decl: A.PriorityDecl;
  readonly name: string;
  /** 0 is the most urgent: priorities are ranked by declaration order. */
  readonly rank: number;
  /** Targets by clock name (the first one when a clock is targeted twice). */
  readonly targets: ReadonlyMap<string, A.TargetStmt>;
  readonly update?: A.UpdateStmt;
}

export interface PlanModel {
  readonly decl: A.PlanDecl;
  readonly name: string;
}

export interface Model {
  readonly ast: A.Contract;
  readonly sla?: A.SlaDecl;
  readonly term?: A.TermStmt;
  readonly fee?: A.FeeStmt;
  readonly calendars: ReadonlyMap<string, A.CalendarDecl>;
  readonly clocks: ReadonlyMap<string, ClockModel>;
  /** In urgency order, most urgent first. */
  readonly priorities: readonly PriorityModel[];
  readonly priorityByName: ReadonlyMap<string, PriorityModel>;
  readonly plans: ReadonlyMap<string, PlanModel>;
  readonly contacts: ReadonlyMap<string, A.ContactDecl>;
  readonly reclassify: A.ReclassifyPolicy;
  readonly escalations: readonly A.EscalationDecl[];
  readonly availability?: A.AvailabilityDecl;
  readonly credits: readonly A.CreditsDecl[];
  readonly asserts: readonly A.AssertDecl[];
  readonly scenarios: readonly A.ScenarioDecl[];
  /**
   * What each `holidays file` statement read (language reference, "Holidays from an iCalendar
   * file"): filled in by the checker through `CheckOptions.readFile`; empty from `buildModel`.
   */
  readonly holidayFiles: ReadonlyMap<A.HolidaysFileStmt, HolidayFile>;
}

/** A `holidays file` statement's file: its days and findings, or why it could not be read. */
export type HolidayFile =
  | { readonly kind: 'read'; readonly days: readonly FileDay[]; readonly partDays: readonly FilePartDay[]; readonly findings: readonly IcsFinding[] }
  | { readonly kind: 'unreadable'; readonly reason: string };

function firstBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(key(item))) map.set(key(item), item);
  return map;
}

function ofKind<K extends A.Declaration['kind']>(ast: A.Contract, kind: K): Extract<A.Declaration, { kind: K }>[] {
  return ast.declarations.filter((d): d is Extract<A.Declaration, { kind: K }> => d.kind === kind);
}

/** Indexes a contract. Total: works on any AST, including partial ones from a broken file. */
export function buildModel(ast: A.Contract): Model {
  const sla = ofKind(ast, 'Sla')[0];
  const slaBody = sla?.body ?? [];
  const term = slaBody.find((s): s is A.TermStmt => s.kind === 'Term');
  const fee = slaBody.find((s): s is A.FeeStmt => s.kind === 'Fee');

  const clocks = new Map<string, ClockModel>();
  for (const decl of ofKind(ast, 'Clock')) {
    if (clocks.has(decl.name.text)) continue;
    const on: Record<A.ClockAction, A.Name[]> = { starts: [], stops: [], pauses: [], resumes: [], restarts: [] };
    for (const rule of decl.body) on[rule.action].push(...rule.events);
    clocks.set(decl.name.text, { decl, name: decl.name.text, on });
  }

  const priorities: PriorityModel[] = [];
  const priorityNames = new Set<string>(); // a list search here was quadratic in the priorities
  for (const decl of ofKind(ast, 'Priority')) {
    if (priorityNames.has(decl.name.text)) continue;
    priorityNames.add(decl.name.text);
    const targets = new Map<string, A.TargetStmt>();
    let update: A.UpdateStmt | undefined;
    for (const stmt of decl.body) {
      if (stmt.kind === 'Target' && !targets.has(stmt.clock.text)) targets.set(stmt.clock.text, stmt);
      if (stmt.kind === 'Update') update ??= stmt;
    }
    priorities.push({ decl, name: decl.name.text, rank: priorities.length, targets, ...(update ? { update } : {}) });
  }

  const plans = new Map<string, PlanModel>();
  for (const decl of ofKind(ast, 'Plan')) if (!plans.has(decl.name.text)) plans.set(decl.name.text, { decl, name: decl.name.text });

  return {
    ast,
    ...(sla ? { sla } : {}),
    ...(term ? { term } : {}),
    ...(fee ? { fee } : {}),
    calendars: firstBy(ofKind(ast, 'Calendar'), (c) => c.name.text),
    clocks,
    priorities,
    priorityByName: new Map(priorities.map((p) => [p.name, p])),
    plans,
    contacts: firstBy(ofKind(ast, 'Contact'), (c) => c.name.value),
    reclassify: ofKind(ast, 'Reclassify')[0]?.policy ?? 'keeps-elapsed',
    escalations: ofKind(ast, 'Escalation'),
    ...(ofKind(ast, 'Availability')[0] ? { availability: ofKind(ast, 'Availability')[0]! } : {}),
    credits: ofKind(ast, 'Credits'),
    asserts: ofKind(ast, 'Assert'),
    scenarios: ofKind(ast, 'Scenario'),
    holidayFiles: new Map(),
  };
}

/** The zone of a calendar, if it declares one. */
export function calendarZone(cal: A.CalendarDecl): string | undefined {
  return cal.body.find((s): s is A.ZoneStmt => s.kind === 'Zone')?.zone.value;
}

/** One month's fee (a yearly fee divided by 12), or undefined without a fee. */
export function monthlyFeeOf(model: Model): number | undefined {
  const fee = model.fee;
  if (!fee) return undefined;
  return fee.amount.value / { daily: 1 / 30, weekly: 7 / 30, monthly: 1, quarterly: 3, yearly: 12 }[fee.period];
}

/**
 * A per-breach credit as a percent of one month's fee: `5% of fee` is 5; a fixed `500 USD` against
 * a monthly fee of 10,000 USD is 5 (grammar/reference.md, "Fixed-amount credits"); 0 without a fee.
 */
export function creditShare(model: Model, amount: A.PercentLit | A.MoneyLit): number {
  if (amount.kind === 'Percent') return amount.value;
  const fee = monthlyFeeOf(model);
  return fee ? (amount.amount.value / fee) * 100 : 0;
}
