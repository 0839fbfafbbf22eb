/**
 * `pledge render` as a library: a compiled contract as terms a lawyer can read, in Markdown or
 * as one printable HTML page, in English or Chinese. Deterministic: the same contract gives the
 * same bytes (no timestamps; every list in declaration or date order).
 */
import type { RuntimeContract } from '../time/contract.js';
import { toHtml } from './html.js';
import { toMarkdown } from './markdown.js';
import { buildTerms, type Terms } from './terms.js';
import { WORDS, type Lang } from './words.js';
import { writeTerms } from './write.js';

export const RENDER_FORMATS = ['md', 'html'] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];
export { LANGS, type Lang } from './words.js';
export { buildTerms, type Terms } from './terms.js';

/**
 * Renders computed terms (compute them once with `buildTerms` to render several ways).
 * @example renderTerms(buildTerms(compileContract(analyze(text).model)), 'md', 'zh')
 */
export function renderTerms(terms: Terms, format: RenderFormat, lang: Lang): string {
  const doc = writeTerms(terms, WORDS[lang]);
  return format === 'html' ? toHtml(doc) : toMarkdown(doc);
}

/** Renders a compiled contract. */
export function renderContract(runtime: RuntimeContract, format: RenderFormat, lang: Lang): string {
  return renderTerms(buildTerms(runtime), format, lang);
}
