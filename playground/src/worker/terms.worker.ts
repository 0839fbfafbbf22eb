/**
 * The Terms and Compare panels' worker: `pledge render` and `pledge diff` through the public API
 * (`src/index.ts`), started only when one of those panels first opens, so neither the renderer nor
 * the differ is part of the first visit. Requests are answered in order.
 */
import { diffLines } from 'diff';
import { analyze, compileContract, diffContracts, diffJson, diffSide, diffText, renderContract, type Analysis } from '../../../src/index.js';
import type { RedlinePart, TermsAnchor, TermsRequest, TermsResponse } from '../protocol.js';
import { loadHolidayRegions } from './holidays.js';

const post = (message: TermsResponse): void => self.postMessage(message);

class Refused extends Error {
  constructor(message: string, readonly details: readonly string[] = []) {
    super(message);
  }
}

/** The regions a text names, for the holiday data to be loaded before the engine reads it. */
function regions(text: string): string[] {
  return [...text.matchAll(/\bholidays\s+"([^"]*)"/g)].map((m) => m[1]!);
}

/** A contract that checks without errors, or a refusal listing them as `pledge check` words them. */
async function checked(text: string, which: string): Promise<Analysis> {
  await loadHolidayRegions(regions(text));
  const a = analyze(text);
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Refused(`${which} has ${errors.length === 1 ? 'an error' : `${errors.length} errors`}; fix ${errors.length === 1 ? 'it' : 'them'} first`, errors.map((d) => `line ${d.range.start.line}: ${d.code} ${d.message}`));
  return a;
}

/** Each named declaration's line, with the words the terms use for it. */
function anchors(a: Analysis): TermsAnchor[] {
  const out: TermsAnchor[] = [];
  for (const d of a.ast.declarations) {
    const needles: string[] = [];
    if ('title' in d && d.title && typeof d.title === 'object' && 'value' in d.title) needles.push(d.title.value);
    if ('name' in d && d.name) needles.push(d.name.kind === 'Name' ? d.name.text : d.name.value);
    if (d.kind === 'Availability') needles.push('availability', '可用');
    if (d.kind === 'Credits') needles.push('credit', '赔付', '抵扣');
    if (needles.length) out.push({ line: d.range.start.line, needles });
  }
  return out;
}

/** The terms' Markdown, old against new, line by line (a line is a clause, a list item or a table row). */
function redline(oldMd: string, newMd: string): RedlinePart[] {
  return diffLines(oldMd, newMd).map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }));
}

async function handle(r: TermsRequest): Promise<void> {
  try {
    switch (r.type) {
      case 'terms': {
        const a = await checked(r.text, 'the contract');
        post({ type: 'terms', id: r.id, html: renderContract(compileContract(a.model), 'html', r.lang), anchors: anchors(a) });
        return;
      }
      case 'compare': {
        const before = await checked(r.old, 'the earlier version');
        const after = await checked(r.new, 'the contract');
        const diff = diffContracts(diffSide(before.model, false), diffSide(after.model, false));
        const md = (a: Analysis) => renderContract(compileContract(a.model), 'md', r.lang);
        post({ type: 'compare', id: r.id, text: diffText('earlier', 'now', diff), json: diffJson('earlier', 'now', diff), redline: redline(md(before), md(after)) });
        return;
      }
    }
  } catch (error) {
    if (error instanceof Refused) post({ type: 'problem', id: r.id, message: error.message, details: error.details });
    else post({ type: 'problem', id: r.id, message: `the terms could not be written: ${error instanceof Error ? error.message : String(error)}` });
  }
}

let chain = Promise.resolve();
self.onmessage = (event: MessageEvent<TermsRequest>) => {
  const r = event.data;
  chain = chain.then(() => handle(r));
};
