/**
 * Suppression comments: a reviewed finding can be accepted in the contract itself, with its reason,
 * the way ESLint's `eslint-disable-next-line` works.
 *
 *   // pledge-disable-next-line PLG2022 -- the customer agreed to 24 business hours
 *   // pledge-disable-file PLG2059, PLG2051 -- credits are capped in the master agreement
 *
 * Only warnings and infos can be suppressed: an error means the contract cannot be evaluated.
 * A suppression that matches nothing, has no `-- reason`, or names an unknown code or an error is
 * itself a warning. Suppressed findings are not dropped: they come back separately so SARIF can list
 * them as suppressed (`result.suppressions`, kind `inSource`, SARIF 2.1.0 §3.27.23 and §3.35,
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html).
 *
 * Pure: the playground and the language server use it through `analyze`.
 */
import type { Comment, Range } from '../ast/nodes.js';
import { CATALOG, type Code } from './catalog.js';
import { diagnostic, sortDiagnostics, type Diagnostic } from './diagnostic.js';

/** A diagnostic that a comment suppressed, with the comment's reason. */
export interface SuppressedDiagnostic extends Diagnostic {
  readonly suppression: {
    /** The text after `--`; empty when none was given (which is itself a PLG2092 warning). */
    readonly justification: string;
    /** Where the suppression comment is. */
    readonly range: Range;
  };
}

export interface SuppressionResult {
  /** What is still reported, including warnings about the suppression comments themselves. */
  readonly diagnostics: readonly Diagnostic[];
  readonly suppressed: readonly SuppressedDiagnostic[];
}

interface Directive {
  readonly scope: 'next-line' | 'file';
  readonly codes: readonly Code[];
  readonly justification: string;
  readonly comment: Comment;
  /** For `next-line`: the 1-based line whose diagnostics it covers. */
  readonly line: number;
  readonly used: Set<Code>;
}

const DIRECTIVE = /^\/\/\s*pledge-disable-(next-line|file)\b(.*)$/;
const BLOCK_DIRECTIVE = /^\/\*\s*pledge-disable-(next-line|file)\b([\s\S]*?)\*\/$/;

function directives(comments: readonly Comment[], report: (d: Diagnostic) => void): Directive[] {
  const found: Directive[] = [];
  for (const comment of comments) {
    const m = (comment.block ? BLOCK_DIRECTIVE : DIRECTIVE).exec(comment.text.trim());
    if (!m) continue;
    const scope = m[1] === 'file' ? 'file' : 'next-line';
    const rest = m[2]!;
    const dash = rest.indexOf('--');
    const list = (dash < 0 ? rest : rest.slice(0, dash)).trim();
    const justification = dash < 0 ? '' : rest.slice(dash + 2).trim();
    const codes: Code[] = [];
    for (const word of list.split(/[\s,]+/).filter((w) => w.length > 0)) {
      if (!Object.hasOwn(CATALOG, word)) {
        report(diagnostic('PLG2093', `\`${word}\` is not a diagnostic code`, comment.range, { help: 'name codes such as `PLG2022`, separated by commas; see grammar/diagnostics.md' }));
        continue;
      }
      const code = word as Code;
      if (CATALOG[code].severity === 'error') {
        report(diagnostic('PLG2093', `\`${code}\` is an error and cannot be suppressed`, comment.range, { help: 'errors mean the contract cannot be evaluated: fix the contract instead' }));
        continue;
      }
      codes.push(code);
    }
    if (list.length === 0) {
      report(diagnostic('PLG2093', `\`pledge-disable-${scope}\` names no code`, comment.range, { help: 'name the codes it accepts, such as `// pledge-disable-next-line PLG2022 -- reason`: a blanket suppression would hide new findings too' }));
    }
    if (justification.length === 0) {
      report(diagnostic('PLG2092', 'the suppression gives no reason', comment.range, { help: 'add `-- ` and why the finding is accepted, e.g. `-- agreed with the customer on 2026-11-02`' }));
    }
    if (codes.length > 0) found.push({ scope, codes, justification, comment, line: comment.range.end.line + 1, used: new Set() });
  }
  return found;
}

/**
 * Applies the suppression comments among `comments` to `diagnostics` (already sorted).
 * @example applySuppressions(diagnostics, parse(text).comments).suppressed.length
 */
export function applySuppressions(diagnostics: readonly Diagnostic[], comments: readonly Comment[]): SuppressionResult {
  const notes: Diagnostic[] = [];
  const list = directives(comments, (d) => notes.push(d));
  if (list.length === 0 && notes.length === 0) return { diagnostics, suppressed: [] };
  const kept: Diagnostic[] = [];
  const suppressed: SuppressedDiagnostic[] = [];
  for (const d of diagnostics) {
    const by = d.severity === 'error' ? undefined : list.find((s) => s.codes.includes(d.code) && (s.scope === 'file' || s.line === d.range.start.line));
    if (!by) {
      kept.push(d);
      continue;
    }
    by.used.add(d.code);
    suppressed.push({ ...d, suppression: { justification: by.justification, range: by.comment.range } });
  }
  for (const s of list) {
    for (const code of s.codes) {
      if (s.used.has(code)) continue;
      notes.push(
        diagnostic('PLG2091', s.scope === 'file' ? `nothing in the file has \`${code}\` to suppress` : `nothing on line ${s.line} has \`${code}\` to suppress`, s.comment.range, {
          help: 'remove the code from the comment (or the comment): the finding it accepted is gone',
        }),
      );
    }
  }
  return { diagnostics: [...kept, ...notes], suppressed };
}

/**
 * What a check reports for a text (reference, "Diagnostics and exit codes"): while the text has
 * syntax errors only the syntax diagnostics, since the checker sees a partial tree and would mostly
 * repeat the syntax error; otherwise both, sorted by position, with suppression comments applied.
 * `pledge check`, `analyze` and the language service all report through this one function.
 */
export function reportedDiagnostics(
  syntax: readonly Diagnostic[],
  checker: readonly Diagnostic[],
  comments: readonly Comment[],
): SuppressionResult {
  const fromChecker = syntax.some((d) => d.severity === 'error') ? [] : checker;
  const { diagnostics, suppressed } = applySuppressions(sortDiagnostics([...syntax, ...fromChecker]), comments);
  return { diagnostics: sortDiagnostics(diagnostics), suppressed };
}
