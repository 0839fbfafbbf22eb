/** A real LSP client for tests: `pledge lsp --stdio` as a child process, driven over its pipes. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface Client {
  readonly connection: ProtocolConnection;
  readonly child: ChildProcess;
  readonly stderr: () => string;
  /** The newest diagnostics per uri, with the document version they were computed for. */
  readonly diagnostics: Map<string, { version?: number; diagnostics: Diagnostic[] }>;
  /** Every publication per uri, in order. */
  readonly history: Map<string, { version?: number; diagnostics: Diagnostic[] }[]>;
  /** Resolves with the next diagnostics for `uri` that satisfy `pred`. */
  waitDiagnostics(uri: string, pred?: (d: { version?: number; diagnostics: Diagnostic[] }) => boolean, timeoutMs?: number): Promise<{ version?: number; diagnostics: Diagnostic[] }>;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
  /** The capabilities the server registered with `client/registerCapability`. */
  readonly registrations: { method: string; registerOptions?: unknown }[];
}

export interface ClientOptions {
  /** Added to the server's environment (`PLEDGE_LSP_WATCHDOG_MS`). */
  readonly env?: Record<string, string>;
  /** The client's capabilities in `initialize`; none by default. */
  readonly capabilities?: object;
  /** The server's command line after `node`; by default the CLI from source, `lsp --stdio`. */
  readonly argv?: readonly string[];
  readonly cwd?: string;
}

export async function startClient(folder: string, options: ClientOptions = {}): Promise<Client> {
  const child = spawn(process.execPath, [...(options.argv ?? ['--import', 'tsx', path.join(ROOT, 'test/lsp/run-cli.ts'), 'lsp', '--stdio'])], {
    cwd: options.cwd ?? ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let err = '';
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const diagnostics = new Map<string, { version?: number; diagnostics: Diagnostic[] }>();
  const history = new Map<string, { version?: number; diagnostics: Diagnostic[] }[]>();
  const waiters: { uri: string; pred: (d: { version?: number; diagnostics: Diagnostic[] }) => boolean; resolve: (d: { version?: number; diagnostics: Diagnostic[] }) => void }[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    const entry = { ...(p.version !== undefined ? { version: p.version } : {}), diagnostics: p.diagnostics };
    diagnostics.set(p.uri, entry);
    history.set(p.uri, [...(history.get(p.uri) ?? []), entry]);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.pred(entry)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(entry);
      }
    }
  });
  const registrations: { method: string; registerOptions?: unknown }[] = [];
  connection.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
    registrations.push(...p.registrations);
    return null;
  });
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'contracts' }],
    capabilities: options.capabilities ?? {},
  });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    child,
    stderr: () => err,
    diagnostics,
    history,
    exited,
    registrations,
    waitDiagnostics(uri, pred = () => true, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const now = diagnostics.get(uri);
        if (now && pred(now)) return resolve(now);
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}; stderr: ${err}`)), timeoutMs);
        waiters.push({ uri, pred, resolve: (d) => (clearTimeout(timer), resolve(d)) });
      });
    },
  };
}
