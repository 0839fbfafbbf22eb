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
