/**
 * `pledge diff` as a library: two checked contracts compared by meaning, not text. Declarations are
 * matched by name (a calendar, clock, priority or plan renamed with the same content is one
 * rename), references are followed through renames, and each difference of an obligation becomes
 * a `Change` that says whom it favours. Layout, comments, statement order and equivalent spellings
 * (`90m` and `1h30m`, tiers written differently with the same credits) produce no change.
 */
import type * as A from '../ast/nodes.js';
import { shape } from '../ast/shape.js';
import { creditShare, type Model } from '../check/model.js';
import { compileContract, resolveTargets, type EffectiveTarget, type RuntimeContract, type TargetTable } from '../time/contract.js';
import { breachCredit } from '../time/credits.js';
import { weeklyPattern, worstCaseWallMinutes } from '../time/weekly.js';
import { searchBudget, termWindow, WORST_CASE_BUDGET, worstWallWithin } from '../time/worst-case.js';
import { printContract } from '../format/format.js';
import { calendarMeaning, diffCalendar, openTimeFavours } from './calendars.js';
import {
  AREAS,
  favourIncrease,
  linesOf,
  makeChange,
  pairKey,
  type Change,
  type ContractDiff,
  type Effect,
  type Favours,
  type WorstCaseChange,
  type WorstCaseSide,
} from './change.js';
import { amountWords, durationWords, isoDate, percentWords, targetWords, weeklyWords } from './words.js';

/** One version of a contract: its checked model and, when it checked without errors, the engine's view. */
export interface DiffSide {
  readonly model: Model;
  readonly runtime?: RuntimeContract;
}

/**
 * The side of a contract for `diffContracts`: the engine is compiled only for a contract without
 * errors (the worst cases and the day-by-day calendar comparison need it).
 * @example diffSide(analyze(text).model, analyze(text).diagnostics.some((d) => d.severity === 'error'))
 */
export function diffSide(model: Model, hasErrors: boolean): DiffSide {
  return hasErrors ? { model } : { model, runtime: compileContract(model) };
}

/** Old name → new name for declarations renamed with identical content. */
type Renames = Map<string, string>;

interface Side extends DiffSide {
  readonly targets: TargetTable;
  readonly worst: Map<string, WorstCaseSide | undefined>;
}

class Differ {
  readonly changes: Change[] = [];
  /** One budget for the worst cases of both versions (language reference, "Limits"), as for one check. */
  readonly budget = searchBudget();
  /** Targets (`4h on business`) whose worst case over the term the budget did not decide. */
  readonly undecided = new Set<string>();
  readonly o: Side;
  readonly n: Side;
  calendars: Renames = new Map();
  clocks: Renames = new Map();
  priorities: Renames = new Map();
  plans: Renames = new Map();
  /** Keys of targets whose own statement changed (their worst case is shown on that change). */
  readonly changedTargets = new Set<string>();

  constructor(o: DiffSide, n: DiffSide) {
    this.o = { ...o, targets: resolveTargets(o.model), worst: new Map() };
    this.n = { ...n, targets: resolveTargets(n.model), worst: new Map() };
  }

  push(c: Change): void {
    this.changes.push(c);
  }

  /** A new-side name in the old side's names. */
  oldName(renames: Renames, newName: string): string {
    for (const [o, n] of renames) if (n === newName) return o;
    return newName;
  }

  /** A printed statement of the new version with renamed names spelt as in the old one. */
  inOldNames(line: string): string {
    return line.replace(/[A-Za-z_][A-Za-z0-9_]*/g, (word) => {
      for (const renames of [this.calendars, this.clocks, this.priorities, this.plans]) {
        const old = this.oldName(renames, word);
        if (old !== word) return old;
      }
      return word;
    });
  }

  /** The worst-case real time of a target over the side's term, if the engine is available. */
  worstOf(side: Side, t: EffectiveTarget | undefined): WorstCaseSide | undefined {
    if (!t || !side.runtime || !side.model.term) return undefined;
    const key = `${t.calendar}:${t.duration.unit}:${t.duration.amount}`;
    if (side.worst.has(key)) return side.worst.get(key);
    const cal = side.runtime.calendars.get(t.calendar);
    let result: WorstCaseSide | undefined;
    if (cal) {
      const [from, to] = termWindow(side.model.term, cal);
      const w = this.budget.left < 0 ? 'undecided' : worstWallWithin(cal, t.duration, from, to, this.budget);
      // Not decided: no worst case on this side, so whom a change favours comes from the weekly hours.
      if (w === 'undecided') this.undecided.add(`${t.duration.text} on ${t.calendar}`);
      else if (w && Number.isFinite(w.due)) result = { wall: w.wall, filed: w.filed, due: w.due, zone: cal.zone };
    }
    side.worst.set(key, result);
    return result;
  }

  targetWords(side: Side, t: EffectiveTarget): string {
    return targetWords(t.duration, t.calendar, side.model.calendars.get(t.calendar));
  }

  /** Whom a changed target favours: less time favours the customer. */
  targetFavours(o: EffectiveTarget, n: EffectiveTarget, ow: WorstCaseSide | undefined, nw: WorstCaseSide | undefined): Favours {
    if (this.oldName(this.calendars, n.calendar) === o.calendar && o.duration.unit === n.duration.unit) {
      return favourIncrease(o.duration.amount, n.duration.amount, 'provider');
    }
    let a = ow?.wall;
    let b = nw?.wall;
    if (a === undefined || b === undefined) {
      const oc = this.o.model.calendars.get(o.calendar);
      const nc = this.n.model.calendars.get(n.calendar);
      a = oc ? worstCaseWallMinutes(weeklyPattern(oc), o.duration) : undefined;
      b = nc ? worstCaseWallMinutes(weeklyPattern(nc), n.duration) : undefined;
    }
    if (a === undefined || b === undefined || a === b) return 'mixed';
    return favourIncrease(a, b, 'provider');
  }

  sameTarget(o: EffectiveTarget | undefined, n: EffectiveTarget | undefined): boolean {
    if (!o || !n) return o === n;
    return o.duration.unit === n.duration.unit && o.duration.amount === n.duration.amount && this.oldName(this.calendars, n.calendar) === o.calendar;
  }

  /** A change of one target (`P2 response`), with the worst-case real time before and after. */
  target(key: string, subject: string, o: EffectiveTarget | undefined, n: EffectiveTarget | undefined): void {
    if (this.sameTarget(o, n)) return;
    this.changedTargets.add(key);
    const ow = this.worstOf(this.o, o);
    const nw = this.worstOf(this.n, n);
    const worstCase: WorstCaseChange | undefined = ow || nw ? { ...(ow ? { old: ow } : {}), ...(nw ? { new: nw } : {}) } : undefined;
    const base = { key, area: (key.startsWith('plan:') ? 'plans' : 'priorities') as 'plans' | 'priorities', subject, lines: linesOf(o?.source, n?.source), ...(worstCase ? { worstCase } : {}) };
    if (o && n) {
      const ov = this.targetWords(this.o, o);
      const nv = this.targetWords(this.n, n);
      this.push(makeChange({ ...base, kind: 'changed', text: `${ov} -> ${nv}`, old: ov, new: nv, favours: this.targetFavours(o, n, ow, nw) }));
    } else if (n) {
      const nv = this.targetWords(this.n, n);
      this.push(makeChange({ ...base, kind: 'added', text: `new target: ${nv}`, new: nv, favours: 'customer' }));
    } else if (o) {
      const ov = this.targetWords(this.o, o);
      this.push(makeChange({ ...base, kind: 'removed', text: `target removed (was ${ov})`, old: ov, favours: 'provider' }));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Matching and renames

/** Pairs unmatched declarations whose content (names aside) is identical, in declaration order. */
function findRenames<T>(oldItems: ReadonlyMap<string, T>, newItems: ReadonlyMap<string, T>, content: (item: T, side: 'old' | 'new') => string): Renames {
  const renames: Renames = new Map();
  const unmatchedNew = [...newItems.keys()].filter((k) => !oldItems.has(k));
  for (const [name, item] of oldItems) {
    if (newItems.has(name)) continue;
    const c = content(item, 'old');
    const hit = unmatchedNew.find((k) => content(newItems.get(k)!, 'new') === c);
    if (hit !== undefined) {
      renames.set(name, hit);
      unmatchedNew.splice(unmatchedNew.indexOf(hit), 1);
    }
  }
  return renames;
}

/** Pairs of (old, new) declarations: matched by name or rename, then the removed and the added. */
function pairs<T>(oldItems: ReadonlyMap<string, T>, newItems: ReadonlyMap<string, T>, renames: Renames): { o?: [string, T]; n?: [string, T] }[] {
  const out: { o?: [string, T]; n?: [string, T] }[] = [];
  const usedNew = new Set<string>();
  for (const [name, item] of oldItems) {
    const newName = newItems.has(name) ? name : renames.get(name);
    if (newName !== undefined && newItems.has(newName)) {
      out.push({ o: [name, item], n: [newName, newItems.get(newName)!] });
      usedNew.add(newName);
    } else out.push({ o: [name, item] });
  }
  for (const [name, item] of newItems) if (!usedNew.has(name)) out.push({ n: [name, item] });
  return out;
}

const sortedJson = (items: readonly unknown[]): string => JSON.stringify(items.map((i) => JSON.stringify(shape(i))).sort());

/** Statements of a declaration as printed lines, for asserts and scenarios. */
function printedLines(decl: A.Declaration): string[] {
  return printContract({ kind: 'Contract', declarations: [decl], range: decl.range })
    .split('\n')
    .slice(1, -2)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

// ---------------------------------------------------------------------------------------------
// The areas, in AREAS order

function agreement(d: Differ): void {
  const o = d.o.model;
  const n = d.n.model;
  const party = (m: Model, role: 'provider' | 'customer') => m.sla?.body.find((s): s is A.PartyStmt => s.kind === 'Party' && s.role === role);
  if ((o.sla?.title.value ?? '') !== (n.sla?.title.value ?? '')) {
    d.push(makeChange({ key: 'agreement:title', area: 'agreement', subject: 'title', kind: 'changed', text: `\`${o.sla?.title.value ?? ''}\` -> \`${n.sla?.title.value ?? ''}\``, favours: 'neither', informational: true, lines: linesOf(o.sla, n.sla) }));
  }
  for (const role of ['provider', 'customer'] as const) {
    const a = party(o, role)?.name.value ?? 'none';
    const b = party(n, role)?.name.value ?? 'none';
    if (a !== b) d.push(makeChange({ key: `agreement:${role}`, area: 'agreement', subject: role, kind: 'changed', text: `\`${a}\` -> \`${b}\``, old: a, new: b, favours: 'neither', lines: linesOf(party(o, role), party(n, role)) }));
  }
  const term = (t: A.TermStmt | undefined) => (t ? `${isoDate(t.from)} to ${isoDate(t.to)}` : 'none');
  if (term(o.term) !== term(n.term)) {
    const days = (t: A.TermStmt) => (Date.UTC(t.to.year, t.to.month - 1, t.to.day) - Date.UTC(t.from.year, t.from.month - 1, t.from.day)) / 86_400_000 + 1;
    const delta = o.term && n.term ? days(n.term) - days(o.term) : 0;
    const note = delta ? ` (${Math.abs(delta)} day${Math.abs(delta) === 1 ? '' : 's'} ${delta > 0 ? 'longer' : 'shorter'})` : '';
    d.push(makeChange({ key: 'agreement:term', area: 'agreement', subject: 'term', kind: 'changed', text: `${term(o.term)} -> ${term(n.term)}${note}`, old: term(o.term), new: term(n.term), favours: 'neither', lines: linesOf(o.term, n.term) }));
  }
  const fee = (f: A.FeeStmt | undefined) => (f ? `${amountWords(f.amount.value)} ${f.currency.text} ${f.period}` : 'none');
  if (fee(o.fee) !== fee(n.fee)) {
    const monthly = (f: A.FeeStmt) => f.amount.value * { daily: 30, weekly: 30 / 7, monthly: 1, quarterly: 1 / 3, yearly: 1 / 12 }[f.period];
    let favours: Favours = 'neither';
    let note = '';
    if (o.fee && n.fee && o.fee.currency.text === n.fee.currency.text) {
      favours = favourIncrease(monthly(o.fee), monthly(n.fee), 'provider');
      if (favours === 'neither') note = ' (the same per month)';
    }
    d.push(makeChange({ key: 'agreement:fee', area: 'agreement', subject: 'fee', kind: 'changed', text: `${fee(o.fee)} -> ${fee(n.fee)}${note}`, old: fee(o.fee), new: fee(n.fee), favours, money: true, lines: linesOf(o.fee, n.fee) }));
  }
}

function calendars(d: Differ): void {
  const o = d.o.model;
  const n = d.n.model;
  const window = sharedTerm(o.term, n.term);
  for (const { o: oc, n: nc } of pairs(o.calendars, n.calendars, d.calendars)) {
    if (oc && nc) {
      const id = pairKey(oc[0], nc[0]);
      if (oc[0] !== nc[0]) {
        d.push(makeChange({ key: `calendar:${id}:name`, area: 'calendars', subject: `calendar ${oc[0]}`, kind: 'renamed', text: `renamed \`${nc[0]}\`, with the same hours`, old: oc[0], new: nc[0], favours: 'neither', informational: true, lines: linesOf(oc[1], nc[1]) }));
      }
      const oCompiled = d.o.runtime?.calendars.get(oc[0]);
      const nCompiled = d.n.runtime?.calendars.get(nc[0]);
      const oSide = { decl: oc[1], files: o.holidayFiles, ...(oCompiled ? { compiled: oCompiled } : {}) };
      const nSide = { decl: nc[1], files: n.holidayFiles, ...(nCompiled ? { compiled: nCompiled } : {}) };
      for (const c of diffCalendar(oSide, nSide, nc[0], id, window, Boolean(o.term && n.term))) d.push(c);
    } else if (nc) {
      d.push(makeChange({ key: `calendar:${nc[0]}:name`, area: 'calendars', subject: `calendar ${nc[0]}`, kind: 'added', text: `added: ${weeklyWords(nc[1])}`, new: weeklyWords(nc[1]), favours: 'neither', lines: linesOf(undefined, nc[1]) }));
    } else if (oc) {
      d.push(makeChange({ key: `calendar:${oc[0]}:name`, area: 'calendars', subject: `calendar ${oc[0]}`, kind: 'removed', text: `removed (was ${weeklyWords(oc[1])})`, old: weeklyWords(oc[1]), favours: 'neither', lines: linesOf(oc[1], undefined) }));
    }
  }
}

/** The dates both terms cover, inclusive, if they overlap. */
function sharedTerm(a: A.TermStmt | undefined, b: A.TermStmt | undefined): [string, string] | undefined {
  if (!a || !b) return undefined;
  const from = [isoDate(a.from), isoDate(b.from)].sort()[1]!;
  const to = [isoDate(a.to), isoDate(b.to)].sort()[0]!;
  return from <= to ? [from, to] : undefined;
}

/** Who gains when a clock reacts to more events, per rule. */
const CLOCK_GAINER: Record<A.ClockAction, 'customer' | 'provider'> = {
  starts: 'customer', // starts sooner
  pauses: 'provider', // stops counting more often
  resumes: 'customer', // counts again sooner
  stops: 'provider', // is met sooner
  restarts: 'customer', // runs again after more events
};
const CLOCK_ACTIONS: readonly A.ClockAction[] = ['starts', 'pauses', 'resumes', 'stops', 'restarts'];

function clocks(d: Differ): void {
  const events = (c: { on: Readonly<Record<A.ClockAction, readonly A.Name[]>> }, a: A.ClockAction) => [...new Set(c.on[a].map((e) => e.text))].sort();
  const list = (e: string[]) => (e.length ? e.map((x) => `\`${x}\``).join(', ') : 'nothing');
  for (const { o, n } of pairs(d.o.model.clocks, d.n.model.clocks, d.clocks)) {
    if (o && n) {
      const id = pairKey(o[0], n[0]);
      if (o[0] !== n[0]) {
        d.push(makeChange({ key: `clock:${id}:name`, area: 'clocks', subject: `clock ${o[0]}`, kind: 'renamed', text: `renamed \`${n[0]}\`, with the same rules`, old: o[0], new: n[0], favours: 'neither', informational: true, lines: linesOf(o[1].decl, n[1].decl) }));
      }
      for (const action of CLOCK_ACTIONS) {
        const a = events(o[1], action);
        const b = events(n[1], action);
        if (a.join() === b.join()) continue;
        const added = b.filter((e) => !a.includes(e));
        const removed = a.filter((e) => !b.includes(e));
        let favours: Favours = added.length && removed.length ? 'mixed' : added.length ? CLOCK_GAINER[action] : removed.length ? (CLOCK_GAINER[action] === 'customer' ? 'provider' : 'customer') : 'neither';
        // Filing comes before every other event: a clock that starts on it starts no later.
        if (favours === 'mixed' && action === 'starts' && a.includes('filed') !== b.includes('filed')) favours = b.includes('filed') ? 'customer' : 'provider';
        const rule = (c: typeof o[1]) => c.decl.body.find((s) => s.action === action);
        d.push(makeChange({ key: `clock:${id}:${action}`, area: 'clocks', subject: `clock ${n[0]}`, kind: 'changed', text: `${action} on ${list(a)} -> ${list(b)}`, old: list(a), new: list(b), favours, lines: linesOf(rule(o[1]) ?? o[1].decl, rule(n[1]) ?? n[1].decl) }));
      }
    } else {
      const [name, c] = (n ?? o)!;
      const rules = CLOCK_ACTIONS.filter((a) => c.on[a].length).map((a) => `${a} on ${list(events(c, a))}`).join(', ');
      d.push(makeChange({ key: `clock:${name}:name`, area: 'clocks', subject: `clock ${name}`, kind: n ? 'added' : 'removed', text: n ? `added: ${rules}` : `removed (was: ${rules})`, favours: 'neither', lines: n ? linesOf(undefined, c.decl) : linesOf(c.decl, undefined) }));
    }
  }
}

function priorities(d: Differ): void {
  const om = d.o.model;
  const nm = d.n.model;
  const byName = <T extends { name: string }>(list: readonly T[]) => new Map(list.map((p) => [p.name, p]));
  const clockNames = [...new Set([...om.clocks.keys(), ...[...nm.clocks.keys()].map((c) => d.oldName(d.clocks, c))])];
  const matched: [string, string][] = [];
  for (const { o, n } of pairs(byName(om.priorities), byName(nm.priorities), d.priorities)) {
    if (o && n) {
      matched.push([o[0], n[0]]);
      const id = pairKey(o[0], n[0]);
      const subject = `priority ${n[0]}`;
      if (o[0] !== n[0]) d.push(makeChange({ key: `priority:${id}:name`, area: 'priorities', subject: `priority ${o[0]}`, kind: 'renamed', text: `renamed \`${n[0]}\`, with the same targets`, old: o[0], new: n[0], favours: 'neither', lines: linesOf(o[1].decl, n[1].decl) }));
      const ot = o[1].decl.title?.value ?? '';
      const nt = n[1].decl.title?.value ?? '';
      if (ot !== nt) d.push(makeChange({ key: `priority:${id}:title`, area: 'priorities', subject, kind: 'changed', text: `title \`${ot}\` -> \`${nt}\``, favours: 'neither', informational: true, lines: linesOf(o[1].decl, n[1].decl) }));
      const means = (p: typeof o[1]) => p.decl.body.find((s): s is A.MeansStmt => s.kind === 'Means');
      const om2 = means(o[1])?.text.value ?? '';
      const nm2 = means(n[1])?.text.value ?? '';
      if (om2 !== nm2) d.push(makeChange({ key: `priority:${id}:means`, area: 'priorities', subject, kind: 'changed', text: `means \`${om2}\` -> \`${nm2}\``, old: om2, new: nm2, favours: 'neither', lines: linesOf(means(o[1]), means(n[1])) }));
      const ob = d.o.targets(o[0]);
      const nb = d.n.targets(n[0]);
      for (const clock of clockNames) {
        const newClock = d.clocks.get(clock) ?? clock;
        d.target(`target::${id}:${pairKey(clock, newClock)}`, `${n[0]} ${newClock}`, ob?.get(clock), nb?.get(newClock));
      }
      const ou = o[1].update;
      const nu = n[1].update;
      const sameUpdate = ou && nu ? ou.every.unit === nu.every.unit && ou.every.amount === nu.every.amount && d.oldName(d.calendars, nu.calendar.text) === ou.calendar.text : ou === nu;
      if (!sameUpdate) {
        const words = (u: A.UpdateStmt | undefined) => (u ? `every ${targetWords(u.every, u.calendar.text, (u === ou ? om : nm).calendars.get(u.calendar.text))}` : 'none');
        const favours: Favours = ou && nu ? (d.oldName(d.calendars, nu.calendar.text) === ou.calendar.text && ou.every.unit === nu.every.unit ? favourIncrease(ou.every.amount, nu.every.amount, 'provider') : 'mixed') : nu ? 'customer' : 'provider';
        d.push(makeChange({ key: `priority:${id}:update`, area: 'priorities', subject: `${n[0]} updates`, kind: ou && nu ? 'changed' : nu ? 'added' : 'removed', text: `${words(ou)} -> ${words(nu)}`, old: words(ou), new: words(nu), favours, lines: linesOf(ou, nu) }));
      }
    } else {
      const [name, p] = (n ?? o)!;
      const side = n ? d.n : d.o;
      const targets = [...(side.targets(name)?.values() ?? [])].map((t) => `${t.clock} ${d.targetWords(side, t)}`).join(', ') || 'no targets';
      d.push(makeChange({ key: `priority:${name}:name`, area: 'priorities', subject: `priority ${name}`, kind: n ? 'added' : 'removed', text: n ? `added: ${targets}` : `removed (was: ${targets})`, favours: 'neither', lines: n ? linesOf(undefined, p.decl) : linesOf(p.decl, undefined) }));
    }
  }
  // Ranking: the order of the priorities both versions have.
  const oldOrder = matched.map(([o]) => o);
  const newOrder = [...matched].sort((a, b) => nm.priorityByName.get(a[1])!.rank - nm.priorityByName.get(b[1])!.rank).map(([o]) => o);
  if (oldOrder.join() !== newOrder.join()) {
    const rename = (o: string) => matched.find(([a]) => a === o)![1];
    d.push(makeChange({ key: 'priority:order', area: 'priorities', subject: 'priority order', kind: 'changed', text: `${oldOrder.map(rename).join(', ')} -> ${newOrder.map(rename).join(', ')} (most urgent first)`, favours: 'neither', lines: {} }));
  }
}

function plans(d: Differ): void {
  const om = d.o.model;
  const nm = d.n.model;
  const levels = (side: Differ['o'], plan: string) => side.model.priorities.map((p) => p.name).filter((p) => side.targets(p, plan));
  const channels = (decl: A.PlanDecl) => [...new Set(decl.body.flatMap((s) => (s.kind === 'Channel' ? s.channels.map((c) => c.value) : [])))];
  for (const { o, n } of pairs(om.plans, nm.plans, d.plans)) {
    if (!o || !n) {
      const [name, p] = (n ?? o)!;
      const side = n ? d.n : d.o;
      const offers = levels(side, name).join(', ') || 'no priorities';
      d.push(makeChange({ key: `plan:${name}:name`, area: 'plans', subject: `plan ${name}`, kind: n ? 'added' : 'removed', text: n ? `added, offering ${offers}` : `removed (offered ${offers})`, favours: 'neither', lines: n ? linesOf(undefined, p.decl) : linesOf(p.decl, undefined) }));
      continue;
    }
    const id = pairKey(o[0], n[0]);
    const subject = `plan ${n[0]}`;
    if (o[0] !== n[0]) d.push(makeChange({ key: `plan:${id}:name`, area: 'plans', subject: `plan ${o[0]}`, kind: 'renamed', text: `renamed \`${n[0]}\``, old: o[0], new: n[0], favours: 'neither', lines: linesOf(o[1].decl, n[1].decl) }));
    if ((o[1].decl.title?.value ?? '') !== (n[1].decl.title?.value ?? '')) {
      d.push(makeChange({ key: `plan:${id}:title`, area: 'plans', subject, kind: 'changed', text: `title \`${o[1].decl.title?.value ?? ''}\` -> \`${n[1].decl.title?.value ?? ''}\``, favours: 'neither', informational: true, lines: linesOf(o[1].decl, n[1].decl) }));
    }
    const oc = channels(o[1].decl);
    const nc = channels(n[1].decl);
    for (const c of nc.filter((x) => !oc.includes(x))) d.push(makeChange({ key: `plan:${id}:channel:${c}`, area: 'plans', subject, kind: 'added', text: `new channel \`${c}\``, new: c, favours: 'customer', lines: linesOf(undefined, n[1].decl) }));
    for (const c of oc.filter((x) => !nc.includes(x))) d.push(makeChange({ key: `plan:${id}:channel:${c}`, area: 'plans', subject, kind: 'removed', text: `channel \`${c}\` withdrawn`, old: c, favours: 'provider', lines: linesOf(o[1].decl, undefined) }));
    const ol = levels(d.o, o[0]);
    const nl = levels(d.n, n[0]).map((p) => d.oldName(d.priorities, p));
    const newLevel = (p: string) => d.priorities.get(p) ?? p;
    for (const p of nl.filter((x) => !ol.includes(x))) d.push(makeChange({ key: `plan:${id}:covers:${pairKey(p, newLevel(p))}`, area: 'plans', subject, kind: 'added', text: `now offers ${newLevel(p)}`, favours: 'customer', lines: linesOf(undefined, n[1].decl) }));
    for (const p of ol.filter((x) => !nl.includes(x))) d.push(makeChange({ key: `plan:${id}:covers:${pairKey(p, newLevel(p))}`, area: 'plans', subject, kind: 'removed', text: `no longer offers ${newLevel(p)}`, favours: 'provider', lines: linesOf(o[1].decl, undefined) }));
    // Targets in force under the plan, where they differ from the contract's own (those changes are listed once, under priorities).
    for (const p of ol.filter((x) => nl.includes(x))) {
      const np = newLevel(p);
      const ot = d.o.targets(p, o[0]);
      const nt = d.n.targets(np, n[0]);
      const clocks = new Set([...(ot?.keys() ?? []), ...[...(nt?.keys() ?? [])].map((c) => d.oldName(d.clocks, c))]);
      for (const clock of clocks) {
        const nclock = d.clocks.get(clock) ?? clock;
        const a = ot?.get(clock);
        const b = nt?.get(nclock);
        const inherited = identical(a, d.o.targets(p)?.get(clock)) && identical(b, d.n.targets(np)?.get(nclock));
        if (inherited) continue;
        d.target(`plan:${id}:${pairKey(p, np)}:${pairKey(clock, nclock)}`, `plan ${n[0]}: ${np} ${nclock}`, a, b);
      }
    }
  }
}

/** Two targets of the same version that set the same deadlines. */
function identical(a: EffectiveTarget | undefined, b: EffectiveTarget | undefined): boolean {
  if (!a || !b) return a === b;
  return a.duration.unit === b.duration.unit && a.duration.amount === b.duration.amount && a.calendar === b.calendar;
}

const POLICY_WORDS: Record<A.ReclassifyPolicy, string> = {
  stricter: 'the earlier of the old and the new deadline',
  'keeps-elapsed': 'clocks keep their elapsed time',
  restarts: 'clocks restart from zero',
};
/** Later deadlines from left to right. */
const POLICY_ORDER: readonly A.ReclassifyPolicy[] = ['stricter', 'keeps-elapsed', 'restarts'];

function reclassify(d: Differ): void {
  const a = d.o.model.reclassify;
  const b = d.n.model.reclassify;
  if (a === b) return;
  const decl = (m: Model) => m.ast.declarations.find((x) => x.kind === 'Reclassify');
  d.push(
    makeChange({
      key: 'reclassify',
      area: 'reclassify',
      subject: 'on a change of priority',
      kind: 'changed',
      text: `${POLICY_WORDS[a]} -> ${POLICY_WORDS[b]}`,
      old: a,
      new: b,
      favours: favourIncrease(POLICY_ORDER.indexOf(a), POLICY_ORDER.indexOf(b), 'provider'),
      lines: linesOf(decl(d.o.model), decl(d.n.model)),
    }),
  );
}

/** Per priority, clock and contact: the step that notifies the contact first, in the old side's names. */
function escalationPoints(d: Differ, side: 'o' | 'n'): Map<string, { step: A.EscalationStep; priority: string; clock: string; contact: string }> {
  const s = d[side];
  const canon = (renames: Renames, name: string) => (side === 'n' ? d.oldName(renames, name) : name);
  const out = new Map<string, { step: A.EscalationStep; priority: string; clock: string; contact: string }>();
  for (const esc of s.model.escalations) {
    const prios = esc.priorities.length ? esc.priorities.map((p) => p.text) : s.model.priorities.map((p) => p.name);
    for (const step of esc.steps) {
      for (const who of step.notify) {
        for (const p of prios) {
          const priority = canon(d.priorities, p);
          const clock = canon(d.clocks, step.clock.text);
          const key = `${priority}\u0000${clock}\u0000${who.value}`;
          const prev = out.get(key);
          const point = stepMinutes(s, p, step);
          if (!prev || (point !== undefined && point < (stepMinutes(s, p, prev.step) ?? Infinity))) out.set(key, { step, priority, clock, contact: who.value });
        }
      }
    }
  }
  return out;
}

/** An escalation step as open minutes into its clock, when it can be known from the target. */
function stepMinutes(side: Differ['o'], priority: string, step: A.EscalationStep): number | undefined {
  if (step.at.kind === 'Duration') return step.at.unit === 'minute' ? step.at.amount : undefined;
  const t = side.targets(priority)?.get(step.clock.text);
  return t && t.duration.unit === 'minute' ? (t.duration.amount * step.at.value) / 100 : undefined;
}

function stepWords(step: A.EscalationStep): string {
  return step.at.kind === 'Duration' ? `${durationWords(step.at)} of ${step.clock.text}` : `${percentWords(step.at.value)} of ${step.clock.text}`;
}

function escalation(d: Differ): void {
  const a = escalationPoints(d, 'o');
  const b = escalationPoints(d, 'n');
  // Group equal changes across priorities: one line for `P0, P1`.
  const groups = new Map<string, { priorities: string[]; o?: A.EscalationStep; n?: A.EscalationStep; clock: string; contact: string; favours: Favours }>();
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key);
    const y = b.get(key);
    const xs = x && stepWords(x.step);
    const ys = y && stepWords(y.step);
    if (x && y && xs === ys) continue;
    const { priority, clock, contact } = (x ?? y)!;
    let favours: Favours;
    if (x && y) {
      const xm = stepMinutes(d.o, priority, x.step);
      const ym = stepMinutes(d.n, d.priorities.get(priority) ?? priority, y.step);
      favours = xm === undefined || ym === undefined ? (x.step.at.kind === 'Percent' && y.step.at.kind === 'Percent' ? favourIncrease(x.step.at.value, y.step.at.value, 'provider') : 'mixed') : favourIncrease(xm, ym, 'provider');
      if (favours === 'neither') continue;
    } else favours = y ? 'customer' : 'provider';
    const gk = `${clock}\u0000${contact}\u0000${xs ?? ''}\u0000${ys ?? ''}`;
    const g = groups.get(gk) ?? { priorities: [], ...(x ? { o: x.step } : {}), ...(y ? { n: y.step } : {}), clock, contact, favours };
    g.priorities.push(priority);
    groups.set(gk, g);
  }
  // Then equal changes across contacts: one line for the three duty leads of a handover.
  const merged = new Map<string, { contacts: string[]; g: typeof groups extends Map<string, infer G> ? G : never }>();
  for (const g of groups.values()) {
    const mk = `${g.clock}\u0000${g.o ? stepWords(g.o) : ''}\u0000${g.n ? stepWords(g.n) : ''}\u0000${[...g.priorities].sort().join()}`;
    const m = merged.get(mk) ?? { contacts: [], g };
    m.contacts.push(g.contact);
    merged.set(mk, m);
  }
  for (const { contacts, g } of merged.values()) {
    const names = g.priorities.map((p) => d.priorities.get(p) ?? p);
    const clock = d.clocks.get(g.clock) ?? g.clock;
    const subject = `escalation of ${names.join(', ')}`;
    const who = contacts.map((c) => `\`${c}\``).join(', ');
    const key = `escalation:${g.priorities.map((p) => pairKey(p, d.priorities.get(p) ?? p)).sort().join(',')}:${pairKey(g.clock, clock)}:${[...contacts].sort().join(',')}`;
    const text = g.o && g.n ? `${who} notified at ${stepWords(g.o)} -> ${stepWords(g.n)}` : g.n ? `${who} now notified at ${stepWords(g.n)}` : `${who} no longer notified (was at ${stepWords(g.o!)})`;
    d.push(makeChange({ key, area: 'escalation', subject, kind: g.o && g.n ? 'changed' : g.n ? 'added' : 'removed', text, ...(g.o ? { old: stepWords(g.o) } : {}), ...(g.n ? { new: stepWords(g.n) } : {}), favours: g.favours, lines: linesOf(g.o, g.n) }));
  }
}

function contacts(d: Differ): void {
  for (const { o, n } of pairs(d.o.model.contacts, d.n.model.contacts, new Map())) {
    if (o && n) {
      const oc = o[1].calendar.text;
      const nc = n[1].calendar.text;
      if (d.oldName(d.calendars, nc) !== oc) {
        const od = d.o.model.calendars.get(oc);
        const nd = d.n.model.calendars.get(nc);
        const favours = od && nd ? openTimeFavours(weeklyPattern(od).open, weeklyPattern(nd).open) : 'mixed';
        const words = (decl: A.CalendarDecl | undefined, name: string) => `\`${name}\` (${decl ? weeklyWords(decl) : 'undeclared'})`;
        d.push(makeChange({ key: `contact:${o[0]}:calendar`, area: 'contacts', subject: `contact ${o[0]}`, kind: 'changed', text: `reachable on ${words(od, oc)} -> ${words(nd, nc)}`, old: oc, new: nc, favours: favours === 'neither' ? 'mixed' : favours, lines: linesOf(o[1], n[1]) }));
      }
      const ov = o[1].via?.value ?? 'unspecified';
      const nv = n[1].via?.value ?? 'unspecified';
      if (ov !== nv) d.push(makeChange({ key: `contact:${o[0]}:via`, area: 'contacts', subject: `contact ${o[0]}`, kind: 'changed', text: `via \`${ov}\` -> \`${nv}\``, old: ov, new: nv, favours: 'neither', lines: linesOf(o[1], n[1]) }));
    } else {
      const [name, c] = (n ?? o)!;
      d.push(makeChange({ key: `contact:${name}`, area: 'contacts', subject: `contact ${name}`, kind: n ? 'added' : 'removed', text: n ? `declared, reachable on \`${c.calendar.text}\`` : `no longer declared (was reachable on \`${c.calendar.text}\`)`, favours: 'neither', lines: n ? linesOf(undefined, c) : linesOf(c, undefined) }));
    }
  }
}

/** Weekly maintenance windows as open minutes of the week (local to each window's calendar). */
function maintenanceBits(windows: readonly A.MaintenanceStmt[]): Uint8Array {
  const decl: A.CalendarDecl = {
    kind: 'Calendar',
    name: { kind: 'Name', text: 'maintenance', range: windows[0]?.range ?? ZERO_RANGE },
    body: windows.map((w) => ({ kind: 'Hours', days: w.days, ranges: [w.window], range: w.range })),
    range: ZERO_RANGE,
  };
  return weeklyPattern(decl).open;
}
const ZERO_RANGE: A.Range = { start: { line: 0, column: 0, offset: 0 }, end: { line: 0, column: 0, offset: 0 } };

function maintenanceWords(windows: readonly A.MaintenanceStmt[]): string {
  if (windows.length === 0) return 'none';
  const decl: A.CalendarDecl = { kind: 'Calendar', name: { kind: 'Name', text: 'm', range: ZERO_RANGE }, body: windows.map((w) => ({ kind: 'Hours', days: w.days, ranges: [w.window], range: w.range })), range: ZERO_RANGE };
  const zones = [...new Set(windows.map((w) => w.calendar.text))].map((c) => `\`${c}\``).join(', ');
  return `${weeklyWords(decl)} on ${zones}`;
}

function availability(d: Differ): void {
  const a = d.o.model.availability;
  const b = d.n.model.availability;
  if (!a || !b) {
    if (a || b) {
      const x = (a ?? b)!;
      d.push(makeChange({ key: 'availability', area: 'availability', subject: 'availability', kind: b ? 'added' : 'removed', text: b ? `now promised: ${percentWords(x.target.value)} ${x.period}` : `no longer promised (was ${percentWords(x.target.value)} ${x.period})`, favours: b ? 'customer' : 'provider', lines: linesOf(a, b) }));
    }
    return;
  }
  if (a.target.value !== b.target.value || a.period !== b.period) {
    const favours = a.period === b.period ? favourIncrease(a.target.value, b.target.value, 'customer') : 'mixed';
    d.push(makeChange({ key: 'availability:target', area: 'availability', subject: 'availability target', kind: 'changed', text: `${percentWords(a.target.value)} ${a.period} -> ${percentWords(b.target.value)} ${b.period}`, old: `${percentWords(a.target.value)} ${a.period}`, new: `${percentWords(b.target.value)} ${b.period}`, favours, lines: linesOf(a, b) }));
  }
  for (const excluded of [true, false]) {
    const ow = a.body.filter((m) => m.excluded === excluded);
    const nw = b.body.filter((m) => m.excluded === excluded);
    const zones = (w: readonly A.MaintenanceStmt[]) => [...new Set(w.map((m) => d.o.model.calendars.get(m.calendar.text) ?? d.n.model.calendars.get(m.calendar.text)).map((c) => (c ? (c.body.find((s) => s.kind === 'Zone') as A.ZoneStmt | undefined)?.zone.value : '')))].join();
    const same = sortedJson(ow.map((m) => ({ days: m.days, window: m.window, calendar: m.calendar.text }))) === sortedJson(nw.map((m) => ({ days: m.days, window: m.window, calendar: d.oldName(d.calendars, m.calendar.text) })));
    if (same) continue;
    const ob = maintenanceBits(ow);
    const nb = maintenanceBits(nw);
    const bitsSame = ob.every((v, i) => v === nb[i]) && zones(ow) === zones(nw);
    if (bitsSame) continue;
    // More excluded maintenance takes time out of the month the provider answers for.
    const f = openTimeFavours(ob, nb);
    const favours: Favours = !excluded ? 'neither' : f === 'customer' ? 'provider' : f === 'provider' ? 'customer' : f === 'neither' ? 'mixed' : f;
    const what = excluded ? 'maintenance excluded from downtime' : 'maintenance counted as downtime';
    d.push(makeChange({ key: `availability:maintenance:${excluded}`, area: 'availability', subject: what, kind: 'changed', text: `${maintenanceWords(ow)} -> ${maintenanceWords(nw)}`, old: maintenanceWords(ow), new: maintenanceWords(nw), favours, lines: linesOf(ow[0] ?? a, nw[0] ?? b) }));
  }
}

interface Tier {
  readonly low: number;
  readonly high: number;
  readonly amount: number;
}

/** The credit for an availability, as the reference defines it: the applying tier with the lowest upper bound. */
function creditAt(tiers: readonly Tier[], availability: number): number {
  let best: Tier | undefined;
  for (const t of tiers) if (availability >= t.low && availability < t.high && (!best || t.high < best.high)) best = t;
  return best?.amount ?? 0;
}

/** A per-breach credit's amount as written, `5% of fee per started 1h late, up to 25%`. */
function printCredit(s: A.BreachCredit): string {
  const form = (x: A.PercentLit | A.MoneyLit, fee: boolean) => (x.kind === 'Money' ? `${x.amount.text} ${x.currency.text}` : `${x.text}%${fee ? ' of fee' : ''}`);
  return `${form(s.amount, true)}${s.perLate ? ` per started ${s.perLate.text} late${s.upTo ? `, up to ${form(s.upTo, false)}` : ''}` : ''}`;
}

function credits(d: Differ): void {
  const stmts = (m: Model) => m.credits.flatMap((c) => c.body);
  const os = stmts(d.o.model);
  const ns = stmts(d.n.model);
  // Per-breach credits add up per priority and clock.
  const breach = (list: readonly A.CreditStmt[], side: 'o' | 'n') => {
    const out = new Map<string, { amount: number; stmt: A.BreachCredit; stmts: A.BreachCredit[] }>();
    for (const s of list) {
      if (s.kind !== 'BreachCredit') continue;
      const p = side === 'n' ? d.oldName(d.priorities, s.priority.text) : s.priority.text;
      const c = side === 'n' ? d.oldName(d.clocks, s.clock.text) : s.clock.text;
      const key = `${p}\u0000${c}`;
      // A fixed amount compares as its share of the month's fee, the share the cap counts.
      out.set(key, { amount: (out.get(key)?.amount ?? 0) + creditShare(side === 'o' ? d.o.model : d.n.model, s.amount), stmt: out.get(key)?.stmt ?? s, stmts: [...(out.get(key)?.stmts ?? []), s] });
    }
    return out;
  };
  const ob = breach(os, 'o');
  const nb = breach(ns, 'n');
  // A graded credit (grammar/reference.md, "Graded credits by lateness") compares by meaning: the
  // credit of a breach at each lateness from 1 ms to 30 days, by the one pricing function.
  const LATE_SAMPLES = [0, ...Array.from({ length: 30 * 24 * 4 }, (_, i) => (i + 1) * 15 * 60_000 + 1)];
  const priced = (m: Model, stmts: readonly A.BreachCredit[] | undefined, late: number) => (stmts ?? []).reduce((sum, x) => sum + breachCredit(m, x, late).percent, 0);
  for (const key of new Set([...ob.keys(), ...nb.keys()])) {
    const x = ob.get(key)?.amount ?? 0;
    const y = nb.get(key)?.amount ?? 0;
    const graded = [...(ob.get(key)?.stmts ?? []), ...(nb.get(key)?.stmts ?? [])].some((st) => st.perLate);
    if (graded) {
      let more = false;
      let less = false;
      for (const late of LATE_SAMPLES) {
        const a = priced(d.o.model, ob.get(key)?.stmts, late);
        const b = priced(d.n.model, nb.get(key)?.stmts, late);
        if (b > a + 1e-9) more = true;
        if (b < a - 1e-9) less = true;
      }
      if (!more && !less) continue;
      const [p, c] = key.split('\u0000') as [string, string];
      const np = d.priorities.get(p) ?? p;
      const nc = d.clocks.get(c) ?? c;
      const words = (stmts: readonly A.BreachCredit[] | undefined) => (stmts?.length ? stmts.map((st) => printCredit(st)).join(' + ') : 'none');
      d.push(
        makeChange({
          key: `credits:breach:${pairKey(p, np)}:${pairKey(c, nc)}`,
          area: 'credits',
          subject: `credit per ${np} ${nc} breach`,
          kind: ob.has(key) && nb.has(key) ? 'changed' : nb.has(key) ? 'added' : 'removed',
          text: `${words(ob.get(key)?.stmts)} -> ${words(nb.get(key)?.stmts)}`,
          old: words(ob.get(key)?.stmts),
          new: words(nb.get(key)?.stmts),
          // More credit at some lateness and less at another favours neither side throughout.
          favours: more && less ? 'mixed' : more ? 'customer' : 'provider',
          money: true,
          lines: linesOf(ob.get(key)?.stmt, nb.get(key)?.stmt),
        }),
      );
      continue;
    }
    if (x === y) continue;
    const [p, c] = key.split('\u0000') as [string, string];
    const np = d.priorities.get(p) ?? p;
    const nc = d.clocks.get(c) ?? c;
    d.push(
      makeChange({
        key: `credits:breach:${pairKey(p, np)}:${pairKey(c, nc)}`,
        area: 'credits',
        subject: `credit per ${np} ${nc} breach`,
        kind: x && y ? 'changed' : y ? 'added' : 'removed',
        text: `${x ? `${percentWords(x)} of the monthly fee` : 'none'} -> ${y ? `${percentWords(y)} of the monthly fee` : 'none'}`,
        old: percentWords(x),
        new: percentWords(y),
        favours: favourIncrease(x, y, 'customer'),
        money: true,
        lines: linesOf(ob.get(key)?.stmt, nb.get(key)?.stmt),
      }),
    );
  }
  // Availability tiers, compared as the credit they pay at every availability.
  const tiers = (list: readonly A.CreditStmt[]): Tier[] =>
    list.filter((s): s is A.AvailabilityCredit => s.kind === 'AvailabilityCredit').map((s) => ({ low: s.from?.value ?? -Infinity, high: s.below.value, amount: s.amount.value }));
  const ot = tiers(os);
  const nt = tiers(ns);
  const bounds = [...new Set([...ot, ...nt].flatMap((t) => [t.low, t.high]).filter(Number.isFinite))].sort((x, y) => x - y);
  const points = [-Infinity, ...bounds];
  const ranges: { low: number; high: number; old: number; new: number }[] = [];
  for (let i = 0; i < points.length; i++) {
    const low = points[i]!;
    const high = points[i + 1] ?? Infinity;
    const at = low === -Infinity ? (Number.isFinite(high) ? high - 1e-9 : 0) : low;
    const x = creditAt(ot, at);
    const y = creditAt(nt, at);
    const last = ranges[ranges.length - 1];
    if (last && last.old === x && last.new === y && last.high === low) last.high = high;
    else ranges.push({ low, high, old: x, new: y });
  }
  const tierLine = (s: { low: number; high: number }) => {
    const first = os.concat(ns).find((c): c is A.AvailabilityCredit => c.kind === 'AvailabilityCredit' && c.below.value === s.high);
    return first;
  };
  for (const r of ranges) {
    if (r.old === r.new) continue;
    const when = r.low === -Infinity ? `below ${percentWords(r.high)}` : r.high === Infinity ? `at ${percentWords(r.low)} or more` : `from ${percentWords(r.low)} to ${percentWords(r.high)}`;
    const line = tierLine(r);
    d.push(
      makeChange({
        key: `credits:availability:${r.low}:${r.high}`,
        area: 'credits',
        subject: `availability credit ${when}`,
        kind: 'changed',
        text: `${r.old ? `${percentWords(r.old)} of the monthly fee` : 'none'} -> ${r.new ? `${percentWords(r.new)} of the monthly fee` : 'none'}`,
        old: percentWords(r.old),
        new: percentWords(r.new),
        favours: favourIncrease(r.old, r.new, 'customer'),
        money: true,
        lines: line ? linesOf(os.includes(line) ? line : undefined, ns.includes(line) ? line : undefined) : {},
      }),
    );
  }
  // The cap: no cap means no limit.
  const cap = (list: readonly A.CreditStmt[]) => list.find((s): s is A.CapStmt => s.kind === 'Cap' && !s.rolling);
  const oc = cap(os);
  const nc = cap(ns);
  // The cap over rolling months (grammar/reference.md, "caps over rolling months"), a change of its own.
  const rolling = (list: readonly A.CreditStmt[]) => list.find((s): s is A.CapStmt => s.kind === 'Cap' && s.rolling !== undefined);
  const orc = rolling(os);
  const nrc = rolling(ns);
  const rollingWords = (c: A.CapStmt | undefined) => (c?.rolling ? `${percentWords(c.amount.value)} of the fees of any ${c.rolling.value} consecutive months` : 'no rolling cap');
  if (rollingWords(orc) !== rollingWords(nrc)) {
    const favours = orc?.rolling && nrc?.rolling ? (orc.rolling.value === nrc.rolling.value ? favourIncrease(orc.amount.value, nrc.amount.value, 'customer') : 'mixed') : nrc ? 'provider' : 'customer';
    d.push(makeChange({ key: 'credits:rolling-cap', area: 'credits', subject: 'rolling credit cap', kind: orc && nrc ? 'changed' : nrc ? 'added' : 'removed', text: `${rollingWords(orc)} -> ${rollingWords(nrc)}`, old: rollingWords(orc), new: rollingWords(nrc), favours, money: true, lines: linesOf(orc, nrc) }));
  }
  const capWords = (c: A.CapStmt | undefined) => (c ? `${percentWords(c.amount.value)} of the ${c.period ?? 'monthly'} fee` : 'no cap');
  if (capWords(oc) !== capWords(nc)) {
    const favours = oc && nc ? ((oc.period ?? 'monthly') === (nc.period ?? 'monthly') ? favourIncrease(oc.amount.value, nc.amount.value, 'customer') : 'mixed') : nc ? 'provider' : 'customer';
    d.push(makeChange({ key: 'credits:cap', area: 'credits', subject: 'credit cap', kind: oc && nc ? 'changed' : nc ? 'added' : 'removed', text: `${capWords(oc)} -> ${capWords(nc)}`, old: capWords(oc), new: capWords(nc), favours, money: true, lines: linesOf(oc, nc) }));
  }
  // The claim window, in days (a billing cycle is the fee's period).
  const claim = (list: readonly A.CreditStmt[]) => list.find((s): s is A.ClaimStmt => s.kind === 'Claim');
  const ocl = claim(os);
  const ncl = claim(ns);
  const claimWords = (c: A.ClaimStmt | undefined) =>
    !c ? 'no deadline' : c.within.kind === 'Cycles' ? `by the end of the ${ordinal(c.within.count.value)} billing cycle after the miss` : `within ${durationWords(c.within)}${c.within.unit === 'day' ? ' (calendar days)' : ''}`;
  if (claimWords(ocl) !== claimWords(ncl)) {
    const cycleDays = (m: Model) => ({ daily: 1, weekly: 7, monthly: 30, quarterly: 91, yearly: 365 })[m.fee?.period ?? 'monthly'];
    const days = (c: A.ClaimStmt | undefined, m: Model) => (!c ? Infinity : c.within.kind === 'Cycles' ? c.within.count.value * cycleDays(m) : c.within.unit === 'day' ? c.within.amount : c.within.amount / 1440);
    const favours = favourIncrease(days(ocl, d.o.model), days(ncl, d.n.model), 'customer');
    d.push(makeChange({ key: 'credits:claim', area: 'credits', subject: 'claims', kind: 'changed', text: `${claimWords(ocl)} -> ${claimWords(ncl)}`, old: claimWords(ocl), new: claimWords(ncl), favours: favours === 'neither' ? 'mixed' : favours, money: true, lines: linesOf(ocl, ncl) }));
  }
}

/** `first`, `second`, …, `12th`. */
function ordinal(n: number): string {
  const words = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
  return words[n] ?? `${n}th`;
}

/** Asserts and scenarios: listed by title, statement by statement; they change no obligation. */
function informational(d: Differ, area: 'asserts' | 'scenarios'): void {
  const byTitle = (m: Model) => new Map<string, A.AssertDecl | A.ScenarioDecl>((area === 'asserts' ? m.asserts : m.scenarios).map((x) => [x.title.value, x]));
  const word = area === 'asserts' ? 'assert' : 'scenario';
  for (const { o, n } of pairs(byTitle(d.o.model), byTitle(d.n.model), new Map())) {
    if (o && n) {
      const a = printedLines(o[1]);
      const b = printedLines(n[1]);
      const canon = b.map((l) => d.inOldNames(l));
      const removed = a.filter((l) => !canon.includes(l));
      const added = b.filter((l, i) => !a.includes(canon[i]!));
      if (!removed.length && !added.length) continue;
      const text = [...removed.map((l) => `\`${l}\` removed`), ...added.map((l) => `\`${l}\` added`)].join('; ');
      d.push(makeChange({ key: `${word}:${o[0]}`, area, subject: `${word} "${o[0]}"`, kind: 'changed', text, favours: 'neither', informational: true, lines: linesOf(o[1], n[1]) }));
    } else {
      const [title, x] = (n ?? o)!;
      d.push(makeChange({ key: `${word}:${title}`, area, subject: `${word} "${title}"`, kind: n ? 'added' : 'removed', text: n ? `added: ${printedLines(x).map((l) => `\`${l}\``).join('; ')}` : 'removed', favours: 'neither', informational: true, lines: n ? linesOf(undefined, x) : linesOf(x, undefined) }));
    }
  }
}

// ---------------------------------------------------------------------------------------------

/** Targets in force (top level, and plan targets that differ from it), for the effects list. */
function targetList(d: Differ, side: 'o' | 'n'): Map<string, { subject: string; target: EffectiveTarget }> {
  const s = d[side];
  const canon = (renames: Renames, name: string) => (side === 'n' ? d.oldName(renames, name) : name);
  const idOf = (renames: Renames, name: string) => {
    const old = canon(renames, name);
    return pairKey(old, renames.get(old) ?? old);
  };
  const out = new Map<string, { subject: string; target: EffectiveTarget }>();
  for (const p of s.model.priorities) {
    for (const t of s.targets(p.name)?.values() ?? []) out.set(`target::${idOf(d.priorities, p.name)}:${idOf(d.clocks, t.clock)}`, { subject: `${p.name} ${t.clock}`, target: t });
    for (const plan of s.model.plans.keys()) {
      for (const t of s.targets(p.name, plan)?.values() ?? []) {
        if (t.source === s.targets(p.name)?.get(t.clock)?.source) continue;
        out.set(`plan:${idOf(d.plans, plan)}:${idOf(d.priorities, p.name)}:${idOf(d.clocks, t.clock)}`, { subject: `plan ${plan}: ${p.name} ${t.clock}`, target: t });
      }
    }
  }
  return out;
}

function effects(d: Differ): Effect[] {
  const a = targetList(d, 'o');
  const b = targetList(d, 'n');
  const out: Effect[] = [];
  for (const [key, y] of b) {
    const x = a.get(key);
    if (!x || d.changedTargets.has(key)) continue;
    const ow = d.worstOf(d.o, x.target);
    const nw = d.worstOf(d.n, y.target);
    if (!ow || !nw || ow.wall === nw.wall) continue;
    out.push({ key, subject: y.subject, target: d.targetWords(d.n, y.target), worstCase: { old: ow, new: nw }, favours: favourIncrease(ow.wall, nw.wall, 'provider') });
  }
  return out;
}

/**
 * Compares two versions of a contract by meaning.
 * @example diffContracts(diffSide(before.model, false), diffSide(after.model, false)).changes.map((c) => c.text)
 */
export function diffContracts(oldSide: DiffSide, newSide: DiffSide): ContractDiff {
  const d = new Differ(oldSide, newSide);
  const om = oldSide.model;
  const nm = newSide.model;
  d.calendars = findRenames(om.calendars, nm.calendars, (c, side) => calendarMeaning(c, (side === 'old' ? om : nm).holidayFiles));
  const clockContent = (c: { on: Readonly<Record<A.ClockAction, readonly A.Name[]>> }) => JSON.stringify(CLOCK_ACTIONS.map((a) => [...new Set(c.on[a].map((e) => e.text))].sort()));
  d.clocks = findRenames(om.clocks, nm.clocks, clockContent);
  const priorityContent = (p: Model['priorities'][number], side: 'old' | 'new') =>
    JSON.stringify([
      p.decl.title?.value ?? '',
      p.decl.body.filter((s) => s.kind === 'Means').map((s) => (s as A.MeansStmt).text.value),
      [...p.targets.values()].map((t) => [side === 'new' ? d.oldName(d.clocks, t.clock.text) : t.clock.text, t.duration.unit, t.duration.amount, side === 'new' ? d.oldName(d.calendars, t.calendar.text) : t.calendar.text]).sort(),
    ]);
  d.priorities = findRenames(new Map(om.priorities.map((p) => [p.name, p])), new Map(nm.priorities.map((p) => [p.name, p])), priorityContent);
  d.plans = findRenames(om.plans, nm.plans, (p) => sortedJson(p.decl.body));

  agreement(d);
  calendars(d);
  clocks(d);
  priorities(d);
  plans(d);
  reclassify(d);
  escalation(d);
  contacts(d);
  availability(d);
  credits(d);
  informational(d, 'asserts');
  informational(d, 'scenarios');
  const order = (c: Change) => AREAS.indexOf(c.area);
  const changes = d.changes.map((c, i) => ({ c, i })).sort((x, y) => order(x.c) - order(y.c) || x.i - y.i).map(({ c }) => c);
  const effectList = effects(d);
  const undecided = [...d.undecided];
  const notice =
    undecided.length > 0
      ? `worst cases not decided within the budget of ${WORST_CASE_BUDGET.toLocaleString('en-US')} steps for ${undecided.join(', ')}: whom their changes favour comes from the weekly hours, holidays aside`
      : undefined;
  return { changes, effects: effectList, differs: changes.some((c) => !c.informational), ...(notice ? { notice } : {}) };
}
