/**
 * Output too large to hold: text written in order, kept in memory up to 16 MB and past that in a
 * temporary file, then copied to a stream with its back-pressure respected (`pledge replay`'s
 * per-ticket lines for a 5,000,000-row log are about 300 MB).
 */
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OutputStream } from './io.js';

const IN_MEMORY = 16 << 20;

export class Spool {
  private chunks: string[] = [];
  private size = 0;
  private fd: number | undefined;
  private dir: string | undefined;

  write(text: string): void {
    this.chunks.push(text);
    this.size += text.length;
    if (this.size < IN_MEMORY) return;
    if (this.fd === undefined) {
      this.dir = mkdtempSync(path.join(tmpdir(), 'pledge-replay-'));
      this.fd = openSync(path.join(this.dir, 'spool'), 'w+');
    }
    writeSync(this.fd, this.chunks.join(''));
    this.chunks = [];
    this.size = 0;
  }

  /** Writes everything spooled to `out`, then forgets it. */
  async drainTo(out: OutputStream): Promise<void> {
    if (this.fd === undefined) {
      if (this.chunks.length) await write(out, this.chunks.join(''));
      this.chunks = [];
      return;
    }
    writeSync(this.fd, this.chunks.join(''));
    this.chunks = [];
    closeSync(this.fd);
    this.fd = undefined;
    try {
      for await (const chunk of createReadStream(path.join(this.dir!, 'spool'), { encoding: 'utf8' })) await write(out, chunk as string);
    } finally {
      this.discard();
    }
  }

  discard(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
    this.chunks = [];
  }
}

/** Writes to a stream, waiting for `drain` when it asks (a pipe to `less` or `head`). */
export async function write(out: OutputStream, text: string): Promise<void> {
  const ok = out.write(text);
  const s = out as OutputStream & { once?: (event: string, f: () => void) => unknown };
  if (ok === false && typeof s.once === 'function') await new Promise<void>((resolve) => s.once!('drain', resolve));
}
