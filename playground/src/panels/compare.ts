/**
 * Compare: the contract against an earlier version (the text when the page loaded, an example,
 * or pasted text), as `pledge diff` words it, each change linked to its line; and a redline of
 * the rendered terms, insertions and deletions marked. Runs in the terms worker, loaded on first use.
 */
import { failure, h, show } from '../dom.js';
import type { RedlinePart } from '../protocol.js';
import type { Panel, PanelContext } from './panel.js';
import { setOptions } from './panel.js';

/** Unchanged runs longer than this are folded to their first and last lines. */
const CONTEXT_LINES = 3;

const FAVOURS: Record<string, string> = { customer: 'better for the customer', provider: 'better for the provider', mixed: 'mixed: review it', neither: '' };

function redlineNodes(parts: readonly RedlinePart[]): Node[] {
  const out: Node[] = [];
  for (const p of parts) {
    if (p.kind === 'added') out.push(h('ins', {}, p.text));
    else if (p.kind === 'removed') out.push(h('del', {}, p.text));
    else {
      const lines = p.text.split(/(?<=\n)/);
      if (lines.length <= CONTEXT_LINES * 2 + 1) out.push(h('span', {}, p.text));
      else {
        out.push(h('span', {}, lines.slice(0, CONTEXT_LINES).join('')));
        out.push(h('span', { class: 'folded' }, `… ${lines.length - CONTEXT_LINES * 2} unchanged lines …\n`));
        out.push(h('span', {}, lines.slice(-CONTEXT_LINES).join('')));
      }
    }
  }
  return out;
}

export function comparePanel(ctx: PanelContext): Panel {
  const base = h('select', { id: 'compare-base', 'aria-label': 'earlier version' });
  const pasted = h('textarea', { id: 'compare-pasted', rows: 6, 'aria-label': 'earlier version, pasted', placeholder: 'paste the earlier version of the contract here', hidden: true });
  const lang = h('select', { id: 'compare-lang', 'aria-label': 'language of the redline' }, h('option', { value: 'en' }, 'English'), h('option', { value: 'zh', lang: 'zh' }, '中文'));
  const output = h('div', { class: 'output', id: 'compare-output', tabindex: 0, 'aria-label': 'comparison', 'aria-live': 'polite' });
  let runs = 0;
  let shownFor: string | undefined;

  function refreshVersions(): void {
    const versions = ctx.versions();
    const values = [...versions.map((v) => v.id), 'pasted'];
    setOptions(base, values, versions[0]?.id);
    for (const o of base.options) o.textContent = o.value === 'pasted' ? 'pasted text…' : (versions.find((v) => v.id === o.value)?.label ?? o.value);
    pasted.hidden = base.value !== 'pasted';
  }

  function earlier(): string {
    return base.value === 'pasted' ? pasted.value : (ctx.versions().find((v) => v.id === base.value)?.text ?? '');
  }

  async function run(): Promise<void> {
    refreshVersions();
    const old = earlier();
    const now = ctx.text();
    const key = `${lang.value}\n${old}\n\u0000${now}`;
    if (key === shownFor) return;
    if (base.value === 'pasted' && !old.trim()) {
      show(output, h('p', { class: 'muted' }, 'paste an earlier version above to compare'));
      return;
    }
    const mine = ++runs;
    if (!output.firstChild) show(output, h('p', { class: 'muted' }, 'comparing…'));
    try {
      const { termsClient } = await import('../terms-client.js');
      const r = await termsClient().compare(old, now, lang.value === 'zh' ? 'zh' : 'en');
      if (mine !== runs) return;
      shownFor = key;
      const s = r.json.summary;
      show(
        output,
        h('p', { class: 'verdict', id: 'compare-summary' }, s.changes === 0 ? 'no change in obligations' : `${s.changes} change${s.changes === 1 ? '' : 's'} in obligations: ${s.customer} better for the customer, ${s.provider} better for the provider, ${s.mixed} mixed`),
        h(
          'ul',
          { class: 'changes', id: 'compare-changes' },
          ...r.json.changes.map((c) =>
            h(
              'li',
              { class: `change favours-${c.favours}` },
              h('strong', {}, c.subject), `: ${c.text}`,
              c.informational ? h('span', { class: 'muted' }, ' (informational)') : FAVOURS[c.favours] ? h('span', { class: 'favours' }, ` — ${FAVOURS[c.favours]}`) : null,
              ' ',
              c.lines.new !== undefined
                ? h('button', { type: 'button', class: 'source-link', 'data-line': c.lines.new, onclick: () => ctx.revealLine(c.lines.new!) }, `line ${c.lines.new}`)
                : c.lines.old !== undefined ? h('span', { class: 'muted' }, `(was line ${c.lines.old})`) : null,
            ),
          ),
        ),
        h('h3', {}, 'Redline of the terms'),
        h('p', { class: 'legend' }, h('ins', {}, 'inserted'), ' ', h('del', {}, 'deleted')),
        h('div', { class: 'redline', id: 'compare-redline', tabindex: 0, 'aria-label': 'redline of the terms' }, ...redlineNodes(r.redline)),
        h('details', {}, h('summary', {}, 'as pledge diff prints it'), h('pre', { class: 'report', id: 'compare-text', tabindex: 0 }, r.text)),
      );
    } catch (error) {
      if (mine !== runs) return;
      shownFor = undefined;
      show(output, failure(error));
    }
  }

  base.addEventListener('change', () => void run());
  lang.addEventListener('change', () => void run());
  let pasteTimer: ReturnType<typeof setTimeout> | undefined;
  pasted.addEventListener('input', () => {
    clearTimeout(pasteTimer);
    pasteTimer = setTimeout(() => void run(), 300);
  });
  const element = h(
    'section',
    { class: 'panel', id: 'panel-compare' },
    h('div', { class: 'controls' }, h('label', {}, 'compare with ', base), h('label', {}, 'terms in ', lang)),
    pasted,
    output,
  );
  return { id: 'compare', title: 'Compare', element, live: true, namesChanged() {}, shown: () => void run() };
}
