/**
 * Simulate: run one of the contract's scenarios in the worker, with progress, and show its report:
 * the same self-contained page as `pledge simulate --html`, in a sandboxed frame (no scripts, no
 * access to this page; every contract string in it is escaped by the report itself).
 */
import { failure, h, problemBlock, show } from '../dom.js';
import type { DeclaredNames } from '../protocol.js';
import { setOptions, type Panel, type PanelContext } from './panel.js';

export function simulatePanel(ctx: PanelContext): Panel {
  const scenario = h('select', { id: 'simulate-scenario', 'aria-label': 'scenario' });
  const seed = h('input', { id: 'simulate-seed', type: 'number', min: 0, step: 1, value: 1, 'aria-label': 'seed' });
  const progress = h('progress', { id: 'simulate-progress', max: 1, value: 0 });
  const note = h('span', { class: 'muted' });
  const output = h('div', { class: 'output', id: 'simulate-output', 'aria-live': 'polite' });
  let seeds = new Map<string, number | undefined>();
  let runs = 0;
  let stale = false;
  const cancel = h('button', { type: 'button', id: 'simulate-cancel', hidden: true, onclick: () => {
    runs++;
    ctx.client.cancel();
    cancel.hidden = true;
    show(output, h('p', { class: 'muted', id: 'simulate-cancelled' }, 'simulation cancelled'));
  } }, 'Cancel');

  async function run(): Promise<void> {
    const mine = ++runs;
    stale = false;
    output.classList.remove('stale-result');
    cancel.hidden = false;
    if (!scenario.value) {
      show(output, problemBlock('the contract declares no scenarios'));
      return;
    }
    progress.value = 0;
    note.textContent = '';
    show(output, h('p', { class: 'muted' }, 'running…'));
    try {
      const result = await ctx.client.simulate(ctx.text(), scenario.value, Number(seed.value) || 0, (done, total, text) => {
        if (mine !== runs) return;
        progress.max = Math.max(1, total);
        progress.value = done;
        note.textContent = text ?? `${done} / ${total}`;
      });
      if (mine !== runs) return;
      cancel.hidden = true;
      progress.value = progress.max;
      const message = h('p', { class: result.available ? '' : 'problem', id: 'simulate-message' }, result.message);
      const view = result.report as { html?: unknown } | undefined;
      if (result.available && typeof view?.html === 'string') {
        const frame = h('iframe', { id: 'simulate-report', title: 'simulation report', sandbox: '', class: 'report-frame' });
        frame.srcdoc = view.html;
        show(output, message, frame);
      } else show(output, message);
    } catch (error) {
      if (mine !== runs) return;
      cancel.hidden = true;
      show(output, failure(error));
    }
  }

  scenario.addEventListener('change', () => {
    const s = seeds.get(scenario.value);
    if (s !== undefined) seed.value = String(s);
  });
  const element = h(
    'section',
    { class: 'panel', id: 'panel-simulate' },
    h('div', { class: 'controls' }, h('label', {}, 'scenario ', scenario), h('label', {}, 'seed ', seed), h('button', { type: 'button', id: 'simulate-run', onclick: () => void run() }, 'Run simulation'), cancel, progress, note),
    output,
  );
  return {
    id: 'simulate',
    title: 'Simulate',
    element,
    live: false,
    namesChanged(names: DeclaredNames) {
      const before = scenario.value;
      seeds = new Map(names.scenarios.map((s) => [s.title, s.seed]));
      setOptions(scenario, names.scenarios.map((s) => s.title));
      if (scenario.value !== before) scenario.dispatchEvent(new Event('change'));
    },
    shown: () => undefined,
    textChanged() {
      if (stale || !output.querySelector('#simulate-message')) return;
      stale = true;
      output.classList.add('stale-result');
      output.prepend(h('p', { class: 'stale-note', id: 'simulate-stale', role: 'status' }, 'This report is for an earlier version of the text. ', h('button', { type: 'button', class: 'small', onclick: () => void run() }, 'Run again')));
    },
  };
}
