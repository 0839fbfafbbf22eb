/**
 * The checker: rules registered per node kind, each tagged `fast` (cheap enough for every
 * keystroke in the editor) or `slow` (walks the term day by day, loads holiday data).
 */
import type * as A from '../ast/nodes.js';
import { walk } from '../ast/walk.js';
import type { Code } from '../diagnostics/catalog.js';
import { diagnostic, sortDiagnostics, type Diagnostic, type DiagnosticExtras } from '../diagnostics/diagnostic.js';
import { buildModel, calendarZone, type HolidayFile, type Model } from './model.js';
import { readIcsHolidays, type IcsHolidays, type IcsWindow } from '../time/ics-holidays.js';
import { compileContract, type RuntimeContract } from '../time/contract.js';
import { isoDateLit } from '../ast/dates.js';

export type Speed = 'fast' | 'slow';

export interface CheckContext {
  readonly model: Model;
  /** The time engine's view of the contract, for slow rules; undefined in a fast run. */
  readonly runtime?: () => RuntimeContract;
  report(code: Code, message: string, range: A.Range, extras?: DiagnosticExtras): void;
}

type NodeOf<K extends A.NodeKind> = Extract<A.Node, { kind: K }>;

/** A check of one node kind. `Contract` rules see the whole model once. */
export interface Rule<K extends A.NodeKind = A.NodeKind> {
  /** The codes this rule can report, for the docs and for tests that every code has a fixture. */
  readonly codes: readonly Code[];
  readonly kind: K;
  readonly speed: Speed;
  // A method (not a function property) so a Rule<'Target'> fits in a Rule[] list.
  run(node: NodeOf<K>, ctx: CheckContext): void;
}

/** Declares a rule with its node type inferred from `kind`. */
export function rule<K extends A.NodeKind>(r: Rule<K>): Rule<K> {
  return r;
}

export interface CheckOptions {
  /** `fast` runs only the rules cheap enough for every keystroke; default `all`. */
  readonly speed?: 'fast' | 'all';
  /**
   * Reads the file a `holidays file "PATH"` statement names, `PATH` as written (the CLI resolves it
   * against the contract's directory). Without it no file can be read: the statement is an error
   * (PLG2130), as in the playground.
   */
  readonly readFile?: (path: string) => { readonly text: string } | { readonly error: string };
}

/** PLG2130's reason when no reader was given. */
export const NO_FILE_READER = 'files cannot be read in the playground (nor by `analyze` without its `readFile` option)';

/**
 * Parses a `holidays file`'s text for a calendar in `zone` over `window` (the term), or answers
 * undefined: not parsed yet. Such a statement is left out of the model's `holidayFiles` (as a file
 * that closes nothing, and with nothing to report) until a check that parses it. The language
 * server's thread uses this so that a keystroke never parses an iCalendar file there: it answers
 * parses done before (in its full-check thread), by content, and leaves the rest to that thread.
 */
export type IcsParser = (text: string, zone: string, window: IcsWindow | undefined) => IcsHolidays | undefined;

/** `checkWith`'s options: the public ones, and how `holidays file` texts are parsed (by default `readIcsHolidays`). */
export interface CheckWithOptions extends CheckOptions {
  readonly parseIcs?: IcsParser;
}

/** Reads and parses every `holidays file` of the model's calendars, in each calendar's zone and over the term. */
function readHolidayFiles(model: Model, readFile: CheckOptions['readFile'], parseIcs: IcsParser = readIcsHolidays): Map<A.HolidaysFileStmt, HolidayFile> {
  const out = new Map<A.HolidaysFileStmt, HolidayFile>();
  const t = model.term;
  const iso = isoDateLit;
  const window = t ? { from: iso(t.from), to: iso(t.to) } : undefined;
  for (const decl of model.calendars.values()) {
    for (const s of decl.body) {
      if (s.kind !== 'HolidaysFile') continue;
      const read = readFile ? readFile(s.file.value) : { error: NO_FILE_READER };
      if ('error' in read) {
        out.set(s, { kind: 'unreadable', reason: read.error });
        continue;
      }
      const parsed = parseIcs(read.text, calendarZone(decl) ?? 'UTC', window);
      if (parsed) out.set(s, { kind: 'read', ...parsed });
    }
  }
  return out;
}

export interface CheckResult {
  readonly model: Model;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Runs `rules` over `ast`.
 * @example checkWith(RULES, parse(text).ast).diagnostics
 */
export function checkWith(rules: readonly Rule[], ast: A.Contract, options: CheckWithOptions = {}): CheckResult {
  const built = buildModel(ast);
  const model: Model = ast.declarations.some((d) => d.kind === 'Calendar' && d.body.some((s) => s.kind === 'HolidaysFile'))
    ? { ...built, holidayFiles: readHolidayFiles(built, options.readFile, options.parseIcs) }
    : built;
  const active = rules.filter((r) => options.speed !== 'fast' || r.speed === 'fast');
  const byKind = new Map<A.NodeKind, Rule[]>();
  for (const r of active) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r]);

  const found: Diagnostic[] = [];
  const seen = new Set<string>();
  let runtime: RuntimeContract | undefined;
  const ctx: CheckContext = {
    model,
    ...(options.speed === 'fast' ? {} : { runtime: () => (runtime ??= compileContract(model)) }),
    report(code, message, range, extras) {
      const key = `${code}:${range.start.offset}:${range.end.offset}:${message}`;
      if (seen.has(key)) return;
      seen.add(key);
      found.push(diagnostic(code, message, range, extras));
    },
  };
  walk(ast, (node) => {
    for (const r of byKind.get(node.kind) ?? []) (r.run as (n: A.Node, c: CheckContext) => void)(node, ctx);
  });
  return { model, diagnostics: sortDiagnostics(found) };
}
