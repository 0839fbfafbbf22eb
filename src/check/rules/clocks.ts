/**
 * Clocks and targets: every clock can start and stop, every priority has a target for every
 * clock in use, and targets are ordered sensibly by their worst-case real time.
 */
import type * as A from '../../ast/nodes.js';
import { describeMinutes, isAroundTheClock, weeklyPattern, worstCaseWallMinutes, type WeeklyPattern } from '../../time/weekly.js';
import { rule, type CheckContext, type Rule } from '../checker.js';
import { humanDuration, humanInstant } from '../../report/time-format.js';
import { termWindow, WORST_CASE_BUDGET, worstWallWithin, type WorstCase } from '../../time/worst-case.js';
import type { CompiledCalendar } from '../../time/calendar.js';
import type { ClockModel, Model, PriorityModel } from '../model.js';
import { hasOpenDayInTerm } from './calendars.js';

/** The weekly pattern of a declared calendar. */
export function patternOf(model: Model, calendar: string): WeeklyPattern | undefined {
  const decl = model.calendars.get(calendar);
  return decl ? weeklyPattern(decl) : undefined;
}

const worstCases = new WeakMap<WeeklyPattern, Map<string, number | undefined>>();

/** Worst-case real minutes of a target on its calendar's weekly pattern (holidays aside), memoized. */
export function worstCase(model: Model, target: { duration: A.DurationLit; calendar: A.Name }): number | undefined {
  const p = patternOf(model, target.calendar.text);
  if (!p) return undefined;
  let memo = worstCases.get(p);
  if (!memo) worstCases.set(p, (memo = new Map()));
  const key = `${target.duration.unit}:${target.duration.amount}`;
  if (!memo.has(key)) memo.set(key, worstCaseWallMinutes(p, target.duration));
  return memo.get(key);
}

/**
 * Answers about a calendar's open time, by calendar shape (`CompiledCalendar.shape`) and a key,
 * shared across calendars and across checks: offices with the same hours ask once, and a check
 * after an edit asks again only for the calendars the edit changed. Within one compiled calendar
 * the answer is also kept on it (a calendar with a custom holiday source has no shape). The
 * oldest shared entries leave first beyond `SHARED_LIMIT`.
 */
const perCalendar = new WeakMap<CompiledCalendar, Map<string, unknown>>();
/** By shape, then by key; a shape string is one per calendar, so its hash is computed once. */
const shared = new Map<string, Map<string, unknown>>();
const SHARED_SHAPES = 1024;

function byShape<T>(cal: CompiledCalendar, key: string, compute: () => T): T {
  let memo = perCalendar.get(cal);
  if (!memo) {
    if (cal.shape === undefined) memo = new Map();
    else {
      memo = shared.get(cal.shape);
      if (memo) shared.delete(cal.shape); // re-inserted below: the most recently used last
      else memo = new Map();
      shared.set(cal.shape, memo);
      if (shared.size > SHARED_SHAPES) shared.delete(shared.keys().next().value!);
    }
    perCalendar.set(cal, memo);
  }
  if (memo.has(key)) return memo.get(key) as T;
  const value = compute();
  memo.set(key, value);
  return value;
}

function memoOf(cal: CompiledCalendar): Map<string, unknown> {
  byShape(cal, '', () => undefined);
  return perCalendar.get(cal)!;
}
function forget(cal: CompiledCalendar, key: string): void {
  memoOf(cal).delete(key);
}
function setShape(cal: CompiledCalendar, key: string, value: unknown): void {
  memoOf(cal).set(key, value);
}

const termKey = (term: A.TermStmt): string => `${term.from.year}-${term.from.month}-${term.from.day}:${term.to.year}-${term.to.month}-${term.to.day}`;

/** Work units one check may spend on exact worst cases (`src/time/worst-case.ts`). */
export { WORST_CASE_BUDGET };
const budgets = new WeakMap<Model, { left: number }>();

/**
 * `worstWall` over the term, once per calendar shape, duration and term, within the check's
 * budget; 'undecided' once the budget is spent. An answer remembered from an earlier check is
 * charged what it cost to find, so which questions are decided depends only on the text.
 */
function memoWorstWall(model: Model, cal: CompiledCalendar, d: A.DurationLit, term: A.TermStmt): WorstCase | undefined | 'undecided' {
  let budget = budgets.get(model);
  if (!budget) budgets.set(model, (budget = { left: WORST_CASE_BUDGET }));
  const key = `worst:${d.unit}:${d.amount}:${termKey(term)}`;
  const known = byShape<{ worst: WorstCase | undefined; cost: number } | undefined>(cal, key, () => undefined);
  if (known) {
    if (known.cost > budget.left) {
      budget.left = -1;
      return 'undecided';
    }
    budget.left -= known.cost;
    return known.worst;
  }
  if (budget.left < 0) return 'undecided';
  const [from, to] = termWindow(term, cal);
  const before = budget.left;
  const worst = worstWallWithin(cal, d, from, to, budget);
  if (worst === 'undecided') {
    forget(cal, key);
    return worst;
  }
  setShape(cal, key, { worst, cost: before - budget.left });
  return worst;
}

/**
 * The worst-case real time of a target, in words. With the engine (a full check of a contract with
 * a term) it is exact over the term, holidays included, with the filing that takes longest;
 * otherwise it comes from the weekly hours.
 * @example "at most 8d 19h 30m of real time, when filed Wed 2026-09-30 17:30 +08:00"
 */
export function worstCaseText(ctx: CheckContext, t: { duration: A.DurationLit; calendar: A.Name }): string | undefined {
  const term = ctx.model.term;
  const cal = ctx.runtime && term && ctx.model.calendars.has(t.calendar.text) ? ctx.runtime().calendars.get(t.calendar.text) : undefined;
  if (cal && term) {
    const d = t.duration;
    const worst = memoWorstWall(ctx.model, cal, d, term);
    if (worst === 'undecided') reportUndecided(ctx, t, cal);
    else if (worst && Number.isFinite(worst.due)) {
      return byShape(cal, `text:${d.unit}:${d.amount}:${termKey(term)}`, () => {
        // Around the clock every filing takes the same time: naming one would only distract.
        const uniform = d.unit === 'minute' && worst.wall === d.amount * 60_000;
        return `at most ${humanDuration(worst.wall)} of real time${uniform ? '' : `, when filed ${humanInstant(worst.filed, cal.zone)}`}`;
      });
    }
  }
  const w = worstCase(ctx.model, t);
  return w === undefined ? undefined : `at most ${describeMinutes(w)} of real time (weekly hours; holidays aside)`;
}

const undecidedReported = new WeakMap<Model, Set<A.DurationLit>>();

/** PLG2140, once per target: its worst case over the term was not decided within the budget. */
function reportUndecided(ctx: CheckContext, t: { duration: A.DurationLit; calendar: A.Name }, cal: CompiledCalendar): void {
  let done = undecidedReported.get(ctx.model);
  if (!done) undecidedReported.set(ctx.model, (done = new Set()));
  if (done.has(t.duration)) return;
  done.add(t.duration);
  ctx.report('PLG2140', `worst case not decided: \`${t.duration.text} on ${t.calendar.text}\` over the term needs more than the check's budget of ${WORST_CASE_BUDGET.toLocaleString('en-US')} steps`, t.duration.range, {
    help: `the real times quoted for this target come from \`${cal.name}\`'s weekly hours (holidays and dated days aside); a shorter term decides it exactly (\`pledge test\`, \`render\` and \`diff\` have the same budget)`,
  });
}

/** `4h on business` → "4h on `business`: at most 2d 19h 30m of real time …". */
export function describeTarget(ctx: CheckContext, t: A.TargetStmt): string {
  const w = worstCaseText(ctx, t);
  return `${t.duration.text} on \`${t.calendar.text}\`${w === undefined ? '' : `: ${w}`}`;
}

const roles = new WeakMap<Model, { response?: ClockModel; resolution?: ClockModel }>();

/** The clock that stops at the first reply (the response clock), and the one that stops at resolution. */
export function clockRoles(model: Model): { response?: ClockModel; resolution?: ClockModel } {
  // Once per model: PLG2021 asks for every priority (quadratic with many clocks and priorities).
  let r = roles.get(model);
  if (!r) roles.set(model, (r = findRoles(model)));
  return r;
}

function findRoles(model: Model): { response?: ClockModel; resolution?: ClockModel } {
  const clocks = [...model.clocks.values()];
  const response = clocks.find((c) => c.on.stops.some((e) => e.text === 'first_reply'));
  const resolution = clocks.find((c) => c.on.stops.some((e) => e.text === 'resolved'));
  return { ...(response ? { response } : {}), ...(resolution ? { resolution } : {}) };
}

const clockShape = rule({
  kind: 'Clock',
  codes: ['PLG2011', 'PLG2012', 'PLG2013', 'PLG2015'],
  speed: 'fast',
  run: (n, ctx) => {
    const clock = ctx.model.clocks.get(n.name.text);
    if (!clock || clock.decl !== n) return;
    const { on } = clock;
    if (on.starts.length === 0) {
      ctx.report('PLG2011', `clock \`${n.name.text}\` never starts`, n.name.range, { help: 'add a rule such as `starts filed`' });
    }
    if (on.stops.length === 0) {
      ctx.report('PLG2012', `clock \`${n.name.text}\` never stops`, n.name.range, { help: 'add a rule such as `stops resolved`; a clock that never stops can only be breached' });
    }
    if (on.pauses.length > 0 && on.resumes.length === 0) {
      ctx.report('PLG2013', `clock \`${n.name.text}\` pauses but never resumes`, on.pauses[0]!.range, { help: 'add a rule such as `resumes customer_replied`' });
    }
    if (on.resumes.length > 0 && on.pauses.length === 0) {
      ctx.report('PLG2013', `clock \`${n.name.text}\` resumes but never pauses`, on.resumes[0]!.range, { help: 'add a `pauses` rule, or remove the `resumes` rule' });
    }
    const conflicts: [A.ClockAction, A.ClockAction][] = [['starts', 'stops'], ['pauses', 'resumes'], ['pauses', 'stops'], ['starts', 'pauses']];
    for (const [a, b] of conflicts) {
      for (const e of on[b]) {
        if (on[a].some((x) => x.text === e.text)) {
          ctx.report('PLG2015', `event \`${e.text}\` both ${a.slice(0, -1)}s and ${b.slice(0, -1)}s clock \`${n.name.text}\``, e.range, {
            help: 'one event can drive a clock one way only',
          });
        }
      }
    }
  },
});

const targetsInUse = rule({
  kind: 'Contract',
  codes: ['PLG2010', 'PLG2014'],
  speed: 'fast',
  run: (_n, ctx) => {
    const { model } = ctx;
    // Each clock in use, with the first target that uses it: a top-level one if any, else a plan's
    // override (a plan can be the only place a clock gets a target, and then it is the example).
    const used = new Map<string, { owner: string; target: A.TargetStmt }>();
    for (const p of model.priorities) for (const [c, t] of p.targets) if (!used.has(c)) used.set(c, { owner: `\`${p.name}\``, target: t });
    for (const plan of model.plans.values()) {
      for (const s of plan.decl.body) {
        if (s.kind !== 'PriorityOverride') continue;
        for (const t of s.body) if (t.kind === 'Target' && !used.has(t.clock.text)) used.set(t.clock.text, { owner: `\`${s.name.text}\` in plan \`${plan.name}\``, target: t });
      }
    }
    for (const clock of model.clocks.values()) {
      if (!used.has(clock.name)) {
        ctx.report('PLG2014', `no priority has a target for clock \`${clock.name}\``, clock.decl.name.range, {
          help: `add a target such as \`${clock.name} 4h on <calendar>\` to the priorities, or remove the clock`,
        });
      }
    }
    for (const p of model.priorities) {
      for (const [clock, example] of used) {
        if (p.targets.has(clock) || !model.clocks.has(clock)) continue;
        ctx.report('PLG2010', `priority \`${p.name}\` has no \`${clock}\` target`, p.decl.name.range, {
          help: `${example.owner} promises \`${clock} ${example.target.duration.text} on ${example.target.calendar.text}\`; say what \`${p.name}\` promises`,
          related: [{ message: `${example.owner} has one`, range: example.target.range }],
        });
      }
    }
  },
});

function reportZero(ctx: CheckContext, d: A.DurationLit, what: string): void {
  if (d.amount === 0) ctx.report('PLG2016', `${what} of zero time`, d.range, { help: 'a zero target is breached the moment it starts' });
}

const zeroes = [
  rule({ kind: 'Target', codes: ['PLG2016'], speed: 'fast', run: (n, ctx) => reportZero(ctx, n.duration, `\`${n.clock.text}\` target`) }),
  rule({ kind: 'Update', codes: ['PLG2016'], speed: 'fast', run: (n, ctx) => reportZero(ctx, n.every, 'an update interval') }),
  rule({ kind: 'EscalationStep', codes: ['PLG2016'], speed: 'fast', run: (n, ctx) => n.at.kind === 'Duration' && reportZero(ctx, n.at, 'an escalation step') }),
];

/** Priority inversion: an earlier (more urgent) priority must not allow more real time than a later one. */
const inversion = rule({
  kind: 'Contract',
  codes: ['PLG2020', 'PLG2140'],
  speed: 'fast',
  run: (_n, ctx) => {
    const { model } = ctx;
    for (const clock of model.clocks.keys()) {
      const ranked = model.priorities.filter((p) => p.targets.has(clock));
      const worst = ranked.map((p) => worstCase(model, p.targets.get(clock)!));
      // For each priority, the first later one whose worst case is smaller ("next smaller element",
      // one pass from the end with a stack of candidates in increasing order; issue 14: searching
      // the rest of the list for each priority was quadratic, minutes for 20,000 priorities).
      const looserOf: (number | undefined)[] = [];
      const stack: number[] = [];
      for (let i = ranked.length - 1; i >= 0; i--) {
        const w = worst[i];
        if (w === undefined) continue;
        while (stack.length > 0 && worst[stack[stack.length - 1]!]! >= w) stack.pop();
        looserOf[i] = stack[stack.length - 1];
        stack.push(i);
      }
      for (let i = 0; i < ranked.length; i++) {
        const j = looserOf[i];
        if (j === undefined) continue;
        const urgent = ranked[i]!;
        const looser = ranked[j]!;
        const ut = urgent.targets.get(clock)!;
        const lt = looser.targets.get(clock)!;
        ctx.report('PLG2020', `\`${urgent.name}\` is more urgent than \`${looser.name}\` but its \`${clock}\` target allows more real time`, ut.duration.range, {
          help: `\`${urgent.name}\`: ${describeTarget(ctx, ut)}; \`${looser.name}\`: ${describeTarget(ctx, lt)}. Priorities rank by declaration order, most urgent first`,
          related: [{ message: `the \`${looser.name}\` target`, range: lt.range }],
        });
      }
    }
  },
});

const responseVsResolution = rule({
  kind: 'Priority',
  codes: ['PLG2021', 'PLG2140'],
  speed: 'fast',
  run: (n, ctx) => {
    const p = ctx.model.priorityByName.get(n.name.text);
    if (!p || p.decl !== n) return;
    const { response, resolution } = clockRoles(ctx.model);
    if (!response || !resolution || response === resolution) return;
    const rt = p.targets.get(response.name);
    const st = p.targets.get(resolution.name);
    if (!rt || !st) return;
    const rw = worstCase(ctx.model, rt);
    const sw = worstCase(ctx.model, st);
    if (rw === undefined || sw === undefined || sw >= rw) return;
    ctx.report('PLG2021', `\`${p.name}\` must be resolved sooner than it must be answered`, st.duration.range, {
      help: `\`${resolution.name}\`: ${describeTarget(ctx, st)}; \`${response.name}\`: ${describeTarget(ctx, rt)}`,
      related: [{ message: 'the response target', range: rt.range }],
    });
  },
});

/** `24h on business`: 24 open hours on a calendar that closes is days of real time. */
const hoursMeanDays = rule({
  kind: 'Target',
  codes: ['PLG2022', 'PLG2140'],
  speed: 'fast',
  run: (n, ctx) => {
    const d = n.duration;
    if (d.unit !== 'minute' || d.amount < 1440) return;
    const p = patternOf(ctx.model, n.calendar.text);
    if (!p || p.openPerWeek === 0 || isAroundTheClock(p)) return;
    const days = Math.max(1, Math.round(d.amount / 1440));
    const perDay = p.openPerWeek / [...Array(7).keys()].filter((day) => p.open.subarray(day * 1440, day * 1440 + 1440).some((x) => x === 1)).length;
    const businessDays = (d.amount / perDay).toFixed(1).replace(/\.0$/, '');
    ctx.report('PLG2022', `\`${d.text} on ${n.calendar.text}\` is ${d.text} of open time, about ${businessDays} open days of \`${n.calendar.text}\``, d.range, {
      help: `${worstCaseText(ctx, n)}; if ${days} business day${days > 1 ? 's were' : ' was'} meant, write \`${days}d\``,
      fix: { title: `replace with \`${days}d\``, edits: [{ range: d.range, newText: `${days}d` }], changesMeaning: true },
    });
  },
});

/** A target on a calendar with no open time in the term can never be met nor breached. */
const neverOpen = rule({
  kind: 'Target',
  codes: ['PLG2023'],
  speed: 'fast',
  run: (n, ctx) => {
    const cal = ctx.model.calendars.get(n.calendar.text);
    if (!cal) return;
    const p = patternOf(ctx.model, cal.name.text)!;
    const hasOpenLines = cal.body.some((s) => s.kind === 'Open');
    const open = ctx.model.term ? hasOpenDayInTerm(cal, ctx.model.term) : p.openPerWeek > 0 || hasOpenLines;
    if (open) return;
    ctx.report('PLG2023', `calendar \`${cal.name.text}\` has no open time${ctx.model.term ? ' in the term' : ''}, so this target can never be met or breached`, n.calendar.range, {
      help: 'give the calendar `hours`, or measure this target on another calendar',
      related: [{ message: 'the calendar', range: cal.name.range }],
    });
  },
});

/** A target so long that a ticket filed on the term's first day is not due before the term ends. */
const beyondTerm = rule({
  kind: 'Target',
  codes: ['PLG2025'],
  speed: 'slow',
  run: (n, ctx) => {
    const term = ctx.model.term;
    if (!ctx.runtime || !term || !ctx.model.calendars.has(n.calendar.text) || n.duration.amount === 0) return;
    const cal = ctx.runtime().calendars.get(n.calendar.text)!;
    // The due time of a ticket filed when the term starts, or undefined when it comes due within
    // the term or the calendar is never open in it (PLG2023 says so already).
    const due = byShape(cal, `beyond:${n.duration.unit}:${n.duration.amount}:${termKey(term)}`, () => {
      const [from, to] = termWindow(term, cal);
      // Whether the calendar opens in the term at all: its first opening, not its open time over
      // the whole term, which built every year of it (issue 14: 50 years of \`holidays "CN"\`
      // computed astronomically for one yes-or-no).
      if (!(to > from) || !(cal.nextOpening(from) < to)) return undefined;
      // Due by the term's end by the days' hours alone: no year built to find where (issue 14:
      // 40 calendars were built 34 years each for this yes-or-no); the due time only when it is not.
      if (cal.dueBy(from, to, n.duration)) return undefined;
      const at = cal.deadline(from, n.duration);
      return at <= to ? undefined : at;
    });
    if (due === undefined) return;
    ctx.report('PLG2025', `\`${n.duration.text} on ${n.calendar.text}\` cannot come due within the term: a ticket filed when it starts is due ${Number.isFinite(due) ? humanInstant(due, cal.zone) : 'never'}`, n.duration.range, {
      related: [{ message: 'the term', range: term.range }],
      help: 'shorten the target, or lengthen the term',
    });
  },
});

/** The most urgent level runs around the clock; its escalation contacts must too. */
const urgentCoverage = rule({
  kind: 'Contract',
  codes: ['PLG2024'],
  speed: 'fast',
  run: (_n, ctx) => {
    const { model } = ctx;
    const aroundTheClock = (cal: string) => {
      const p = patternOf(model, cal);
      return p !== undefined && isAroundTheClock(p);
    };
    const runsAroundTheClock = (p: PriorityModel) => [...p.targets.values()].some((t) => aroundTheClock(t.calendar.text));
    // The around-the-clock priorities among all of them, found once (issue 14: once per
    // escalation without `for` was quadratic).
    let urgentAll: PriorityModel[] | undefined;
    const allUrgent = () => (urgentAll ??= model.priorities.filter(runsAroundTheClock));
    const top = model.priorities[0];
    if (top && model.priorities.length > 1) {
      for (const t of top.targets.values()) {
        const p = patternOf(model, t.calendar.text);
        if (p && p.openPerWeek > 0 && !isAroundTheClock(p) && allUrgent().length > 0) {
          ctx.report('PLG2024', `the most urgent priority \`${top.name}\` is measured on \`${t.calendar.text}\`, which closes, while other levels run around the clock`, t.calendar.range, {
            help: 'measure the most urgent level on an around-the-clock calendar, or check the priority order',
          });
        }
      }
    }
    for (const esc of model.escalations) {
      const urgent = esc.priorities.length
        ? esc.priorities.map((p) => model.priorityByName.get(p.text)).filter((p): p is PriorityModel => !!p).filter(runsAroundTheClock)
        : allUrgent();
      if (urgent.length === 0) continue;
      const who24 = `${urgent.map((p) => `\`${p.name}\``).join(', ')} run${urgent.length === 1 ? 's' : ''} around the clock`;
      for (const step of esc.steps) {
        for (const who of step.notify) {
          const contact = model.contacts.get(who.value);
          if (!contact || aroundTheClock(contact.calendar.text) || !model.calendars.has(contact.calendar.text)) continue;
          ctx.report('PLG2024', `"${who.value}" can be reached only on \`${contact.calendar.text}\`, but ${who24}`, who.range, {
            help: 'name an on-call contact reachable at all hours for this step',
            related: [{ message: 'the contact', range: contact.range }],
          });
        }
      }
    }
  },
});

export const CLOCK_RULES: readonly Rule[] = [clockShape, targetsInUse, ...zeroes, inversion, responseVsResolution, hoursMeanDays, neverOpen, beyondTerm, urgentCoverage] as Rule[];
