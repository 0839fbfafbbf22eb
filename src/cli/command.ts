/**
 * The shape of one subcommand. A command is a file exporting a `CliCommand`, listed once in
 * `commands.ts`; `main` wires every listed command into commander the same way.
 */
import { Option, type Command } from 'commander';
import type { CliIo } from './io.js';

export interface CliCommand {
  /** Declares the subcommand on `program` (name, arguments, options) and returns it. */
  readonly define: (program: Command) => Command;
  /**
   * Runs it once commander has parsed and validated the arguments (`command.processedArgs`,
   * `command.opts()`); resolves to the exit code: 0 clean, 1 problems found, 2 usage or I/O error.
   * Throws `UsageError` for a bad combination commander cannot express.
   */
  readonly run: (command: Command, io: CliIo) => Promise<number>;
}

/** Exit codes, as ESLint's. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** `--color auto|always|never`, shared by every command that prints diagnostics. */
export const colorOption = (): Option =>
  new Option('--color <when>', 'colour diagnostics (auto: when writing to a terminal and NO_COLOR is unset)')
    .choices(['auto', 'always', 'never'])
    .default('auto');
