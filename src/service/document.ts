/**
 * One contract text and what the editor features need of it, each computed once on first use:
 * the parse, the fast and the full analysis, the compiled contract and the symbol index.
 */
import type * as A from '../ast/nodes.js';
import { checkWith, type CheckOptions, type IcsParser } from '../check/checker.js';
import { RULES } from '../check/rules/index.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { reportedDiagnostics } from '../diagnostics/suppress.js';
import { parse, type ParseResult } from '../syntax/parse.js';
import { compileContract, type RuntimeContract } from '../time/contract.js';
import type { Model } from '../check/model.js';
import { occurrences, type Occurrence } from './symbols.js';

/** Codes that only slow rules report: a fast check cannot say whether they still hold. */
export const SLOW_ONLY_CODES: ReadonlySet<string> = (() => {
  const fast = new Set(RULES.filter((r) => r.speed === 'fast').flatMap((r) => r.codes));
  return new Set(RULES.filter((r) => r.speed === 'slow').flatMap((r) => r.codes).filter((c) => !fast.has(c)));
})();

export interface Checked {
  readonly model: Model;
  /** Syntax and checker diagnostics together, sorted by position (as `analyze`). */
  readonly diagnostics: readonly Diagnostic[];
  /** A `holidays file` was read but not parsed (`DocumentFiles.parseIcs` answered undefined): it is not in the model yet. */
  readonly pendingFiles?: boolean;
}

/** What a document reads besides its text: the files its `holidays file` lines name. */
export interface DocumentFiles {
  /** Reads a `holidays file` path as written (see `CheckOptions.readFile`); none: PLG2130, as in the playground. */
  readonly readFile?: CheckOptions['readFile'];
  /** Parses a file's text (see `IcsParser`); by default it is parsed here. */
  readonly parseIcs?: IcsParser;
}

export class PledgeDocument {
  private parsed?: ParseResult;
  private fastChecked?: Checked;
  private fullChecked?: Checked;
  private compiled?: RuntimeContract | null;
  private index?: Occurrence[];
  private lineStarts?: number[];

  constructor(
    readonly text: string,
    private readonly files: DocumentFiles = {},
  ) {}

  get parse(): ParseResult {
    return (this.parsed ??= parse(this.text));
  }

  /** Parse + the rules tagged fast (every keystroke), or every rule (after a pause). */
  check(speed: 'fast' | 'all'): Checked {
    if (speed === 'all' || this.fullChecked) return (this.fullChecked ??= this.run('all'));
    return (this.fastChecked ??= this.run('fast'));
  }

  /** The model (same in a fast and a full check). */
  get model(): Model {
    return (this.fullChecked ?? this.fastChecked ?? this.check('fast')).model;
  }

  /**
   * The full check's diagnostics, computed elsewhere for this same text and file reader (the
   * language server runs all checks in a worker thread): `check('all')` answers them without
   * running the slow rules here. The model is the fast check's, which is the same.
   */
  adoptFullCheck(diagnostics: readonly Diagnostic[]): void {
    if (this.fullChecked) return;
    // A fast check that left a file unparsed is run again: the full check's thread has parsed the
    // files by now (the language server hands the parses to `parseIcs`), and the model that features
    // compile must hold them.
    if (this.fastChecked?.pendingFiles) this.fastChecked = undefined;
    const fast = this.check('fast');
    this.fullChecked = { model: fast.model, diagnostics };
    // Still unparsed (the file changed between the two reads): no compiled contract rather than one
    // that ignores the file; the watched file's change checks the document again.
    if (fast.pendingFiles) this.compiled ??= null;
  }

  /**
   * The full check was stopped over the limit (the language server's watchdog): from now on
   * `check('all')` answers the fast check's findings and there is no compiled contract, so no
   * feature runs the slow work again on this text.
   */
  stopFullCheck(): void {
    this.fullChecked ??= this.check('fast');
    this.compiled ??= null;
  }

  private run(speed: 'fast' | 'all'): Checked {
    const p = this.parse;
    const { readFile, parseIcs } = this.files;
    let pending = false;
    const parseFile: IcsParser | undefined = parseIcs && ((text, zone, window) => {
      const parsed = parseIcs(text, zone, window);
      if (!parsed) pending = true;
      return parsed;
    });
    const checked = checkWith(RULES, p.ast, { speed, ...(readFile ? { readFile } : {}), ...(parseFile ? { parseIcs: parseFile } : {}) });
    return { model: checked.model, diagnostics: reportedDiagnostics(p.diagnostics, checked.diagnostics, p.comments).diagnostics, ...(pending ? { pendingFiles: true } : {}) };
  }

  /** The compiled contract, when the full check finds no error (the engine needs a sound model). */
  get runtime(): RuntimeContract | undefined {
    if (this.compiled === undefined) {
      const checked = this.check('all');
      try {
        this.compiled = checked.diagnostics.some((d) => d.severity === 'error') ? null : compileContract(checked.model);
      } catch {
        this.compiled = null;
      }
    }
    return this.compiled ?? undefined;
  }

  get occurrences(): readonly Occurrence[] {
    return (this.index ??= occurrences(this.parse.ast));
  }

  /** The 0-based offset of a 1-based line and column (clamped to the text). */
  offsetAt(line: number, column: number): number {
    const starts = this.starts();
    const l = Math.min(Math.max(line, 1), starts.length);
    const start = starts[l - 1]!;
    const end = l < starts.length ? starts[l]! - 1 : this.text.length;
    return Math.min(start + Math.max(column - 1, 0), end);
  }

  /** The 1-based position of an offset. */
  positionAt(offset: number): A.Position {
    const starts = this.starts();
    const o = Math.min(Math.max(offset, 0), this.text.length);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - starts[lo]! + 1, offset: o };
  }

  private starts(): number[] {
    if (!this.lineStarts) {
      const s = [0];
      for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) s.push(i + 1);
      this.lineStarts = s;
    }
    return this.lineStarts;
  }
}

/** The last few documents by text, so that each request on an unchanged text reuses its work. */
export class DocumentCache {
  private readonly docs = new Map<string, PledgeDocument>();
  constructor(private readonly size = 8) {}

  /**
   * The document for `text`. With `files`, `key` names what the reader reads (the contract's
   * folder, and a generation that changes when those files do): the same text read against other
   * files is another document.
   */
  get(text: string, files?: DocumentFiles & { readonly key: string }): PledgeDocument {
    const id = files ? `${files.key}\u0000${text}` : text;
    let doc = this.docs.get(id);
    if (doc) this.docs.delete(id);
    else doc = new PledgeDocument(text, files ?? {});
    this.docs.set(id, doc);
    while (this.docs.size > this.size) this.docs.delete(this.docs.keys().next().value!);
    return doc;
  }
}
