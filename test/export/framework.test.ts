import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, CATALOG, compileContract, exportContract, exportTargets, registerTarget } from '../../src/index.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const load = (name: string) => {
  const analysis = analyze(readFileSync(path.join(ROOT, 'contracts', `${name}.pledge`), 'utf8'));
  return { analysis, runtime: compileContract(analysis.model), file: `${name}.pledge` };
};

describe('export framework', () => {
  it('lists the zendesk target and runs it by name', () => {
    expect(exportTargets().map((t) => t.name)).toContain('zendesk');
    const out = exportContract('zendesk', load('tiered-plans'));
    expect(out.files.map((f) => f.path)).toEqual(['zendesk/sla_policies.json', 'zendesk/schedules.json', 'zendesk/holidays-business.json']);
  });

  it('every warning has a catalogued export code, a contract line and what was done instead', () => {
    for (const name of ['tiered-plans', 'online-education', 'follow-the-sun', 'realtime-messaging', 'cloud-availability']) for (const target of ['zendesk', 'zendesk-terraform', 'zammad', 'freshdesk', 'pagerduty-terraform', 'servicenow']) {
      for (const w of exportContract(target, load(name)).warnings) {
        expect(CATALOG[w.code as keyof typeof CATALOG]?.phase).toBe('export');
        expect(w.line).toBeGreaterThan(0);
        expect(w.instead.length).toBeGreaterThan(0);
        expect(w.message).toMatch(/^[^A-Z\n].*[^.\n]$/s);
      }
    }
  });

  it('registers a new target, and refuses a second one of the same name', () => {
    registerTarget({ name: 'test-only', description: 'x', docs: [], export: () => ({ files: [{ path: 'a', content: 'b' }], warnings: [{ code: 'PLG4006', line: 3, message: 'm', instead: 'i' }, { code: 'PLG4002', line: 1, message: 'm', instead: 'i' }] }) });
    const out = exportContract('test-only', load('tiered-plans'));
    expect(out.warnings.map((w) => w.line)).toEqual([1, 3]);
    expect(() => registerTarget({ name: 'test-only', description: '', docs: [], export: () => ({ files: [], warnings: [] }) })).toThrow(/already/);
  });
});
