/**
 * Language server benchmark: `pledge lsp --stdio` as a child process, driven over its pipes by a
 * real client (`vscode-languageserver-protocol`). It opens a generated 2,000-line contract, then
 * sends incremental changes as typing would (one target's duration, a new value each time, without the
 * pause that lets all checks run) and times each change from `didChange` to the
 * `publishDiagnostics` of that version (parse + fast checks + the protocol both ways). Next to it,
 * in the same run and process: `JSON.parse` of the contract's AST, the bare parse, and parse +
 * fast checks in-process. Goal (issue 17): the median under 100 ms.
 * Run: `npm run bench:lsp` (`LSP_BENCH_CHANGES=60` for more changes).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, InitializeRequest, PublishDiagnosticsNotification, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

process.env.BENCH_IMPORT_ONLY = '1'; // bench/parse.ts then only exports its generator
const { generateContract } = await import('./parse.js');
const { analyze, parse } = await import('../src/index.js');

const ROOT = path.resolve(import.meta.dirname, '..');
const CHANGES = Number(process.env.LSP_BENCH_CHANGES ?? 40);

const text = generateContract(2_000);
const lines = text.split('\n');
const lineCount = lines.length - 1;
// The edit: the response target of a priority in the middle of the contract.
const editLine = lines.findIndex((l, i) => i > lineCount / 2 && /^ {2}response \dh on /.test(l));
const editChar = '  response '.length;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function timeMedian(fn: () => unknown, runs: number): number {
  fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

// ─── The server ───
const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/lsp/run-cli.ts'), 'lsp', '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
const waiting = new Map<number, (at: number) => void>();
const uri = pathToFileURL(path.join(ROOT, 'bench-2000-lines.pledge')).href;
let diagnosticsCount = 0;
connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
  const at = performance.now();
  if (p.uri !== uri || p.version === undefined) return;
  const w = waiting.get(p.version);
  if (w) {
    waiting.delete(p.version);
    diagnosticsCount = p.diagnostics.length;
    w(at);
  }
});
connection.listen();
await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {} });
await connection.sendNotification('initialized', {});

const published = (version: number) => new Promise<number>((resolve) => waiting.set(version, resolve));
let version = 1;
let opened = published(version);
const openStart = performance.now();
await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pledge', version, text } });
const openMs = (await opened) - openStart;
// Let the first full check run (it is what an editor does after opening), then type.
await new Promise((r) => setTimeout(r, 1500));

const changeMs: number[] = [];
// Every change gives a new text (`61m`, `62m`, …): the server's cache of recent texts never answers.
let current = /^ {2}response (\S+)/.exec(lines[editLine]!)![1]!;
for (let i = 0; i < CHANGES + 3; i++) {
  version++;
  const next = `${61 + i}m`;
  const done = published(version);
  const start = performance.now();
  await connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: { line: editLine, character: editChar }, end: { line: editLine, character: editChar + current.length } }, text: next }],
  });
  current = next;
  const ms = (await done) - start;
  if (i >= 3) changeMs.push(ms); // the first changes warm the server's JIT
}
await connection.sendRequest('shutdown');
await connection.sendNotification('exit');

// ─── Baselines, in this process ───
const json = JSON.stringify(parse(text).ast);
const jsonMs = timeMedian(() => JSON.parse(json), 40);
const parseMs = timeMedian(() => parse(text), 20);
const fastMs = timeMedian(() => analyze(text, { speed: 'fast' }), 20);

const row = (name: string, ms: number) => `${name.padEnd(46)} ${ms.toFixed(2).padStart(8)} ms   ${(ms / jsonMs).toFixed(1).padStart(5)}× JSON.parse   ${(ms / parseMs).toFixed(2).padStart(5)}× parse`;
console.log(`contract: ${lineCount} lines, ${(text.length / 1024).toFixed(0)} KB; ${diagnosticsCount} diagnostics; ${CHANGES} changes at line ${editLine + 1}`);
console.log(`node ${process.version}, ${process.platform}-${process.arch}; medians`);
console.log(row('JSON.parse of the AST (base)', jsonMs));
console.log(row('parse (in-process)', parseMs));
console.log(row('parse + fast checks (in-process)', fastMs));
console.log(row('server: didChange → publishDiagnostics (fast)', median(changeMs)));
console.log(row('server: didOpen → first diagnostics', openMs));
console.log(`server change ms: min ${Math.min(...changeMs).toFixed(1)}, max ${Math.max(...changeMs).toFixed(1)}; goal: median < 100 ms ${median(changeMs) < 100 ? 'met' : 'missed'}`);
