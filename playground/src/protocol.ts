/**
 * Messages between the page and the checker worker. Every request carries an `id`; the worker
 * answers with the same `id` (and, for long jobs, `progress` messages first). Only data crosses:
 * the page never evaluates anything it receives, and renders every string as text.
 */
import type { CalendarDayJson, TestJson, WhatIfJson } from '../../src/index.js';

/** What a request could not do (the contract has errors, a name is unknown), in words for the user. */
/** Ticket events in words for the people reading the page; the contract's names stay the values. */
export const EVENT_WORDS: Record<string, string> = {
  filed: 'the customer files the ticket',
  confirmed: 'the provider confirms the ticket',
  first_reply: 'first reply to the customer',
  awaiting_customer: 'waiting on the customer',
  customer_replied: 'the customer replies',
  resolved: 'resolved',
  reopened: 'reopened',
  reclassified: 'priority changed',
};

export class Problem extends Error {
  constructor(message: string, readonly details: readonly string[] = []) {
    super(message);
  }
}

/** A diagnostic as the editor needs it: 1-based lines and columns, as the library's. */
export interface MarkerData {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly help?: string;
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly endLineNumber: number;
  readonly endColumn: number;
  readonly related?: readonly { message: string; line: number; column: number }[];
  /** Only the full checks find this one (its rules are tagged slow). */
  readonly slow?: boolean;
}

/** An editor range: 1-based lines and columns, the end exclusive. */
export interface RangeData {
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly endLineNumber: number;
  readonly endColumn: number;
}

/** A text edit: replace `range` with `text`. */
export interface EditData extends RangeData {
  readonly text: string;
}

/** The language service's completions, with Monaco's kind names and the range they replace. */
export interface CompletionData {
  readonly items: readonly { readonly label: string; readonly kind: 'keyword' | 'module' | 'variable' | 'enumMember' | 'struct' | 'value' | 'event'; readonly detail: string; readonly insertText: string }[];
  readonly range: RangeData;
}

/** A diagnostic's fix, as the language service's code actions offer it. */
export interface CodeActionData {
  readonly code: string;
  /** The diagnostic the fix repairs, as its marker. */
  readonly marker: MarkerData;
  readonly title: string;
  readonly edits: readonly EditData[];
}

/** Names declared in the contract, for completion and the panels' pickers. */
export interface DeclaredNames {
  readonly calendars: readonly string[];
  readonly clocks: readonly string[];
  readonly priorities: readonly string[];
  readonly plans: readonly string[];
  readonly contacts: readonly string[];
  readonly scenarios: readonly { title: string; seed?: number }[];
  readonly asserts: number;
  /** The first calendar's zone: times without an offset are read in it. */
  readonly zone: string;
  /** The term as `YYYY-MM-DD`, if the contract has one. */
  readonly term?: { readonly from: string; readonly to: string };
  /** The first date a calendar line closes or opens: where the calendar panel starts. */
  readonly notable?: string;
}

export interface EventRequest {
  readonly event: string;
  /** Local date-time `2026-11-23T10:00` in the contract's zone, or with an offset. */
  readonly at: string;
  readonly priority?: string;
}

export type Request =
  | { readonly type: 'check'; readonly id: number; readonly text: string; readonly speed: 'fast' | 'all' }
  | { readonly type: 'hover'; readonly id: number; readonly text: string; readonly line: number; readonly column: number }
  | { readonly type: 'complete'; readonly id: number; readonly text: string; readonly line: number; readonly column: number }
  | { readonly type: 'code-actions'; readonly id: number; readonly text: string; readonly range: RangeData }
  | { readonly type: 'what-if'; readonly id: number; readonly text: string; readonly priority: string; readonly filed: string; readonly events: readonly EventRequest[]; readonly plan?: string; /** Local date-time the clocks are judged at (reference, "As of"); the end of the term when absent. */ readonly asOf?: string }
  | { readonly type: 'calendar'; readonly id: number; readonly text: string; readonly calendar: string; readonly from: string; readonly to: string }
  | { readonly type: 'test'; readonly id: number; readonly text: string; readonly plan?: string }
  | { readonly type: 'simulate'; readonly id: number; readonly text: string; readonly scenario: string; readonly seed: number };

/** One row of the what-if axis: a clock on its calendar. Instants are epoch ms. */
export interface TimelineRow {
  readonly clock: string;
  readonly label: string;
  readonly state: string;
  readonly open: readonly { start: number; end: number }[];
  readonly starts?: number;
  readonly due?: number;
  readonly stopped?: number;
  readonly pauses: readonly { from: number; to?: number }[];
}

/** Everything the what-if axis draws, with labels already formatted in the contract's zone. */
export interface TimelineView {
  readonly zone: string;
  readonly from: number;
  readonly to: number;
  readonly ticks: readonly { at: number; label: string; major: boolean }[];
  readonly rows: readonly TimelineRow[];
  readonly marks: readonly { at: number; kind: 'filed' | 'event' | 'due' | 'escalation' | 'breach' | 'credit'; row?: string; label: string }[];
}

export interface WhatIfResult {
  readonly json: WhatIfJson;
  /** The same text `pledge what-if` prints. */
  readonly text: string;
  readonly view: TimelineView;
}

export interface CalendarResult {
  readonly calendar: string;
  readonly title?: string;
  readonly zone: string;
  readonly days: readonly CalendarDayJson[];
  /** Where the calendar's hours and closures come from, one line each. */
  readonly sources: readonly string[];
}

export interface TestResult {
  readonly json: TestJson;
  readonly text: string;
  /** Per assert statement, the what-if request that replays its counterexample. */
  readonly replays: readonly ({ priority: string; filed: string; events: EventRequest[]; plan?: string } | undefined)[];
}

export interface SimulationResult {
  readonly available: boolean;
  readonly message: string;
  /** The simulator's report when available: summary lines and SVG charts as data. */
  readonly report?: unknown;
}

export type Response =
  | { readonly type: 'check'; readonly id: number; readonly speed: 'fast' | 'all'; readonly markers: readonly MarkerData[]; readonly names: DeclaredNames; readonly ms: number }
  | { readonly type: 'hover'; readonly id: number; readonly hover?: { readonly lines: readonly string[]; readonly range: RangeData } }
  | { readonly type: 'complete'; readonly id: number; readonly completions: CompletionData }
  | { readonly type: 'code-actions'; readonly id: number; readonly actions: readonly CodeActionData[] }
  | { readonly type: 'what-if'; readonly id: number; readonly result: WhatIfResult }
  | { readonly type: 'calendar'; readonly id: number; readonly result: CalendarResult }
  | { readonly type: 'test'; readonly id: number; readonly result: TestResult }
  | { readonly type: 'simulate'; readonly id: number; readonly result: SimulationResult }
  | { readonly type: 'progress'; readonly id: number; readonly done: number; readonly total: number; readonly note?: string }
  /** The contract has errors, or a request did not make sense: shown to the user as text. */
  | { readonly type: 'problem'; readonly id: number; readonly message: string; readonly details?: readonly string[] };

// ─── The Terms and Compare panels' worker (`worker/terms.worker.ts`), started when one of them opens ───

/** A declaration of the contract and the words that name it in the rendered terms. */
export interface TermsAnchor {
  readonly line: number;
  /** Its title and name as the terms write them (`Beijing office hours`, `P2`). */
  readonly needles: readonly string[];
}

/** One run of the redline: text in both versions, only in the new one, or only in the old one. */
export interface RedlinePart {
  readonly kind: 'same' | 'added' | 'removed';
  readonly text: string;
}

export type TermsRequest =
  | { readonly type: 'terms'; readonly id: number; readonly text: string; readonly lang: 'en' | 'zh' }
  | { readonly type: 'compare'; readonly id: number; readonly old: string; readonly new: string; readonly lang: 'en' | 'zh' };

export type TermsResponse =
  /** `html` is `pledge render --format html`'s page; the panel copies only its text and structure. */
  | { readonly type: 'terms'; readonly id: number; readonly html: string; readonly anchors: readonly TermsAnchor[] }
  | { readonly type: 'compare'; readonly id: number; readonly text: string; readonly json: import('../../src/index.js').DiffJson; readonly redline: readonly RedlinePart[] }
  | { readonly type: 'problem'; readonly id: number; readonly message: string; readonly details?: readonly string[] };
