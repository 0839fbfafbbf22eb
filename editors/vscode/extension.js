// The Pledge extension: starts `pledge lsp --stdio` (the language server does all the work) and
// adds two commands that ask the server and open its answer in an untitled document.
// Plain CommonJS, no build step: VS Code loads this file as it is.
'use strict';
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration('pledge').get('server.command') ?? ['pledge', 'lsp', '--stdio'];
  client = new LanguageClient(
    'pledge',
    'Pledge',
    { command, args, options: { shell: process.platform === 'win32' } },
    {
      documentSelector: [{ language: 'pledge' }],
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.pledge') },
    },
  );

  /** Runs a server command on the active contract and shows the text it returns. */
  async function ask(serverCommand, extra, language) {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'pledge' || !client) {
      void vscode.window.showWarningMessage('Open a .pledge contract first.');
      return;
    }
    try {
      const text = await client.sendRequest('workspace/executeCommand', { command: serverCommand, arguments: [editor.document.uri.toString(), ...extra] });
      const doc = await vscode.workspace.openTextDocument({ content: String(text), language });
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    } catch (error) {
      void vscode.window.showErrorMessage(`Pledge: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  context.subscriptions.push(
    vscode.commands.registerCommand('pledge.whatIf', async () => {
      const priority = await vscode.window.showInputBox({ title: 'Pledge: What if…', prompt: 'Priority of the ticket', placeHolder: 'P1' });
      if (!priority) return;
      const filed = await vscode.window.showInputBox({ title: 'Pledge: What if…', prompt: 'Filed at (local time of the first calendar, or with an offset)', placeHolder: '2026-11-20T17:00' });
      if (!filed) return;
      const more = await vscode.window.showInputBox({
        title: 'Pledge: What if…',
        prompt: 'Later events, optional: EVENT TIME, comma-separated',
        placeHolder: 'first_reply 2026-11-20T17:40, resolved 2026-11-23T10:00',
      });
      const events = (more ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => {
          const [event, at, newPriority] = s.split(/\s+/);
          return { event, at, ...(newPriority ? { priority: newPriority } : {}) };
        });
      await ask('pledge.server.whatIf', [{ priority, filed, events }], 'plaintext');
    }),
    vscode.commands.registerCommand('pledge.renderTerms', async () => {
      const lang = await vscode.window.showQuickPick(['en', 'zh'], { title: 'Pledge: Render terms', placeHolder: 'Language of the terms' });
      if (!lang) return;
      await ask('pledge.server.renderTerms', ['md', lang], 'markdown');
    }),
  );
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
