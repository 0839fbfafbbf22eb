/**
 * The committed files under `grammar/` that are generated from the code must match what the
 * generator returns now: a grammar, token or catalog change without `npm run gen` fails here.
 * The hand-written language reference is held to the parser too: its grammar summary, reserved
 * words and examples.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagramsHtml, generatedFiles, REPO_ROOT, tokensJson } from '../scripts/gen-grammar.js';
import { parse } from '../src/syntax/parse.js';
import { parserInstance } from '../src/syntax/parser.js';

const files = generatedFiles();

function committed(rel: string): string | undefined {
  try {
    return readFileSync(join(REPO_ROOT, rel), 'utf8');
  } catch {
    return undefined;
  }
}

describe('generated grammar files are up to date', () => {
  for (const [rel, expected] of Object.entries(files)) {
    it(rel, () => {
      const actual = committed(rel);
      expect(actual, `${rel} is missing: run \`npm run gen\` and commit the result`).toBeDefined();
      // Compared as a boolean first so the failure leads with the fix, not a 100 KB diff.
      expect(actual === expected, `${rel} is out of date: run \`npm run gen\` and commit the result`).toBe(true);
    });
  }
});

describe('generated files', () => {
  it('each starts with a marker saying how to regenerate', () => {
    for (const [rel, content] of Object.entries(files)) {
      const head = content.slice(0, 300);
      expect(head, rel).toContain('npm run gen');
    }
    expect(JSON.parse(files['grammar/tokens.json']!).$comment).toContain('npm run gen');
  });

  it('are deterministic', () => {
    expect(generatedFiles()).toEqual(files);
  });

  it('the diagrams page needs no network', () => {
    const html = diagramsHtml();
    expect(html).not.toMatch(/\s(?:src|href)\s*=/i);
    expect(html).not.toContain('unpkg.com');
    expect(html).toContain('railroad'); // the vendored railroad-diagrams library is inlined
  });

  it('the vocabulary lists every keyword and no category pseudo-token', () => {
    const vocab = JSON.parse(tokensJson()) as { keywords: string[]; literals: { name: string; pattern: string }[] };
    expect(vocab.keywords).toContain('sla');
    expect(vocab.keywords).toContain('mon');
    expect(vocab.keywords).toEqual([...vocab.keywords].sort());
    const names = vocab.literals.map((l) => l.name);
    expect(names).toContain('DurationLit');
    expect(names).not.toContain('Keyword');
    for (const l of vocab.literals) expect(() => new RegExp(l.pattern)).not.toThrow();
  });
});

// The reference is hand-written; these checks keep its grammar summary, its reserved words and its
// examples in step with the parser.
describe('grammar/reference.md matches the parser', () => {
  const reference = readFileSync(join(REPO_ROOT, 'grammar/reference.md'), 'utf8');
  const ebnf = /```ebnf\n([\s\S]*?)```/.exec(reference)?.[1] ?? '';

  it('the EBNF summary defines exactly the parser rules', () => {
    const defined = [...ebnf.matchAll(/^(\w+)\s*=/gm)].map((m) => m[1]!).sort();
    const rules = Object.keys(parserInstance().getGAstProductions()).sort();
    expect(defined, 'update the grammar summary in grammar/reference.md').toEqual(rules);
  });

  it('the EBNF summary uses every keyword and no other quoted word', () => {
    const quoted = new Set([...ebnf.matchAll(/"([a-z_][a-z0-9_]*)"/g)].map((m) => m[1]!));
    const vocab = JSON.parse(tokensJson()) as { keywords: string[]; dayWords: string[]; periodWords: string[] };
    const spelledOut = vocab.keywords.filter((k) => !vocab.dayWords.includes(k) && !vocab.periodWords.includes(k));
    // Contextual words: spelled in the grammar but not reserved (`holidays file`, issue 16).
    const contextual = ['file'];
    expect([...quoted].filter((w) => !contextual.includes(w)).sort()).toEqual(spelledOut);
  });

  it('the appendix lists every reserved word', () => {
    const appendix = reference.slice(reference.indexOf('## Appendix: reserved words'));
    const listed = [...appendix.matchAll(/`([a-z][a-z0-9]*)`/g)].map((m) => m[1]!);
    const keywords = (JSON.parse(tokensJson()) as { keywords: string[] }).keywords;
    for (const k of keywords) expect(listed, k).toContain(k);
  });

  it('every example parses without diagnostics', () => {
    const examples = [...reference.matchAll(/```pledge\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(examples.length).toBeGreaterThan(10);
    for (const example of examples) {
      // A lone calendar statement is shown without its block.
      const text = /^(holidays|closed|open)\b/.test(example) ? `calendar c { ${example} }` : example;
      expect(parse(text).diagnostics, example).toEqual([]);
    }
  });
});

describe('contracts/tiered-plans.pledge', () => {
  it('parses without diagnostics', () => {
    const text = readFileSync(join(REPO_ROOT, 'contracts/tiered-plans.pledge'), 'utf8');
    expect(parse(text).diagnostics).toEqual([]);
  });
});
