/**
 * The CLI bundle loads holiday data per country on demand (scripts/bundle-cli.mjs, issue 15): the
 * answers must be the ones the full data set gives. Both builds run in this process — the bundle
 * (`dist/cli-bundle/main.js`, its own copy of date-holidays with the lazy shell) and tsc's output
 * (`dist/cli/main.js`, date-holidays from node_modules with every country loaded) — on a calendar
 * of every country date-holidays knows, plus states and wrong codes. Needs `npm run build` (npm
 * test builds first).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Holidays from 'date-holidays';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
type Main = (argv: string[], io: { stdout: { write(s: string): boolean }; stderr: { write(s: string): boolean }; cwd: string }) => Promise<number>;
const dir = mkdtempSync(path.join(tmpdir(), 'pledge-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(main: Main, argv: string[]): Promise<string> {
  let out = '';
  const sink = { write: (s: string) => ((out += s), true) };
  const code = await main(argv, { stdout: sink, stderr: sink, cwd: dir });
  return `${out}\nexit ${code}`;
}

function contract(region: string): string {
  const file = path.join(dir, `${region}.pledge`);
  writeFileSync(
    file,
    `sla "R" {\n  term 2026-01-01 to 2026-12-31\n}\ncalendar c {\n  zone "UTC"\n  hours mon-fri 09:00-17:00\n  holidays ${JSON.stringify(region)}\n}\nclock response {\n  starts filed\n  stops first_reply\n}\npriority P1 {\n  response 4h on c\n}\n`,
  );
  return file;
}

describe('the CLI bundle with holiday data per country', async () => {
  const bundled = (await import(path.join(root, 'dist/cli-bundle/main.js'))).main as Main;
  const full = (await import(path.join(root, 'dist/cli/main.js'))).main as Main;
  const countries = Object.keys(new Holidays().getCountries('en'));

  it('knows every country date-holidays knows', () => {
    expect(countries.length).toBeGreaterThan(150);
  });

  it('gives every country the same 2026 calendar as the full data set', async () => {
    const differ: string[] = [];
    for (const code of countries) {
      const argv = ['calendar', contract(code), 'c', '--from', '2026-01-01', '--to', '2026-12-31'];
      const [a, b] = [await run(bundled, argv), await run(full, argv)];
      if (a !== b) differ.push(code);
      expect(a).toContain('calendar c');
    }
    expect(differ).toEqual([]);
  }, 120_000);

  it.each(['US-CA', 'DE-BY', 'CN', 'cn', 'XX', 'US-ZZ'])('checks %s as the full data set does', async (region) => {
    const argv = ['check', contract(region)];
    expect(await run(bundled, argv)).toBe(await run(full, argv));
  });

  it('renders the Chinese terms of a CN calendar with local holiday names', async () => {
    const argv = ['render', contract('CN'), '--lang', 'zh'];
    const text = await run(bundled, argv);
    expect(text).toBe(await run(full, argv));
    expect(text).toContain('中华人民共和国（CN）');
  });
});
