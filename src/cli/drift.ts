/**
 * `pledge drift <contract> --from TARGET FILE… [--plan NAME] [--json]`: a help desk's live
 * configuration (its API JSON, saved with the requests in src/export/README.md) compared by meaning
 * with the contract. Exit 0 when they agree, 1 when they differ (so CI can run it nightly), 2 for a
 * bad option or a file that is not the desk's API JSON (PLG4020). `--from jsm-sla cycles.csv
 * history.csv` compares Jira Service Management's SLA cycles with Pledge's verdicts on the history.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { directionText, driftContract, DriftInputError, driftText, exportTargets } from '../index.js';
import { EXIT, type CliCommand } from './command.js';
import { checkPlanOption, loadContract } from './contract.js';
import { complain, describeIoError } from './io.js';

export const driftCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('drift')
      .description("compare a help desk's live SLA configuration with the contract by meaning; exit 1 when they differ")
      .argument('<file>', 'the contract')
      .argument('<config...>', "the desk's configuration files, as its API returns them")
      .addOption(new Option('--from <target>', 'the help desk').choices([...exportTargets().filter((t) => t.drift).map((t) => t.name), 'jsm-sla']).makeOptionMandatory())
      .option('--plan <name>', 'compare only this plan (other policies in the desk are ignored)')
      .option('--json', 'print JSON on stdout'),

  async run(command, io) {
    const [file, configs] = command.processedArgs as [string, string[]];
    const options = command.opts<{ from: string; plan?: string; json?: boolean }>();
    const loaded = await loadContract(file, io);
    if (typeof loaded === 'number') return loaded === EXIT.problems ? EXIT.usage : loaded;
    checkPlanOption(loaded, options.plan);
    const files = [];
    for (const c of configs) {
      try {
        files.push({ path: c, text: await readFile(path.resolve(io.cwd, c), 'utf8') });
      } catch (error) {
        complain(io, `cannot read \`${c}\`: ${describeIoError(error)}`);
        return EXIT.usage;
      }
    }
    const input = { analysis: loaded.analysis, runtime: loaded.runtime, file: path.basename(loaded.file), ...(options.plan !== undefined ? { plan: options.plan } : {}) };
    let report;
    try {
      report = driftContract(options.from, input, files);
    } catch (error) {
      if (!(error instanceof DriftInputError)) throw error;
      io.stderr.write(`${error.file}: error PLG4020 ${error.message}\n`);
      return EXIT.usage;
    }
    if (options.json) {
      const changes = report.changes.map((c) => ({ id: c.key, subject: c.subject, text: c.text, contract: c.contract, desk: c.desk, favours: c.favours, direction: directionText(c.favours, false) || null, ...(c.line ? { line: c.line } : {}) }));
      io.stdout.write(`${JSON.stringify({ contract: loaded.file, target: report.target, differs: report.differs, changes, notes: report.notes }, null, 2)}\n`);
    } else io.stdout.write(driftText(loaded.file, report));
    return report.differs ? EXIT.problems : EXIT.ok;
  },
};
