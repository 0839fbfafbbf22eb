/** `pledge check -` reads stdin and reports it under `--stdin-filename` (issue 15). */
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

const collector = () => {
  let text = '';
  return { write: (s: string) => void (text += s), get text() { return text; } };
};

async function* chunks(text: string) {
  yield text;
}

const run = async (argv: string[], stdin: string) => {
  const io = { stdout: collector(), stderr: collector(), cwd: process.cwd(), stdin: chunks(stdin), env: { NO_COLOR: '1' } };
  const code = await main(argv, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
};

describe('pledge check -', () => {
  it('checks stdin and names it by --stdin-filename', async () => {
    const bad = 'clock r {\n  starts filed\n  stops nonsense\n}\n';
    const result = await run(['check', '-', '--stdin-filename', 'contracts/x.pledge', '--format', 'json'], bad);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('"contracts/x.pledge"');
  });

  it('reports <stdin> without a name, and refuses stdin mixed with files', async () => {
    expect((await run(['check', '-'], 'clock r {\n  starts filed\n  stops nonsense\n}\n')).stdout).toContain('<stdin>');
    expect((await run(['check', '-', 'a.pledge'], '')).code).toBe(2);
    expect((await run(['check', 'a.pledge', '--stdin-filename', 'x'], '')).code).toBe(2);
  });
});
