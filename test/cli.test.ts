import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { ALL_CODES, formatSource, LIMITS } from '../src/index.js';

/**
 * The checker rules are still growing, so tests that need warnings or a crash get them from
 * markers: `@test-warning` adds one PLG2014 warning per occurrence, `@test-throw` makes analysis
 * throw. Everything else goes through the real `analyze`.
 */
vi.mock('../src/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/index.js')>();
  const { diagnostic, FILE_START } = await import('../src/diagnostics/diagnostic.js');
  return {
    ...real,
    analyze: (text: string, ...rest: unknown[]) => {
      if (text.includes('@test-throw')) throw new Error('boom from the test');
      const result = (real.analyze as (t: string, ...r: unknown[]) => ReturnType<typeof real.analyze>)(text, ...rest);
      const warnings = (text.match(/@test-warning/g) ?? []).map(() => diagnostic('PLG2014', 'a test warning', FILE_START));
      return { ...result, diagnostics: [...result.diagnostics, ...warnings] };
    },
  };
});

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = path.join(ROOT, 'test/fixtures/cli');
const CONTRACT = 'contracts/realtime-messaging.pledge';

const temps: string[] = [];
/** A fresh temporary folder, removed after the file's tests. */
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pledge-cli-'));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function collector(isTTY = false) {
  const chunks: string[] = [];
  return { write: (s: string) => chunks.push(s), isTTY, text: () => chunks.join('') };
}

interface RunOptions {
  readonly cwd?: string;
  readonly stdin?: string | Buffer;
  readonly env?: Record<string, string>;
  readonly tty?: boolean;
}

async function run(argv: string[], options: RunOptions = {}) {
  const stdout = collector(options.tty);
  const stderr = collector(options.tty);
  const code = await main(argv, {
    stdout,
    stderr,
    cwd: options.cwd ?? ROOT,
    env: options.env ?? {},
    ...(options.stdin === undefined ? {} : { stdin: Readable.from([Buffer.from(options.stdin)]) }),
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** A stack trace line, which users must never see unless PLEDGE_DEBUG=1. */
const STACK_LINE = /^\s+at /m;

describe('pledge check', () => {
  it('passes the bundled contract', async () => {
    const r = await run(['check', CONTRACT, '--format', 'json']);
    expect(JSON.parse(r.stdout).errors).toBe(0);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('runs as a real process through bin/pledge.js (needs `npm run build`)', () => {
    const child = spawnSync(process.execPath, ['bin/pledge.js', 'check', CONTRACT], { cwd: ROOT, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(child.stdout).toMatch(/no problems|0 errors/);
  });

  it('reports syntax errors with code, position and an underline, and exits 1', async () => {
    const r = await run(['check', 'test/fixtures/cli/syntax-error.pledge', '--color', 'never']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('test/fixtures/cli/syntax-error.pledge:3:11: error[PLG1002]: `15min` is not a number, duration or date\n');
    // The tab before `response` expands to 4 columns in the line and under it alike.
    expect(r.stdout).toContain('3 |     response 15min on always\n  |              ^^^^^\n');
    expect(r.stdout).toMatch(/syntax-error\.pledge:7:1: error\[PLG1003\]: expected `\}`, found end of file/);
    expect(r.stdout).toMatch(/✖ \d+ errors?, \d+ warnings?/);
  });

  it('prints exactly the documented JSON document', async () => {
    const r = await run(['check', 'test/fixtures/cli/syntax-error.pledge', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['files', 'errors', 'warnings']);
    expect(doc.files).toHaveLength(1);
    expect(Object.keys(doc.files[0])).toEqual(['file', 'diagnostics']);
    expect(doc.files[0].file).toBe('test/fixtures/cli/syntax-error.pledge');
    const allowed = ['code', 'severity', 'message', 'range', 'help', 'related', 'fix'];
    for (const d of doc.files[0].diagnostics) {
      expect(Object.keys(d).slice(0, 4)).toEqual(['code', 'severity', 'message', 'range']);
      for (const key of Object.keys(d)) expect(allowed).toContain(key);
      expect(Object.keys(d.range.start)).toEqual(['line', 'column']);
    }
    expect(doc.files[0].diagnostics).toContainEqual({
      code: 'PLG1002',
      severity: 'error',
      message: '`15min` is not a number, duration or date',
      range: { start: { line: 3, column: 11 }, end: { line: 3, column: 16 } },
      help: 'durations are written `15m`, `4h`, `1h30m` or `5d`; dates `2026-01-31`; times `17:30`',
    });
    const errors = doc.files[0].diagnostics.filter((d: { severity: string }) => d.severity === 'error').length;
    expect(doc.errors).toBe(errors);
  });

  it('prints SARIF with every rule and repo-relative, forward-slash URIs', async () => {
    const repo = tempDir();
    mkdirSync(path.join(repo, '.git'));
    mkdirSync(path.join(repo, 'sub', 'my contracts'), { recursive: true });
    writeFileSync(path.join(repo, 'sub', 'my contracts', 'x.pledge'), 'priority P0 { response 15min on always }\n');
    // Run from a subfolder: the URI is still relative to the repository root.
    const r = await run(['check', '.', '--format', 'sarif'], { cwd: path.join(repo, 'sub') });
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].tool.driver.version).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    expect(sarif.runs[0].tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(ALL_CODES);
    const result = sarif.runs[0].results.find((res: { ruleId: string }) => res.ruleId === 'PLG1002');
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'sub/my%20contracts/x.pledge', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1, startColumn: 24, endLine: 1, endColumn: 29 },
    });
  });

  it('prints GitHub annotations with escaped properties', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, '.git'));
    writeFileSync(path.join(dir, 'a,b:c%.pledge'), 'priority P0 { response 15min on always }\n');
    const r = await run(['check', 'a,b:c%.pledge', '--format', 'github'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('::error file=a%2Cb%3Ac%25.pledge,line=1,col=24,endLine=1,endColumn=29,title=PLG1002::`15min` is not a number');
    for (const line of r.stdout.trimEnd().split('\n')) expect(line).toMatch(/^::(error|warning|notice) file=/);
  });

  it('fails on more warnings than --max-warnings allows', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'w.pledge'), `${readFileSync(path.join(ROOT, CONTRACT), 'utf8')}\n// @test-warning @test-warning\n`);
    const counted = JSON.parse((await run(['check', 'w.pledge', '--format', 'json'], { cwd: dir })).stdout);
    expect(counted.errors).toBe(0);
    const warnings: number = counted.warnings;
    expect(warnings).toBeGreaterThanOrEqual(2);

    expect((await run(['check', 'w.pledge'], { cwd: dir })).code).toBe(0);
    expect((await run(['check', 'w.pledge', '--max-warnings', String(warnings)], { cwd: dir })).code).toBe(0);
    const over = await run(['check', 'w.pledge', '--max-warnings', String(warnings - 1)], { cwd: dir });
    expect(over.code).toBe(1);
    expect(over.stderr).toContain(`pledge: too many warnings (${warnings}; at most ${warnings - 1}`);
    expect((await run(['check', 'w.pledge', '--max-warnings', 'lots'], { cwd: dir })).code).toBe(2);
  });

  it('treats bad option values and unknown options as usage errors: exit 2, one line on stderr', async () => {
    for (const argv of [
      ['check', CONTRACT, '--format', 'xml'],
      ['check', CONTRACT, '--colour', 'never'],
      ['check'],
      ['frobnicate'],
    ]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^pledge: [^\n]+\n$/);
    }
  });

  it('exits 0 for --help and --version', async () => {
    const help = await run(['check', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--max-warnings');
    const version = await run(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('reports a missing file on stderr, still checks the others, and exits 2', async () => {
    const r = await run(['check', 'no/such/file.pledge', CONTRACT, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('pledge: cannot read `no/such/file.pledge`: no such file or directory\n');
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(JSON.parse(r.stdout).files.map((f: { file: string }) => f.file)).toEqual([CONTRACT]);
  });

  it('walks folders for *.pledge in sorted order, skipping node_modules and dot-folders', async () => {
    const dir = tempDir();
    const files = ['b.pledge', 'a/z.pledge', 'a/deeper/y.pledge', 'node_modules/dep/x.pledge', '.hidden/x.pledge', 'notes.txt', 'a/readme.md'];
    for (const file of files) {
      mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
      writeFileSync(path.join(dir, file), 'clock r { starts filed stops first_reply }\n');
    }
    writeFileSync(path.join(dir, 'explicit.txt'), 'clock r { starts filed stops first_reply }\n');
    const r = await run(['check', '.', 'explicit.txt', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).files.map((f: { file: string }) => f.file)).toEqual([
      'a/deeper/y.pledge',
      'a/z.pledge',
      'b.pledge',
      'explicit.txt',
    ]);
    mkdirSync(path.join(dir, 'empty'));
    const empty = await run(['check', 'empty', '--format', 'json'], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe('pledge: no .pledge files in `empty`\n');
    expect(JSON.parse(empty.stdout)).toEqual({ files: [], errors: 0, warnings: 0 });
  });

  it('reports binary and invalid UTF-8 files as PLG1000, and strips a BOM', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'binary.pledge'), Buffer.from([0x63, 0x6c, 0x00, 0x01, 0x02]));
    writeFileSync(path.join(dir, 'latin1.pledge'), Buffer.from('clock caf\xe9 {}', 'latin1'));
    writeFileSync(path.join(dir, 'bom.pledge'), `\uFEFF${readFileSync(path.join(ROOT, CONTRACT), 'utf8')}`);
    const r = await run(['check', 'binary.pledge', 'latin1.pledge', 'bom.pledge', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const [binary, latin1, bom] = JSON.parse(r.stdout).files;
    expect(binary.diagnostics).toEqual([expect.objectContaining({ code: 'PLG1000', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } })]);
    expect(binary.diagnostics[0].message).toContain('binary');
    expect(latin1.diagnostics.map((d: { code: string }) => d.code)).toEqual(['PLG1000']);
    expect(latin1.diagnostics[0].message).toContain('UTF-8');
    expect(bom.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
  });

  it('refuses a 50 MB file without reading it', async () => {
    const dir = tempDir();
    const big = path.join(dir, 'big.pledge');
    writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, 0x7b));
    const started = performance.now();
    const r = await run(['check', big, '--format', 'json']);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(r.code).toBe(1);
    const diagnostics = JSON.parse(r.stdout).files[0].diagnostics;
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].code).toBe('PLG1000');
    expect(diagnostics[0].message).toBe('file is larger than the 512 KB limit (50 MB)');
  });

  it('survives a file of `{` at the size limit and 200,000 nested braces with a capped list of diagnostics', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'braces.pledge'), '{'.repeat(LIMITS.maxFileBytes));
    writeFileSync(path.join(dir, 'nested.pledge'), `calendar x ${'{'.repeat(200_000)}${'}'.repeat(200_000)}`);
    const json = await run(['check', 'braces.pledge', 'nested.pledge', '--format', 'json'], { cwd: dir });
    expect(json.code).toBe(1);
    for (const file of JSON.parse(json.stdout).files) {
      expect(file.diagnostics.length).toBeGreaterThan(0);
      expect(file.diagnostics.length).toBeLessThanOrEqual(LIMITS.maxSyntaxErrors + 20);
    }
    // The human excerpts of a 512 KB line are cut, not printed whole for each diagnostic.
    const human = await run(['check', 'braces.pledge', 'nested.pledge'], { cwd: dir });
    expect(human.code).toBe(1);
    expect(human.stdout.length).toBeLessThan(200_000);
  });

  it('colours human output on a terminal unless NO_COLOR or --color never; --color always wins', async () => {
    const file = 'test/fixtures/cli/syntax-error.pledge';
    expect((await run(['check', file], { tty: true })).stdout).toContain('\u001b[31m');
    expect((await run(['check', file], { tty: false })).stdout).not.toContain('\u001b[');
    expect((await run(['check', file], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await run(['check', file, '--color', 'never'], { tty: true })).stdout).not.toContain('\u001b[');
    expect((await run(['check', file, '--color', 'always'], { env: { NO_COLOR: '1' } })).stdout).toContain('\u001b[31m');
  });

  it('turns an unexpected exception into a short internal error with exit 2', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'boom.pledge'), '// @test-throw\n');
    const r = await run(['check', 'boom.pledge'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('pledge: internal error: boom from the test\nplease report this with the input that caused it\n');
    const debug = await run(['check', 'boom.pledge'], { cwd: dir, env: { PLEDGE_DEBUG: '1' } });
    expect(debug.stderr).toMatch(STACK_LINE);
  });
});

describe('pledge fmt', () => {
  const MESSY = 'clock r{starts filed    stops first_reply}\n';
  const canonical = (text: string): string => formatSource(text).output!;

  it('rewrites a file that changes, and leaves a formatted one alone', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'messy.pledge');
    writeFileSync(file, MESSY);
    const first = await run(['fmt', 'messy.pledge'], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('formatted messy.pledge\n');
    expect(first.stdout).toBe('');
    const formatted = readFileSync(file, 'utf8');
    expect(formatted).toBe(canonical(MESSY));
    expect(formatted).not.toBe(MESSY);

    const mtime = statSync(file).mtimeMs;
    const second = await run(['fmt', '.'], { cwd: dir });
    expect(second).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(statSync(file).mtimeMs).toBe(mtime);
  });

  it('--check lists files that would change, writes nothing, and exits 1', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'messy.pledge'), MESSY);
    writeFileSync(path.join(dir, 'tidy.pledge'), canonical(MESSY));
    const r = await run(['fmt', '--check', '.'], { cwd: dir });
    expect(r).toEqual({ code: 1, stdout: 'messy.pledge\n', stderr: '' });
    expect(readFileSync(path.join(dir, 'messy.pledge'), 'utf8')).toBe(MESSY);
    expect(await run(['fmt', '--check', 'tidy.pledge'], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('formats stdin to stdout with `-` or --stdin', async () => {
    expect(await run(['fmt', '-'], { stdin: MESSY })).toEqual({ code: 0, stdout: canonical(MESSY), stderr: '' });
    expect(await run(['fmt', '--stdin'], { stdin: MESSY })).toEqual({ code: 0, stdout: canonical(MESSY), stderr: '' });
    const broken = await run(['fmt', '-'], { stdin: 'calendar x {' });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toContain('<stdin>:1:13: error[PLG1003]');
    expect((await run(['fmt', '-', 'x.pledge'])).code).toBe(2);
    expect((await run(['fmt'])).code).toBe(2);
  });

  it('leaves a file with syntax errors untouched and prints its diagnostics on stderr', async () => {
    const dir = tempDir();
    const source = readFileSync(path.join(FIXTURES, 'syntax-error.pledge'), 'utf8');
    const file = path.join(dir, 'broken.pledge');
    writeFileSync(file, source);
    const mtime = statSync(file).mtimeMs;
    const r = await run(['fmt', 'broken.pledge'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('broken.pledge:3:11: error[PLG1002]');
    expect(r.stderr).not.toContain('formatted');
    expect(readFileSync(file, 'utf8')).toBe(source);
    expect(statSync(file).mtimeMs).toBe(mtime);
  });

  it('reports a missing file with exit 2', async () => {
    const r = await run(['fmt', 'missing.pledge'], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('pledge: cannot read `missing.pledge`: no such file or directory\n');
  });
});

describe('pledge diff', () => {
  const REDLINE = 'test/cases/diff/realtime-messaging--vendor-redline.pledge';

  it('exits 0 with no change in obligations when a contract is compared with itself', async () => {
    const r = await run(['diff', CONTRACT, CONTRACT]);
    expect(r).toEqual({ code: 0, stdout: `${CONTRACT} -> ${CONTRACT}: no change in obligations\n`, stderr: '' });
  });

  it('exits 1 and explains each change when obligations differ', async () => {
    const r = await run(['diff', CONTRACT, REDLINE]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('  P2 response: 4 business hours -> 8 business hours: looser for the provider, worse for the customer\n');
  });

  it('prints only the documented JSON document with --json', async () => {
    const r = await run(['diff', CONTRACT, REDLINE, '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['old', 'new', 'differs', 'summary', 'changes', 'effects']);
    expect(doc.differs).toBe(true);
    expect(doc.summary.provider).toBe(doc.changes.filter((c: { favours: string; informational: boolean }) => c.favours === 'provider' && !c.informational).length);
    const allowed = ['id', 'area', 'subject', 'kind', 'text', 'old', 'new', 'favours', 'provider', 'customer', 'informational', 'lines', 'worstCase'];
    for (const c of doc.changes) for (const key of Object.keys(c)) expect(allowed).toContain(key);
    expect(doc.changes).toContainEqual(expect.objectContaining({ id: 'credits:cap', favours: 'provider', provider: 'better', customer: 'worse', old: '50% of the monthly fee', new: '30% of the monthly fee' }));
  });

  it('reports a contract with errors as diagnostics and exits 2', async () => {
    const r = await run(['diff', 'contracts/flawed-draft.pledge', CONTRACT, '--color', 'never']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/contracts\/flawed-draft\.pledge:\d+:\d+: error\[PLG2032\]/);
    expect(r.stderr).toContain('pledge: `contracts/flawed-draft.pledge` has errors; fix them first (pledge check contracts/flawed-draft.pledge)\n');
    expect(r.stderr).not.toMatch(STACK_LINE);
    const json = await run(['diff', 'contracts/flawed-draft.pledge', CONTRACT, '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).diagnostics.errors).toBeGreaterThan(0);
  });

  it('exits 2 on a missing file or argument', async () => {
    const missing = await run(['diff', CONTRACT, 'missing.pledge']);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'pledge: cannot read `missing.pledge`: no such file or directory\n' });
    expect((await run(['diff', CONTRACT])).code).toBe(2);
  });
});
