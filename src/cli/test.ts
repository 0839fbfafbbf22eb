/**
 * `pledge test <file> [--json] [--plan NAME]`: runs the contract's own asserts over every filing
 * instant in its term. Exit 1 when any assert fails.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';

function whole(value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}
import { runAsserts, testJson, testText, PLAIN } from '../index.js';
import { colorOption, EXIT, type CliCommand } from './command.js';
import { checkPlanOption, loadContract } from './contract.js';
import { useColor } from './io.js';
import { WHAT_IF_COLORS } from './what-if.js';

export const testCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('test')
      .description('check the contract\'s asserts over every filing instant in its term')
      .argument('<file>', 'the contract')
      .option('--plan <name>', 'check the targets of this plan')
      .addOption(new Option('--seed <n>', 'seed of the event-sequence search (printed with each result)').default(1).argParser(whole))
      .addOption(new Option('--runs <n>', 'event sequences to try per `under` statement').default(1000).argParser(whole))
      .option('--json', 'print JSON on stdout')
      .addOption(colorOption()),

  async run(command, io) {
    const [file] = command.processedArgs as [string];
    const options = command.opts<{ plan?: string; json?: boolean; color: string; seed: number; runs: number }>();
    const loaded = await loadContract(file, io);
    if (typeof loaded === 'number') return loaded;
    checkPlanOption(loaded, options.plan);
    const checks = runAsserts(loaded.runtime, { seed: options.seed, runs: options.runs, ...(options.plan !== undefined ? { plan: options.plan } : {}) });
    const zone = loaded.defaultZone;
    if (options.json) io.stdout.write(`${JSON.stringify(testJson(loaded.file, checks, zone), null, 2)}\n`);
    else io.stdout.write(testText(loaded.file, checks, zone, useColor(options.color, io.stdout, io.env) ? WHAT_IF_COLORS : PLAIN));
    return checks.every((c) => c.passed) ? EXIT.ok : EXIT.problems;
  },
};
