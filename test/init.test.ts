/** `pledge init` writes a starter that checks with no diagnostics at all, and never overwrites silently. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, STARTER_CONTRACT } from '../src/index.js';
import { main } from '../src/cli/main.js';

const collector = () => {
  let text = '';
  return { write: (s: string) => void (text += s), get text() { return text; } };
};

describe('pledge init', () => {
  it('the starter contract checks clean', () => {
    expect(analyze(STARTER_CONTRACT).diagnostics).toEqual([]);
  });

  it('writes the starter, then refuses to overwrite it without --force', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pledge-init-'));
    try {
      const io = { stdout: collector(), stderr: collector(), cwd: dir };
      expect(await main(['init', 'x.pledge'], io)).toBe(0);
      expect(readFileSync(path.join(dir, 'x.pledge'), 'utf8')).toBe(STARTER_CONTRACT);
      expect(await main(['init', 'x.pledge'], io)).toBe(2);
      expect(io.stderr.text).toContain('already exists');
      expect(await main(['init', 'x.pledge', '--force'], io)).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
