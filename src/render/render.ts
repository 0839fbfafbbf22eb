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
import { humanDuration } from '../time/instant-format.js';
import { WORST_CASE_BUDGET } from '../time/worst-case.js';
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

/** Something the rendered terms approximate (issue 14, "nothing silently wrong"), with its code. */
export interface RenderNotice {
  readonly code: 'PLG3020';
  readonly severity: 'warning';
  readonly message: string;
}

/**
 * What `renderTerms` had to approximate, for the command line to say on stderr (the document says
 * it in a note): PLG3020 for each target whose longest real time comes from the weekly hours,
 * holidays aside (no term, or the exact search ran past the render's budget), with that time.
 * @example renderNotices(buildTerms(runtime)).map((n) => n.message)
 */
export function renderNotices(terms: Terms): RenderNotice[] {
  const out = new Map<string, RenderNotice>();
  for (const plan of terms.plans) {
    for (const level of plan.levels) {
      for (const t of level.targets) {
        if (t.worst?.kind !== 'weekly') continue;
        const why = t.worst.undecided
          ? `the exact search over the term needed more than the render's budget of ${WORST_CASE_BUDGET.toLocaleString('en-US')} steps`
          : 'the contract has no term';
        const message = `\`${t.priority} ${t.clock} ${t.duration.text} on ${t.calendar}\`: the longest real time, ${humanDuration(t.worst.wall)}, is from the weekly hours, holidays aside: ${why}`;
        out.set(message, { code: 'PLG3020', severity: 'warning', message });
      }
    }
  }
  return [...out.values()];
}
