/**
 * Layers are one-way (developer guide): text → tokens → AST → checked model → time engine →
 * simulator → reports. The time engine and the simulator may use the AST, the checked model
 * (`check/model.ts`) and the diagnostics' plain helpers, never the check rules, the report
 * formatters, the renderers, the diff or the CLI.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Every relative import of `file`, as a path relative to src/ (`check/rules/index.ts`). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'|import\('(\.[^']+)'\)/g)) {
    const spec = (m[1] ?? m[2])!;
    found.push(path.relative(SRC, path.resolve(path.dirname(file), spec)).replace(/\.js$/, '.ts'));
  }
  return found;
}

/** What the lower layers may not reach. */
const FORBIDDEN = [/^check\/(?!model\.ts$)/, /^report\//, /^render\//, /^diff\//, /^cli\//, /^format\//, /^index\.ts$/];

/**
 * Known exception: the simulator's worker pool re-analyses the contract text inside each worker
 * thread (a model cannot cross a thread), so it calls the composition root. It is orchestration,
 * not engine; moving it under cli/ is left to the merge of the streaming-replay work (issue 19).
 */
const ALLOWED = new Set(['simulate/parallel.ts → index.ts']);

describe('import directions', () => {
  it('the time engine and the simulator import no check rules, reports, renderers or CLI', () => {
    const violations: string[] = [];
    for (const layer of ['time', 'simulate']) {
      for (const file of sources(path.join(SRC, layer))) {
        const from = path.relative(SRC, file);
        for (const to of importsOf(file)) {
          const edge = `${from} → ${to}`;
          if (FORBIDDEN.some((re) => re.test(to)) && !ALLOWED.has(edge)) violations.push(edge);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('the syntax layer and the AST import nothing above them', () => {
    const violations: string[] = [];
    for (const layer of ['syntax', 'ast']) {
      for (const file of sources(path.join(SRC, layer))) {
        for (const to of importsOf(file)) if (!/^(syntax|ast|diagnostics)\//.test(to)) violations.push(`${path.relative(SRC, file)} → ${to}`);
      }
    }
    expect(violations).toEqual([]);
  });
});

/** Every relative import in `file` that resolves into src/ but not to src/index.ts, as `from → to`. */
function deepImports(file: string, root: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'|import\('(\.[^']+)'\)/g)) {
    const target = path.resolve(path.dirname(file), (m[1] ?? m[2])!);
    const rel = path.relative(SRC, target);
    if (rel.startsWith('..') || path.isAbsolute(rel)) continue; // not into src/
    if (rel.replace(/\.[jt]s$/, '') === 'index') continue;
    if (root === 'cli' && rel.startsWith('cli' + path.sep)) continue; // the CLI's own files
    if (root === 'export' && rel.startsWith('export' + path.sep)) continue; // the exporters' own files
    found.push(`${path.relative(path.dirname(SRC), file)} → src/${rel.replace(/\.js$/, '.ts')}`);
  }
  return found;
}

/**
 * Playground imports of deep src/ paths that exist today; the lsp work (issue 17) is removing
 * them. Empty this list when that lands — then the test holds the playground to src/index.ts too.
 */
const PLAYGROUND_DEEP_ALLOWED = new Set<string>([
  'playground/src/share.ts → src/syntax/limits.ts',
  'playground/src/client.ts → src/syntax/limits.ts',
  'playground/src/worker/session.ts → src/cli/suggest.ts',
  'playground/src/worker/session.ts → src/report/time-format.ts',
  'playground/src/worker/session.ts → src/time/asserts.ts',
  'playground/src/worker/session.ts → src/report/test.ts',
  'playground/src/worker/simulate.ts → src/report/simulate-html.ts',
  'playground/src/worker/simulate.ts → src/simulate/simulate.ts',
  'playground/src/panels/what-if.ts → src/check/model.ts',
]);

describe('the shells use only the public API (src/index.ts)', () => {
  /**
   * io.ts is loaded by every command including `--version`; importing index.ts there makes the
   * bundle load the whole engine first (start-up budget, issue 15), so it takes three leaf modules.
   */
  const CLI_DEEP_ALLOWED = new Set(['src/cli/io.ts → src/diagnostics/diagnostic.ts', 'src/cli/io.ts → src/diagnostics/source-lines.ts', 'src/cli/io.ts → src/syntax/limits.ts']);

  it('src/cli/ imports nothing from src/ but index.ts (and its own files)', () => {
    const violations = sources(path.join(SRC, 'cli')).flatMap((f) => deepImports(f, 'cli')).filter((edge) => !CLI_DEEP_ALLOWED.has(edge));
    expect(violations).toEqual([]);
  });

  it('src/export/ imports nothing from src/ but index.ts (and its own files)', () => {
    expect(sources(path.join(SRC, 'export')).flatMap((f) => deepImports(f, 'export'))).toEqual([]);
  });

  it('playground/ imports nothing from src/ but index.ts (apart from the listed, shrinking exceptions)', () => {
    const playground = path.resolve(SRC, '..', 'playground', 'src');
    const found = sources(playground).flatMap((f) => deepImports(f, 'playground'));
    expect(found.filter((edge) => !PLAYGROUND_DEEP_ALLOWED.has(edge))).toEqual([]);
    // A listed exception that no longer occurs must leave the list, so the list only shrinks.
    expect([...PLAYGROUND_DEEP_ALLOWED].filter((edge) => !found.includes(edge))).toEqual([]);
  });
});
