/**
 * Golden exports: every library contract without errors, for every target, checked in under
 * test/golden/export/<contract>/ with the warnings as `<target>.warnings.txt`, reviewed as text.
 * `UPDATE_BASELINES=1 npx vitest run test/export/golden.test.ts` rewrites them; review the diff.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, compileContract, exportContract, exportTargets, warningText } from '../../src/index.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const GOLDEN = path.join(ROOT, 'test', 'golden', 'export');
const UPDATE = process.env['UPDATE_BASELINES'] === '1';
/** Targets with goldens here (the other branch's targets keep theirs beside their own tests). */
const TARGETS = ['zendesk', 'zendesk-terraform', 'zammad', 'freshdesk', 'pagerduty-terraform', 'servicenow'];

const contracts = readdirSync(path.join(ROOT, 'contracts')).filter((f) => f.endsWith('.pledge')).sort();

function check(file: string, actual: string): void {
  const exists = existsSync(file);
  if (UPDATE || !exists) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  expect(exists || UPDATE, `wrote missing golden ${path.relative(ROOT, file)}; review and commit it`).toBe(true);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('golden exports of the library contracts', () => {
  for (const name of contracts) {
    const analysis = analyze(readFileSync(path.join(ROOT, 'contracts', name), 'utf8'));
    if (analysis.diagnostics.some((d) => d.severity === 'error')) continue; // flawed-draft: export refuses it (cli test)
    const base = name.replace(/\.pledge$/, '');
    for (const target of TARGETS.filter((t) => exportTargets().some((x) => x.name === t))) {
      it(`${base} → ${target}`, () => {
        const out = exportContract(target, { analysis, runtime: compileContract(analysis.model), file: name });
        for (const f of out.files) check(path.join(GOLDEN, base, f.path), f.content);
        check(path.join(GOLDEN, base, `${target}.warnings.txt`), out.warnings.map((w) => warningText(`contracts/${name}`, w)).join('\n') + '\n');
      });
    }
  }
});
