/**
 * `pledge diff` results as JSON (a stable shape, documented in `src/diff/README.md`) and as text
 * a lawyer can read: each change in words, with whom it favours and how far it moves a deadline.
 */
import { AREAS, type Area, type Change, type ContractDiff, type Effect, type Favours, type WorstCaseChange, type WorstCaseSide } from '../diff/change.js';
import { humanDuration, humanInstant, isoDuration, isoInstant } from './time-format.js';

type ProviderWord = 'stricter' | 'looser' | 'better' | 'worse';
type CustomerWord = 'better' | 'worse';

interface WorstCaseJson {
  readonly wall: string;
  readonly filed: string;
  readonly due: string;
}

export interface DiffJson {
  readonly old: string;
  readonly new: string;
  readonly differs: boolean;
  readonly summary: { readonly changes: number; readonly customer: number; readonly provider: number; readonly mixed: number; readonly neither: number; readonly informational: number };
  readonly changes: readonly {
    id: string;
    area: Area;
    subject: string;
    kind: Change['kind'];
    text: string;
    old?: string;
    new?: string;
    favours: Favours;
    provider: ProviderWord | null;
    customer: CustomerWord | null;
    informational: boolean;
    lines: { old?: number; new?: number };
    worstCase?: { old?: WorstCaseJson; new?: WorstCaseJson };
  }[];
  readonly effects: readonly { id: string; subject: string; target: string; favours: Favours; worstCase: { old?: WorstCaseJson; new?: WorstCaseJson } }[];
  /** Which targets' worst cases the budget did not decide (`ContractDiff.notice`). */
  readonly notice?: string;
}

/** The words for each side: a stricter obligation for the provider is better for the customer. */
export function directionWords(favours: Favours, money: boolean): { provider: ProviderWord | null; customer: CustomerWord | null } {
  if (favours === 'customer') return { provider: money ? 'worse' : 'stricter', customer: 'better' };
  if (favours === 'provider') return { provider: money ? 'better' : 'looser', customer: 'worse' };
  return { provider: null, customer: null };
}

/** `stricter for the provider, better for the customer`; empty when no side is favoured. */
export function directionText(favours: Favours, money: boolean): string {
  if (favours === 'mixed') return 'mixed: better for each side in some cases; review it';
  const { provider, customer } = directionWords(favours, money);
  if (!provider || !customer) return '';
  return money && favours === 'provider' ? `better for the provider, worse for the customer` : `${provider} for the provider, ${customer} for the customer`;
}

function worstJson(w: WorstCaseSide): WorstCaseJson {
  return { wall: isoDuration(w.wall), filed: isoInstant(w.filed, w.zone), due: isoInstant(w.due, w.zone) };
}

function worstCaseJson(w: WorstCaseChange): { old?: WorstCaseJson; new?: WorstCaseJson } {
  return { ...(w.old ? { old: worstJson(w.old) } : {}), ...(w.new ? { new: worstJson(w.new) } : {}) };
}

/** The JSON document of a diff. */
export function diffJson(oldFile: string, newFile: string, diff: ContractDiff): DiffJson {
  const count = (f: Favours) => diff.changes.filter((c) => !c.informational && c.favours === f).length;
  return {
    old: oldFile,
    new: newFile,
    differs: diff.differs,
    summary: {
      changes: diff.changes.filter((c) => !c.informational).length,
      customer: count('customer'),
      provider: count('provider'),
      mixed: count('mixed'),
      neither: count('neither'),
      informational: diff.changes.filter((c) => c.informational).length,
    },
    changes: diff.changes.map((c) => ({
      id: c.key,
      area: c.area,
      subject: c.subject,
      kind: c.kind,
      text: c.text,
      ...(c.old !== undefined ? { old: c.old } : {}),
      ...(c.new !== undefined ? { new: c.new } : {}),
      favours: c.favours,
      ...directionWords(c.favours, c.money),
      informational: c.informational,
      lines: { ...c.lines },
      ...(c.worstCase ? { worstCase: worstCaseJson(c.worstCase) } : {}),
    })),
    effects: diff.effects.map((e) => ({ id: e.key, subject: e.subject, target: e.target, favours: e.favours, worstCase: worstCaseJson(e.worstCase) })),
    ...(diff.notice ? { notice: diff.notice } : {}),
  };
}

const HEADINGS: Record<Area, string> = {
  agreement: 'Agreement',
  calendars: 'Business calendars',
  clocks: 'Clocks',
  priorities: 'Priorities and targets',
  plans: 'Plans',
  reclassify: 'Changes of priority',
  escalation: 'Escalation',
  contacts: 'Contacts',
  availability: 'Availability',
  credits: 'Service credits',
  asserts: 'Asserts (informational)',
  scenarios: 'Scenarios (informational)',
};

/** `at most 2d 19h 30m -> at most 8d 19h 30m of real time (filed Wed 2026-09-30 17:30 +08:00)` */
function worstCaseText(w: WorstCaseChange): string {
  const at = (x: WorstCaseSide) => humanDuration(x.wall);
  const where = w.new ?? w.old!;
  const filed = `the slowest filing ${w.new ? '' : 'was '}${humanInstant(where.filed, where.zone)}`;
  if (w.old && w.new) return `worst case ${at(w.old)} -> ${at(w.new)} of real time (${filed})`;
  if (w.new) return `worst case ${at(w.new)} of real time (${filed})`;
  return `worst case was ${at(w.old!)} of real time (${filed})`;
}

function changeLine(c: Change): string {
  const direction = c.informational ? 'informational' : directionText(c.favours, c.money);
  return `${c.subject}: ${c.text}${direction ? `: ${direction}` : ''}`;
}

function effectLine(e: Effect): string {
  const direction = directionText(e.favours, false);
  return `${e.subject} (${e.target}): ${worstCaseText(e.worstCase)}${direction ? `: ${direction}` : ''}`;
}

/** The diff as text: a summary line, then the changes under a heading per part of the contract. */
export function diffText(oldFile: string, newFile: string, diff: ContractDiff): string {
  const json = diffJson(oldFile, newFile, diff);
  const s = json.summary;
  const out: string[] = [];
  if (s.changes === 0) out.push(`${oldFile} -> ${newFile}: no change in obligations${s.informational ? ` (${s.informational} informational)` : ''}`);
  else {
    const parts = [
      s.customer ? `${s.customer} better for the customer` : '',
      s.provider ? `${s.provider} better for the provider` : '',
      s.mixed ? `${s.mixed} mixed` : '',
      s.neither ? `${s.neither} favouring neither side` : '',
    ].filter(Boolean);
    out.push(`${oldFile} -> ${newFile}: ${s.changes} change${s.changes === 1 ? '' : 's'} in obligations (${parts.join(', ')})${s.informational ? `, ${s.informational} informational` : ''}`);
  }
  for (const area of AREAS) {
    const changes = diff.changes.filter((c) => c.area === area);
    if (changes.length === 0) continue;
    out.push('', HEADINGS[area]);
    for (const c of changes) {
      out.push(`  ${changeLine(c)}`);
      if (c.worstCase) out.push(`    ${worstCaseText(c.worstCase)}`);
    }
  }
  if (diff.effects.length > 0) {
    out.push('', 'Targets that read the same but take a different real time');
    for (const e of diff.effects) out.push(`  ${effectLine(e)}`);
  }
  if (diff.notice) out.push('', `note: ${diff.notice}`);
  return out.join('\n') + '\n';
}
