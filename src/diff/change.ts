/**
 * What `pledge diff` reports: changes of obligations between two versions of a contract, each with
 * the side it favours, and the worst-case real time of the targets they move.
 */

/** Who a change is good for. `mixed`: better for each side somewhere; `neither`: no side is favoured. */
export type Favours = 'customer' | 'provider' | 'mixed' | 'neither';

/** The parts of a contract, in the order a diff lists them. */
export const AREAS = [
  'agreement',
  'calendars',
  'clocks',
  'priorities',
  'plans',
  'reclassify',
  'escalation',
  'contacts',
  'availability',
  'credits',
  'asserts',
  'scenarios',
] as const;
export type Area = (typeof AREAS)[number];

export type ChangeKind = 'added' | 'removed' | 'changed' | 'renamed';

/** The slowest filing of a target over a version's term (`src/time/worst-case.ts`). */
export interface WorstCaseSide {
  /** Real time from filing to deadline, in ms. */
  readonly wall: number;
  readonly filed: number;
  readonly due: number;
  /** The zone of the target's calendar, for display. */
  readonly zone: string;
}

export interface WorstCaseChange {
  readonly old?: WorstCaseSide;
  readonly new?: WorstCaseSide;
}

export interface Change {
  /** The same in diff(a, b) and diff(b, a), so a change and its reverse can be paired. */
  readonly key: string;
  readonly area: Area;
  /** What changed: `P2 response`, `calendar business`, `credit cap`. */
  readonly subject: string;
  readonly kind: ChangeKind;
  /** The change in words, after the subject: `8 business hours -> 4 business hours`. */
  readonly text: string;
  /** The old and new values in words, when the change has them. */
  readonly old?: string;
  readonly new?: string;
  readonly favours: Favours;
  /** The direction is about money (fee, credits): better or worse, rather than stricter or looser. */
  readonly money: boolean;
  /** Asserts, scenarios and titles: worth seeing, but no obligation changes. */
  readonly informational: boolean;
  /** Lines of the statements involved, in the old and the new file. */
  readonly lines: { readonly old?: number; readonly new?: number };
  /** For a changed target: its worst-case real time before and after. */
  readonly worstCase?: WorstCaseChange;
}

/** A target whose own statement did not change but whose worst-case real time did (a calendar or the term moved). */
export interface Effect {
  readonly key: string;
  /** `P2 response`, or `plan premium: P2 response`. */
  readonly subject: string;
  /** The target in words, as in the new version. */
  readonly target: string;
  readonly worstCase: WorstCaseChange;
  readonly favours: Favours;
}

export interface ContractDiff {
  readonly changes: readonly Change[];
  readonly effects: readonly Effect[];
  /** True when an obligation differs (any change that is not informational): `pledge diff` exits 1. */
  readonly differs: boolean;
  /** Set when the worst-case searches ran past their budget: which targets were not decided. */
  readonly notice?: string;
}

/** The same change seen from the other version. */
export function reverseFavours(f: Favours): Favours {
  return f === 'customer' ? 'provider' : f === 'provider' ? 'customer' : f;
}

/** Which side more of something favours, given who gains when it grows: compare(old, new). */
export function favourIncrease(oldValue: number, newValue: number, gainer: 'customer' | 'provider'): Favours {
  if (newValue === oldValue) return 'neither';
  return newValue > oldValue ? gainer : reverseFavours(gainer);
}

/** A key for something that may be renamed: the same whichever version is "old". */
export function pairKey(oldName: string, newName: string): string {
  return oldName === newName ? oldName : [oldName, newName].sort().join('|');
}

export type ChangeInit = Omit<Change, 'money' | 'informational' | 'lines'> & Partial<Pick<Change, 'money' | 'informational' | 'lines'>>;

/** A change with the defaults: about service, not informational, no lines. */
export function makeChange(init: ChangeInit): Change {
  return { money: false, informational: false, lines: {}, ...init };
}

/** `{ old: 12, new: 14 }` from the nodes involved, either of which may be absent. */
export function linesOf(oldNode: { readonly range: { readonly start: { readonly line: number } } } | undefined, newNode: typeof oldNode): Change['lines'] {
  return { ...(oldNode ? { old: oldNode.range.start.line } : {}), ...(newNode ? { new: newNode.range.start.line } : {}) };
}
