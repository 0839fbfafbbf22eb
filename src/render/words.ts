/**
 * The phrase books: every word of the rendered terms that does not come from the contract, in
 * English and in Simplified Chinese (the register of Chinese service agreements: 服务等级协议,
 * 响应时间, 解决时间, 工作日, 服务抵扣). Dates, durations and amounts are formatted here by hand,
 * not by `Intl`, so the output does not change with the ICU version of the machine.
 */
import { DateTime } from 'luxon';
import type * as A from '../ast/nodes.js';
import type { TicketEvent } from '../check/model.js';

export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

const EN_WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const ZH_WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY_INDEX: Record<A.Weekday, number> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };

/** `2026-10-01` as parts, with its weekday (0 = Monday). */
function parts(iso: string): { y: number; m: number; d: number; wd: number } {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { y, m, d, wd: (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7 };
}

/** `50,000`, `2,083.33`: two decimals at most, none when whole. */
export function groupDigits(n: number): string {
  const fixed = (Math.round(n * 100) / 100).toFixed(2).replace(/\.00$/, '');
  const [whole = '', frac] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** `99.95`: a percentage without float noise or trailing zeros. */
export function percentNumber(n: number): string {
  return String(Number(n.toFixed(4)));
}

const pad = (n: number) => String(n).padStart(2, '0');
/** `09:00`, `24:00`. */
export const clockTime = (minutes: number): string => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** Days, hours and minutes of a span of minutes. */
function dhm(ms: number): { d: number; h: number; m: number } {
  const minutes = Math.round(ms / 60_000);
  return { d: Math.floor(minutes / 1440), h: Math.floor((minutes % 1440) / 60), m: minutes % 60 };
}

/** How a target's duration reads, given what its calendar is. */
export interface TargetCalendar {
  readonly aroundTheClock: boolean;
  /** The calendar's title, or its name. */
  readonly label: string;
}

/** The phrases of one language. Functions take values already computed and return plain text. */
export interface Words {
  readonly lang: Lang;
  readonly htmlLang: string;
  // Formats
  readonly list: (items: readonly string[]) => string;
  readonly longDate: (iso: string) => string;
  readonly dayRun: (from: string, to: string) => string;
  readonly instant: (t: number, zone: string, showZone: boolean) => string;
  readonly month: (year: number, month: number) => string;
  readonly realDuration: (ms: number) => string;
  readonly target: (d: Pick<A.DurationLit, 'unit' | 'amount'>, cal: TargetCalendar) => string;
  readonly money: (amount: number, currency: string) => string;
  readonly percent: (n: number) => string;
  readonly days: (ranges: readonly A.DayRange[]) => string;
  readonly timeRange: (r: A.TimeRange) => string;
  readonly quote: (s: string) => string;
  /** `: ` or `：` after a label. */
  readonly colon: string;
  /** ` (x)` or `（x）` after a name. */
  readonly paren: (s: string) => string;
  /** A duration as written (`72h` is 72 hours, not 3 days). */
  readonly written: (d: Pick<A.DurationLit, 'unit' | 'amount'>) => string;
  // Front matter
  readonly untitled: string;
  readonly kind: string;
  readonly sourceNote: string;
  // 1. Parties and term
  readonly partiesHeading: string;
  readonly provider: string;
  readonly customer: string;
  readonly providerShort: string;
  readonly customerShort: string;
  readonly party: (name: string, short: string) => string;
  readonly termLabel: string;
  readonly term: (from: string, to: string) => string;
  readonly feeLabel: string;
  readonly fee: (amount: string, period: A.Period, monthly: string | undefined) => string;
  // 2. Definitions
  readonly definitionsHeading: string;
  readonly definitionsText: string;
  readonly calendarsHeading: string;
  readonly calendarHeading: (label: string) => string;
  readonly zoneLabel: string;
  readonly hoursLabel: string;
  readonly aroundTheClock: string;
  readonly noHours: string;
  readonly hoursLine: (days: string, ranges: string) => string;
  readonly holidaysLabel: string;
  readonly holidays: (region: string, code: string, types: readonly string[] | undefined) => string;
  /** Appended to `holidays` for China in the years of the term with a shipped State Council notice (`2020–2026`). */
  readonly holidaysOfficial: (years: string) => string;
  readonly holidaysFileLabel: string;
  /**
   * A `holidays file` line: the file (quoted), the dates it closes and the make-up working days it
   * sets, in the term (`span` undefined: listed below) or, without a term, from `span.first` to `span.last`.
   */
  readonly holidaysFile: (file: string, closes: number, opens: number, span: { readonly first: string; readonly last: string } | undefined) => string;
  /** A day a `holidays file` closes: the event's name, the file (quoted) and the event's line in it. */
  readonly fileHolidayReason: (name: string, file: string, line: number) => string;
  /** A make-up working day (`CATEGORIES:WORKDAY`) a `holidays file` sets. */
  readonly fileWorkday: (name: string, file: string, line: number) => string;
  /** An event of a `holidays file` named with its place, where it does not close the calendar. */
  readonly fileEvent: (name: string, file: string, line: number) => string;
  readonly yearText: (year: number) => string;
  readonly yearRange: (from: number, to: number) => string;
  readonly exceptionsIntro: (from: string, to: string) => string;
  readonly noExceptions: (from: string, to: string) => string;
  readonly exceptionHead: readonly [string, string, string];
  readonly closedAllDay: string;
  readonly closedLine: (reason: string | undefined) => string;
  readonly holidayReason: (name: string) => string;
  readonly openLine: (reason: string | undefined) => string;
  /** An official make-up working day (调休) with the notice that sets it. */
  readonly officialWorkday: (name: string, source: string) => string;
  readonly weekdayHours: string;
  readonly notClosing: (items: readonly string[]) => string;
  readonly notClosingItem: (name: string, date: string, why: 'group-only' | 'part-day' | 'official') => string;
  readonly clocksHeading: string;
  readonly clockName: (clock: string, role: 'response' | 'resolution' | undefined) => string;
  readonly clockRule: (action: A.ClockAction, events: string) => string;
  readonly event: (e: TicketEvent | string) => string;
  readonly clockSentence: (rules: readonly string[]) => string;
  readonly reclassify: (policy: A.ReclassifyPolicy) => string;
  // 3. Priorities and targets
  readonly prioritiesHeading: string;
  readonly levelsHeading: string;
  readonly levelsHead: readonly [string, string, string, string];
  readonly update: (every: string) => string;
  readonly noUpdate: string;
  readonly targetsHeading: string;
  readonly planHeading: (label: string) => string;
  readonly planChannels: (channels: string) => string;
  readonly planExtends: (parent: string) => string;
  readonly targetsHead: readonly [string, string, string, string];
  readonly worstUniform: (real: string) => string;
  readonly worstAt: (real: string, filed: string) => string;
  readonly worstBefore: (real: string, filed: string, closure: string, atClose: boolean) => string;
  readonly worstWeekly: (real: string) => string;
  readonly never: string;
  readonly worstNote: string;
  readonly worstNoteWeekly: string;
  /** Some targets' exact search over the term ran past the render's budget (`WORST_CASE_BUDGET` steps). */
  readonly worstNoteUndecided: (steps: string) => string;
  // 4. Escalation
  readonly escalationHeading: string;
  readonly escalationFor: (title: string | undefined, priorities: string | undefined) => string;
  readonly stepShare: (percent: string, clock: string, who: string) => string;
  readonly stepTime: (time: string, clock: string, who: string) => string;
  readonly contactsLabel: string;
  readonly contact: (name: string, calendar: string, via: string | undefined) => string;
  readonly undeclaredContacts: string;
  // 5. Availability
  readonly availabilityHeading: string;
  readonly availability: (percent: string, period: A.Period) => string;
  readonly availabilityFormula: (period: A.Period) => string;
  readonly allowance: (minutes: string, days: number, period: A.Period) => string;
  readonly maintenance: (excluded: boolean, days: string, range: string, calendar: string, zone: string) => string;
  // 6. Credits
  readonly creditsHeading: string;
  readonly creditsIntro: (fee: string | undefined) => string;
  readonly breachHead: readonly [string, string, string, string];
  readonly ofFee: (percent: string) => string;
  /** A graded credit (grammar/reference.md, "Graded credits by lateness"): `amount` for each started `unit` late, at most `limit`. */
  readonly graded: (amount: string, unit: string, limit: string | undefined) => string;
  readonly perTicket: string;
  /**
   * A `per breach of P update` credit (grammar/reference.md, "Periodic updates"): the target
   * missed, its noun in the worked example, and the note that it is earned once per ticket.
   */
  readonly updateMissed: string;
  readonly updateNoun: string;
  readonly updateOnce: string;
  readonly tiersHead: readonly [string, string, string];
  readonly tierBelow: (below: string) => string;
  readonly tierFrom: (from: string, below: string) => string;
  readonly tiersNote: string;
  readonly cap: (percent: string, period: A.Period | undefined, amount: string | undefined) => string;
  /** `cap X% of fee per N months` */
  readonly rollingCap: (percent: string, months: number) => string;
  readonly noCap: string;
  readonly exampleHeading: string;
  readonly exampleIntro: (availability: string | undefined) => string;
  readonly exampleBreach: (priority: string, clock: string, percent: string, amount: string | undefined) => string;
  readonly exampleTier: (availability: string, percent: string, amount: string | undefined) => string;
  readonly exampleTotal: (percent: string, amount: string | undefined) => string;
  readonly exampleCapped: (cap: string, percent: string, amount: string | undefined) => string;
  readonly exampleResult: (amount: string) => string;
  readonly claimHeading: string;
  readonly claimDays: (within: string) => string;
  readonly claimCycles: (n: number) => string;
  readonly claimExample: (month: string, by: string) => string;
  readonly noClaim: string;
  // 7. Asserts
  readonly assertsHeading: string;
  readonly assertsIntro: (plans: boolean) => string;
  readonly assertStatement: (priority: string, clock: string, bound: string, excludingPauses: boolean, under: string | undefined) => string;
  readonly boundWall: (d: string) => string;
  readonly holds: string;
  readonly holdsSearched: (runs: number, seed: number) => string;
  readonly failsWorst: (filed: string, real: string) => string;
  readonly failsLater: (filed: string, due: string) => string;
  readonly failsSearched: (filed: string, real: string, events: number) => string;
  readonly cannotDecide: (problem: string) => string;
  readonly section: (n: number, title: string) => string;
  readonly clockNoun: (clock: string, role: 'response' | 'resolution' | undefined) => string;
  readonly openAmount: (d: Pick<A.DurationLit, 'unit' | 'amount'>) => string;
  readonly claimWithin: (d: Pick<A.DurationLit, 'unit' | 'amount'>) => string;
  readonly closureClosed: (reason: string | undefined, from: string) => string;
  readonly closureHoliday: (name: string) => string;
}

/** Periods as adjectives and nouns. */
const EN_PERIOD: Record<A.Period, { per: string; noun: string; days: number }> = {
  daily: { per: 'per day', noun: 'day', days: 1 },
  weekly: { per: 'per week', noun: 'week', days: 7 },
  monthly: { per: 'per month', noun: 'calendar month', days: 30 },
  quarterly: { per: 'per quarter', noun: 'calendar quarter', days: 90 },
  yearly: { per: 'per year', noun: 'calendar year', days: 365 },
};
const ZH_PERIOD: Record<A.Period, { per: string; noun: string }> = {
  daily: { per: '每日', noun: '日' },
  weekly: { per: '每周', noun: '周' },
  monthly: { per: '每月', noun: '自然月' },
  quarterly: { per: '每季度', noun: '季度' },
  yearly: { per: '每年', noun: '年度' },
};
export const PERIOD_DAYS = (p: A.Period): number => EN_PERIOD[p].days;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const EN_EVENTS: Record<TicketEvent, string> = {
  filed: 'the Customer files the ticket',
  confirmed: 'the Provider confirms the ticket and its priority',
  first_reply: 'a person first replies to the Customer',
  awaiting_customer: 'the Provider awaits information from the Customer',
  customer_replied: 'the Customer replies',
  resolved: 'the Provider resolves the ticket',
  reopened: 'the ticket is reopened',
  reclassified: "the ticket's priority changes",
};
const ZH_EVENTS: Record<TicketEvent, string> = {
  filed: '客户提交工单',
  confirmed: '提供方确认工单及其优先级',
  first_reply: '提供方人员首次答复客户',
  awaiting_customer: '提供方等待客户提供信息',
  customer_replied: '客户作出答复',
  resolved: '提供方解决工单',
  reopened: '工单被重新打开',
  reclassified: '工单优先级变更',
};

/** A list of weekday ranges: `Monday to Friday`, `Saturday`, `Monday, Wednesday to Friday`. */
function weekdayRanges(ranges: readonly A.DayRange[], names: readonly string[], to: string, sep: string): string {
  return ranges.map((r) => (r.from === r.to ? names[DAY_INDEX[r.from]]! : `${names[DAY_INDEX[r.from]]}${to}${names[DAY_INDEX[r.to]]}`)).join(sep);
}

function crossesMidnight(r: A.TimeRange): boolean {
  return r.to.minutes <= r.from.minutes && !(r.from.minutes === 0 && r.to.minutes === 1440);
}

export const EN: Words = {
  lang: 'en',
  htmlLang: 'en',
  list: (items) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`),
  longDate: (iso) => {
    const p = parts(iso);
    return `${p.d} ${EN_MONTHS[p.m - 1]} ${p.y}`;
  },
  dayRun: (from, to) => {
    const a = parts(from);
    const b = parts(to);
    const short = (p: typeof a) => EN_MONTHS[p.m - 1]!.slice(0, 3);
    const wd = (p: typeof a) => EN_WEEKDAYS[p.wd]!.slice(0, 3);
    if (from === to) return `${wd(a)} ${a.d} ${short(a)} ${a.y}`;
    const range = a.y !== b.y ? `${a.d} ${short(a)} ${a.y} – ${b.d} ${short(b)} ${b.y}` : a.m !== b.m ? `${a.d} ${short(a)} – ${b.d} ${short(b)} ${b.y}` : `${a.d}–${b.d} ${short(b)} ${b.y}`;
    return `${range} (${wd(a)}–${wd(b)})`;
  },
  instant: (t, zone, showZone) => {
    const dt = DateTime.fromMillis(t, { zone });
    const date = EN.dayRun(dt.toISODate()!, dt.toISODate()!);
    return `${date} ${dt.toFormat('HH:mm')}${showZone ? ` (${zone}, UTC${dt.toFormat('ZZ')})` : ''}`;
  },
  month: (y, m) => `${EN_MONTHS[m - 1]} ${y}`,
  realDuration: (ms) => {
    const { d, h, m } = dhm(ms);
    const out = [d ? plural(d, 'day') : '', h ? plural(h, 'hour') : '', m ? plural(m, 'minute') : ''].filter(Boolean);
    return out.length ? out.join(' ') : '0 minutes';
  },
  target: (d, cal) => {
    if (d.unit === 'day') return cal.aroundTheClock ? `${plural(d.amount, 'day')}, around the clock` : `${plural(d.amount, 'business day')} (${cal.label})`;
    if (cal.aroundTheClock) return `${EN.realDuration(d.amount * 60_000)}, around the clock`;
    const h = Math.floor(d.amount / 60);
    const m = d.amount % 60;
    const amount = m === 0 ? plural(h, 'business hour') : h === 0 ? plural(m, 'business minute') : `${EN.realDuration(d.amount * 60_000)} of business time`;
    return `${amount} (${cal.label})`;
  },
  money: (amount, currency) => `${groupDigits(amount)} ${currency}`,
  percent: (n) => `${percentNumber(n)}%`,
  days: (ranges) => weekdayRanges(ranges, EN_WEEKDAYS, ' to ', ', '),
  timeRange: (r) => `${clockTime(r.from.minutes)}–${clockTime(r.to.minutes)}${crossesMidnight(r) ? ' (next day)' : ''}`,
  quote: (s) => `“${s}”`,
  colon: ': ',
  paren: (s) => ` (${s})`,
  written: (d) => (d.unit === 'day' ? plural(d.amount, 'day') : [Math.floor(d.amount / 60) ? plural(Math.floor(d.amount / 60), 'hour') : '', d.amount % 60 ? plural(d.amount % 60, 'minute') : ''].filter(Boolean).join(' ') || '0 minutes'),

  untitled: 'Service Level Agreement',
  kind: 'Service level agreement (SLA)',
  sourceNote: 'Rendered by pledge from the contract source. Where this text and the source differ, the source governs.',

  partiesHeading: 'Parties and term',
  provider: 'Provider',
  customer: 'Customer',
  providerShort: 'the Provider',
  customerShort: 'the Customer',
  party: (name, short) => `${name} (“${short}”)`,
  termLabel: 'Term',
  term: (from, to) => `from ${from} to ${to}, both days included`,
  feeLabel: 'Fee',
  fee: (amount, period, monthly) => `${amount} ${EN_PERIOD[period].per}${monthly ? ` (${monthly} per month for service credits)` : ''}`,

  definitionsHeading: 'Definitions',
  definitionsText:
    '“Business time” is the time during which the calendar named with a target is open. A target in business hours or minutes counts only that open time. A target in business days falls due at the same point of the working day that many business days after the clock starts, or at that day’s close if it closes earlier. “Real time” is elapsed time, nights, weekends and holidays included.',
  calendarsHeading: 'Business calendars',
  calendarHeading: (label) => `Calendar ${label}`,
  zoneLabel: 'Time zone',
  hoursLabel: 'Weekly hours',
  aroundTheClock: 'open around the clock, every day of the year (7×24)',
  noHours: 'none',
  hoursLine: (days, ranges) => `${days}, ${ranges}`,
  holidaysLabel: 'Public holidays',
  holidays: (region, code, types) =>
    `the ${types ? `holidays of type ${types.join(', ')}` : 'public holidays'} of ${region} (${code}), from the date-holidays data set; a holiday that applies only to a group of people, or only to part of a day, does not close the calendar`,
  exceptionsIntro: (from, to) => `Days from ${from} to ${to} that differ from the weekly hours:`,
  noExceptions: (from, to) => `No day from ${from} to ${to} differs from the weekly hours.`,
  exceptionHead: ['Date', 'Hours', 'Reason'],
  closedAllDay: 'closed',
  closedLine: (reason) => `${reason ?? 'closed'} (closure stated in this agreement)`,
  holidayReason: (name) => `${name} (public holiday)`,
  holidaysFileLabel: 'Holidays from a file',
  holidaysFile: (file, closes, opens, span) =>
    `the dates closed by the iCalendar file ${file}: ${plural(closes, 'date')}${span ? ` from ${span.first} to ${span.last}` : ' in the term'}${opens ? `, and ${plural(opens, 'make-up working day')} open with the weekday hours` : ''}${span ? '' : ', each listed below with the line of the file that sets it'}; an event that covers only part of a day does not close the calendar`,
  fileHolidayReason: (name, file, line) => `${name} (holiday file ${file}, line ${line})`,
  fileWorkday: (name, file, line) => `${name} (make-up working day, holiday file ${file}, line ${line})`,
  fileEvent: (name, file, line) => `${name} (${file}, line ${line})`,
  openLine: (reason) => `${reason ?? 'working day'} (make-up working day)`,
  officialWorkday: (name, source) => `official make-up working day (调休) for ${name}, set by ${source}`,
  weekdayHours: 'weekday hours',
  notClosing: (items) => `Holidays in the term that do not close the calendar: ${items.join('; ')}.`,
  yearText: (year) => `${year}`,
  yearRange: (from, to) => `${from} to ${to}`,
  holidaysOfficial: (years) =>
    `; for ${years}, the State Council's yearly notice (国务院办公厅关于部分节假日安排的通知) decides instead: its days off close the calendar and its official make-up working days (调休) open it with the weekday hours, each listed below with its notice`,
  notClosingItem: (name, date, why) =>
    `${name}, ${date} (${why === 'group-only' ? 'applies to a group of people only' : why === 'official' ? "not a day off in the State Council's notice for the year" : 'part of a day only'})`,
  clocksHeading: 'How the clocks run',
  clockName: (clock, role) => (role === 'response' ? 'Response time' : role === 'resolution' ? 'Resolution time' : `The ${clock} clock`),
  clockRule: (action, events) =>
    ({ starts: `starts when ${events}`, pauses: `pauses when ${events}`, resumes: `resumes when ${events}`, stops: `stops when ${events}`, restarts: `restarts from zero when ${events}` })[action],
  event: (e) => EN_EVENTS[e as TicketEvent] ?? e,
  clockSentence: (rules) => `${rules.join('; ')}.`,
  reclassify: (policy) =>
    ({
      'keeps-elapsed': 'When a ticket’s priority changes, running clocks keep the time already elapsed, measured against the new priority’s target.',
      restarts: 'When a ticket’s priority changes, running clocks start again from zero under the new priority’s target.',
      stricter: 'When a ticket’s priority changes, each running clock is due at the earlier of its old deadline and its deadline under the new priority.',
    })[policy],

  prioritiesHeading: 'Priorities and service targets',
  levelsHeading: 'Priority levels',
  levelsHead: ['Level', 'Name', 'Applies when', 'Status updates'],
  update: (every) => `at least every ${every}`,
  noUpdate: '—',
  targetsHeading: 'Targets',
  planHeading: (label) => `Plan ${label}`,
  planChannels: (channels) => `Channels: ${channels}.`,
  planExtends: (parent) => `Builds on plan ${parent}.`,
  targetsHead: ['Level', 'Clock', 'Target', 'Longest real time'],
  worstUniform: (real) => `${real}, whenever filed`,
  worstAt: (real, filed) => `at most ${real}, when filed ${filed}`,
  worstBefore: (real, filed, closure, atClose) => `at most ${real}, when filed ${filed}, ${atClose ? 'just before' : 'on the last business day before'} ${closure}`,
  worstWeekly: (real) => `at most ${real} (from the weekly hours; holidays aside)`,
  never: 'never: the calendar has no open time',
  worstNote: 'The longest real time is computed over every filing instant in the term, holidays and closures included.',
  worstNoteWeekly: 'The agreement states no term, so the longest real time is computed from the weekly hours only.',
  worstNoteUndecided: (steps) => `For the targets marked "from the weekly hours", the longest real time over the term needed more than ${steps} search steps, so it is computed from the weekly hours only, holidays aside.`,

  escalationHeading: 'Escalation',
  escalationFor: (title, priorities) => {
    const scope = priorities ? `for ${priorities}` : 'for every priority';
    return title ? `${title}, ${scope}:` : `${scope[0]!.toUpperCase()}${scope.slice(1)}:`;
  },
  stepShare: (percent, clock, who) => `when the ${clock} reaches ${percent} of its target, the Provider notifies ${who}`,
  stepTime: (time, clock, who) => `when the ${clock} reaches ${time}, the Provider notifies ${who}`,
  contactsLabel: 'Contacts:',
  contact: (name, calendar, via) => `${name}: reachable during ${calendar}${via ? `, by ${via}` : ''}`,
  undeclaredContacts: 'A contact not listed here is reachable at all times.',

  availabilityHeading: 'Availability',
  availability: (percent, period) => `The Provider shall keep the service available at least ${percent} of each ${EN_PERIOD[period].noun}.`,
  availabilityFormula: (period) =>
    `Availability = (minutes in the ${EN_PERIOD[period].noun} − excluded maintenance − downtime) ÷ (minutes in the ${EN_PERIOD[period].noun} − excluded maintenance).`,
  allowance: (minutes, days) => `For example, ${days} days with no excluded maintenance allow at most ${minutes} minutes of downtime.`,
  maintenance: (excluded, days, range, calendar, zone) =>
    `${excluded ? 'Excluded maintenance (not counted as downtime)' : 'Scheduled maintenance (counted as downtime)'}: ${days}, ${range} (${calendar}, ${zone})`,

  creditsHeading: 'Service credits',
  creditsIntro: (fee) => `When a target is missed, the Customer is owed a credit: a share of the monthly fee${fee ? ` of ${fee}` : ''}.`,
  breachHead: ['Level', 'Target missed', 'Credit per ticket', 'Amount'],
  ofFee: (percent) => `${percent} of the monthly fee`,
  graded: (amount, unit, limit) => `${amount} for each started ${unit} (real time) past the deadline${limit ? `, up to ${limit}` : ''}`,
  perTicket: 'Per-ticket credits add up: each ticket that misses a target earns its own credit.',
  updateMissed: 'Status updates (an update not sent in time)',
  updateNoun: 'status update',
  updateOnce:
    'A status-update credit is earned once per ticket, however many updates it missed, from the first one missed; a credit for each started period late counts the real time from that missed update until the next update, wait for the Customer, resolution or change of the ticket to a level with no status updates. A ticket changed to a level with status updates is owed them from the change.',
  tiersHead: ['Availability in the month', 'Credit', 'Amount'],
  tierBelow: (below) => `below ${below}`,
  tierFrom: (from, below) => `at least ${from} and below ${below}`,
  tiersNote: 'Availability tiers do not add up: only the tier for the lowest threshold the month falls below applies.',
  cap: (percent, period, amount) =>
    period === undefined || period === 'monthly'
      ? `The credits of a month total at most ${percent} of that month’s fee${amount ? ` (${amount})` : ''}.`
      : `The credits of a ${EN_PERIOD[period].noun} total at most ${percent} of the fee for that ${EN_PERIOD[period].noun}.`,
  rollingCap: (percent, months) => `The credits of any ${months} consecutive months total at most ${percent} of the fees for those ${months} months.`,
  noCap: 'The agreement sets no cap on credits.',
  exampleHeading: 'Worked example',
  exampleIntro: (availability) => `In a month in which one ticket misses each target above${availability ? ` and availability is ${availability}` : ''}:`,
  exampleBreach: (priority, clock, percent, amount) => `${priority} ${clock} missed: ${percent}${amount ? ` (${amount})` : ''}`,
  exampleTier: (availability, percent, amount) => `availability ${availability}: ${percent}${amount ? ` (${amount})` : ''}`,
  exampleTotal: (percent, amount) => `total: ${percent} of the monthly fee${amount ? ` (${amount})` : ''}`,
  exampleCapped: (cap, percent, amount) => `after the cap of ${cap}: ${percent}${amount ? ` (${amount})` : ''}`,
  exampleResult: (amount) => `The Customer is owed ${amount} for that month.`,
  claimHeading: 'Claims',
  claimDays: (within) => `The Customer must claim a credit within ${within} after the end of the month in which the target was missed.`,
  claimCycles: (n) => `The Customer must claim a credit by the end of the ${n === 1 ? 'first' : n === 2 ? 'second' : n === 3 ? 'third' : `${n}th`} billing cycle after the one in which the target was missed.`,
  claimExample: (month, by) => `For a miss in ${month}, the last day to claim is ${by}.`,
  noClaim: 'The agreement sets no deadline for claims.',

  assertsHeading: 'Checked properties',
  assertsIntro: (plans) => `pledge test checked these properties of the targets${plans ? ' stated outside the plans' : ''} against every filing instant in the term:`,
  assertStatement: (priority, clock, bound, excludingPauses, under) =>
    `${priority} ${clock} within ${bound}${excludingPauses ? ', not counting pauses' : ''}${under ? `, in any sequence of these events: ${under}` : ''}`,
  boundWall: (d) => `${d} of real time`,
  holds: 'holds for every filing instant',
  holdsSearched: (runs, seed) => `no counterexample in ${groupDigits(runs)} searched event sequences (seed ${seed})`,
  failsWorst: (filed, real) => `does not hold: filed ${filed}, it takes ${real}`,
  failsLater: (filed, due) => `does not hold: filed ${filed}, it is due ${due}, later than the bound`,
  failsSearched: (filed, real, events) => `does not hold: filed ${filed}, with ${plural(events, 'event')}, it takes ${real}`,
  cannotDecide: (problem) => `cannot be decided: ${problem}`,
  section: (n, title) => `${n}. ${title}`,
  clockNoun: (clock, role) => (role === 'response' ? 'response time' : role === 'resolution' ? 'resolution time' : `${clock} clock`),
  openAmount: (d) => (d.unit === 'day' ? plural(d.amount, 'business day') : EN.realDuration(d.amount * 60_000)),
  claimWithin: (d) => (d.unit === 'day' ? plural(d.amount, 'calendar day') : EN.realDuration(d.amount * 60_000)),
  // `Year-end closure` is not followed by a second `closure`, nor `National Holiday` by `holiday`.
  closureClosed: (reason, from) => (reason ? `the ${reason}${/\bclosure$/i.test(reason) ? '' : ' closure'}` : `the closure from ${from}`),
  closureHoliday: (name) => `the ${name}${/\bholiday$/i.test(name) ? '' : ' holiday'}`,
};

const ZH_NUMERALS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const zhNumber = (n: number): string => (n <= 10 ? ZH_NUMERALS[n]! : n < 20 ? `十${ZH_NUMERALS[n - 10]}` : String(n));

export const ZH: Words = {
  lang: 'zh',
  htmlLang: 'zh-CN',
  list: (items) => items.join('、'),
  longDate: (iso) => {
    const p = parts(iso);
    return `${p.y}年${p.m}月${p.d}日`;
  },
  dayRun: (from, to) => {
    const a = parts(from);
    const b = parts(to);
    if (from === to) return `${a.y}年${a.m}月${a.d}日（${ZH_WEEKDAYS[a.wd]}）`;
    const end = a.y !== b.y ? `${b.y}年${b.m}月${b.d}日` : a.m !== b.m ? `${b.m}月${b.d}日` : `${b.d}日`;
    return `${a.y}年${a.m}月${a.d}日至${end}（${ZH_WEEKDAYS[a.wd]}至${ZH_WEEKDAYS[b.wd]}）`;
  },
  instant: (t, zone, showZone) => {
    const dt = DateTime.fromMillis(t, { zone });
    return `${ZH.dayRun(dt.toISODate()!, dt.toISODate()!)}${dt.toFormat('HH:mm')}${showZone ? `（${zone}，UTC${dt.toFormat('ZZ')}）` : ''}`;
  },
  month: (y, m) => `${y}年${m}月`,
  realDuration: (ms) => {
    const { d, h, m } = dhm(ms);
    const out = `${d ? `${d}天` : ''}${h ? `${h}小时` : ''}${m ? `${m}分钟` : ''}`;
    return out || '0分钟';
  },
  target: (d, cal) => {
    if (d.unit === 'day') return cal.aroundTheClock ? `${d.amount}天（7×24小时）` : `${d.amount}个工作日（${cal.label}）`;
    if (cal.aroundTheClock) return `${ZH.realDuration(d.amount * 60_000)}（7×24小时）`;
    const amount = d.amount % 60 === 0 ? `${d.amount / 60}个工作小时` : `工作时间${ZH.realDuration(d.amount * 60_000)}`;
    return `${amount}（${cal.label}）`;
  },
  money: (amount, currency) => (currency === 'CNY' ? `人民币${groupDigits(amount)}元` : `${groupDigits(amount)} ${currency}`),
  percent: (n) => `${percentNumber(n)}%`,
  days: (ranges) => weekdayRanges(ranges, ZH_WEEKDAYS, '至', '、'),
  timeRange: (r) => (crossesMidnight(r) ? `${clockTime(r.from.minutes)}至次日${clockTime(r.to.minutes)}` : `${clockTime(r.from.minutes)}–${clockTime(r.to.minutes)}`),
  quote: (s) => `“${s}”`,
  colon: '：',
  paren: (s) => `（${s}）`,
  written: (d) => (d.unit === 'day' ? `${d.amount}天` : `${Math.floor(d.amount / 60) ? `${Math.floor(d.amount / 60)}小时` : ''}${d.amount % 60 ? `${d.amount % 60}分钟` : ''}` || '0分钟'),

  untitled: '服务等级协议',
  kind: '服务等级协议（SLA）',
  sourceNote: '本文本由 pledge 依据合同源文件生成。本文本与源文件不一致的，以源文件为准。',

  partiesHeading: '协议双方与期限',
  provider: '服务提供方',
  customer: '客户',
  providerShort: '提供方',
  customerShort: '客户',
  party: (name, short) => `${name}（以下简称“${short}”）`,
  termLabel: '协议期限',
  term: (from, to) => `自${from}起至${to}止（含首尾两日）`,
  feeLabel: '服务费用',
  fee: (amount, period, monthly) => `${ZH_PERIOD[period].per}${amount}${monthly ? `（计算服务抵扣时折合每月${monthly}）` : ''}`,

  definitionsHeading: '定义',
  definitionsText:
    '“工作时间”指服务目标所指定日历的营业时间。以工作小时或工作分钟计的目标，仅计算该营业时间；以工作日计的目标，于计时开始后第相应个工作日的同一时点届满，该日提前结束营业的，于该日营业结束时届满。“实际时间”指自然流逝的时间，包括夜间、周末及节假日。',
  calendarsHeading: '服务日历',
  calendarHeading: (label) => `日历${label}`,
  zoneLabel: '时区',
  hoursLabel: '每周营业时间',
  aroundTheClock: '全年每日全天候服务（7×24小时）',
  noHours: '无',
  hoursLine: (days, ranges) => `${days} ${ranges}`,
  holidaysLabel: '法定节假日',
  holidays: (region, code, types) =>
    `适用${region}（${code}）的${types ? `${types.join('、')}类假日` : '公众假日'}，依据 date-holidays 数据集；仅适用于特定人群或仅为半天的节日不停止营业`,
  exceptionsIntro: (from, to) => `${from}至${to}期间，与每周营业时间不同的日期如下：`,
  noExceptions: (from, to) => `${from}至${to}期间，各日均按每周营业时间营业。`,
  exceptionHead: ['日期', '营业时间', '原因'],
  closedAllDay: '停止营业',
  closedLine: (reason) => `${reason ?? '停止营业'}（本协议约定的停业日）`,
  holidayReason: (name) => `${name}（法定节假日）`,
  holidaysFileLabel: '节假日文件',
  holidaysFile: (file, closes, opens, span) =>
    `依据 iCalendar 文件${file}，${span ? `${span.first}至${span.last}期间` : '协议期限内'}停止营业${closes}日${opens ? `，调休工作日${opens}日（按工作日时间营业）` : ''}${span ? '' : '，逐日列于下表并注明文件行号'}；仅覆盖一天中部分时段的事件不停止营业`,
  fileHolidayReason: (name, file, line) => `${name}（节假日文件${file}第${line}行）`,
  fileWorkday: (name, file, line) => `${name}（调休工作日，节假日文件${file}第${line}行）`,
  fileEvent: (name, file, line) => `${name}（${file}第${line}行）`,
  openLine: (reason) => `${reason ?? '工作日'}（调休工作日）`,
  officialWorkday: (name, source) => `${name}调休上班（法定调休工作日），依据${source}`,
  weekdayHours: '工作日时间',
  notClosing: (items) => `协议期限内不停止营业的节日：${items.join('；')}。`,
  yearText: (year) => `${year}年`,
  yearRange: (from, to) => `${from}年至${to}年`,
  holidaysOfficial: (years) => `；${years}则以国务院办公厅当年的部分节假日安排通知为准：通知安排的放假日停止营业，法定调休工作日按工作日时间营业，逐日列于下表并注明通知`,
  notClosingItem: (name, date, why) => `${name}，${date}（${why === 'group-only' ? '仅适用于特定人群' : why === 'official' ? '国务院办公厅当年通知未安排放假' : '仅为半天'}）`,
  clocksHeading: '计时规则',
  clockName: (clock, role) => (role === 'response' ? '响应时间' : role === 'resolution' ? '解决时间' : `“${clock}”计时`),
  clockRule: (action, events) =>
    ({ starts: `于${events}时开始计时`, pauses: `于${events}时暂停`, resumes: `于${events}时恢复`, stops: `于${events}时停止`, restarts: `于${events}时清零并重新计时` })[action],
  event: (e) => ZH_EVENTS[e as TicketEvent] ?? e,
  clockSentence: (rules) => `${rules.join('；')}。`,
  reclassify: (policy) =>
    ({
      'keeps-elapsed': '工单优先级变更的，正在运行的计时保留已经累计的时间，并按新优先级的目标计算。',
      restarts: '工单优先级变更的，正在运行的计时清零，并按新优先级的目标重新计时。',
      stricter: '工单优先级变更的，正在运行的计时以原截止时间与按新优先级计算的截止时间中较早者为准。',
    })[policy],

  prioritiesHeading: '优先级与服务目标',
  levelsHeading: '优先级定义',
  levelsHead: ['级别', '名称', '适用情形', '进展通报'],
  update: (every) => `至少每${every}通报一次`,
  noUpdate: '—',
  targetsHeading: '服务目标',
  planHeading: (label) => `服务方案${label}`,
  planChannels: (channels) => `服务渠道：${channels}。`,
  planExtends: (parent) => `本方案以服务方案${parent}为基础。`,
  targetsHead: ['级别', '计时', '目标', '最长实际时间'],
  worstUniform: (real) => `${real}（任何提交时点均同）`,
  worstAt: (real, filed) => `最长${real}：于${filed}提交时`,
  worstBefore: (real, filed, closure, atClose) => `最长${real}：于${filed}提交时，${atClose ? '恰在' : '即'}${closure}${atClose ? '停止营业之前' : '前最后一个工作日'}`,
  worstWeekly: (real) => `最长${real}（按每周营业时间计算，未计节假日）`,
  never: '无法届满：该日历没有营业时间',
  worstNote: '最长实际时间系对协议期限内每一提交时点逐一计算得出，已计入节假日及停业日。',
  worstNoteWeekly: '本协议未约定期限，最长实际时间仅按每周营业时间计算。',
  worstNoteUndecided: (steps) => `注明“按每周营业时间计算”的目标，其在协议期限内的最长实际时间超出 ${steps} 步的计算上限，故仅按每周营业时间计算，未计节假日。`,

  escalationHeading: '升级机制',
  escalationFor: (title, priorities) => `${title ? `${title}（` : ''}${priorities ? `适用于${priorities}` : '适用于全部优先级'}${title ? '）' : ''}：`,
  stepShare: (percent, clock, who) => `${clock}目标已过${percent}时，提供方通知${who}`,
  stepTime: (time, clock, who) => `${clock}计时达${time}时，提供方通知${who}`,
  contactsLabel: '联系人：',
  contact: (name, calendar, via) => `${name}：于${calendar}期间可联系${via ? `，联系方式为${via}` : ''}`,
  undeclaredContacts: '未在此列明的联系人视为随时可联系。',

  availabilityHeading: '服务可用性',
  availability: (percent, period) => `提供方应确保服务在每个${ZH_PERIOD[period].noun}内的可用性不低于${percent}。`,
  availabilityFormula: (period) => `可用性 =（当${ZH_PERIOD[period].noun}总分钟数 − 不计入的维护时间 − 不可用时间）÷（当${ZH_PERIOD[period].noun}总分钟数 − 不计入的维护时间）。`,
  allowance: (minutes, days) => `例如，在不含维护时间的${days}天内，不可用时间累计不得超过${minutes}分钟。`,
  maintenance: (excluded, days, range, calendar, zone) =>
    `${excluded ? '计划维护（不计入不可用时间）' : '计划维护（计入不可用时间）'}：每${days} ${range}（${calendar}，${zone}）`,

  creditsHeading: '服务抵扣',
  creditsIntro: (fee) => `未达成服务目标的，客户有权获得服务抵扣，抵扣金额按月服务费${fee ? `（${fee}）` : ''}的一定比例计算。`,
  breachHead: ['级别', '未达成的目标', '每张工单的抵扣比例', '抵扣金额'],
  ofFee: (percent) => `月服务费的${percent}`,
  graded: (amount, unit, limit) => `超过时限后每逾期${unit}（按自然时间计，不足${unit}按${unit}计）抵扣${amount}${limit ? `，最高${limit}` : ''}`,
  perTicket: '按工单计算的抵扣累加计算：每张未达成目标的工单分别计算抵扣。',
  updateMissed: '进展通报（未按时通报）',
  updateNoun: '进展通报',
  updateOnce: '进展通报的抵扣每张工单只计一次，不论漏报几次，自第一次漏报起算；按逾期时长计算的抵扣，从第一次漏报的时限起，按自然时间计至下一次通报、等待客户回复、工单解决或工单改为不要求进展通报的级别为止。工单改为要求进展通报的级别时，自改级起须按时通报。',
  tiersHead: ['当月可用性', '抵扣比例', '抵扣金额'],
  tierBelow: (below) => `低于${below}`,
  tierFrom: (from, below) => `不低于${from}且低于${below}`,
  tiersNote: '可用性各档抵扣不累加：当月仅适用其可用性所低于的最低一档。',
  cap: (percent, period, amount) =>
    period === undefined || period === 'monthly'
      ? `每月服务抵扣总额不超过当月服务费的${percent}${amount ? `（${amount}）` : ''}。`
      : `每${ZH_PERIOD[period].noun}服务抵扣总额不超过该${ZH_PERIOD[period].noun}服务费的${percent}。`,
  rollingCap: (percent, months) => `任意连续${months}个月的服务抵扣总额不超过该${months}个月服务费的${percent}。`,
  noCap: '本协议未约定服务抵扣上限。',
  exampleHeading: '计算示例',
  exampleIntro: (availability) => `某月内，上述每项目标各有一张工单未达成${availability ? `，且当月可用性为${availability}` : ''}：`,
  exampleBreach: (priority, clock, percent, amount) => `${priority}${clock}未达成：${percent}${amount ? `（${amount}）` : ''}`,
  exampleTier: (availability, percent, amount) => `可用性${availability}：${percent}${amount ? `（${amount}）` : ''}`,
  exampleTotal: (percent, amount) => `合计：月服务费的${percent}${amount ? `（${amount}）` : ''}`,
  exampleCapped: (cap, percent, amount) => `按${cap}的上限计：${percent}${amount ? `（${amount}）` : ''}`,
  exampleResult: (amount) => `客户当月可获得的服务抵扣为${amount}。`,
  claimHeading: '申请程序',
  claimDays: (within) => `客户应于未达成目标当月结束后${within}内申请服务抵扣。`,
  claimCycles: (n) => `客户应于未达成目标的计费周期之后第${zhNumber(n)}个计费周期结束前申请服务抵扣。`,
  claimExample: (month, by) => `例如，${month}发生的未达成情形，最迟应于${by}提出申请。`,
  noClaim: '本协议未约定申请服务抵扣的期限。',

  assertsHeading: '经核验的性质',
  assertsIntro: (plans) => `pledge test 已就协议期限内每一提交时点，对${plans ? '服务方案以外约定的' : ''}服务目标核验下列性质：`,
  assertStatement: (priority, clock, bound, excludingPauses, under) =>
    `${priority}${clock}不超过${bound}${excludingPauses ? '（不计暂停时间）' : ''}${under ? `，无论以何种顺序发生下列事件：${under}` : ''}`,
  boundWall: (d) => `实际时间${d}`,
  holds: '成立：任一提交时点均满足',
  holdsSearched: (runs, seed) => `在搜索的${groupDigits(runs)}个事件序列中未发现反例（种子${seed}）`,
  failsWorst: (filed, real) => `不成立：于${filed}提交时需${real}`,
  failsLater: (filed, due) => `不成立：于${filed}提交时，截止时间为${due}，晚于约定上限`,
  failsSearched: (filed, real, events) => `不成立：于${filed}提交并发生${events}个事件时需${real}`,
  cannotDecide: (problem) => `无法判定：${problem}`,
  section: (n, title) => `${zhNumber(n)}、${title}`,
  clockNoun: (clock, role) => ZH.clockName(clock, role),
  openAmount: (d) => (d.unit === 'day' ? `${d.amount}个工作日` : ZH.realDuration(d.amount * 60_000)),
  claimWithin: (d) => (d.unit === 'day' ? `${d.amount}个自然日` : ZH.realDuration(d.amount * 60_000)),
  closureClosed: (reason, from) => (reason ? `“${reason}”` : `自${from}起的停业期`),
  closureHoliday: (name) => name,
};

export const WORDS: Record<Lang, Words> = { en: EN, zh: ZH };
