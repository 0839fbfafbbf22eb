/**
 * The `pledge` command line. `bin/pledge.js` calls `main` with the process's streams; tests call it
 * with string collectors. `main` never calls process.exit and never throws: it resolves to the
 * exit code (0 clean, 1 problems found, 2 usage, I/O or internal error).
 */
import { Command, CommanderError } from 'commander';
import { EXIT } from './command.js';
import { commandsFor } from './commands.js';
import type { CliCommand } from './command.js';
import { complain, packageVersion, UsageError, type CliIo } from './io.js';

export type { CliIo, OutputStream } from './io.js';

/** Builds a fresh program per call: commander keeps parse state on the instance. */
function buildProgram(io: CliIo, commands: readonly CliCommand[], setExitCode: (code: number) => void): Command {
  const program = new Command('pledge')
    .description('Service-level agreements as code: check, format and explore support SLAs')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Commander's "error: …" (plus a "Did you mean" line) becomes one `pledge: …` line.
      outputError: (text, write) => write(`pledge: ${text.replace(/^error:\s*/, '').trim().replace(/\s*\n\s*/g, ' ')}\n`),
    });
  for (const definition of commands) {
    const command = definition.define(program);
    command.exitOverride().action(async () => {
      setExitCode(await definition.run(command, io));
    });
  }
  return program;
}

/**
 * Runs the CLI on `argv` (without `node` and the script).
 * @example process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() })
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  try {
    const commands = await Promise.all(commandsFor(argv).map((c) => c.load()));
    await buildProgram(io, commands, (code) => (exitCode = code)).parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    // --help and --version end in a CommanderError with exit code 0; usage errors with 1, which is 2 here.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof UsageError) {
      complain(io, error.message);
      return EXIT.usage;
    }
    reportInternalError(io, error);
    return EXIT.usage;
  }
}

function reportInternalError(io: CliIo, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  complain(io, `internal error: ${message.split('\n')[0]}`);
  io.stderr.write('please report this with the input that caused it\n');
  const env = io.env ?? process.env;
  if (env['PLEDGE_DEBUG'] === '1' && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
}
