/**
 * Test: the contract's asserts, decided as `pledge test` decides them; a failing statement's
 * counterexample opens in the what-if panel.
 */
import { failure, h, show } from '../dom.js';
import type { DeclaredNames } from '../protocol.js';
import { setOptions, type Panel, type PanelContext } from './panel.js';

export function testPanel(ctx: PanelContext): Panel {
  const plan = h('select', { id: 'test-plan', 'aria-label': 'plan' });
  const planLabel = h('label', { hidden: true }, 'plan ', plan);
  const output = h('div', { class: 'output', id: 'test-output', 'aria-live': 'polite' });
  let runs = 0;
  let stale = false;

  async function run(): Promise<void> {
    const mine = ++runs;
    stale = false;
    output.classList.remove('stale-result');
    show(output, h('p', { class: 'muted' }, 'checking every filing instant of the term…'));
    try {
      const result = await ctx.client.test(ctx.text(), plan.value || undefined);
      if (mine !== runs) return;
      const j = result.json;
      show(
        output,
        h('p', { class: j.failed ? 'verdict failed' : 'verdict passed' }, `${j.passed} passed, ${j.failed} failed`),
        j.asserts.length === 0 ? h('p', {}, 'no asserts in this contract') : null,
        h(
          'ul',
          { class: 'asserts' },
          ...j.asserts.map((a, i) => {
            const replay = result.replays[i];
            return h(
              'li',
              { class: a.passed ? 'passed' : 'failed' },
              h('span', { class: 'mark' }, a.passed ? '✓' : '✗'),
              ` ${a.assert}: `,
              h('code', {}, a.statement),
              ` (line ${a.line})`,
              a.problem ? h('div', { class: 'detail' }, a.problem) : null,
              a.worst ? h('div', { class: 'detail' }, `${a.passed ? 'worst case' : 'counterexample'}: filed ${a.worst.filed}, due ${a.worst.due}`) : null,
              replay
                ? h('button', { type: 'button', class: 'small open-whatif', onclick: () => ctx.openWhatIf(replay) }, 'Open counterexample in what-if')
                : null,
            );
          }),
        ),
        h('pre', { class: 'report', id: 'test-text', tabindex: 0 }, result.text),
      );
    } catch (error) {
      if (mine !== runs) return;
      show(output, failure(error));
    }
  }

  plan.addEventListener('change', () => void run());
  const element = h(
    'section',
    { class: 'panel', id: 'panel-test' },
    h('div', { class: 'controls' }, planLabel, h('button', { type: 'button', id: 'test-run', onclick: () => void run() }, 'Run asserts')),
    output,
  );
  return {
    id: 'test',
    title: 'Test',
    element,
    live: false,
    namesChanged(names: DeclaredNames) {
      setOptions(plan, ['', ...names.plans]);
      planLabel.hidden = names.plans.length === 0;
    },
    shown: () => void run(),
    textChanged() {
      if (stale || !output.querySelector('.verdict')) return;
      stale = true;
      output.classList.add('stale-result');
      output.prepend(h('p', { class: 'stale-note', id: 'test-stale', role: 'status' }, 'These results are for an earlier version of the text. ', h('button', { type: 'button', class: 'small', onclick: () => void run() }, 'Run again')));
    },
  };
}
