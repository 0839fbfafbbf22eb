/**
 * The npm tarball works installed (issue 15): `npm pack` (without its prepack build: `npm test`
 * builds first, and rebuilding dist/ under the other test files would race them), the tarball
 * extracted into a temp folder's node_modules as `pledge-sla`, its dependencies linked from this
 * checkout's node_modules (no network), then the command and the library run from there.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClient } from './lsp/client.js';

const ROOT = path.resolve(import.meta.dirname, '..');
let tmp = '';
let files: string[] = [];
let pkgDir = '';

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'pledge-pack-'));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const out = execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: ROOT, encoding: 'utf8' });
  const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  files = info!.files.map((f) => f.path);
  const modules = path.join(tmp, 'node_modules');
  pkgDir = path.join(modules, 'pledge-sla');
  mkdirSync(pkgDir, { recursive: true });
  execFileSync('tar', ['-xzf', path.join(tmp, info!.filename), '-C', pkgDir, '--strip-components=1']);
  for (const entry of readdirSync(path.join(ROOT, 'node_modules'))) {
    if (entry.startsWith('.') || entry === 'pledge-sla') continue;
    symlinkSync(path.join(ROOT, 'node_modules', entry), path.join(modules, entry));
  }
}, 120_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const pledge = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(pkgDir, 'bin', 'pledge.js'), ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('the packed tarball', () => {
  it('holds the built CLI, types, docs and examples, and no tests or fixtures', () => {
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('dist/cli-bundle/main.js');
    expect(files).toContain('bin/pledge.js');
    expect(files).toContain('LICENSE');
    expect(files).toContain('README.md');
    expect(files).toContain('grammar/reference.md');
    expect(files).toContain('contracts/realtime-messaging.pledge');
    expect(files.filter((f) => /^(test|playground|bench|scripts|src)\//.test(f) || /fixture|golden|\.test\./.test(f))).toEqual([]);
  });

  it('runs `pledge check` and `pledge what-if` from an install outside the checkout', () => {
    const contract = path.join(pkgDir, 'contracts', 'realtime-messaging.pledge');
    const check = pledge('check', contract);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    const whatIf = pledge('what-if', contract, '--priority', 'P2', '--filed', '2026-11-20T17:00', '--json');
    expect(whatIf.status).toBe(0);
    expect(JSON.parse(whatIf.stdout)).toHaveProperty('clocks');
    expect(pledge('--version').stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('runs `pledge lsp --stdio`, its full-check thread and its watchdog from the bundle', async () => {
    // A contract whose only finding comes from all checks (the worker thread), reading an .ics.
    const folder = path.join(tmp, 'lsp');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'h.ics'), ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//EN', 'BEGIN:VEVENT', 'UID:x@t', 'DTSTAMP:20260101T000000Z', 'DTSTART;VALUE=DATE:20261225', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n'));
    const text = 'sla "H" {\n  term 2026-01-01 to 2026-12-31\n}\ncalendar c {\n  zone "UTC"\n  hours mon-fri 09:00-17:00\n  holidays file "h.ics"\n  closed 2026-12-25\n}\nclock r {\n  starts filed\n  stops first_reply\n}\npriority P1 {\n  r 4h on c\n}\n';
    const uri = pathToFileURL(path.join(folder, 'a.pledge')).href;
    for (const [env, code] of [[{}, 'PLG2133'], [{ PLEDGE_LSP_WATCHDOG_MS: '1' }, 'PLG2094']] as const) {
      const client = await startClient(folder, { argv: [path.join(pkgDir, 'bin', 'pledge.js'), 'lsp', '--stdio'], cwd: tmp, env });
      try {
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pledge', version: 1, text } });
        const d = await client.waitDiagnostics(uri, (x) => x.diagnostics.some((y) => y.code === code), 30_000);
        expect(d.diagnostics.map((y) => y.code)).toEqual([code]);
      } finally {
        client.child.kill();
      }
    }
  }, 90_000);

  it('serves `import { analyze } from "pledge-sla"`', () => {
    const script = path.join(tmp, 'use.mjs');
    writeFileSync(script, "import { analyze } from 'pledge-sla';\nconsole.log(JSON.stringify(analyze('clock r { starts filed stops first_reply }').diagnostics.map((d) => d.code)));\n");
    const run = spawnSync(process.execPath, [script], { cwd: tmp, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(Array.isArray(JSON.parse(run.stdout))).toBe(true);
  });
});
