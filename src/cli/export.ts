/**
 * `pledge export <contract> --to TARGET [--plan NAME] [-o DIR] [--strict]`: the help desk's
 * configuration generated from the contract. Warnings (what the target cannot express, and what was
 * written instead) go to stderr; `--strict` makes them errors: nothing is written and the exit is 1.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { exportContract, exportTargets, warningText } from '../index.js';
import { EXIT, type CliCommand } from './command.js';
import { checkPlanOption, loadContract } from './contract.js';
import { complain, describeIoError } from './io.js';

export const exportCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('export')
      .description("write a help desk's SLA configuration from the contract, warning about what it cannot express")
      .argument('<file>', 'the contract')
      .addOption(new Option('--to <target>', 'the help desk').choices(exportTargets().map((t) => t.name)).makeOptionMandatory())
      .option('--plan <name>', 'only this plan (default: every plan)')
      .option('-o, --output <dir>', 'write the files under this directory (default: print them)')
      .option('--strict', 'treat warnings as errors: write nothing and exit 1 when there are any'),

  async run(command, io) {
    const [file] = command.processedArgs as [string];
    const options = command.opts<{ to: string; plan?: string; output?: string; strict?: boolean }>();
    const loaded = await loadContract(file, io);
    if (typeof loaded === 'number') return loaded;
    checkPlanOption(loaded, options.plan);
    const result = exportContract(options.to, { analysis: loaded.analysis, runtime: loaded.runtime, file: path.basename(loaded.file), ...(options.plan !== undefined ? { plan: options.plan } : {}) });
    for (const w of result.warnings) io.stderr.write(`${warningText(loaded.file, w, options.strict ? 'error' : 'warning')}\n`);
    if (options.strict && result.warnings.length > 0) {
      complain(io, `${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'} with --strict: nothing written`);
      return EXIT.problems;
    }
    if (options.output === undefined) {
      for (const f of result.files) io.stdout.write(result.files.length > 1 ? `==> ${f.path} <==\n${f.content}${f.content.endsWith('\n') ? '' : '\n'}` : f.content);
      return EXIT.ok;
    }
    const root = path.resolve(io.cwd, options.output);
    try {
      for (const f of result.files) {
        const target = path.join(root, f.path);
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, f.content);
      }
    } catch (error) {
      complain(io, `cannot write under \`${options.output}\`: ${describeIoError(error)}`);
      return EXIT.usage;
    }
    io.stderr.write(`pledge: wrote ${result.files.length} file${result.files.length === 1 ? '' : 's'} under ${options.output}\n`);
    return EXIT.ok;
  },
};
