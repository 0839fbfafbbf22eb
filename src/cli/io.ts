/**
 * Everything the commands share about the outside world: the streams they write to, finding
 * contract files, and reading one safely (size limit first, binary and bad UTF-8 as PLG1000,
 * missing or unreadable files as I/O failures that do not stop the others).
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
// The one CLI file that imports below src/index.ts, on purpose: main.ts loads io.ts for every
// command, `--version` included, and through index.ts esbuild's splitting would load the whole
// engine (date-holidays, chevrotain) before `--version` prints (+16 ms → +115 ms over bare node).
// These three are leaf modules that index.ts also exports. test/layers.test.ts lists this exception.
import { diagnostic, FILE_START, type Diagnostic } from '../diagnostics/diagnostic.js';
import { sanitize } from '../diagnostics/source-lines.js';
import { LIMITS, sizeText } from '../syntax/limits.js';

/** Anything with `write`: process.stdout, or a string collector in tests. */
export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

/** What `main` is given instead of reaching for `process`: tests pass collectors and a temp cwd. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly cwd: string;
  /** For `pledge fmt -`; defaults to process.stdin. */
  readonly stdin?: AsyncIterable<Uint8Array | string>;
  /** Environment (`NO_COLOR`, `PLEDGE_DEBUG`); defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The package version, read at run time so that it never drifts from package.json. */
export function packageVersion(): string {
  // src/cli/io.ts and dist/cli/io.js both sit two levels below the package root.
  const pkg = createRequire(import.meta.url)('../../package.json') as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

/** An error about the command line itself: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** Writes a file an option asked for (`--html report.html`) and says so on stderr; a failure is a usage error. */
export function writeOutput(io: CliIo, option: string, file: string, text: string): void {
  try {
    writeFileSync(path.resolve(io.cwd, file), text);
  } catch (error) {
    throw new UsageError(`${option}: cannot write \`${file}\`: ${describeIoError(error)}`);
  }
  io.stderr.write(`pledge: wrote ${file}\n`);
}

/** Prints `pledge: <message>` on stderr, the house format for messages that are not diagnostics. */
export function complain(io: CliIo, message: string): void {
  io.stderr.write(`pledge: ${sanitize(message)}\n`);
}

/** `--color` resolved: `always`/`never` win; `auto` means a terminal, no `NO_COLOR`, and not `TERM=dumb`. */
export function useColor(mode: string | undefined, stream: OutputStream, env: CliIo['env'] = process.env): boolean {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['TERM'] === 'dumb') return false;
  return stream.isTTY === true;
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
};

/** A short, lowercase reason for a file-system error, without the stack or the errno number. */
export function describeIoError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && REASONS[code]) return REASONS[code];
  return error instanceof Error ? error.message : String(error);
}

/**
 * The `readFile` option of `analyze` for a contract in directory `dir`: a `holidays file` path is
 * relative to the contract's own file (language reference, "Holidays from an iCalendar file").
 * A file past the contract's size limit is not read (the Limits table: "Size of a `holidays file`").
 * `pledge lsp` uses the same reader for documents saved as files.
 */
export function fileReaderFor(dir: string): (file: string) => { text: string } | { error: string } {
  return (file) => {
    try {
      const absolute = path.resolve(dir, file);
      const size = statSync(absolute).size;
      if (size > LIMITS.maxFileBytes) return { error: `the file is larger than the ${sizeText(LIMITS.maxFileBytes)} limit (${size.toLocaleString('en-US')} bytes)` };
      return { text: readFileSync(absolute, 'utf8') };
    } catch (error) {
      return { error: describeIoError(error) };
    }
  };
}

/** A path as shown to the user: relative to `cwd` when inside it, forward slashes either way. */
export function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  const shown = relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
  return shown.split(path.sep).join('/');
}

/**
 * The repository root, for SARIF's `%SRCROOT%`: the nearest folder at or above `cwd` holding
 * `.git`, else `cwd` itself.
 */
export function sourceRoot(cwd: string): string {
  for (let dir = path.resolve(cwd); ; ) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(cwd);
    dir = parent;
  }
}

export interface FoundFile {
  readonly absolute: string;
  readonly display: string;
}

/** A path that could not be used; `message` is what `pledge: …` prints on stderr. */
export interface IoFailure {
  readonly display: string;
  readonly message: string;
}

/** `cannot read \`x\`: no such file or directory`. */
export const cannotRead = (display: string, reason: string): IoFailure => ({ display, message: `cannot read \`${display}\`: ${reason}` });

export interface FoundFiles {
  readonly files: readonly FoundFile[];
  readonly failures: readonly IoFailure[];
}

const CONTRACT_EXTENSION = '.pledge';

/** Folders never searched: dependencies and dot-folders (.git, .cache, …). */
const skipFolder = (name: string): boolean => name === 'node_modules' || name.startsWith('.');

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Resolves command-line paths: a file is taken whatever its extension; a folder is searched
 * recursively for `*.pledge` in sorted order, skipping `node_modules`, dot-folders and symlinked
 * folders (which could loop). Duplicates are dropped; problems are collected, not thrown.
 */
export async function findFiles(args: readonly string[], cwd: string): Promise<FoundFiles> {
  const files: FoundFile[] = [];
  const failures: IoFailure[] = [];
  const seen = new Set<string>();
  const add = (absolute: string): void => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    files.push({ absolute, display: displayPath(absolute, cwd) });
  };

  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      failures.push(cannotRead(displayPath(dir, cwd), describeIoError(error)));
      return;
    }
    entries.sort((a, b) => byName(a.name, b.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skipFolder(entry.name)) await walk(full);
      } else if (entry.name.endsWith(CONTRACT_EXTENSION)) {
        if (entry.isFile()) add(full);
        else if (entry.isSymbolicLink()) {
          const target = await stat(full).catch(() => undefined);
          if (target?.isFile()) add(full);
        }
      }
    }
  };

  for (const arg of args) {
    const absolute = path.resolve(cwd, arg);
    let info;
    try {
      info = await stat(absolute);
    } catch (error) {
      failures.push(cannotRead(arg, describeIoError(error)));
      continue;
    }
    if (info.isDirectory()) {
      const before = files.length;
      await walk(absolute);
      if (files.length === before) failures.push({ display: arg, message: `no ${CONTRACT_EXTENSION} files in \`${arg}\`` });
    } else {
      add(absolute);
    }
  }
  return { files, failures };
}

/** A read source: the text, a PLG1000 diagnostic (the file exists but is not Pledge text), or an I/O failure. */
export type SourceRead =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'unreadable'; readonly diagnostic: Diagnostic }
  | { readonly kind: 'failed'; readonly reason: string };

const tooLarge = (size: string): SourceRead => ({
  kind: 'unreadable',
  diagnostic: diagnostic('PLG1000', `file is larger than the ${sizeText(LIMITS.maxFileBytes)} limit (${size})`, FILE_START, {
    help: 'a contract is a few KB; split the file or check that this is the file you meant',
  }),
});

/**
 * Decodes bytes as a contract: UTF-8, BOM stripped; binary (a NUL byte) or invalid UTF-8 is PLG1000.
 * @example decodeSource(new TextEncoder().encode('clock r {}'))
 */
export function decodeSource(bytes: Uint8Array): SourceRead {
  if (bytes.length > LIMITS.maxFileBytes) return tooLarge(sizeText(bytes.length));
  const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (utf16) {
    return unreadable('file is UTF-16, not UTF-8', 'save the file as UTF-8');
  }
  if (bytes.includes(0)) return unreadable('file is binary (it contains a NUL byte), not a contract');
  try {
    // fatal: reject bad bytes rather than replace them; the decoder strips a leading BOM.
    return { kind: 'text', text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return unreadable('file is not valid UTF-8', 'save the file as UTF-8');
  }
}

function unreadable(message: string, help?: string): SourceRead {
  return { kind: 'unreadable', diagnostic: diagnostic('PLG1000', message, FILE_START, help === undefined ? {} : { help }) };
}

/**
 * Reads one contract file: `stat` first, so an oversized file is refused without being read and
 * devices or FIFOs are refused without blocking; then at most the limit plus one byte is read,
 * in case the file grew in between.
 */
export async function readSource(absolute: string): Promise<SourceRead> {
  try {
    const info = await stat(absolute);
    if (info.isDirectory()) return { kind: 'failed', reason: 'is a directory' };
    if (!info.isFile()) return { kind: 'failed', reason: 'not a regular file' };
    if (info.size > LIMITS.maxFileBytes) return tooLarge(sizeText(info.size));
    const handle = await open(absolute, 'r');
    try {
      // Sized from stat, then in small chunks should the file have grown since.
      const chunks: Buffer[] = [];
      let length = 0;
      let chunkSize = info.size + 1;
      for (;;) {
        const chunk = Buffer.alloc(chunkSize);
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
        if (bytesRead === 0) break;
        chunks.push(chunk.subarray(0, bytesRead));
        length += bytesRead;
        if (length > LIMITS.maxFileBytes) return tooLarge(`more than ${sizeText(LIMITS.maxFileBytes)}`);
        chunkSize = 64 * 1024;
      }
      return decodeSource(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length));
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { kind: 'failed', reason: describeIoError(error) };
  }
}

/** Reads all of stdin, stopping early past the size limit. */
export async function readStdin(io: CliIo): Promise<SourceRead> {
  const input: AsyncIterable<Uint8Array | string> = io.stdin ?? process.stdin;
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of input) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
      chunks.push(bytes);
      length += bytes.length;
      if (length > LIMITS.maxFileBytes) return tooLarge(`more than ${sizeText(LIMITS.maxFileBytes)}`);
    }
  } catch (error) {
    return { kind: 'failed', reason: describeIoError(error) };
  }
  return decodeSource(Buffer.concat(chunks, length));
}
