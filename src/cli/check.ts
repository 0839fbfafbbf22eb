/**
 * `pledge check <paths...>`: analyses contracts and reports diagnostics.
 *
 * Exit code: 2 when a path could not be read (the others are still checked and reported);
 * else 1 when there is an error or more warnings than `--max-warnings`; else 0.
 * With `--format json|sarif`, stdout carries only the document; every message goes to stderr.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { createTwoFilesPatch } from 'diff';
import { analyze, fixSource, renderGithub, renderHuman, renderJson, renderSarif, countSeverities, type CheckOptions as AnalyzeOptions, type FileReport } from '../index.js';
import { colorOption, EXIT, type CliCommand } from './command.js';
import { cannotRead, complain, describeIoError, displayPath, fileReaderFor, findFiles, packageVersion, readSource, readStdin, sourceRoot, UsageError, useColor, type CliIo } from './io.js';

export const FORMATS = ['human', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

interface CheckOptions {
  readonly format: Format;
  readonly maxWarnings?: number;
  readonly color: string;
  readonly stdinFilename?: string;
  readonly fix?: boolean;
  readonly fixDryRun?: boolean;
}

/** `--fix` writes the fixed files; `--fix-dry-run` prints what it would change as a unified diff. */
type FixMode = 'none' | 'write' | 'dry-run';

/** `--max-warnings N`: a whole number, 0 or more. */
function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number, 0 or more');
  return Number(value);
}

/** Checks one text; suppressed findings travel with the report for SARIF and JSON. */
function fileReport(file: string, text: string, options: AnalyzeOptions): FileReport {
  const { diagnostics, suppressed } = analyze(text, options);
  return { file, text, diagnostics, ...(suppressed.length > 0 ? { suppressed } : {}) };
}

/**
 * With `--fix` or `--fix-dry-run`: applies the machine-applicable fixes to one file, writes it or
 * prints its diff, says what was fixed on stderr, and returns the report of what is left.
 */
async function fixFile(io: CliIo, mode: FixMode, display: string, absolute: string | undefined, text: string): Promise<{ report: FileReport; failed: boolean }> {
  // `holidays file` paths are relative to the contract (stdin: to the working directory).
  const options: AnalyzeOptions = { readFile: fileReaderFor(absolute ? path.dirname(absolute) : io.cwd) };
  if (mode === 'none') return { report: fileReport(display, text, options), failed: false };
  const result = fixSource(text, options);
  const { diagnostics, suppressed } = result.remaining;
  const report: FileReport = { file: display, text: result.output, diagnostics, ...(suppressed.length > 0 ? { suppressed } : {}) };
  const review = diagnostics.filter((d) => d.fix?.changesMeaning === true);
  if (review.length > 0) {
    const list = review.map((d) => `${d.code} at ${d.range.start.line}:${d.range.start.column} (${d.fix!.title})`).join(', ');
    complain(io, `${display}: left ${review.length} fix${review.length === 1 ? '' : 'es'} that would change the promise for a person to review: ${list}`);
  }
  if (result.fixed.length === 0) return { report, failed: false };
  const what = result.fixed.map((d) => `${d.code} at ${d.range.start.line}:${d.range.start.column}`).join(', ');
  const count = `${result.fixed.length} problem${result.fixed.length === 1 ? '' : 's'}`;
  if (mode === 'dry-run') {
    io.stdout.write(createTwoFilesPatch(`a/${display}`, `b/${display}`, text, result.output, '', '', { context: 3 }).replace(/^=+\n/, ''));
    complain(io, `would fix ${count} in ${display} (${what})`);
    return { report, failed: false };
  }
  if (absolute === undefined) {
    io.stdout.write(result.output);
  } else {
    try {
      await writeFile(absolute, result.output, 'utf8');
    } catch (error) {
      complain(io, `cannot write \`${display}\`: ${describeIoError(error)}`);
      return { report: fileReport(display, text, options), failed: true };
    }
  }
  complain(io, `fixed ${count} in ${display} (${what})`);
  return { report, failed: false };
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
export async function checkPaths(paths: readonly string[], io: CliIo, mode: FixMode = 'none'): Promise<{ checked: Checked[]; failed: boolean }> {
  const found = await findFiles(paths, io.cwd);
  for (const failure of found.failures) complain(io, failure.message);
  let failed = found.failures.length > 0;
  const checked: Checked[] = [];
  for (const file of found.files) {
    const read = await readSource(file.absolute);
    switch (read.kind) {
      case 'text': {
        const fixed = await fixFile(io, mode, file.display, file.absolute, read.text);
        checked.push({ absolute: file.absolute, report: fixed.report });
        failed ||= fixed.failed;
        break;
      }
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
async function checkStdin(io: CliIo, name: string, mode: FixMode): Promise<{ checked: Checked[]; failed: boolean }> {
  const read = await readStdin(io);
  const absolute = name === '<stdin>' ? name : path.resolve(io.cwd, name);
  switch (read.kind) {
    case 'text':
      // With `--fix`, the fixed text goes to stdout (there is no file to write) and the report to stderr.
      return { checked: [{ absolute, report: (await fixFile(io, mode, name, undefined, read.text)).report }], failed: false };
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
      .option('--fix', 'apply every machine-applicable fix to the files (with `-`: print the fixed text), then report what is left')
      .option('--fix-dry-run', 'print the fixes as a unified diff without changing any file, then report what is left')
      .addOption(colorOption())
      .addHelpText(
        'after',
        `
Examples:
  pledge check contracts/
  pledge check --format sarif contracts/ > pledge.sarif
  pledge check --fix-dry-run contracts/draft.pledge
  cat x.pledge | pledge check - --stdin-filename contracts/x.pledge

Exit codes: 0 no errors, 1 errors (or more warnings than --max-warnings), 2 unreadable path or bad option`,
      ),

  async run(command, io) {
    const paths = command.processedArgs[0] as string[];
    const options = command.opts<CheckOptions>();
    if (paths.includes('-') && paths.length > 1) throw new UsageError('check reads either stdin (`-`) or files, not both');
    if (options.stdinFilename !== undefined && !paths.includes('-')) throw new UsageError('--stdin-filename needs `-` (read stdin)');
    if (options.fix && options.fixDryRun) throw new UsageError('--fix and --fix-dry-run exclude each other');
    const mode: FixMode = options.fix ? 'write' : options.fixDryRun ? 'dry-run' : 'none';
    if (mode === 'dry-run' && options.format !== 'human') throw new UsageError('--fix-dry-run prints a diff, so it needs --format human');
    const stdin = paths.includes('-');
    const { checked, failed } = stdin ? await checkStdin(io, options.stdinFilename ?? '<stdin>', mode) : await checkPaths(paths, io, mode);
    const color = useColor(options.color, io.stdout, io.env);
    // A human summary saying "no problems" when nothing could be read would mislead. When `--fix`
    // printed the fixed text of stdin on stdout, the report goes to stderr.
    const out = stdin && mode === 'write' ? io.stderr : io.stdout;
    if (options.format !== 'human' || checked.length > 0) out.write(render(options.format, checked, io, stdin && mode === 'write' ? useColor(options.color, io.stderr, io.env) : color));

    const { errors, warnings } = countSeverities(checked.map((c) => c.report));
    const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
    if (tooManyWarnings) complain(io, `too many warnings (${warnings}; at most ${options.maxWarnings} allowed by --max-warnings)`);
    if (failed) return EXIT.usage;
    return errors > 0 || tooManyWarnings ? EXIT.problems : EXIT.ok;
  },
};

