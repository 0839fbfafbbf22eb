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

// Two certain repairs (a misspelt keyword, a fractional duration) and one fix that would change the
// promise (PLG2022 offers `1d` for `24h on business`: one business day was probably meant, but
// 24 open hours is another deadline), which --fix leaves for a person.
const fixture = fs.readFileSync(path.resolve(__dirname, 'fixtures/bad/plg2022-hours-mean-days.pledge'), 'utf8');
const draft = fixture
  .replace('calendar business {', 'calender business {')
  .replace('priority P3 {\n  response 48h on business', 'priority P2 {\n  response 1.5h on business\n}\n\npriority P3 {\n  response 24h on business');

describe('fixSource', () => {
  it('applies the certain repairs, re-checks, and leaves a fix that changes the promise', () => {
    const r = fixSource(draft);
    expect(r.fixed.map((d) => d.code)).toEqual(['PLG1004', 'PLG1002']);
    expect(r.output).toContain('calendar business {');
    expect(r.output).toContain('response 1h30m on business');
    expect(r.output).toContain('response 24h on business');
    expect(r.remaining.diagnostics.map((d) => [d.code, d.fix?.changesMeaning])).toEqual([['PLG2022', true]]);
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
    expect(r.stdout).toContain('-calender business {');
    expect(r.stdout).toContain('+calendar business {');
    expect(r.stdout).toContain('+  response 1h30m on business');
    expect(r.stdout).not.toContain('+  response 1d on business');
    expect(r.stderr).toContain('would fix 2 problems in draft.pledge (PLG1004 at 7:1, PLG1002 at 22:12)');
    expect(r.stderr).toContain('left 1 fix that would change the promise for a person to review: PLG2022 at 26:12 (replace with `1d`)');
    expect(r.code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(draft);
  });

  it('--fix writes the file, says what it fixed, and exits by what is left', async () => {
    fs.writeFileSync(file, draft);
    const r = await run(['check', '--fix', 'draft.pledge'], dir);
    expect(r.stderr).toContain('fixed 2 problems in draft.pledge');
    expect(r.stdout).toContain('PLG2022');
    expect(r.code).toBe(0); // a warning is left, no error
    expect(fs.readFileSync(file, 'utf8')).toBe(fixSource(draft).output);
  });

  it('with stdin, prints the fixed text on stdout and the report on stderr', async () => {
    const r = await run(['check', '--fix', '-'], dir, draft);
    expect(r.stdout).toBe(fixSource(draft).output);
    expect(r.stderr).toContain('0 errors, 1 warning');
  });

  it('refuses both flags together, and a dry run in JSON', async () => {
    expect((await run(['check', '--fix', '--fix-dry-run', 'draft.pledge'], dir)).code).toBe(2);
    expect((await run(['check', '--fix-dry-run', '--format', 'json', 'draft.pledge'], dir)).code).toBe(2);
  });
});
