/**
 * `pledge drift`: a help desk's live configuration (the JSON its API returns, saved by the user)
 * compared by meaning with what the contract requires, in the words and directions of
 * `pledge diff`: "P2 first reply: 4 business hours in the contract, 8 business hours in Zendesk
 * policy `Enterprise`: looser for the provider, worse for the customer". Schedules are compared
 * weekday by weekday, then day by day over the contract's term, so each holiday that differs is
 * its own line. The contract's side is what `pledge export` writes for that target (the warnings
 * of `pledge export` say where that differs from the contract itself).
 */
import { directionText } from '../index.js';
import { datesBetween, mergeRanges, WEEKDAY_NAMES, weekdayOf, sameOffsets, type MetricKind } from './desk.js';
import type { ExportInput } from './types.js';

export type Favours = 'customer' | 'provider' | 'mixed' | 'neither';

/** One target of a policy, as the desk holds it. */
export interface ViewTarget {
  readonly priority: string;
  readonly kind: MetricKind;
  readonly minutes: number;
  readonly business: boolean;
  /** The desk's metric name, where it has several for one kind (Zendesk's resolution metrics). */
  readonly metric?: string;
  /** How much the metric pauses, for comparing metric names: more pausing is looser for the provider. */
  readonly pausing?: number;
  /** A calendar the desk names for this target (Zammad's SLA calendar, Freshdesk's business hours). */
  readonly schedule?: string;
  readonly line?: number;
}

export interface ViewPolicy {
  readonly title: string;
  /** The calendar a desk sets per policy (Zammad's SLA calendar), compared once per policy. */
  readonly calendar?: string;
  readonly targets: readonly ViewTarget[];
  readonly line?: number;
}

export interface ViewSchedule {
  /** The contract calendar it stands for. */
  readonly calendar: string;
  /** Its name in the desk. */
  readonly name: string;
  /** IANA zone (a desk's Rails name already mapped), or the desk's own name when unknown. */
  readonly zone: string;
  readonly weekly: readonly (readonly [number, number])[][];
  /** Closed dates with their names; undefined when the user gave no holidays for it. */
  readonly closed?: ReadonlyMap<string, string>;
  readonly line?: number;
}

export interface DeskView {
  readonly policies: readonly ViewPolicy[];
  readonly schedules: readonly ViewSchedule[];
}

export interface DriftChange {
  /** Stable: the same difference always has the same key. */
  readonly key: string;
  readonly subject: string;
  /** The full sentence, as printed. */
  readonly text: string;
  readonly contract?: string;
  readonly desk?: string;
  readonly favours: Favours;
  /** The contract line, where there is one. */
  readonly line?: number;
}

export interface DriftReport {
  readonly target: string;
  readonly differs: boolean;
  readonly changes: readonly DriftChange[];
  /** What could not be compared (a schedule without holidays given, say), one sentence each. */
  readonly notes: readonly string[];
}

/** A file given to `pledge drift`, as read from disk. */
export interface DriftFile {
  readonly path: string;
  readonly text: string;
}

/** A file that is not what the desk's API returns: `pledge drift` exits 2 with PLG4020. */
export class DriftInputError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/** A target's drift support: what the contract requires in its terms, and the desk's files read back. */
export interface DriftReader {
  /** `Zendesk`, as the sentences name the desk. */
  readonly deskName: string;
  /** `policy`, `SLA`: what the desk calls a policy. */
  readonly policyWord: string;
  readonly scheduleWord: string;
  readonly expected: (input: ExportInput) => DeskView;
  /** Throws DriftInputError for a file that is not the desk's API JSON. */
  readonly read: (files: readonly DriftFile[], input: ExportInput) => { view: DeskView; notes: string[] };
}

const KIND_WORDS: Record<MetricKind, string> = { first_reply: 'first reply', resolution: 'resolution', update: 'update' };

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `4 business hours`, `90 minutes`, `8 hours`. */
export function minutesWords(minutes: number, business: boolean): string {
  const b = business ? 'business ' : '';
  return minutes % 60 === 0 ? plural(minutes / 60, `${b}hour`) : plural(minutes, `${b}minute`);
}

const pad = (n: number): string => String(n).padStart(2, '0');
const hhmm = (m: number): string => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
export const rangesText = (r: readonly (readonly [number, number])[]): string => (r.length ? r.map(([s, e]) => `${hhmm(s)}-${hhmm(e)}`).join(', ') : 'closed');
const openMinutes = (r: readonly (readonly [number, number])[]): number => r.reduce((s, [a, b]) => s + b - a, 0);

function combine(a: Favours, b: Favours): Favours {
  if (a === 'neither') return b;
  if (b === 'neither' || a === b) return a;
  return 'mixed';
}

/** A larger target, or counting on business hours instead of around the clock, is looser for the provider. */
function targetFavours(contract: ViewTarget, desk: ViewTarget): Favours {
  let f: Favours = desk.minutes === contract.minutes ? 'neither' : desk.minutes > contract.minutes ? 'provider' : 'customer';
  if (desk.business !== contract.business) f = combine(f, desk.business ? 'provider' : 'customer');
  if (desk.pausing !== undefined && contract.pausing !== undefined && desk.pausing !== contract.pausing) f = combine(f, desk.pausing > contract.pausing ? 'provider' : 'customer');
  return f;
}

/** A target in words; the metric's name only when the two sides measure with different metrics. */
function targetWords(t: ViewTarget, other?: ViewTarget): string {
  const metric = t.metric && other && (other.metric ?? '') !== t.metric ? ` (${t.metric.replace(/_/g, ' ')})` : '';
  return `${minutesWords(t.minutes, t.business)}${metric}${t.schedule ? ` on \`${t.schedule}\`` : ''}`;
}

function sentence(subject: string, contract: string, desk: string, favours: Favours): string {
  const direction = directionText(favours, false);
  return `${subject}: ${contract} in the contract, ${desk}${direction ? `: ${direction}` : ''}`;
}

/** Compares what the contract requires with what the desk holds. */
export function compareViews(reader: DriftReader, expected: DeskView, actual: DeskView, term: { from: string; to: string } | undefined, onlyExpectedPolicies: boolean): DriftChange[] {
  const changes: DriftChange[] = [];
  const { deskName, policyWord, scheduleWord } = reader;
  const push = (c: Omit<DriftChange, 'text'> & { contractText: string; deskText: string }) => {
    const { contractText, deskText, ...rest } = c;
    changes.push({ ...rest, contract: contractText, desk: deskText, text: sentence(c.subject, contractText, deskText, c.favours) });
  };

  // ---- policies, target by target
  const actualPolicies = new Map(actual.policies.map((p) => [p.title, p]));
  for (const p of expected.policies) {
    const found = actualPolicies.get(p.title);
    const where = `${deskName} ${policyWord} \`${p.title}\``;
    if (!found) {
      push({ key: `policy:${p.title}`, subject: `${policyWord} \`${p.title}\``, favours: 'provider', ...(p.line ? { line: p.line } : {}), contractText: `${p.targets.length} targets`, deskText: `no ${where}` });
      continue;
    }
    if ((p.calendar ?? '') !== (found.calendar ?? '')) push({ key: `calendar:${p.title}`, subject: `${policyWord} \`${p.title}\` calendar`, favours: 'mixed', ...(p.line ? { line: p.line } : {}), contractText: p.calendar ? `\`${p.calendar}\`` : 'none', deskText: `${found.calendar ? `\`${found.calendar}\`` : 'none'} in ${where}` });
    const key = (t: ViewTarget) => `${t.priority}:${t.kind}`;
    const desk = new Map(found.targets.map((t) => [key(t), t]));
    const want = new Map(p.targets.map((t) => [key(t), t]));
    for (const t of p.targets) {
      const d = desk.get(key(t));
      const subject = `${t.priority} ${KIND_WORDS[t.kind]}`;
      const line = t.line !== undefined ? { line: t.line } : {};
      if (!d) {
        push({ key: `target:${p.title}:${key(t)}`, subject, favours: 'provider', ...line, contractText: targetWords(t), deskText: `none in ${where}` });
        continue;
      }
      const same = d.minutes === t.minutes && d.business === t.business && (d.metric ?? '') === (t.metric ?? '') && (d.schedule ?? '') === (t.schedule ?? '');
      if (!same) push({ key: `target:${p.title}:${key(t)}`, subject, favours: d.schedule !== t.schedule && d.minutes === t.minutes && d.business === t.business ? 'mixed' : targetFavours(t, d), ...line, contractText: targetWords(t, d), deskText: `${targetWords(d, t)} in ${where}` });
    }
    for (const d of found.targets) {
      if (want.has(key(d))) continue;
      const subject = `${d.priority} ${KIND_WORDS[d.kind]}`;
      push({ key: `target:${p.title}:${key(d)}`, subject, favours: 'customer', contractText: 'no target', deskText: `${targetWords(d)} in ${where}` });
    }
  }
  if (!onlyExpectedPolicies) {
    const titles = new Set(expected.policies.map((p) => p.title));
    for (const p of actual.policies) if (!titles.has(p.title)) push({ key: `policy:${p.title}`, subject: `${policyWord} \`${p.title}\``, favours: 'neither', contractText: 'not', deskText: `${p.targets.length} targets in ${deskName}` });
  }

  // ---- schedules: zone, weekly hours, then day by day over the term
  const actualSchedules = new Map(actual.schedules.map((s) => [s.calendar, s]));
  for (const s of expected.schedules) {
    const found = actualSchedules.get(s.calendar);
    const line = s.line !== undefined ? { line: s.line } : {};
    if (!found) {
      push({ key: `schedule:${s.calendar}`, subject: `calendar \`${s.calendar}\``, favours: 'mixed', ...line, contractText: `${scheduleWord} \`${s.name}\``, deskText: `no ${deskName} ${scheduleWord} for it` });
      continue;
    }
    const where = `${deskName} ${scheduleWord} \`${found.name}\``;
    const zoneSame = found.zone === s.zone || (term ? sameOffsets(found.zone, s.zone, term.from, term.to) : false);
    if (!zoneSame) push({ key: `zone:${s.calendar}`, subject: `calendar \`${s.calendar}\` zone`, favours: 'mixed', ...line, contractText: s.zone, deskText: `${found.zone} in ${where}` });
    // Weekdays with the same pair of hours are one change: `mon-fri hours`.
    const diffs: { day: number; c: string; d: string; f: Favours }[] = [];
    for (let d = 0; d < 7; d++) {
      const c = mergeRanges(s.weekly[d] ?? []);
      const k = mergeRanges(found.weekly[d] ?? []);
      if (rangesText(c) === rangesText(k)) continue;
      const more = openMinutes(k) - openMinutes(c);
      diffs.push({ day: d, c: rangesText(c), d: rangesText(k), f: more > 0 ? 'customer' : more < 0 ? 'provider' : 'mixed' });
    }
    for (let i = 0; i < diffs.length; ) {
      let j = i;
      while (j + 1 < diffs.length && diffs[j + 1]!.day === diffs[j]!.day + 1 && diffs[j + 1]!.c === diffs[i]!.c && diffs[j + 1]!.d === diffs[i]!.d) j++;
      const days = i === j ? WEEKDAY_NAMES[diffs[i]!.day]! : `${WEEKDAY_NAMES[diffs[i]!.day]}-${WEEKDAY_NAMES[diffs[j]!.day]}`;
      push({ key: `hours:${s.calendar}:${days}`, subject: `calendar \`${s.calendar}\` ${days} hours`, favours: diffs[i]!.f, ...line, contractText: diffs[i]!.c, deskText: `${diffs[i]!.d} in ${where}` });
      i = j + 1;
    }
    if (!term || !found.closed) continue;
    for (const date of datesBetween(term.from, term.to)) {
      const wd = weekdayOf(date);
      const cHours = s.weekly[wd] ?? [];
      const dHours = found.weekly[wd] ?? [];
      if (cHours.length === 0 || dHours.length === 0) continue; // the weekday's hours explain it
      const cClosed = s.closed?.get(date);
      const dClosed = found.closed.get(date);
      if ((cClosed === undefined) === (dClosed === undefined)) continue;
      const subject = `calendar \`${s.calendar}\` ${date} (${WEEKDAY_NAMES[wd]})`;
      if (cClosed !== undefined) push({ key: `day:${s.calendar}:${date}`, subject, favours: 'customer', ...line, contractText: `closed (${cClosed})`, deskText: `open ${rangesText(dHours)} in ${where}` });
      else push({ key: `day:${s.calendar}:${date}`, subject, favours: 'provider', ...line, contractText: `open ${rangesText(cHours)}`, deskText: `closed (${dClosed}) in ${where}` });
    }
  }
  return changes;
}

/** Runs a drift check: the contract's view for the target against the files read back. */
export function driftOf(target: string, reader: DriftReader, input: ExportInput, files: readonly DriftFile[]): DriftReport {
  const expected = reader.expected(input);
  const { view, notes } = reader.read(files, input);
  const { model } = input.analysis;
  const term = model.term ? { from: isoOf(model.term.from), to: isoOf(model.term.to) } : undefined;
  const changes = compareViews(reader, expected, view, term, input.plan !== undefined);
  return { target, differs: changes.length > 0, changes, notes };
}

const isoOf = (d: { year: number; month: number; day: number }): string => `${String(d.year).padStart(4, '0')}-${pad(d.month)}-${pad(d.day)}`;

/** A desk's closures as dates: every date of every holiday range. */
export function closedDates(holidays: readonly { name: string; from: string; to: string }[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const h of holidays) for (const d of datesBetween(h.from, h.to)) if (!out.has(d)) out.set(d, h.name);
  return out;
}

/** Parses a file as JSON, or throws DriftInputError. */
export function parseJson(file: DriftFile): unknown {
  try {
    return JSON.parse(file.text);
  } catch (error) {
    throw new DriftInputError(file.path, `\`${file.path}\` is not JSON: ${(error as Error).message}`);
  }
}

/** `pledge drift` as text: one line per difference, then the notes. */
export function driftText(contractFile: string, report: DriftReport): string {
  const lines = report.changes.map((c) => `${c.line ? `${contractFile}:${c.line}: ` : ''}${c.text}`);
  const head = report.differs ? `${report.changes.length} difference${report.changes.length === 1 ? '' : 's'} between ${contractFile} and the ${report.target} configuration:` : `${contractFile} and the ${report.target} configuration agree`;
  return [head, ...lines.map((l) => `  ${l}`), ...report.notes.map((n) => `note: ${n}`)].join('\n') + '\n';
}
