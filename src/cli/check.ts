/**
 * `pledge check <paths...>`: analyses contracts and reports diagnostics.
 *
 * Exit code: 2 when a path could not be read (the others are still checked and reported);
 * else 1 when there is an error or more warnings than `--max-warnings`; else 0.
 * With `--format json|sarif`, stdout carries only the document; every message goes to stderr.
 */
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { analyze } from '../index.js';
import { renderGithub } from '../diagnostics/render-github.js';
import { renderHuman } from '../diagnostics/render-human.js';
import { renderJson } from '../diagnostics/render-json.js';
import { renderSarif } from '../diagnostics/render-sarif.js';
import { countSeverities, type FileReport } from '../diagnostics/source-lines.js';
import { colorOption, EXIT, type CliCommand } from './command.js';
import { cannotRead, complain, displayPath, findFiles, packageVersion, readSource, readStdin, sourceRoot, UsageError, useColor, type CliIo } from './io.js';

export const FORMATS = ['human', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

interface CheckOptions {
  readonly format: Format;
  readonly maxWarnings?: number;
  readonly color: string;
  readonly stdinFilename?: string;
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

/** `pledge check -`: checks standard input, reported under `name` (`--stdin-filename`). */
async function checkStdin(io: CliIo, name: string): Promise<{ checked: Checked[]; failed: boolean }> {
  const read = await readStdin(io);
  const absolute = name === '<stdin>' ? name : path.resolve(io.cwd, name);
  switch (read.kind) {
    case 'text':
      return { checked: [{ absolute, report: { file: name, text: read.text, diagnostics: analyze(read.text).diagnostics } }], failed: false };
    case 'unreadable':
      return { checked: [{ absolute, report: { file: name, diagnostics: [read.diagnostic] } }], failed: false };
    case 'failed':
      complain(io, `cannot read stdin: ${read.reason}`);
      return { checked: [], failed: true };
    default: {
      const never: never = read;
      throw new Error(`unexpected read result ${JSON.stringify(never)}`);
    }
  }
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
      .option('--stdin-filename <path>', 'with `-`: the path to report for stdin (default: <stdin>)')
      .addOption(colorOption())
      .addHelpText(
        'after',
        `
Examples:
  pledge check contracts/
  pledge check --format sarif contracts/ > pledge.sarif
  cat x.pledge | pledge check - --stdin-filename contracts/x.pledge

Exit codes: 0 no errors, 1 errors (or more warnings than --max-warnings), 2 unreadable path or bad option`,
      ),

  async run(command, io) {
    const paths = command.processedArgs[0] as string[];
    const options = command.opts<CheckOptions>();
    if (paths.includes('-') && paths.length > 1) throw new UsageError('check reads either stdin (`-`) or files, not both');
    if (options.stdinFilename !== undefined && !paths.includes('-')) throw new UsageError('--stdin-filename needs `-` (read stdin)');
    const { checked, failed } = paths.includes('-') ? await checkStdin(io, options.stdinFilename ?? '<stdin>') : await checkPaths(paths, io);
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

