/**
 * `pledge render <file> [--format md|html] [--lang en|zh] [-o out]`: the contract as readable
 * terms, with the worst-case real time beside each target. Exit 1 when the contract has errors
 * (printed as `pledge check` prints them), 2 on usage or I/O errors.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { buildTerms, LANGS, RENDER_FORMATS, renderNotices, renderTerms, type Lang, type RenderFormat } from '../index.js';
import { EXIT, type CliCommand } from './command.js';
import { loadContract } from './contract.js';
import { complain, describeIoError, displayPath } from './io.js';

interface RenderOptions {
  readonly format: RenderFormat;
  readonly lang: Lang;
  readonly output?: string;
}

export const renderCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('render')
      .description('render the contract as readable terms (Markdown or printable HTML, English or Chinese)')
      .argument('<file>', 'the contract')
      .addOption(new Option('--format <format>', 'output format').choices(RENDER_FORMATS).default('md'))
      .addOption(new Option('--lang <lang>', 'language of the terms').choices(LANGS).default('en'))
      .option('-o, --output <file>', 'write to this file instead of stdout'),

  async run(command, io) {
    const [file] = command.processedArgs as [string];
    const options = command.opts<RenderOptions>();
    const loaded = await loadContract(file, io);
    if (typeof loaded === 'number') return loaded;
    const terms = buildTerms(loaded.runtime);
    const text = renderTerms(terms, options.format, options.lang);
    // What the terms approximate, said with its code as well as in the document's note (PLG3020).
    for (const n of renderNotices(terms)) complain(io, `${n.severity} ${n.code}: ${n.message}`);
    if (options.output === undefined) {
      io.stdout.write(text);
      return EXIT.ok;
    }
    const absolute = path.resolve(io.cwd, options.output);
    try {
      await writeFile(absolute, text, 'utf8');
    } catch (error) {
      complain(io, `cannot write \`${displayPath(absolute, io.cwd)}\`: ${describeIoError(error)}`);
      return EXIT.usage;
    }
    return EXIT.ok;
  },
};
