/**
 * `pledge check <paths...>`: analyses contracts and reports diagnostics.
 *
 * Exit code: 2 when a path could not be read (the others are still checked and reported);
 * else 1 when there is an error or more warnings than `--max-warnings`; else 0.
 * With `--format json|sarif`, stdout carries only the document; every message goes to stderr.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { analyze } from '../index.js';
import { renderGithub } from '../diagnostics/render-github.js';
import { renderHuman } from '../diagnostics/render-human.js';
import { renderJson } from '../diagnostics/render-json.js';
import { renderSarif } from '../diagnostics/render-sarif.js';
import { countSeverities, type FileReport } from '../diagnostics/source-lines.js';
import { colorOption, EXIT, type CliCommand } from './command.js';
import { cannotRead, complain, displayPath, findFiles, packageVersion, readSource, sourceRoot, useColor, type CliIo } from './io.js';

export const FORMATS = ['human', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

interface CheckOptions {
  readonly format: Format;
  readonly maxWarnings?: number;
  readonly color: string;
}

/** `--max-warnings N`: a whole number, 0 or more. */
function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number, 0 or more');
  return Number(value);
}

/** A checked file, with its absolute path kept for repo-relative output (SARIF, GitHub). */
interface Checked {
  readonly absolute: string;
  readonly report: FileReport;
}

/**
 * Finds and checks every file; unreadable paths are reported on stderr as they turn up.
 * Resolves to the reports and whether any path failed.
 */
export async function checkPaths(paths: readonly string[], io: CliIo): Promise<{ checked: Checked[]; failed: boolean }> {
  const found = await findFiles(paths, io.cwd);
  for (const failure of found.failures) complain(io, failure.message);
  let failed = found.failures.length > 0;
  const checked: Checked[] = [];
  for (const file of found.files) {
    const read = await readSource(file.absolute);
    switch (read.kind) {
      case 'text':
        checked.push({ absolute: file.absolute, report: { file: file.display, text: read.text, diagnostics: analyze(read.text).diagnostics } });
        break;
      case 'unreadable':
        checked.push({ absolute: file.absolute, report: { file: file.display, diagnostics: [read.diagnostic] } });
        break;
      case 'failed':
        complain(io, cannotRead(file.display, read.reason).message);
        failed = true;
        break;
      default: {
        const never: never = read;
        throw new Error(`unexpected read result ${JSON.stringify(never)}`);
      }
    }
  }
  return { checked, failed };
}

/** The rendered output for one format. SARIF and GitHub paths are relative to the repository root. */
function render(format: Format, checked: readonly Checked[], io: CliIo, color: boolean): string {
  const reports = checked.map((c) => c.report);
  const fromRoot = (): FileReport[] => {
    const root = sourceRoot(io.cwd);
    return checked.map((c) => ({ ...c.report, file: displayPath(c.absolute, root) }));
  };
  switch (format) {
    case 'human':
      return renderHuman(reports, { color });
    case 'json':
      return renderJson(reports);
    case 'sarif':
      return renderSarif(fromRoot(), { toolVersion: packageVersion() });
    case 'github':
      return renderGithub(fromRoot());
    default: {
      const never: never = format;
      throw new Error(`unknown format ${String(never)}`);
    }
  }
}

export const checkCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('check')
      .description('check contracts and report problems')
      .argument('<paths...>', 'contract files (any extension) or folders (searched for *.pledge)')
      .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('human'))
      .addOption(new Option('--max-warnings <n>', 'exit 1 when there are more than n warnings').argParser(parseCount))
      .addOption(colorOption()),

  async run(command, io) {
    const paths = command.processedArgs[0] as string[];
    const options = command.opts<CheckOptions>();
    const { checked, failed } = await checkPaths(paths, io);
    const color = useColor(options.color, io.stdout, io.env);
    // A human summary saying "no problems" when nothing could be read would mislead.
    if (options.format !== 'human' || checked.length > 0) io.stdout.write(render(options.format, checked, io, color));

    const { errors, warnings } = countSeverities(checked.map((c) => c.report));
    const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
    if (tooManyWarnings) complain(io, `too many warnings (${warnings}; at most ${options.maxWarnings} allowed by --max-warnings)`);
    if (failed) return EXIT.usage;
    return errors > 0 || tooManyWarnings ? EXIT.problems : EXIT.ok;
  },
};

