/**
 * The `update every` promise judged by intervals (grammar/reference.md, "Periodic updates: when
 * `update every` is breached"): updates are an agent's public replies (`first_reply`,
 * `awaiting_customer`), an interval starts at filing, reopening, each update and the customer reply
 * that ends a wait, and a missed interval is breached at its due instant, where the next one starts.
 */
import type * as A from '../ast/nodes.js';
import type { Model } from '../check/model.js';
import type { CompiledCalendar } from './calendar.js';
import type { RuntimeContract } from './contract.js';
import { breachCredit, breachStatements, isPastDue } from './credits.js';
import type { EventInput } from './timeline.js';

export type UpdateState = 'met' | 'breached' | 'running';

export interface UpdateInterval {
  readonly from: number;
  readonly due: number;
  /** When it ended (an update, a wait, the resolution); undefined when breached or still running. */
  readonly ended?: number;
  readonly state: UpdateState;
}

/** Updates, by the reference's rule: events that are an agent's public reply. */
const UPDATES: ReadonlySet<string> = new Set(['first_reply', 'awaiting_customer']);

/**
 * Every interval of a ticket's `update every` promise, in time order. `events` are the ticket's
 * events other than `filed`, in time order; `asOf` (undefined: not judged) turns an unended interval
 * past its due instant into a breach, and stops the walk there.
 * @example updateIntervals(always, { unit: 'minute', amount: 30 }, filed, [{ event: 'first_reply', at: filed + 20 * 60_000 }], undefined)
 */
export function updateIntervals(cal: CompiledCalendar, every: Pick<A.DurationLit, 'unit' | 'amount'>, filed: number, events: readonly EventInput[], asOf: number | undefined): UpdateInterval[] {
  return updateIntervalsBy(() => ({ cal, every }), filed, events, asOf);
}

/** The promise in force for an interval starting at an instant (the priority then in force), or undefined without one. */
export type UpdatePromiseAt = (t: number) => { readonly cal: CompiledCalendar; readonly every: Pick<A.DurationLit, 'unit' | 'amount'> } | undefined;

/**
 * `updateIntervals` when the promise changes over the ticket's life (a reclassification): each
 * interval keeps the promise in force when it started; an interval starting under a priority with
 * no `update every` is not judged and the walk waits for the next start, or for a reclassification
 * that brings a promise into force (`promiseAt` is read after all the events of an instant).
 */
export function updateIntervalsBy(promiseAt: UpdatePromiseAt, filed: number, events: readonly EventInput[], asOf: number | undefined): UpdateInterval[] {
  const out: UpdateInterval[] = [];
  const dueOf = (from: number): number => {
    const p = promiseAt(from);
    return p ? p.cal.deadline(from, p.every) : Infinity;
  };
  let from: number | undefined = filed;
  // Closes the running interval at `t` (met when at or before its due), first counting the misses before it.
  const close = (t: number, restart: boolean): void => {
    if (from === undefined) {
      if (restart) from = t;
      return;
    }
    for (;;) {
      const due = dueOf(from);
      if (!Number.isFinite(due) || t <= due) {
        if (Number.isFinite(due) || promiseAt(from)) out.push({ from, due, ended: t, state: 'met' });
        break;
      }
      out.push({ from, due, state: 'breached' });
      from = due;
    }
    from = restart ? t : undefined;
  };
  // Counts the misses before `t` of the interval running, without ending it.
  const advance = (t: number): void => {
    while (from !== undefined) {
      const due = dueOf(from);
      if (!Number.isFinite(due) || due >= t) return;
      out.push({ from, due, state: 'breached' });
      from = due;
    }
  };
  for (const e of events) {
    if (asOf !== undefined && e.at > asOf) break;
    if (e.event === 'reclassified') {
      // A reclassification that brings a promise into force starts an interval (not while the customer owes the next word).
      advance(e.at);
      if (from !== undefined && !promiseAt(from) && promiseAt(e.at)) from = e.at;
    } else if (UPDATES.has(e.event)) close(e.at, e.event === 'first_reply');
    else if (e.event === 'resolved') close(e.at, false);
    else if ((e.event === 'customer_replied' || e.event === 'reopened') && from === undefined) from = e.at;
  }
  if (from !== undefined) {
    for (;;) {
      const due = dueOf(from);
      if (asOf !== undefined && Number.isFinite(due) && isPastDue(due, asOf)) {
        out.push({ from, due, state: 'breached' });
        from = due;
      } else {
        if (promiseAt(from)) out.push({ from, due, state: 'running' });
        break;
      }
    }
  }
  return out;
}

/** The `update every` of a priority under a plan: the nearest plan override, else the priority's own. */
export function updateOf(model: Model, priority: string, plan: string | undefined): A.UpdateStmt | undefined {
  const seen = new Set<string>();
  for (let p = plan; p !== undefined && !seen.has(p); ) {
    seen.add(p);
    const decl = model.plans.get(p)?.decl;
    if (!decl) break;
    for (const s of decl.body) {
      if (s.kind === 'PriorityOverride' && s.name.text === priority) {
        const u = s.body.find((b): b is A.UpdateStmt => b.kind === 'Update');
        if (u) return u;
      }
    }
    p = decl.parent?.text;
  }
  return model.priorityByName.get(priority)?.update;
}

/** The priority in force at `t`: the filing's, changed by each `reclassified` at or before `t`. */
export function priorityAt(priority: string, events: readonly EventInput[], t: number): string {
  let p = priority;
  for (const e of events) if (e.event === 'reclassified' && e.at <= t && e.priority) p = e.priority;
  return p;
}

/** An interval with the promise it was judged by. */
export type JudgedUpdate = UpdateInterval & { readonly priority: string; readonly every: string; readonly calendar: string };

/**
 * A ticket's `update every` intervals, each with the promise in force when it started (what-if,
 * replay, simulate), and its `lapses`: the instants a reclassification leaves it with no `update
 * every` (the priority in force after that instant's last event), where a silence ends. Nothing
 * when no priority of its life has the promise. `events` exclude `filed`, in time order.
 */
export function ticketUpdates(runtime: RuntimeContract, priority: string, plan: string | undefined, filed: number, events: readonly EventInput[], asOf: number | undefined): { updates?: JudgedUpdate[]; lapses?: number[] } {
  const promise = (t: number) => {
    const p = priorityAt(priority, events, t);
    const u = updateOf(runtime.model, p, plan);
    const cal = u && runtime.calendars.get(u.calendar.text);
    return u && cal ? { priority: p, u, cal, every: u.every } : undefined;
  };
  // The priorities in force, each judged after its instant's last event: P -> Q -> P at one
  // instant is neither a priority of the ticket's life nor a lapse.
  const lapses: number[] = [];
  let promised = promise(filed) !== undefined;
  let ever = promised;
  let last = -Infinity;
  for (const e of events) {
    if (e.event !== 'reclassified' || e.at === last) continue;
    last = e.at;
    const now = promise(e.at) !== undefined;
    if (promised && !now) lapses.push(e.at);
    promised = now;
    ever ||= now;
  }
  if (!ever) return {};
  return {
    lapses,
    updates: updateIntervalsBy(promise, filed, events, asOf).map((i) => {
      const p = promise(i.from)!;
      return { ...i, priority: p.priority, every: p.u.every.text, calendar: p.u.calendar.text };
    }),
  };
}

/** What a ticket's `update every` breaches earn under one `per breach of P update` statement. */
export interface UpdateCredit {
  readonly priority: string;
  /** The missed due instant the credit is earned at. */
  readonly time: number;
  /** Real ms of the silence it starts (graded credits). */
  readonly late: number;
  readonly percent: number;
  readonly money?: number;
  readonly units?: number;
}

/**
 * The credits of a ticket's update breaches (grammar/reference.md, "Periodic updates"): once per
 * ticket, for its first breached interval judged under a priority with an `update` credit, at its
 * due instant. The lateness (graded credits) is the silence that breach starts: to the end of the
 * first met interval after the run of missed ones it chains into, or to `lateEnd` (the judging
 * instant) when the silence has not ended, and at the latest to the first of `lapses` (a
 * reclassification to a priority with no `update every`) after the breached interval started:
 * from then no update is owed. Priced by `breachCredit`, as every credit is.
 * @example updateCredits(model, updates, asOf) // [{ priority: 'P0', time: due, late: 50 * 60_000, percent: 2 }]
 */
export function updateCredits(model: Model, updates: readonly JudgedUpdate[], lateEnd: number, lapses: readonly number[] = []): UpdateCredit[] {
  const i = updates.findIndex((u) => u.state === 'breached' && breachStatements(model, 'update', u.priority).length > 0);
  if (i < 0) return [];
  const first = updates[i]!;
  let end = lateEnd;
  for (let k = i + 1; k < updates.length; k++) {
    const u = updates[k]!;
    // A missed interval is followed by the next one from its due instant: the silence goes on.
    if (u.from !== updates[k - 1]!.due) {
      end = u.from;
      break;
    }
    if (u.state === 'met') {
      end = u.ended!;
      break;
    }
    if (u.state === 'running') break;
  }
  const lapse = lapses.find((t) => t > first.from);
  if (lapse !== undefined && lapse < end) end = lapse;
  const late = Math.max(0, end - first.due);
  return breachStatements(model, 'update', first.priority).map((stmt) => {
    const earned = breachCredit(model, stmt, late);
    return { priority: first.priority, time: first.due, late, percent: earned.percent, ...(earned.money !== undefined ? { money: earned.money } : {}), ...(earned.units !== undefined ? { units: earned.units } : {}) };
  });
}
