/**
 * `pledge diff <old> <new> [--json]`: what a redline changes, obligation by obligation, and for
 * whom. Exit 1 when obligations differ (so CI can require review), 0 when none do, 2 when a file
 * cannot be read or has errors (its diagnostics are printed).
 */
import path from 'node:path';
import type { Command } from 'commander';
import { analyze, type Analysis, renderHuman, toJsonReport, type FileReport, diffContracts, diffSide, diffJson, diffText } from '../index.js';
import { EXIT, colorOption, type CliCommand } from './command.js';
import { cannotRead, complain, displayPath, fileReaderFor, readSource, useColor, type CliIo } from './io.js';

type Loaded = { readonly report: FileReport; readonly analysis?: Analysis };

async function load(file: string, io: CliIo): Promise<Loaded | undefined> {
  const display = displayPath(path.resolve(io.cwd, file), io.cwd);
  const read = await readSource(path.resolve(io.cwd, file));
  if (read.kind === 'failed') {
    complain(io, cannotRead(display, read.reason).message);
    return undefined;
  }
  if (read.kind === 'unreadable') return { report: { file: display, diagnostics: [read.diagnostic] } };
  const analysis = analyze(read.text, { readFile: fileReaderFor(path.dirname(path.resolve(io.cwd, file))) });
  return { report: { file: display, text: read.text, diagnostics: analysis.diagnostics.filter((d) => d.severity === 'error') }, analysis };
}

export const diffCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('diff')
      .description('compare two versions of a contract by meaning: each changed obligation, and whom it favours')
      .argument('<old>', 'the contract before')
      .argument('<new>', 'the contract after')
      .option('--json', 'print JSON on stdout')
      .addOption(colorOption()),

  async run(command, io) {
    const [oldFile, newFile] = command.processedArgs as [string, string];
    const options = command.opts<{ json?: boolean; color: string }>();
    const loaded = [await load(oldFile, io), await load(newFile, io)];
    if (!loaded[0] || !loaded[1]) return EXIT.usage;
    const [a, b] = loaded as [Loaded, Loaded];
    const broken = [a, b].filter((x) => x.report.diagnostics.length > 0);
    if (broken.length > 0) {
      io.stderr.write(renderHuman(broken.map((x) => x.report), { color: useColor(options.color, io.stderr, io.env) }));
      for (const x of broken) complain(io, `\`${x.report.file}\` has errors; fix them first (pledge check ${x.report.file})`);
      if (options.json) io.stdout.write(`${JSON.stringify({ old: a.report.file, new: b.report.file, diagnostics: toJsonReport(broken.map((x) => x.report)) }, null, 2)}\n`);
      return EXIT.usage;
    }
    const diff = diffContracts(diffSide(a.analysis!.model, false), diffSide(b.analysis!.model, false));
    if (options.json) io.stdout.write(`${JSON.stringify(diffJson(a.report.file, b.report.file, diff), null, 2)}\n`);
    else io.stdout.write(diffText(a.report.file, b.report.file, diff));
    return diff.differs ? EXIT.problems : EXIT.ok;
  },
};
