/**
 * `pledge lsp --stdio`: runs the language server on stdin and stdout until the client says
 * `exit`. The server (and vscode-languageserver) is loaded only by this command.
 */
import { Option, type Command } from 'commander';
import type { CliCommand } from './command.js';
import { EXIT } from './command.js';
import type { CliIo } from './io.js';
import { startLanguageServer } from '../index.js';

export const lspCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('lsp')
      .description('run the language server for editors (Language Server Protocol over stdio)')
      .addOption(new Option('--stdio', 'talk LSP over stdin and stdout (the only transport; the default)')),
  run: async (_command: Command, io: CliIo) => {
    // A stray exception must not end the editor's session: log it and keep serving.
    process.on('uncaughtException', (error) => io.stderr.write(`pledge lsp: internal error: ${error instanceof Error ? error.message : String(error)}\n`));
    const connection = await startLanguageServer();
    // The server ends the process itself on `exit` (0 after `shutdown`, 1 without); this only
    // keeps `main` from resolving meanwhile.
    return new Promise<number>((resolve) => connection.onExit(() => resolve(EXIT.ok)));
  },
};
