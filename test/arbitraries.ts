/**
 * fast-check arbitraries for well-formed Pledge ASTs: every node kind of `src/ast/nodes.ts`, with
 * values the parser reads back exactly (so `parse(printContract(ast))` has the same shape).
 * Shared by the formatter's round-trip properties and, later, the checker and the time engine.
 *
 * Fields are built in the same key order as `src/syntax/cst-to-ast.ts`, because `sameShape`
 * compares JSON text. Ranges are one dummy range: shapes ignore them.
 */
import fc from 'fast-check';
import type * as A from '../src/ast/nodes.js';
import { WEEKDAYS } from '../src/ast/nodes.js';
import { keywords } from '../src/syntax/lexer.js';

/** The range every generated node carries. */
export const DUMMY_RANGE: A.Range = {
  start: { line: 1, column: 1, offset: 0 },
  end: { line: 1, column: 1, offset: 0 },
};
const range = DUMMY_RANGE;

const PERIODS: readonly A.Period[] = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly'];

// ---------------------------------------------------------------------------------------------
// Leaves

/** An identifier that the lexer reads as an identifier: not a keyword, not a factor like `x3`. */
export const identifier: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_'),
    fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789'), maxLength: 8 }),
  )
  .map(([head, tail]) => head + tail)
  // `x3` lexes as a factor (`peak … x3`), so it cannot be a name.
  .filter((s) => !Object.hasOwn(keywords, s) && !/^x\d+$/.test(s));

/** A name: random identifiers, plus real-looking ones that start like keywords (`monday`, `period_`). */
export const nameLit: fc.Arbitrary<A.Name> = fc
  .oneof(identifier, fc.constantFrom('P0', 'P1', 'response', 'resolution', 'business', 'always', 'monday', 'period_', 'x3a', 'CNY'))
  .map((text) => ({ kind: 'Name', text, range }));

/** Code units the escaping must get right, mixed into otherwise arbitrary unicode. */
const tricky = fc.constantFrom('"', '\\', '\n', '\t', '\r', '\u0000', '\u001f', '\u007f', '\u2028', '\u2029', '\\n', '\\u{41}', '//', '/*', '*/', ' ', '€', '😀', '\ud800', '\udfff');

/** Any string value: full unicode (lone surrogates included), quotes, backslashes, newlines. */
export const strValue: fc.Arbitrary<string> = fc.string({
  unit: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), tricky, fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n))),
  maxLength: 12,
});

export const strLit: fc.Arbitrary<A.Str> = strValue.map((value) => ({ kind: 'Str', value, range }));

export const dateLit: fc.Arbitrary<A.DateLit> = fc
  .date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2200, 11, 31)), noInvalidDate: true })
  .map((d) => ({ kind: 'Date', year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), range }));

export const timeLit: fc.Arbitrary<A.TimeLit> = fc
  .oneof(fc.integer({ min: 0, max: 1440 }), fc.constantFrom(0, 540, 1050, 1440))
  .map((minutes) => ({ kind: 'Time', minutes, range }));

export const timeRangeLit: fc.Arbitrary<A.TimeRange> = fc.tuple(timeLit, timeLit).map(([from, to]) => ({ kind: 'TimeRange', from, to, range }));

export const weekday: fc.Arbitrary<A.Weekday> = fc.constantFrom(...WEEKDAYS);

export const dayRangeLit: fc.Arbitrary<A.DayRange> = fc.oneof(
  weekday.map((d) => ({ kind: 'DayRange' as const, from: d, to: d, range })),
  fc.tuple(weekday, weekday).map(([from, to]) => ({ kind: 'DayRange' as const, from, to, range })),
);

/** Durations in the four well-formed spellings, with `unit` and `amount` as the parser computes them. */
export const durationLit: fc.Arbitrary<A.DurationLit> = fc.oneof(
  fc.integer({ min: 0, max: 400 }).map((n) => ({ kind: 'Duration' as const, unit: 'day' as const, amount: n, text: `${n}d`, range })),
  fc.integer({ min: 0, max: 9999 }).map((n) => ({ kind: 'Duration' as const, unit: 'minute' as const, amount: n * 60, text: `${n}h`, range })),
  fc.integer({ min: 0, max: 99999 }).map((n) => ({ kind: 'Duration' as const, unit: 'minute' as const, amount: n, text: `${n}m`, range })),
  fc
    .tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 999 }))
    .map(([h, m]) => ({ kind: 'Duration' as const, unit: 'minute' as const, amount: h * 60 + m, text: `${h}h${m}m`, range })),
);

/** Decimal text like `42`, `99.95` or `0.5`. */
function decimalText(maxWhole: number): fc.Arbitrary<string> {
  return fc.oneof(
    fc.integer({ min: 0, max: maxWhole }).map(String),
    fc.tuple(fc.integer({ min: 0, max: maxWhole }), fc.integer({ min: 0, max: 9999 })).map(([w, f]) => `${w}.${f}`),
  );
}

export const percentLit: fc.Arbitrary<A.PercentLit> = decimalText(100).map((text) => ({ kind: 'Percent', value: Number(text), text, range }));

/** A number; `whole` where the AST builder insists on a whole number (staff, seed, cycles). */
export function numberLit(whole = false): fc.Arbitrary<A.NumberLit> {
  const text = whole ? fc.integer({ min: 0, max: 1_000_000 }).map(String) : decimalText(1_000_000);
  return text.map((t) => ({ kind: 'Number', value: Number(t), text: t, range }));
}

export const periodWord: fc.Arbitrary<A.Period> = fc.constantFrom(...PERIODS);

const list = <T>(arb: fc.Arbitrary<T>, maxLength = 3): fc.Arbitrary<T[]> => fc.array(arb, { minLength: 1, maxLength });
const few = <T>(arb: fc.Arbitrary<T>, maxLength = 4): fc.Arbitrary<T[]> => fc.array(arb, { maxLength });
/** An optional field, absent rather than `undefined`, so shapes match what the parser builds. */
const opt = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}

// ---------------------------------------------------------------------------------------------
// Statements

export const slaStmt: fc.Arbitrary<A.SlaStmt> = fc.oneof(
  fc.tuple(fc.constantFrom('provider' as const, 'customer' as const), strLit).map(([role, name]): A.PartyStmt => ({ kind: 'Party', role, name, range })),
  fc.tuple(dateLit, dateLit).map(([from, to]): A.TermStmt => ({ kind: 'Term', from, to, range })),
  fc.tuple(numberLit(), nameLit, periodWord).map(([amount, currency, period]): A.FeeStmt => ({ kind: 'Fee', amount, currency, period, range })),
);

export const calendarStmt: fc.Arbitrary<A.CalendarStmt> = fc.oneof(
  strLit.map((zone): A.ZoneStmt => ({ kind: 'Zone', zone, range })),
  fc.tuple(list(dayRangeLit), list(timeRangeLit)).map(([days, ranges]): A.HoursStmt => ({ kind: 'Hours', days, ranges, range })),
  fc.tuple(strLit, few(nameLit, 3)).map(([region, types]): A.HolidaysStmt => ({ kind: 'Holidays', region, types, range })),
  strLit.map((file): A.HolidaysFileStmt => ({ kind: 'HolidaysFile', file, range })),
  fc
    .tuple(dateLit, opt(dateLit), opt(strLit))
    .map(([from, to, reason]): A.ClosedStmt => ({ kind: 'Closed', from, ...optional('to', to), ...optional('reason', reason), range })),
  fc
    .tuple(dateLit, list(timeRangeLit), opt(strLit))
    .map(([date, ranges, reason]): A.OpenStmt => ({ kind: 'Open', date, ranges, ...optional('reason', reason), range })),
);

export const clockStmt: fc.Arbitrary<A.ClockStmt> = fc
  .tuple(fc.constantFrom<A.ClockAction>('starts', 'pauses', 'resumes', 'stops', 'restarts'), list(nameLit))
  .map(([action, events]) => ({ kind: 'ClockRule', action, events, range }));

export const priorityStmt: fc.Arbitrary<A.PriorityStmt> = fc.oneof(
  strLit.map((text): A.MeansStmt => ({ kind: 'Means', text, range })),
  fc.tuple(nameLit, durationLit, nameLit).map(([clock, duration, calendar]): A.TargetStmt => ({ kind: 'Target', clock, duration, calendar, range })),
  fc.tuple(durationLit, nameLit).map(([every, calendar]): A.UpdateStmt => ({ kind: 'Update', every, calendar, range })),
);

export const escalationStep: fc.Arbitrary<A.EscalationStep> = fc
  .tuple(fc.oneof(percentLit, durationLit), nameLit, list(strLit))
  .map(([at, clock, notify]) => ({ kind: 'EscalationStep', at, clock, notify, range }));

export const maintenanceStmt: fc.Arbitrary<A.MaintenanceStmt> = fc
  .tuple(fc.boolean(), list(dayRangeLit), timeRangeLit, nameLit)
  .map(([excluded, days, window, calendar]) => ({ kind: 'Maintenance', excluded, days, window, calendar, range }));

export const cyclesLit: fc.Arbitrary<A.CyclesLit> = numberLit(true).map((count) => ({ kind: 'Cycles', count, range }));

export const creditStmt: fc.Arbitrary<A.CreditStmt> = fc.oneof(
  fc.tuple(nameLit, nameLit, percentLit).map(([priority, clock, amount]): A.BreachCredit => ({ kind: 'BreachCredit', priority, clock, amount, range })),
  // A fixed amount, `500 USD`.
  fc
    .tuple(nameLit, nameLit, numberLit(), nameLit)
    .map(([priority, clock, n, currency]): A.BreachCredit => ({ kind: 'BreachCredit', priority, clock, amount: { kind: 'Money', amount: n, currency, range }, range })),
  // Graded by lateness: `5% of fee per started 1h late, up to 25%` or `100 USD … up to 1000 USD`.
  fc
    .tuple(nameLit, nameLit, fc.oneof(percentLit, fc.tuple(numberLit(), nameLit).map(([n, currency]): A.MoneyLit => ({ kind: 'Money', amount: n, currency, range }))), durationLit, opt(fc.oneof(percentLit, fc.tuple(numberLit(), nameLit).map(([n, currency]): A.MoneyLit => ({ kind: 'Money', amount: n, currency, range })))))
    .map(([priority, clock, amount, perLate, upTo]): A.BreachCredit => ({ kind: 'BreachCredit', priority, clock, amount, perLate, ...optional('upTo', upTo), range })),
  // A cap over rolling months, `per 12 months` (the word as written, checked by the checker).
  fc.tuple(percentLit, numberLit(true), nameLit).map(([amount, n, unit]): A.CapStmt => ({ kind: 'Cap', amount, rolling: { ...n, unit }, range })),
  fc
    .tuple(opt(percentLit), percentLit, percentLit)
    .map(([from, below, amount]): A.AvailabilityCredit => ({ kind: 'AvailabilityCredit', ...optional('from', from), below, amount, range })),
  fc.tuple(percentLit, opt(periodWord)).map(([amount, period]): A.CapStmt => ({ kind: 'Cap', amount, ...optional('period', period), range })),
  fc.oneof(durationLit, cyclesLit).map((within): A.ClaimStmt => ({ kind: 'Claim', within, range })),
);

export const assertStmt: fc.Arbitrary<A.AssertStmt> = fc
  .tuple(list(nameLit), nameLit, durationLit, fc.boolean(), fc.boolean(), fc.option(list(nameLit), { nil: undefined }))
  .map(([priorities, clock, bound, wall, excludingPauses, under]) => ({ kind: 'Within', priorities, clock, bound, wall, excludingPauses, under: under ?? [], range }));

const distribution: fc.Arbitrary<A.Distribution> = fc.oneof(
  fc.tuple(durationLit, durationLit).map(([min, max]): A.UniformDist => ({ kind: 'Uniform', min, max, range })),
  fc.tuple(durationLit, durationLit).map(([median, p90]): A.LogNormalDist => ({ kind: 'LogNormal', median, p90, range })),
);
const workRange: fc.Arbitrary<A.WorkRange> = fc.tuple(nameLit, distribution).map(([priority, dist]) => ({ kind: 'WorkRange', priority, dist, range }));

export const scenarioStmt: fc.Arbitrary<A.ScenarioStmt> = fc.oneof(
  fc.tuple(dateLit, dateLit).map(([from, to]): A.PeriodStmt => ({ kind: 'Period', from, to, range })),
  fc.tuple(numberLit(), periodWord).map(([count, per]): A.ArrivalsStmt => ({ kind: 'Arrivals', count, per, range })),
  fc.tuple(list(dayRangeLit), timeRangeLit, numberLit()).map(([days, window, factor]): A.PeakStmt => ({ kind: 'Peak', days, window, factor, range })),
  fc
    .tuple(dateLit, opt(timeRangeLit), numberLit())
    .map(([date, window, factor]): A.BurstStmt => ({ kind: 'Burst', date, ...optional('window', window), factor, range })),
  list(fc.tuple(nameLit, percentLit).map(([priority, share]): A.MixShare => ({ kind: 'MixShare', priority, share, range }))).map(
    (shares): A.MixStmt => ({ kind: 'Mix', shares, range }),
  ),
  list(
    fc.tuple(numberLit(true), opt(strLit), nameLit).map(([count, tier, calendar]): A.StaffGroup => ({ kind: 'StaffGroup', count, ...optional('tier', tier), calendar, range })),
  ).map((groups): A.StaffStmt => ({ kind: 'Staff', groups, range })),
  list(workRange).map((items): A.WorkStmt => ({ kind: 'Work', items, range })),
  list(workRange).map((items): A.ReplyStmt => ({ kind: 'Reply', items, range })),
  list(fc.tuple(nameLit, percentLit).map(([plan, share]): A.PlanShare => ({ kind: 'PlanShare', plan, share, range }))).map(
    (shares): A.PlanMixStmt => ({ kind: 'PlanMix', shares, range }),
  ),
  fc
    .constantFrom(['priority', false] as const, ['priority', true] as const, ['fifo', false] as const, ['deadline', false] as const)
    .map(([discipline, preemptive]): A.QueueStmt => ({ kind: 'Queue', discipline, preemptive, range })),
  fc.tuple(percentLit, distribution).map(([share, dist]): A.WaitsStmt => ({ kind: 'Waits', share, dist, range })),
  fc.tuple(percentLit, distribution).map(([share, dist]): A.ReopensStmt => ({ kind: 'Reopens', share, dist, range })),
  list(fc.tuple(percentLit, fc.constantFrom('up' as const, 'down' as const)).map(([share, direction]): A.ReclassMove => ({ kind: 'ReclassMove', share, direction, range }))).map(
    (moves): A.ReclassStmt => ({ kind: 'Reclass', moves, range }),
  ),
  fc.tuple(numberLit(), periodWord, distribution).map(([count, per, dist]): A.OutagesStmt => ({ kind: 'Outages', count, per, dist, range })),
  fc.tuple(dateLit, timeRangeLit).map(([date, window]): A.OutageStmt => ({ kind: 'Outage', date, window, range })),
  numberLit(true).map((seed): A.SeedStmt => ({ kind: 'Seed', seed, range })),
);

export const planStmt: fc.Arbitrary<A.PlanStmt> = fc.oneof(
  list(strLit).map((channels): A.ChannelStmt => ({ kind: 'Channel', channels, range })),
  list(nameLit).map((priorities): A.CoversStmt => ({ kind: 'Covers', priorities, range })),
  fc.tuple(nameLit, few(priorityStmt)).map(([name, body]): A.PriorityOverride => ({ kind: 'PriorityOverride', name, body, range })),
);

// ---------------------------------------------------------------------------------------------
// Declarations

export const slaDecl: fc.Arbitrary<A.SlaDecl> = fc.tuple(strLit, few(slaStmt)).map(([title, body]) => ({ kind: 'Sla', title, body, range }));

export const calendarDecl: fc.Arbitrary<A.CalendarDecl> = fc
  .tuple(nameLit, opt(strLit), few(calendarStmt))
  .map(([name, title, body]) => ({ kind: 'Calendar', name, ...optional('title', title), body, range }));

export const clockDecl: fc.Arbitrary<A.ClockDecl> = fc.tuple(nameLit, few(clockStmt)).map(([name, body]) => ({ kind: 'Clock', name, body, range }));

export const priorityDecl: fc.Arbitrary<A.PriorityDecl> = fc
  .tuple(nameLit, opt(strLit), few(priorityStmt))
  .map(([name, title, body]) => ({ kind: 'Priority', name, ...optional('title', title), body, range }));

export const reclassifyDecl: fc.Arbitrary<A.ReclassifyDecl> = fc
  .constantFrom<A.ReclassifyPolicy>('keeps-elapsed', 'restarts', 'stricter')
  .map((policy) => ({ kind: 'Reclassify', policy, range }));

export const escalationDecl: fc.Arbitrary<A.EscalationDecl> = fc
  .tuple(opt(strLit), few(nameLit, 3), few(escalationStep))
  .map(([title, priorities, steps]) => ({ kind: 'Escalation', ...optional('title', title), priorities, steps, range }));

export const contactDecl: fc.Arbitrary<A.ContactDecl> = fc
  .tuple(strLit, nameLit, opt(strLit))
  .map(([name, calendar, via]) => ({ kind: 'Contact', name, calendar, ...optional('via', via), range }));

export const availabilityDecl: fc.Arbitrary<A.AvailabilityDecl> = fc
  .tuple(percentLit, periodWord, few(maintenanceStmt, 3))
  .map(([target, period, body]) => ({ kind: 'Availability', target, period, body, range }));

export const creditsDecl: fc.Arbitrary<A.CreditsDecl> = few(creditStmt, 6).map((body) => ({ kind: 'Credits', body, range }));

export const assertDecl: fc.Arbitrary<A.AssertDecl> = fc.tuple(strLit, few(assertStmt)).map(([title, body]) => ({ kind: 'Assert', title, body, range }));

export const scenarioDecl: fc.Arbitrary<A.ScenarioDecl> = fc
  .tuple(strLit, few(scenarioStmt, 8))
  .map(([title, body]) => ({ kind: 'Scenario', title, body, range }));

export const planDecl: fc.Arbitrary<A.PlanDecl> = fc
  .tuple(nameLit, opt(strLit), opt(nameLit), few(planStmt))
  .map(([name, title, parent, body]) => ({ kind: 'Plan', name, ...optional('title', title), ...optional('parent', parent), body, range }));

export const declaration: fc.Arbitrary<A.Declaration> = fc.oneof(
  slaDecl,
  calendarDecl,
  clockDecl,
  priorityDecl,
  reclassifyDecl,
  escalationDecl,
  contactDecl,
  availabilityDecl,
  creditsDecl,
  assertDecl,
  scenarioDecl,
  planDecl,
);

/** A whole contract: any declarations in any order (well-formed syntax, not necessarily valid). */
export const contract: fc.Arbitrary<A.Contract> = fc
  .array(declaration, { maxLength: 6 })
  .map((declarations) => ({ kind: 'Contract', declarations, range }));

// ---------------------------------------------------------------------------------------------
// Ticket lives (for the time engine's timeline properties)

/** One ticket event at a minute offset from the filing; `priority` for `reclassified`. */
export interface LifeEvent {
  readonly event: 'confirmed' | 'first_reply' | 'awaiting_customer' | 'customer_replied' | 'resolved' | 'reopened' | 'reclassified';
  readonly minute: number;
  readonly priority?: string;
}

/**
 * A ticket's life: a filing priority, a filing minute within `days` days, and up to 10 events within
 * three days of it on a 5-minute grid (so several often share an instant), in any order of kinds.
 */
export function ticketLife(priorities: readonly string[], days = 300): fc.Arbitrary<{ priority: string; filedMinute: number; events: LifeEvent[] }> {
  const kind = fc.constantFrom<LifeEvent['event']>('confirmed', 'first_reply', 'awaiting_customer', 'customer_replied', 'resolved', 'reopened', 'reclassified', 'reclassified');
  const event: fc.Arbitrary<LifeEvent> = fc
    .tuple(kind, fc.integer({ min: 0, max: (3 * 24 * 60) / 5 }), fc.constantFrom(...priorities))
    .map(([e, slot, p]) => (e === 'reclassified' ? { event: e, minute: slot * 5, priority: p } : { event: e, minute: slot * 5 }));
  return fc.record({
    priority: fc.constantFrom(...priorities),
    filedMinute: fc.integer({ min: 0, max: (days * 24 * 60) / 5 }).map((s) => s * 5),
    events: fc.array(event, { maxLength: 10 }).map((list) => [...list].sort((a, b) => a.minute - b.minute)),
  });
}
