/**
 * Annotated-source baselines (TypeScript's `.errors.txt` style): the source with each
 * diagnostic underlined beneath the line it starts on. Reviewed as plain text diffs.
 */
import type { Diagnostic } from '../src/index.js';

export function annotate(text: string, diagnostics: readonly Diagnostic[]): string {
  const lines = text.split('\n');
  const width = String(lines.length).length;
  const byLine = new Map<number, Diagnostic[]>();
  for (const d of diagnostics) byLine.set(d.range.start.line, [...(byLine.get(d.range.start.line) ?? []), d]);
  const count = (s: string) => diagnostics.filter((d) => d.severity === s).length;
  const out = [`== ${count('error')} errors, ${count('warning')} warnings, ${count('info')} infos ==`];
  const gutter = ' '.repeat(width) + ' |';
  lines.forEach((line, i) => {
    const n = i + 1;
    if (i === lines.length - 1 && line === '') return;
    out.push(`${String(n).padStart(width)} | ${line}`.trimEnd());
    for (const d of byLine.get(n) ?? []) {
      const start = d.range.start.column;
      const end = d.range.end.line === n ? Math.max(d.range.end.column, start + 1) : line.length + 1;
      out.push(`${gutter} ${' '.repeat(start - 1)}${'~'.repeat(Math.max(1, end - start))} ${d.severity} ${d.code}: ${d.message}`);
      if (d.help) out.push(`${gutter} ${' '.repeat(start - 1)}help: ${d.help}`);
      if (d.fix) out.push(`${gutter} ${' '.repeat(start - 1)}fix: ${d.fix.title}`);
      for (const r of d.related ?? []) out.push(`${gutter} ${' '.repeat(start - 1)}note: ${r.range.start.line}:${r.range.start.column}: ${r.message}`);
    }
  });
  for (const d of diagnostics.filter((x) => x.range.start.line > lines.length)) out.push(`(end of file) ${d.severity} ${d.code}: ${d.message}`);
  return out.join('\n') + '\n';
}
