/**
 * The README's quick start works when copied (issue 15): every line of each ```sh block runs, in
 * order, in one fresh folder (`pledge` is this checkout's bin/pledge.js, as an install would run
 * it), and must exit 0; the ```js library example runs against the built dist/ (`npm test` builds
 * first). The clone set-up commands are in plain ``` blocks, not run here (they are `npm ci` and
 * `npm test` themselves).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const blocks = (lang: string): string[] => [...README.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

describe('README code blocks', () => {
  it('has the two set-up commands for a clone', () => {
    expect(README).toContain('npm ci && npx pledge check contracts/realtime-messaging.pledge');
    expect(README).toMatch(/```\nnpm test\n```/);
  });

  it('every quick-start command runs and exits 0', () => {
    const commands = blocks('sh').flatMap((b) => b.split('\n')).filter((l) => l.trim() && !l.startsWith('#'));
    expect(commands.length).toBeGreaterThan(4);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pledge-readme-'));
    try {
      for (const line of commands) {
        const [cmd, ...args] = line.trim().split(/\s+/);
        expect(cmd).toBe('pledge');
        const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'pledge.js'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
        expect({ line, status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({ line, status: 0, stderr: '' });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the library example runs', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pledge-readme-'));
    try {
      const [example] = blocks('js');
      const script = path.join(dir, 'example.mjs');
      writeFileSync(script, example!.replace("'pledge-sla'", `'${pathToFileURL(path.join(ROOT, 'dist', 'index.js')).href}'`));
      const run = spawnSync(process.execPath, [script], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('clock r {');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
