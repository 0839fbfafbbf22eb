/**
 * Terms: the contract as `pledge render` writes it, in English or Chinese, updated as the text
 * changes; each part that names a declaration links to its line in the editor. The renderer runs
 * in its own worker, loaded the first time this panel (or Compare) opens.
 */
import { failure, h, show } from '../dom.js';
import { linkSections, termsNodes } from './terms-dom.js';
import type { Panel, PanelContext } from './panel.js';

export function termsPanel(ctx: PanelContext): Panel {
  const lang = h('select', { id: 'terms-lang', 'aria-label': 'language of the terms' }, h('option', { value: 'en' }, 'English'), h('option', { value: 'zh', lang: 'zh' }, '中文'));
  const output = h('div', { class: 'output terms', id: 'terms-output', tabindex: 0, 'aria-label': 'terms', 'aria-live': 'polite' });
  let runs = 0;
  let shownFor: string | undefined;

  async function run(): Promise<void> {
    const text = ctx.text();
    const key = `${lang.value}\n${text}`;
    if (key === shownFor) return;
    const mine = ++runs;
    if (!output.firstChild) show(output, h('p', { class: 'muted' }, 'writing the terms…'));
    try {
      const { termsClient } = await import('../terms-client.js');
      const r = await termsClient().terms(text, lang.value === 'zh' ? 'zh' : 'en');
      if (mine !== runs) return;
      shownFor = key;
      const doc = h('article', { class: 'terms-doc', lang: lang.value === 'zh' ? 'zh' : 'en' }, ...termsNodes(r.html));
      linkSections(doc, r.anchors, ctx.revealLine);
      show(output, doc);
    } catch (error) {
      if (mine !== runs) return;
      shownFor = undefined;
      show(output, failure(error));
    }
  }

  lang.addEventListener('change', () => void run());
  const element = h(
    'section',
    { class: 'panel', id: 'panel-terms' },
    h('div', { class: 'controls' }, h('label', {}, 'language ', lang), h('span', { class: 'muted' }, 'the contract as readable terms; where they differ, the source governs')),
    output,
  );
  return { id: 'terms', title: 'Terms', element, live: true, namesChanged() {}, shown: () => void run() };
}
