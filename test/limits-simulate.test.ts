/**
 * Limits of what-if and simulate (issue 19 item 6), each at the limit and one past it: instants
 * outside the years the engine builds (1900..2199) are a usage error, never `due Invalid DateTime`;
 * a staff sweep past the agent limit is a usage error, never an internal error.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONTRACT = 'contracts/realtime-messaging.pledge';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, cwd: ROOT, env: { NO_COLOR: '1' } });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('what-if --filed within the engine years', () => {
  it('at the limit (2199-12-01) gives a real due date', async () => {
    const r = await run(['what-if', CONTRACT, '--priority', 'P2', '--filed', '2199-12-01T10:00']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('Invalid');
    expect(r.stdout).toMatch(/due\s+\w{3} 2199-12-\d\d/);
  });
  it.each(['2200-01-02T00:00', '2300-01-01T00:00', '1899-12-31T23:00'])('one past (%s) is a usage error', async (filed) => {
    const r = await run(['what-if', CONTRACT, '--priority', 'P2', '--filed', filed]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--filed: `.*` is outside the years 1900\.\.2199/);
    expect(r.stdout).not.toContain('Invalid DateTime');
  });
});

describe('simulate --sweep-staff within the agent limit', () => {
  it('one past (999990..1000001) is a usage error, exit 2, no internal error', async () => {
    const r = await run(['simulate', CONTRACT, '--sweep-staff', '999990..1000001']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--sweep-staff/);
    expect(r.stderr).not.toMatch(/internal error/);
  });
  it('the issue case (999990..999999) is a usage error, not an internal error', async () => {
    const r = await run(['simulate', CONTRACT, '--sweep-staff', '999990..999999']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stderr).toMatch(/at most 1,000,000 agents/);
  });
});
