/**
 * Completion: the keywords the grammar accepts at the cursor (chevrotain's content assist over the
 * tokens before it), the declared names that fit there, IANA zones after `zone` and holiday region
 * codes after `holidays`.
 */
import type { IToken, TokenType } from 'chevrotain';
import Holidays from 'date-holidays';
import { TICKET_EVENTS } from '../check/model.js';
import * as T from '../syntax/lexer.js';
import { parserInstance } from '../syntax/parser.js';
import type { PledgeDocument } from './document.js';
import type { Pos } from './symbols.js';

export type CompletionKind = 'keyword' | 'calendar' | 'clock' | 'priority' | 'plan' | 'contact' | 'event' | 'zone' | 'region';

export interface CompletionItem {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail: string;
  /** The text to insert (strings come with their quotes when the cursor is not inside one). */
  readonly insertText: string;
}

export interface Completions {
  readonly items: readonly CompletionItem[];
  /** What the items replace: the word (or string) being typed, from its start to the cursor. */
  readonly replace: { readonly start: number; readonly end: number };
}

const DECLARATION_STARTS = new Set<TokenType>([T.Sla, T.Calendar, T.Clock, T.Priority, T.Reclassify, T.Escalation, T.Contact, T.Availability, T.Credits, T.Assert, T.Scenario, T.Plan]);

let zones: string[] | undefined;
/** Every IANA zone this runtime knows (`Intl.supportedValuesOf`), UTC first. */
export function ianaZones(): readonly string[] {
  zones ??= ['UTC', ...(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []).filter((z) => z !== 'UTC')];
  return zones;
}

let regions: [string, string][] | undefined;
/** date-holidays' country codes with their names. */
export function holidayRegionCodes(): readonly [string, string][] {
  try {
    regions ??= Object.entries(new Holidays().getCountries('en'));
  } catch {
    regions = [];
  }
  return regions;
}

/**
 * The tokens of the top-level declaration that holds `offset`, up to it: content assist only needs
 * the declaration being written, and a 2,000-line contract would otherwise be re-parsed whole.
 */
function tokensOfDeclaration(tokens: readonly IToken[], offset: number): IToken[] {
  let depth = 0;
  let start = 0;
  let end = 0;
  for (; end < tokens.length && tokens[end]!.endOffset! < offset; end++) {
    const t = tokens[end]!;
    if (t.tokenType === T.LCurly) depth++;
    else if (t.tokenType === T.RCurly) depth = Math.max(0, depth - 1);
    else if (depth === 0 && DECLARATION_STARTS.has(t.tokenType)) start = end;
  }
  return tokens.slice(start, end);
}

function keywordItems(types: readonly TokenType[]): CompletionItem[] {
  const words = new Set<string>();
  for (const t of types) {
    if (t === T.Day) T.DAY_WORDS.forEach((w) => words.add(w));
    else if (t === T.PeriodKw) T.PERIOD_WORDS.forEach((w) => words.add(w));
    else if (t.name.startsWith('Kw_')) words.add(t.name.slice(3));
  }
  return [...words].map((w) => ({ label: w, kind: 'keyword', detail: 'keyword', insertText: w }));
}

/** The completions at a position. */
export function complete(doc: PledgeDocument, p: Pos): Completions {
  const offset = doc.offsetAt(p.line, p.column);
  const text = doc.text;
  const lexed = T.PledgeLexer.tokenize(text);
  const inComment = (lexed.groups['comments'] ?? []).some((c) => c.startOffset < offset && offset <= c.endOffset! + (c.tokenType === T.LineComment ? 1 : 0));
  // The token the cursor is in or just after (`resp|`, `"Asia/Sh|`).
  const current = lexed.tokens.find((t) => t.startOffset < offset && offset <= t.endOffset! + 1);
  // Inside a string is after its opening quote and before its closing one (an unterminated one runs on).
  const inString = current !== undefined && (current.tokenType === T.UnterminatedString || (current.tokenType === T.StringLit && offset <= current.endOffset!));
  if (inComment) return { items: [], replace: { start: offset, end: offset } };
  const wordStart = current && !inString && /^[A-Za-z_]/.test(current.image) ? current.startOffset : offset;
  const before = tokensOfDeclaration(lexed.tokens, current ? current.startOffset : offset);
  const prev = before[before.length - 1];
  const model = doc.model;
  const items: CompletionItem[] = [];
  const add = (label: string, kind: CompletionKind, detail: string, insertText = label) => items.push({ label, kind, detail, insertText });

  // Strings: zones, regions and contacts, by the keyword before.
  const stringItems = (quoted: boolean) => {
    const q = (s: string) => (quoted ? s : JSON.stringify(s));
    if (prev?.tokenType === T.Zone) for (const z of ianaZones()) add(z, 'zone', 'IANA time zone', q(z));
    else if (prev?.tokenType === T.Holidays) for (const [c, name] of holidayRegionCodes()) add(c, 'region', `holidays of ${name}`, q(c));
    else for (const c of model.contacts.keys()) add(c, 'contact', 'contact', q(c));
  };
  if (inString) {
    stringItems(true);
    // Inside the quotes the item replaces what follows the opening quote.
    return { items, replace: { start: current!.startOffset + 1, end: offset } };
  }

  let paths: ReturnType<ReturnType<typeof parserInstance>['computeContentAssist']> = [];
  try {
    paths = parserInstance().computeContentAssist('contract', before);
  } catch {
    paths = [];
  }
  const next = [...new Set(paths.map((x) => x.nextTokenType))];
  items.push(...keywordItems(next));
  if (next.includes(T.StringLit)) stringItems(false);
  if (next.includes(T.Identifier)) {
    const rules = new Set(paths.filter((x) => x.nextTokenType === T.Identifier).map((x) => x.ruleStack[x.ruleStack.length - 1]));
    const stack = paths.find((x) => x.nextTokenType === T.Identifier)?.ruleStack ?? [];
    const decl = stack[2];
    const names = (kind: 'calendar' | 'clock' | 'priority' | 'plan' | 'event') => {
      const list = kind === 'calendar' ? model.calendars.keys() : kind === 'clock' ? model.clocks.keys() : kind === 'priority' ? model.priorities.map((x) => x.name) : kind === 'plan' ? model.plans.keys() : TICKET_EVENTS;
      for (const n of list) add(n, kind, kind === 'event' ? 'ticket event' : kind);
    };
    const prevType = prev?.tokenType;
    if (rules.has('declName') || (prevType === T.Priority && decl === 'plan')) {
      // A new name is being declared: nothing to offer (but a plan's `priority` overrides one).
      if (prevType === T.Priority) names('priority');
    } else if (prevType === T.On) names('calendar');
    else if (prevType === T.Extends) names('plan');
    else if (decl === 'clock' || prevType === T.Under) names('event');
    else if (rules.has('priorityStmt')) names('clock');
    else if (decl === 'credits') names(prevType === T.Of ? 'priority' : 'clock');
    else if (decl === 'escalation') names(prevType === T.Of ? 'clock' : 'priority');
    else if (decl === 'assert') names(prevType === T.Identifier ? 'clock' : 'priority');
    else if (decl === 'scenario' && prevType === T.Plans) names('plan');
    else if (decl === 'scenario' || decl === 'plan') names('priority');
    else if (decl !== 'sla') for (const k of ['calendar', 'clock', 'priority', 'plan'] as const) names(k);
  }
  return { items, replace: { start: wordStart, end: offset } };
}
