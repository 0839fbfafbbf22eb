/**
 * `pledge lsp --stdio`: the language service (`src/service/`) behind the Language Server
 * Protocol. This file only translates: LSP's 0-based lines and UTF-16 characters to the library's
 * 1-based lines and columns, and the service's answers to LSP's shapes.
 *
 * - Documents sync incrementally (`TextDocuments` applies the changes).
 * - Diagnostics: fast checks right after each change, in this thread; all checks once typing
 *   pauses, in a worker thread with the playground's watchdog (full-check.ts). A check stopped
 *   over the limit publishes the fast checks' findings and a PLG2094 notice; the features that need
 *   all checks (hover's real times, inlay hints, code actions, commands) wait for that answer and
 *   then never run the slow work here, so no document can hold the server.
 * - `holidays file` paths are read relative to a document saved as a file (the CLI's reader and
 *   size limit); an untitled document cannot read files (PLG2130). When the client can watch
 *   files, a changed `.ics` re-checks the open documents that read files. This thread reads the
 *   files but never parses one (seconds for a large file): it reuses the full-check thread's parse
 *   of the same text (ics-cache.ts), and until there is one the fast checks leave the file out.
 * - References and rename cover every `.pledge` file of the workspace folders (open documents as
 *   edited, the others as on disk), matching the same kind of symbol by name.
 * - No request can take the server down: every handler answers an empty result or an error.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  CompletionItemKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  DocumentSymbol as LspSymbol,
  FoldingRangeKind,
  InlayHintKind,
  LSPErrorCodes,
  MarkupKind,
  ProposedFeatures,
  ResponseError,
  SymbolKind as LspSymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type Position as LspPosition,
  type Range as LspRange,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type * as A from '../ast/nodes.js';
import { fileReaderFor } from '../cli/io.js';
import { diagnostic, FILE_START, type Diagnostic, type TextEdit } from '../diagnostics/diagnostic.js';
import { renderContract } from '../render/render.js';
import { whatIfText } from '../report/what-if.js';
import { calendarZone, TICKET_EVENTS, type TicketEvent } from '../check/model.js';
import * as S from '../service/index.js';
import { parseInstant } from '../time/instant-format.js';
import { timeline, type EventInput } from '../time/timeline.js';
import { FullChecker, watchdogMs, type CheckOutcome } from './full-check.js';
import { IcsCache } from './ics-cache.js';

/** How long typing must pause before all checks run (the playground uses the same idea). */
const FULL_CHECK_DELAY_MS = 400;

const toPos = (p: LspPosition): S.Pos => ({ line: p.line + 1, column: p.character + 1 });
const fromPos = (p: { line: number; column: number }): LspPosition => ({ line: p.line - 1, character: p.column - 1 });
const fromRange = (r: A.Range): LspRange => ({ start: fromPos(r.start), end: fromPos(r.end) });
const toRange = (r: LspRange): { start: S.Pos; end: S.Pos } => ({ start: toPos(r.start), end: toPos(r.end) });
const fromEdit = (e: TextEdit): LspTextEdit => ({ range: fromRange(e.range), newText: e.newText });

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** A library diagnostic as LSP's; `uri` for related locations in the same file. */
export function toLspDiagnostic(d: Diagnostic, uri: string): LspDiagnostic {
  const range = fromRange(d.range);
  return {
    range,
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'pledge',
    message: d.help ? `${d.message}\nhelp: ${d.help}` : d.message,
    ...(d.related?.length ? { relatedInformation: d.related.map((r) => ({ location: { uri: r.file ? pathToFileURL(r.file).href : uri, range: fromRange(r.range) }, message: r.message })) } : {}),
  };
}

const COMPLETION_KIND: Record<S.CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  calendar: CompletionItemKind.Module,
  clock: CompletionItemKind.Variable,
  priority: CompletionItemKind.EnumMember,
  plan: CompletionItemKind.Class,
  contact: CompletionItemKind.Value,
  event: CompletionItemKind.Event,
  zone: CompletionItemKind.Constant,
  region: CompletionItemKind.Constant,
};

const SYMBOL_KIND: Record<S.DocumentSymbol['kind'], LspSymbolKind> = {
  sla: LspSymbolKind.File,
  calendar: LspSymbolKind.Module,
  clock: LspSymbolKind.Variable,
  priority: LspSymbolKind.EnumMember,
  reclassify: LspSymbolKind.Property,
  escalation: LspSymbolKind.Event,
  contact: LspSymbolKind.Constant,
  availability: LspSymbolKind.Property,
  credits: LspSymbolKind.Property,
  assert: LspSymbolKind.Boolean,
  scenario: LspSymbolKind.Object,
  plan: LspSymbolKind.Class,
  target: LspSymbolKind.Field,
};

function toLspSymbol(s: S.DocumentSymbol): LspSymbol {
  return LspSymbol.create(s.name || s.kind, s.detail, SYMBOL_KIND[s.kind], fromRange(s.range), fromRange(s.selection), s.children.map(toLspSymbol));
}

const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
/** Lets queued messages (a `$/cancelRequest`, a newer change) in before slow work. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Where `.pledge` files live: the workspace folders' paths. */
async function pledgeFiles(dir: string, out: string[] = [], depth = 0): Promise<string[]> {
  if (depth > 8 || out.length > 2000) return out;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await pledgeFiles(p, out, depth + 1);
    else if (e.isFile() && e.name.endsWith('.pledge')) out.push(p);
  }
  return out;
}

export interface ServerOptions {
  /** The connection; by default stdio. Tests may pass their own. */
  readonly connection?: Connection;
  /** The full check's watchdog in ms; by default `watchdogMs()` (the limits, or `PLEDGE_LSP_WATCHDOG_MS`). */
  readonly watchdogMs?: number;
}

const seconds = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);

/** PLG2094: what a document shows instead of its full check's findings when the watchdog stopped it. */
export function stoppedNotice(ms: number): Diagnostic {
  return diagnostic('PLG2094', `stopped: over the limit (all checks gave no answer in ${seconds(ms)}); only the fast checks' findings are shown`, FILE_START, {
    help: 'within the documented limits all checks take at most 2 s (language reference, "Limits"); `pledge check FILE` runs them without a watchdog, and a contract that needs longer is worth reporting',
  });
}

/** The folder of a document saved as a file, which its `holidays file` paths are relative to. */
function folderOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.dirname(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/** Starts the server; it runs until the client sends `exit` (or the input closes). */
export function startServer(options: ServerOptions = {}): Connection {
  const connection = options.connection ?? createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  const documents = new TextDocuments(TextDocument);
  const cache = new S.DocumentCache(16);
  /** The full-check thread's parses of `holidays file`s, which this thread's checks reuse. */
  const icsParses = new IcsCache();
  const folders: string[] = [];
  const fullTimers = new Map<string, NodeJS.Timeout>();
  const checker = new FullChecker(options.watchdogMs ?? watchdogMs(), (m) => connection.console.error(m));
  /** Each document's full check in the worker, once per text (and files read). */
  const fullRuns = new WeakMap<S.PledgeDocument, Promise<CheckOutcome>>();
  /** Documents whose full check was stopped over the limit (or failed). */
  const stopped = new WeakSet<S.PledgeDocument>();
  /** Bumped when watched files change, so documents that read files are read again. */
  let filesGeneration = 0;
  let watchFiles = false;

  /** The cached document for `text` at `uri`, reading `holidays file`s next to it when it is a file. */
  const docAt = (uri: string, text: string): S.PledgeDocument => {
    const dir = folderOf(uri);
    return dir === undefined ? cache.get(text) : cache.get(text, { key: `${filesGeneration}:${dir}`, readFile: fileReaderFor(dir), parseIcs: icsParses.parser });
  };
  const doc = (uri: string): S.PledgeDocument | undefined => {
    const d = documents.get(uri);
    return d ? docAt(uri, d.getText()) : undefined;
  };

  /**
   * All checks of `d` in the worker, started at most once per document: the answer is adopted by
   * `d` (or, stopped or failed, `d` answers from its fast check), so that the features that need
   * all checks never run them in this thread.
   */
  function fullCheck(uri: string, d: S.PledgeDocument): Promise<CheckOutcome> {
    let run = fullRuns.get(d);
    if (!run) {
      run = checker.check(uri, d.text, folderOf(uri)).then((o) => {
        if (o.kind === 'done') {
          icsParses.add(o.parses);
          d.adoptFullCheck(o.diagnostics);
        }
        else if (o.kind === 'superseded') fullRuns.delete(d);
        else {
          if (o.kind === 'failed') connection.console.error(`pledge: all checks failed: ${o.message}`);
          d.stopFullCheck();
          stopped.add(d);
        }
        return o;
      });
      fullRuns.set(d, run);
    }
    return run;
  }

  /** The document at `uri` once its full check has answered; undefined when it is gone or has changed. */
  async function checkedDoc(uri: string, token: CancellationToken): Promise<S.PledgeDocument | undefined> {
    const d = doc(uri);
    if (!d) return undefined;
    const o = await fullCheck(uri, d);
    if (token.isCancellationRequested || o.kind === 'superseded') return undefined;
    return d;
  }

  /** Runs a handler; a failure is logged and answered with `fallback`, never thrown out of the server. */
  async function guard<R>(name: string, fallback: R, token: CancellationToken, handler: () => R | ResponseError<void> | Promise<R | ResponseError<void>>): Promise<R | ResponseError<void>> {
    try {
      if (token.isCancellationRequested) return cancelled();
      return await handler();
    } catch (error) {
      connection.console.error(`pledge: ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      return fallback;
    }
  }

  function publish(uri: string, version: number, speed: 'fast' | 'all'): void {
    const d = documents.get(uri);
    if (!d || d.version !== version) return;
    try {
      const found = S.diagnostics(docAt(uri, d.getText()), speed);
      // A fast check cannot say whether a slow rule's finding still holds; it keeps none of them.
      void connection.sendDiagnostics({ uri, version, diagnostics: found.map((x) => toLspDiagnostic(x, uri)) });
    } catch (error) {
      connection.console.error(`pledge: diagnostics failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** All checks, from the worker; a newer version of the document by then drops the answer. */
  async function publishFull(uri: string, version: number): Promise<void> {
    const td = documents.get(uri);
    if (!td || td.version !== version) return;
    const d = docAt(uri, td.getText());
    const o = await fullCheck(uri, d);
    if (o.kind === 'superseded' || documents.get(uri)?.version !== version) return;
    try {
      const found = [...S.diagnostics(d, 'all'), ...(o.kind === 'stopped' ? [stoppedNotice(o.ms)] : [])];
      void connection.sendDiagnostics({ uri, version, diagnostics: found.map((x) => toLspDiagnostic(x, uri)) });
    } catch (error) {
      connection.console.error(`pledge: diagnostics failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  function scheduleChecks(uri: string): void {
    const d = documents.get(uri);
    if (!d) return;
    const version = d.version;
    publish(uri, version, 'fast');
    clearTimeout(fullTimers.get(uri));
    fullTimers.set(
      uri,
      setTimeout(() => {
        fullTimers.delete(uri);
        void publishFull(uri, version);
      }, FULL_CHECK_DELAY_MS),
    );
  }

  documents.onDidOpen((e) => scheduleChecks(e.document.uri));
  documents.onDidChangeContent((e) => scheduleChecks(e.document.uri));
  documents.onDidClose((e) => {
    clearTimeout(fullTimers.get(e.document.uri));
    fullTimers.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onInitialize((params) => {
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    for (const f of params.workspaceFolders ?? []) if (f.uri.startsWith('file:')) folders.push(fileURLToPath(f.uri));
    if (!folders.length && params.rootUri?.startsWith('file:')) folders.push(fileURLToPath(params.rootUri));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['"', ' '] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: { tokenTypes: [...S.SEMANTIC_TOKEN_TYPES], tokenModifiers: [...S.SEMANTIC_TOKEN_MODIFIERS] }, full: true },
        inlayHintProvider: true,
        executeCommandProvider: { commands: ['pledge.server.whatIf', 'pledge.server.renderTerms'] },
      },
      serverInfo: { name: 'pledge' },
    };
  });

  // A changed iCalendar file: documents that read files are read again (a client that cannot watch
  // files re-reads them on the document's next change, which is a new text).
  connection.onInitialized(() => {
    if (watchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.ics' }] }).catch(() => undefined);
  });
  connection.onDidChangeWatchedFiles(() => {
    filesGeneration++;
    for (const d of documents.all()) {
      if (folderOf(d.uri) === undefined) continue;
      const pd = doc(d.uri);
      if (pd?.parse.ast.declarations.some((x) => x.kind === 'Calendar' && x.body.some((s) => s.kind === 'HolidaysFile'))) scheduleChecks(d.uri);
    }
  });
  connection.onShutdown(() => checker.dispose());

  connection.onHover((p, token) =>
    guard('hover', null, token, async () => {
      const d = await checkedDoc(p.textDocument.uri, token);
      if (!d) return null;
      await breathe();
      if (token.isCancellationRequested) return null;
      const h = S.hover(d, toPos(p.position));
      return h ? { contents: { kind: MarkupKind.Markdown, value: h.lines.join('\n\n') }, range: fromRange(h.range) } : null;
    }),
  );

  connection.onCompletion((p, token) =>
    guard('completion', [], token, () => {
      const d = doc(p.textDocument.uri);
      if (!d) return [];
      const c = S.complete(d, toPos(p.position));
      const range = { start: fromPos(d.positionAt(c.replace.start)), end: fromPos(d.positionAt(c.replace.end)) };
      return c.items.map((i) => ({ label: i.label, kind: COMPLETION_KIND[i.kind], detail: i.detail, textEdit: { range, newText: i.insertText } }));
    }),
  );

  connection.onDefinition((p, token) =>
    guard('definition', null, token, () => {
      const d = doc(p.textDocument.uri);
      const o = d && S.definition(d, toPos(p.position));
      return o ? { uri: p.textDocument.uri, range: fromRange(o.range) } : null;
    }),
  );

  /** Every text of the workspace's `.pledge` files: open documents as edited, the rest from disk. */
  async function workspaceTexts(token: CancellationToken, self: string): Promise<Map<string, string> | undefined> {
    const out = new Map<string, string>();
    for (const d of documents.all()) out.set(d.uri, d.getText());
    for (const folder of folders) {
      for (const file of await pledgeFiles(folder)) {
        if (token.isCancellationRequested) return undefined;
        const uri = pathToFileURL(file).href;
        if (out.has(uri)) continue;
        try {
          out.set(uri, await readFile(file, 'utf8'));
        } catch {
          // Unreadable: it has no references to offer.
        }
      }
    }
    if (!out.has(self)) return out;
    return out;
  }

  /** The symbol under the cursor and its occurrences in every workspace file. */
  async function workspaceOccurrences(uri: string, pos: LspPosition, token: CancellationToken, forRename: boolean) {
    const d = doc(uri);
    if (!d) return undefined;
    const o = forRename ? S.prepareRename(d, toPos(pos)) : S.references(d, toPos(pos))[0];
    if (!o) return undefined;
    const texts = await workspaceTexts(token, uri);
    if (!texts) return 'cancelled' as const;
    const found: { uri: string; occurrence: S.Occurrence }[] = [];
    for (const [u, text] of texts) {
      await breathe();
      if (token.isCancellationRequested) return 'cancelled' as const;
      const other = u === uri ? d : cache.get(text);
      for (const x of other.occurrences) if (x.kind === o.kind && x.name === o.name) found.push({ uri: u, occurrence: x });
    }
    return { symbol: o, found };
  }

  connection.onReferences((p, token) =>
    guard('references', [], token, async () => {
      const r = await workspaceOccurrences(p.textDocument.uri, p.position, token, false);
      if (r === 'cancelled') return cancelled();
      if (!r) return [];
      return r.found.filter((f) => p.context.includeDeclaration || !f.occurrence.declaration).map((f) => ({ uri: f.uri, range: fromRange(f.occurrence.range) }));
    }),
  );

  connection.onPrepareRename((p, token) =>
    guard('prepareRename', null, token, () => {
      const d = doc(p.textDocument.uri);
      const o = d && S.prepareRename(d, toPos(p.position));
      return o ? { range: fromRange(o.range), placeholder: o.name } : null;
    }),
  );

  connection.onRenameRequest((p, token) =>
    guard('rename', null, token, async () => {
      const r = await workspaceOccurrences(p.textDocument.uri, p.position, token, true);
      if (r === 'cancelled') return cancelled();
      if (!r) return new ResponseError(LSPErrorCodes.RequestFailed, 'only a declared calendar, clock, priority, plan or contact can be renamed');
      const bad = S.invalidName(r.symbol.kind, p.newName);
      if (bad) return new ResponseError(LSPErrorCodes.RequestFailed, bad);
      const changes: Record<string, LspTextEdit[]> = {};
      for (const f of r.found) (changes[f.uri] ??= []).push(fromEdit(S.renameEdit(f.occurrence, p.newName)));
      return { changes };
    }),
  );

  connection.onCodeAction((p, token) =>
    guard('codeAction', [], token, async () => {
      const d = await checkedDoc(p.textDocument.uri, token);
      if (!d) return [];
      return S.codeActions(d, toRange(p.range)).map(({ diagnostic, fix }) => ({
        title: fix.title.replace(/`/g, ''),
        kind: CodeActionKind.QuickFix,
        isPreferred: true,
        diagnostics: [toLspDiagnostic(diagnostic, p.textDocument.uri)],
        edit: { changes: { [p.textDocument.uri]: fix.edits.map(fromEdit) } },
      }));
    }),
  );

  connection.onDocumentFormatting((p, token) =>
    guard('formatting', [], token, () => {
      const d = doc(p.textDocument.uri);
      return (d && S.formatting(d)?.map(fromEdit)) ?? [];
    }),
  );
  connection.onDocumentRangeFormatting((p, token) =>
    guard('rangeFormatting', [], token, () => {
      const d = doc(p.textDocument.uri);
      return (d && S.formatting(d, toRange(p.range))?.map(fromEdit)) ?? [];
    }),
  );

  connection.onDocumentSymbol((p, token) =>
    guard('documentSymbol', [], token, () => {
      const d = doc(p.textDocument.uri);
      return d ? S.documentSymbols(d).map(toLspSymbol) : [];
    }),
  );

  connection.onFoldingRanges((p, token) =>
    guard('foldingRange', [], token, () => {
      const d = doc(p.textDocument.uri);
      return d ? S.foldingRanges(d).map((f) => ({ startLine: f.startLine - 1, endLine: f.endLine - 1, ...(f.kind ? { kind: FoldingRangeKind.Comment } : {}) })) : [];
    }),
  );

  connection.languages.semanticTokens.on((p, token) =>
    guard('semanticTokens', { data: [] }, token, () => {
      const d = doc(p.textDocument.uri);
      if (!d) return { data: [] };
      const data: number[] = [];
      let line = 0;
      let char = 0;
      for (const t of S.semanticTokens(d)) {
        const l = t.line - 1;
        const c = t.column - 1;
        data.push(l - line, l === line ? c - char : c, t.length, S.SEMANTIC_TOKEN_TYPES.indexOf(t.type), t.declaration ? 1 : 0);
        line = l;
        char = c;
      }
      return { data };
    }),
  );

  connection.languages.inlayHint.on((p, token) =>
    guard('inlayHint', [], token, async () => {
      const d = await checkedDoc(p.textDocument.uri, token);
      if (!d) return [];
      await breathe();
      if (token.isCancellationRequested) return cancelled();
      return S.inlayHints(d, toRange(p.range)).map((h) => ({ position: fromPos(h.position), label: h.label, kind: InlayHintKind.Type, paddingLeft: true }));
    }),
  );

  connection.onExecuteCommand((p, token) =>
    guard('executeCommand', null, token, async () => {
      const [uri, ...rest] = (p.arguments ?? []) as unknown[];
      const d = typeof uri === 'string' ? await checkedDoc(uri, token) : undefined;
      if (!d) return new ResponseError(LSPErrorCodes.RequestFailed, 'open the contract first');
      if (stopped.has(d)) return new ResponseError(LSPErrorCodes.RequestFailed, 'all checks of the contract were stopped over the limit; `pledge check` runs them without a watchdog');
      const runtime = d.runtime;
      if (!runtime) return new ResponseError(LSPErrorCodes.RequestFailed, 'the contract has errors; fix them first');
      if (p.command === 'pledge.server.renderTerms') {
        const format = rest[0] === 'html' ? 'html' : 'md';
        return renderContract(runtime, format, rest[1] === 'zh' ? 'zh' : 'en');
      }
      if (p.command === 'pledge.server.whatIf') {
        const req = (rest[0] ?? {}) as { priority?: string; filed?: string; events?: { event: string; at: string; priority?: string }[]; plan?: string };
        const first = [...d.model.calendars.values()][0];
        const zone = (first && calendarZone(first)) ?? 'UTC';
        const filed = parseInstant(req.filed ?? '', zone);
        if (!req.priority || !runtime.targets(req.priority, req.plan)) return new ResponseError(LSPErrorCodes.RequestFailed, `\`${req.priority ?? ''}\` is not offered`);
        if (filed === undefined) return new ResponseError(LSPErrorCodes.RequestFailed, `\`${req.filed ?? ''}\` is not a date-time; write it like 2026-11-20T17:00`);
        const events: EventInput[] = [];
        for (const e of req.events ?? []) {
          const at = parseInstant(e.at, zone);
          if (at === undefined || !(TICKET_EVENTS as readonly string[]).includes(e.event) || e.event === 'filed') return new ResponseError(LSPErrorCodes.RequestFailed, `bad event \`${e.event} ${e.at}\``);
          events.push({ event: e.event as TicketEvent, at, ...(e.priority ? { priority: e.priority } : {}) });
        }
        return whatIfText(timeline(runtime, { priority: req.priority, filed, events, ...(req.plan ? { plan: req.plan } : {}) }), zone);
      }
      return new ResponseError(LSPErrorCodes.RequestFailed, `unknown command ${p.command}`);
    }),
  );

  documents.listen(connection);
  connection.listen();
  return connection;
}
