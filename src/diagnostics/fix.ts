/**
 * Applying machine-applicable fixes (`pledge check --fix`, the editors' "fix all"): every diagnostic
 * that carries a `fix` that keeps the contract's meaning (not `changesMeaning`) has its edits applied, in one pass, skipping a fix whose edits overlap an
 * earlier one's (the next pass, on the re-checked text, gets it). Pure, so the language server and
 * the playground can use it.
 */
import type { Diagnostic, Fix, TextEdit } from './diagnostic.js';

export interface FixPass {
  /** The text with the fixes applied. */
  readonly text: string;
  /** The diagnostics whose fixes were applied, in text order. */
  readonly applied: readonly Diagnostic[];
}

/**
 * Applies every fix among `diagnostics` whose edits do not overlap an earlier fix's.
 * @example applyFixes(text, analyze(text).diagnostics).text
 */
export function applyFixes(text: string, diagnostics: readonly Diagnostic[]): FixPass {
  const withFix = diagnostics.filter((d): d is Diagnostic & { fix: Fix } => d.fix !== undefined && d.fix.edits.length > 0 && d.fix.changesMeaning !== true);
  withFix.sort((a, b) => firstOffset(a.fix) - firstOffset(b.fix));
  const chosen: TextEdit[] = [];
  const applied: Diagnostic[] = [];
  const taken: [number, number][] = [];
  for (const d of withFix) {
    const spans = d.fix.edits.map((e) => [e.range.start.offset, e.range.end.offset] as [number, number]);
    // Two edits overlap when they share a character, or insert at the same point.
    const clash = spans.some(([s, e]) => taken.some(([ts, te]) => (s < te && ts < e) || s === ts));
    if (clash) continue;
    taken.push(...spans);
    chosen.push(...d.fix.edits);
    applied.push(d);
  }
  // Apply back to front so earlier offsets stay valid.
  chosen.sort((a, b) => b.range.start.offset - a.range.start.offset);
  let out = text;
  for (const e of chosen) out = out.slice(0, e.range.start.offset) + e.newText + out.slice(e.range.end.offset);
  return { text: out, applied };
}

function firstOffset(fix: Fix): number {
  return Math.min(...fix.edits.map((e) => e.range.start.offset));
}
