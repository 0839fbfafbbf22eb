/** `pledge check --fix` and `--fix-dry-run` (issue 15): every machine-applicable fix, and what is left. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixSource } from '../src/index.js';
import { main } from '../src/cli/main.js';

const collector = () => {
  let text = '';
  return { write: (s: string) => void (text += s), get text() { return text; } };
};
async function* chunks(text: string) {
  yield text;
}
const run = async (argv: string[], cwd: string, stdin = '') => {
  const io = { stdout: collector(), stderr: collector(), cwd, stdin: chunks(stdin), env: { NO_COLOR: '1' } };
  const code = await main(argv, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
};

// PLG2022 offers `1d` for `24h on business` (one business day was meant); the unknown calendar has no machine fix.
const draft = fs.readFileSync(path.resolve(__dirname, 'fixtures/bad/plg2022-hours-mean-days.pledge'), 'utf8').replace('48h on business', '24h on business');

describe('fixSource', () => {
  it('applies the fix and re-checks', () => {
    const r = fixSource(draft);
    expect(r.fixed.map((d) => d.code)).toEqual(['PLG2022']);
    expect(r.output).toContain('response 1d on business');
    expect(r.remaining.diagnostics).toEqual([]);
    // Nothing left to fix: a second run changes nothing.
    expect(fixSource(r.output).output).toBe(r.output);
  });
});

describe('pledge check --fix', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pledge-fix-'));
  const file = path.join(dir, 'draft.pledge');

  it('--fix-dry-run prints a unified diff and leaves the file alone', async () => {
    fs.writeFileSync(file, draft);
    const r = await run(['check', '--fix-dry-run', 'draft.pledge'], dir);
    expect(r.stdout).toContain('-  response 24h on business');
    expect(r.stdout).toContain('+  response 1d on business');
    expect(r.stderr).toContain('would fix 1 problem in draft.pledge (PLG2022 at 22:12)');
    expect(r.code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(draft);
  });

  it('--fix writes the file, says what it fixed, and exits by what is left', async () => {
    fs.writeFileSync(file, draft);
    const r = await run(['check', '--fix', 'draft.pledge'], dir);
    expect(r.stderr).toContain('fixed 1 problem in draft.pledge');
    expect(r.stdout).toContain('no problems');
    expect(r.code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toContain('response 1d on business');
  });

  it('with stdin, prints the fixed text on stdout and the report on stderr', async () => {
    const r = await run(['check', '--fix', '-'], dir, draft);
    expect(r.stdout).toBe(fixSource(draft).output);
    expect(r.stderr).toContain('no problems');
  });

  it('refuses both flags together, and a dry run in JSON', async () => {
    expect((await run(['check', '--fix', '--fix-dry-run', 'draft.pledge'], dir)).code).toBe(2);
    expect((await run(['check', '--fix-dry-run', '--format', 'json', 'draft.pledge'], dir)).code).toBe(2);
  });
});
