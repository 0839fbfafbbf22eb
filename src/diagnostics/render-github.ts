/**
 * GitHub Actions workflow commands (`--format github`): one annotation per diagnostic, shown on
 * the pull request's diff.
 *
 *   ::error file=a.pledge,line=1,col=13,endLine=1,endColumn=13,title=PLG1003::expected `}`, found end of file
 */
import type { Severity } from './diagnostic.js';
import type { FileReport } from './source-lines.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes a command's message: `%`, CR and LF (the runner decodes them back). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value: as {@link escapeData}, plus `:` and `,`, which delimit properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One workflow command per line; help follows the message after ` — `.
 * @example renderGithub(reports) // '::error file=a.pledge,line=1,col=13,…::expected `}`…\n'
 */
export function renderGithub(reports: readonly FileReport[]): string {
  let out = '';
  for (const report of reports) {
    for (const d of report.diagnostics) {
      const { start, end } = d.range;
      const props = [
        `file=${escapeProperty(report.file)}`,
        `line=${start.line}`,
        `col=${start.column}`,
        `endLine=${end.line}`,
        `endColumn=${end.column}`,
        `title=${escapeProperty(d.code)}`,
      ].join(',');
      const message = d.help === undefined ? d.message : `${d.message} — ${d.help}`;
      out += `::${COMMAND[d.severity]} ${props}::${escapeData(message)}\n`;
    }
  }
  return out;
}
