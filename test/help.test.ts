/** Every `--help` lists examples and exit codes and marks required options (issue 15); the examples run. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { COMMANDS } from '../src/cli/commands.js';
import { HELP } from '../src/cli/help.js';

const collector = () => {
  let text = '';
  return { write: (s: string) => void (text += s), get text() { return text; } };
};
const run = async (argv: string[], cwd = process.cwd()) => {
  const io = { stdout: collector(), stderr: collector(), cwd, env: { NO_COLOR: '1' } };
  const code = await main(argv, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
};

describe('--help', () => {
  for (const { name } of COMMANDS) {
    it(`pledge ${name} --help has examples and exit codes, and marks required options`, async () => {
      const r = await run([name, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/\nExamples:\n {2}pledge /);
      expect(r.stdout).toMatch(/\nExit codes: 0 /);
      // A required option reads `required:` in the list.
      for (const m of r.stdout.matchAll(/^ {2}(--[a-z-]+) <[^>]+> +(.*)$/gm)) {
        const missing = await run([name, ...(name === 'calendar' ? ['x', 'y'] : ['x'])]);
        if (m[2]!.startsWith('required:')) expect(missing.stderr).toMatch(/required option/);
      }
    });
  }

  it('the examples on the bundled contracts run and exit as their comments say (0 unless noted)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pledge-help-'));
    fs.cpSync(path.resolve(__dirname, '..', 'contracts'), path.join(dir, 'contracts'), { recursive: true });
    for (const name of ['what-if', 'calendar', 'test', 'render']) {
      for (const example of HELP[name]!.examples) {
        const [command, comment] = example.split(/\s+# /);
        const r = await run(command!.trim().split(/\s+/).slice(1), dir);
        expect(r.code, `${example}\n${r.stderr}`).toBe(comment?.startsWith('exit 1') ? 1 : 0);
      }
    }
  }, 60_000);
});
