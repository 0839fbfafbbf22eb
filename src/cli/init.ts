/**
 * `pledge init [file]`: writes a commented starter contract (default `support.pledge`) that checks
 * clean, so a newcomer edits a working contract instead of starting from a blank file. Never
 * overwrites an existing file unless `--force`; `-` prints the starter to stdout.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { EXIT, type CliCommand } from './command.js';
import { complain, describeIoError, type CliIo } from './io.js';
import { STARTER_CONTRACT } from '../index.js';

interface InitOptions {
  readonly force?: boolean;
}

export const initCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('init')
      .description('write a commented starter contract that checks clean')
      .argument('[file]', 'where to write it; `-` prints it to stdout', 'support.pledge')
      .option('--force', 'overwrite the file when it exists'),

  async run(command, io: CliIo) {
    const file = command.processedArgs[0] as string;
    const options = command.opts<InitOptions>();
    if (file === '-') {
      io.stdout.write(STARTER_CONTRACT);
      return EXIT.ok;
    }
    const absolute = path.resolve(io.cwd, file);
    if (existsSync(absolute) && !options.force) {
      complain(io, `\`${file}\` already exists; pass --force to overwrite it`);
      return EXIT.usage;
    }
    try {
      writeFileSync(absolute, STARTER_CONTRACT, 'utf8');
    } catch (error) {
      complain(io, `cannot write \`${file}\`: ${describeIoError(error)}`);
      return EXIT.usage;
    }
    io.stderr.write(`wrote ${file}; next: pledge check ${file}\n`);
    return EXIT.ok;
  },
};
