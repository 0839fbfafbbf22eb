/**
 * The terminal renderer: each diagnostic with its source line and the span underlined, in the
 * style of rustc and Catala, then a one-line summary.
 *
 *   contracts/x.pledge:3:24: error[PLG1002]: `15min` is not a number, duration or date
 *     |
 *   3 |   response 15min on always
 *     |            ^^^^^
 *     = help: durations are written `15m`, `4h`, `1h30m` or `5d`
 *
 *   ✖ 1 error, 0 warnings
 */
import type { Diagnostic, Severity } from './diagnostic.js';
import { countSeverities, excerpt, lineAt, sanitize, type FileReport } from './source-lines.js';

export interface HumanOptions {
  /** ANSI colours; the CLI decides (`--color`, `NO_COLOR`, TTY). */
  readonly color?: boolean;
}

type Style = (text: string) => string;

interface Palette {
  readonly bold: Style;
  readonly dim: Style;
  readonly severity: Record<Severity, Style>;
  readonly ok: Style;
}

const sgr =
  (open: string, close: string): Style =>
  (text) =>
    `\u001b[${open}m${text}\u001b[${close}m`;

const PLAIN: Palette = {
  bold: (t) => t,
  dim: (t) => t,
  severity: { error: (t) => t, warning: (t) => t, info: (t) => t },
  ok: (t) => t,
};

const COLOR: Palette = {
  bold: sgr('1', '22'),
  dim: sgr('2', '22'),
  severity: { error: sgr('31', '39'), warning: sgr('33', '39'), info: sgr('36', '39') },
  ok: sgr('32', '39'),
};

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * Renders diagnostics for a terminal, ending with a summary line and a newline.
 * @example renderHuman([{ file: 'a.pledge', text, diagnostics }], { color: false })
 */
export function renderHuman(reports: readonly FileReport[], options: HumanOptions = {}): string {
  const p = options.color ? COLOR : PLAIN;
  const blocks: string[] = [];
  for (const report of reports) {
    for (const d of report.diagnostics) blocks.push(renderDiagnostic(report, d, p));
  }
  blocks.push(summary(reports, p));
  return blocks.join('\n');
}

function renderDiagnostic(report: FileReport, d: Diagnostic, p: Palette): string {
  const { start, end } = d.range;
  const severity = p.severity[d.severity];
  const lines: string[] = [];
  lines.push(
    `${p.bold(`${sanitize(report.file)}:${start.line}:${start.column}:`)} ` +
      `${p.bold(severity(`${d.severity}[${d.code}]`))}: ${p.bold(sanitize(d.message))}`,
  );
  const width = String(start.line).length;
  const gutter = p.dim(`${' '.repeat(width + 1)}|`);
  const note = p.dim(`${' '.repeat(width + 1)}=`);
  if (report.text !== undefined) {
    const line = lineAt(report.text, start);
    const from = start.offset - line.startOffset + 1;
    const to = end.line === start.line ? end.offset - line.startOffset + 1 : undefined;
    const shown = excerpt(line.text, from, to);
    lines.push(gutter);
    lines.push(`${p.dim(`${String(start.line).padStart(width)} |`)} ${shown.line}`.trimEnd());
    lines.push(`${gutter} ${severity(shown.underline)}`);
  }
  if (d.help !== undefined) lines.push(`${note} ${p.bold('help:')} ${sanitize(d.help)}`);
  for (const r of d.related ?? []) {
    const file = r.file ?? report.file;
    lines.push(`${note} ${p.bold('note:')} ${sanitize(file)}:${r.range.start.line}:${r.range.start.column}: ${sanitize(r.message)}`);
  }
  return `${lines.join('\n')}\n`;
}

function summary(reports: readonly FileReport[], p: Palette): string {
  const { errors, warnings, infos } = countSeverities(reports);
  const suppressed = reports.reduce((n, r) => n + (r.suppressed?.length ?? 0), 0);
  const extra = (infos > 0 ? `, ${plural(infos, 'info', 'infos')}` : '') + (suppressed > 0 ? ` (${suppressed} suppressed)` : '');
  if (errors === 0 && warnings === 0) return `${p.ok('no problems')}${extra}\n`;
  const mark = (errors > 0 ? p.severity.error : p.severity.warning)('✖');
  return `${mark} ${p.bold(`${plural(errors, 'error', 'errors')}, ${plural(warnings, 'warning', 'warnings')}`)}${extra}\n`;
}
