/**
 * `pledge fmt <paths...> [--check]` and `pledge fmt -`: rewrites contracts in canonical layout.
 *
 * Only files whose text changes are written (`formatted x.pledge` on stderr). `--check` writes
 * nothing, lists the files that would change on stdout and exits 1 if any would. A file with
 * syntax errors is left untouched and its diagnostics go to stderr (exit 1). `-` or `--stdin`
 * formats stdin to stdout.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatSource, renderHuman, type FileReport } from '../index.js';
import { colorOption, EXIT, type CliCommand } from './command.js';
import { cannotRead, complain, describeIoError, findFiles, readSource, readStdin, UsageError, useColor, type CliIo, type SourceRead } from './io.js';

interface FmtOptions {
  readonly check?: boolean;
  readonly stdin?: boolean;
  readonly color: string;
}

/** What became of one input. */
type Outcome =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'changed'; readonly output: string }
  | { readonly kind: 'problems'; readonly report: FileReport };

/** Formats decoded input; unreadable input and syntax errors become a report to print instead. */
function formatRead(file: string, read: Exclude<SourceRead, { kind: 'failed' }>): Outcome {
  if (read.kind === 'unreadable') return { kind: 'problems', report: { file, diagnostics: [read.diagnostic] } };
  const result = formatSource(read.text);
  if (result.output === undefined) return { kind: 'problems', report: { file, text: read.text, diagnostics: result.diagnostics } };
  return result.output === read.text ? { kind: 'unchanged' } : { kind: 'changed', output: result.output };
}

const STDIN_NAME = '<stdin>';

async function formatStdin(io: CliIo, options: FmtOptions): Promise<number> {
  const read = await readStdin(io);
  if (read.kind === 'failed') {
    complain(io, `cannot read stdin: ${read.reason}`);
    return EXIT.usage;
  }
  const outcome = formatRead(STDIN_NAME, read);
  switch (outcome.kind) {
    case 'problems':
      io.stderr.write(renderHuman([outcome.report], { color: useColor(options.color, io.stderr, io.env) }));
      return EXIT.problems;
    case 'unchanged':
      if (!options.check && read.kind === 'text') io.stdout.write(read.text);
      return EXIT.ok;
    case 'changed':
      if (!options.check) {
        io.stdout.write(outcome.output);
        return EXIT.ok;
      }
      io.stdout.write(`${STDIN_NAME}\n`);
      return EXIT.problems;
    default: {
      const never: never = outcome;
      throw new Error(`unexpected outcome ${JSON.stringify(never)}`);
    }
  }
}

async function formatFiles(paths: readonly string[], io: CliIo, options: FmtOptions): Promise<number> {
  const found = await findFiles(paths, io.cwd);
  for (const failure of found.failures) complain(io, failure.message);
  let failed = found.failures.length > 0;
  let wouldChange = false;
  const problems: FileReport[] = [];
  for (const file of found.files) {
    const read = await readSource(file.absolute);
    if (read.kind === 'failed') {
      complain(io, cannotRead(file.display, read.reason).message);
      failed = true;
      continue;
    }
    const outcome = formatRead(file.display, read);
    if (outcome.kind === 'problems') problems.push(outcome.report);
    else if (outcome.kind === 'changed') {
      if (options.check) {
        wouldChange = true;
        io.stdout.write(`${file.display}\n`);
        continue;
      }
      try {
        await writeFile(file.absolute, outcome.output, 'utf8');
        io.stderr.write(`formatted ${file.display}\n`);
      } catch (error) {
        complain(io, `cannot write \`${file.display}\`: ${describeIoError(error)}`);
        failed = true;
      }
    }
  }
  if (problems.length > 0) io.stderr.write(renderHuman(problems, { color: useColor(options.color, io.stderr, io.env) }));
  if (failed) return EXIT.usage;
  return problems.length > 0 || wouldChange ? EXIT.problems : EXIT.ok;
}

export const fmtCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('fmt')
      .description('format contracts in place (only files that change are written)')
      .argument('[paths...]', 'contract files or folders (searched for *.pledge); `-` reads stdin')
      .option('--check', 'write nothing; list the files that would change and exit 1 if any')
      .option('--stdin', 'format stdin to stdout (same as `-`)')
      .addOption(colorOption()),

  async run(command, io) {
    const paths = (command.processedArgs[0] as string[] | undefined) ?? [];
    const options = command.opts<FmtOptions>();
    const stdin = options.stdin === true || paths.includes('-');
    if (stdin && (paths.length > (options.stdin ? 0 : 1))) throw new UsageError('fmt reads either stdin or files, not both');
    if (stdin) return formatStdin(io, options);
    if (paths.length === 0) throw new UsageError('fmt needs files or folders to format, or `-` to read stdin');
    return formatFiles(paths, io, options);
  },
};
