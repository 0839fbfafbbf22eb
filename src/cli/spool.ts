/**
 * Output too large to hold: text written in order, kept in memory up to 16 MB and past that in a
 * temporary file, then copied to a stream with its back-pressure respected (`pledge replay`'s
 * per-ticket lines for a 5,000,000-row log are about 300 MB).
 */
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { OutputStream } from './io.js';

const IN_MEMORY = 16 << 20;
const PENDING = 1 << 16;

export class Spool {
  // Text is encoded straight into one buffer (no array of strings joined at each flush: that join
  // was a third of the spool's cost in a 1M-row replay's profile).
  private buffer = Buffer.allocUnsafe(IN_MEMORY);
  private size = 0;
  private fd: number | undefined;
  private dir: string | undefined;

  /** Text not yet encoded: pieces are joined here and encoded 64 K characters at a time (a ticket's line at a time cost a third more: each is a tree of concatenations the encoder first flattens). */
  private pending = '';

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= PENDING) this.encode();
  }

  /**
   * Writes bytes straight into the spool: `fill(buffer, at)` writes at most `n` bytes from `at` and
   * returns where they end (more than the spool holds at once goes to its file through a buffer of its own).
   */
  writeInto(n: number, fill: (buffer: Buffer, at: number) => number): void {
    if (this.pending.length) this.encode();
    if (n > this.buffer.length) {
      // More than the spool holds at once (a ticket id of millions of characters): written to the file through a buffer of its own.
      this.flush();
      const own = Buffer.allocUnsafe(n);
      writeSync(this.fd!, own, 0, fill(own, 0));
      return;
    }
    if (this.size + n > this.buffer.length) this.flush();
    this.size = fill(this.buffer, this.size);
  }

  private encode(): void {
    const text = this.pending;
    this.pending = '';
    if (this.size + text.length * 3 > this.buffer.length) {
      this.flush();
      if (text.length * 3 > this.buffer.length) {
        writeSync(this.fd!, text);
        return;
      }
    }
    this.size += this.buffer.write(text, this.size);
  }

  private flush(): void {
    if (this.fd === undefined) {
      this.dir = mkdtempSync(path.join(tmpdir(), 'pledge-replay-'));
      this.fd = openSync(path.join(this.dir, 'spool'), 'w+');
    }
    writeSync(this.fd, this.buffer, 0, this.size);
    this.size = 0;
  }

  /** Writes everything spooled to `out`, then forgets it. */
  async drainTo(out: OutputStream): Promise<void> {
    if (this.pending.length) this.encode();
    if (this.fd === undefined) {
      if (this.size) await write(out, this.buffer.toString('utf8', 0, this.size));
      this.size = 0;
      return;
    }
    this.flush();
    closeSync(this.fd);
    this.fd = undefined;
    try {
      // A Node stream (stdout) takes the bytes as they are: decoding them to text and back was a
      // tenth of a 1M-row replay. A test's collector takes text.
      const bytes = out instanceof Writable;
      const file = path.join(this.dir!, 'spool');
      for await (const chunk of createReadStream(file, bytes ? { highWaterMark: 1 << 20 } : { encoding: 'utf8', highWaterMark: 1 << 20 })) {
        if (bytes) await writeBytes(out, chunk as Buffer);
        else await write(out, chunk as string);
      }
    } finally {
      this.discard();
    }
  }

  /** The bytes spooled (by `writeInto`), in pieces of up to 1 MB, each given before the next is read; then forgets them. */
  async *pieces(): AsyncGenerator<Buffer> {
    if (this.pending.length) this.encode();
    try {
      if (this.fd === undefined) {
        if (this.size) yield this.buffer.subarray(0, this.size);
        return;
      }
      this.flush();
      closeSync(this.fd);
      this.fd = undefined;
      for await (const chunk of createReadStream(path.join(this.dir!, 'spool'), { highWaterMark: 1 << 20 })) yield chunk as Buffer;
    } finally {
      this.discard();
    }
  }

  discard(): void {
    this.pending = '';
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
    this.size = 0;
  }
}

export async function writeBytes(out: Writable, bytes: Buffer): Promise<void> {
  if (!out.write(bytes)) await new Promise<void>((resolve) => out.once('drain', resolve));
}

/** Writes to a stream, waiting for `drain` when it asks (a pipe to `less` or `head`). */
export async function write(out: OutputStream, text: string): Promise<void> {
  const ok = out.write(text);
  const s = out as OutputStream & { once?: (event: string, f: () => void) => unknown };
  if (ok === false && typeof s.once === 'function') await new Promise<void>((resolve) => s.once!('drain', resolve));
}
