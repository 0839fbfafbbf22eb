/**
 * What-if: pick a priority, a filing time and later events; see each clock's due time, pauses,
 * escalation steps, breaches and credits on a time axis, and the same text `pledge what-if` prints.
 */
import { TICKET_EVENTS } from '../../../src/check/model.js';
import { failure, h, problemBlock, show } from '../dom.js';
import { EVENT_WORDS, type DeclaredNames, type EventRequest, type WhatIfResult } from '../protocol.js';

export { EVENT_WORDS };
import { addDays, setOptions, weekday, type Panel, type PanelContext, type WhatIfRequest } from './panel.js';
import { timelineSvg } from './timeline-svg.js';

const LATER_EVENTS = TICKET_EVENTS.filter((e) => e !== 'filed');

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
/** `2026-11-23T12:30:00+08:00` as the CLI prints instants: `Mon 2026-11-23 12:30`. */
export function dateWords(iso: string): string {
  const date = iso.slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${WEEKDAYS[weekday(date)]} ${date} ${iso.slice(11, 16)}` : iso;
}

/**
 * "Now" in the contract's zone as a local date-time, clamped to the term: the start of the term
 * before it, undefined after it (the worker then judges at the end of the term). The page is a
 * shell: it may read the clock, and passes the instant to the library as an input.
 */
export function nowInTerm(names: DeclaredNames | undefined, now = new Date()): string | undefined {
  let local: string;
  try {
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: names?.zone || 'UTC', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now).map((p) => [p.type, p.value]));
    local = `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}`;
  } catch {
    local = now.toISOString().slice(0, 16);
  }
  const term = names?.term;
  if (term && local < `${term.from}T00:00`) return `${term.from}T00:00`;
  if (term && local.slice(0, 10) > term.to) return undefined;
  return local;
}

/** A default filing time that shows what calendars do: the first Friday of the term, 17:00. */
export function defaultFiled(names: DeclaredNames | undefined): string {
  const start = names?.term?.from;
  if (!start) return '2026-11-20T17:00';
  return `${addDays(start, (4 - weekday(start) + 7) % 7)}T17:00`;
}

/** "updates every 4h on business: 3 on time, 1 late (the first due Mon 2026-11-23 13:00)". */
function updatesLine(updates: WhatIfResult['json']['updates']): HTMLElement | null {
  if (!updates?.length) return null;
  const late = updates.filter((u) => u.state === 'breached');
  const onTime = updates.filter((u) => u.state === 'met').length;
  const running = updates.length - late.length - onTime;
  const parts = [`${onTime} on time`, ...(late.length ? [`${late.length} late (the first due ${dateWords(late[0]!.due ?? '')})`] : []), ...(running ? [`${running} running`] : [])];
  return h('li', { class: late.length ? 'state-breached' : 'state-met' }, h('strong', {}, 'updates'), ` every ${updates[0]!.every} on ${updates[0]!.calendar}: ${parts.join(', ')}`);
}

/** The priority the panel starts with: P2 when declared, else the first. */
export function defaultPriority(names: DeclaredNames): string | undefined {
  return names.priorities.includes('P2') ? 'P2' : names.priorities[0];
}

/**
 * The question the panel asks first, before anyone has touched it: the default priority filed at
 * the default time with no later events, judged now. `early.ts` asks it as soon as the first check
 * has named the priorities, while the editor still loads; the panel's own first run then finds the
 * answer under way (`CheckerClient.whatIf` shares a request asked twice).
 */
export function firstWhatIf(text: string, names: DeclaredNames): [string, string, string, EventRequest[], undefined, string | undefined] | undefined {
  const priority = defaultPriority(names);
  if (!priority) return undefined;
  return [text, priority, defaultFiled(names), [], undefined, nowInTerm(names)];
}

export function whatIfPanel(ctx: PanelContext): Panel & { open(request: WhatIfRequest): void } {
  const priority = h('select', { id: 'whatif-priority', 'aria-label': 'priority' });
  const plan = h('select', { id: 'whatif-plan', 'aria-label': 'plan' });
  const planLabel = h('label', { hidden: true }, 'plan ', plan);
  const filed = h('input', { id: 'whatif-filed', type: 'datetime-local', step: 60, 'aria-label': 'filed at' });
  const zone = h('span', { class: 'zone' });
  const asOf = h('input', { id: 'whatif-asof', type: 'datetime-local', step: 60, 'aria-label': 'as of' });
  const asOfNote = h('span', { class: 'muted', id: 'whatif-asof-note' });
  const eventList = h('div', { class: 'events' });
  const output = h('div', { class: 'output', id: 'whatif-output', 'aria-live': 'polite' });
  let touchedFiled = false;
  let runs = 0;

  const eventRow = (e: Partial<EventRequest> = {}) => {
    const kind = h('select', { class: 'event-kind', 'aria-label': 'event' });
    setOptions(kind, LATER_EVENTS, e.event ?? 'awaiting_customer');
    for (const o of kind.options) o.textContent = EVENT_WORDS[o.value] ?? o.value;
    const at = h('input', { class: 'event-at', type: 'datetime-local', step: 60, 'aria-label': 'event time' });
    at.value = e.at ?? filed.value;
    const newPriority = h('select', { class: 'event-priority', 'aria-label': 'new priority' });
    setOptions(newPriority, ctx.names()?.priorities ?? [], e.priority);
    const sync = () => (newPriority.hidden = kind.value !== 'reclassified');
    sync();
    const row = h('div', { class: 'event' }, kind, at, newPriority, h('button', { type: 'button', class: 'small', title: 'remove this event', onclick: () => (row.remove(), void run()) }, '✕'));
    kind.addEventListener('change', () => (sync(), void run()));
    at.addEventListener('change', () => void run());
    newPriority.addEventListener('change', () => void run());
    eventList.append(row);
  };

  const events = (): EventRequest[] =>
    [...eventList.querySelectorAll<HTMLElement>('.event')].map((row) => {
      const kind = row.querySelector<HTMLSelectElement>('.event-kind')!.value;
      const at = row.querySelector<HTMLInputElement>('.event-at')!.value;
      const p = row.querySelector<HTMLSelectElement>('.event-priority')!.value;
      return { event: kind, at, ...(kind === 'reclassified' ? { priority: p } : {}) };
    });

  async function run(): Promise<void> {
    const mine = ++runs;
    if (!priority.value || !filed.value) {
      show(output, problemBlock('the contract declares no priorities yet'));
      return;
    }
    try {
      const judged = asOf.value || nowInTerm(ctx.names());
      asOfNote.textContent = asOf.value ? '' : judged ? `(now: ${judged.replace('T', ' ')})` : '(now is past the term: its end)';
      const result = await ctx.client.whatIf(ctx.text(), priority.value, filed.value, events(), plan.value || undefined, judged);
      if (mine !== runs) return;
      const j = result.json;
      show(
        output,
        h(
          'ul',
          { class: 'summary' },
          ...j.clocks.map((c) =>
            h('li', { class: `state-${c.state}` }, h('strong', {}, c.clock), ` ${c.target ? `${c.target} on ${c.calendar}` : 'no target'}: `, c.due ? `due ${dateWords(c.due)}` : 'no due time', ` (${c.state === 'awaiting_customer' ? EVENT_WORDS['awaiting_customer'] : c.state})`),
          ),
          updatesLine(j.updates),
          j.credits.length ? h('li', { class: 'state-breached' }, `credits after the cap: ${j.creditPercentCapped}% of the monthly fee`) : null,
        ),
        timelineSvg(result.view, output.clientWidth - 2),
        h('p', { class: 'legend' }, h('span', { class: 'key open' }), ' open hours ', h('span', { class: 'key run' }), ' clock running ', h('span', { class: 'key paused' }), ' paused ', h('span', { class: 'key due' }), ' due ', h('span', { class: 'key breach' }), ' breach ', h('span', { class: 'key escalation' }), ' escalation ', h('span', { class: 'key credit' }), ' credit'),
        h('pre', { id: 'whatif-text', class: 'report', tabindex: 0 }, result.text),
      );
      // For `npm run bench:playground`: navigation → first What-if answer.
      if (performance.getEntriesByName('pledge:first-whatif').length === 0) performance.mark('pledge:first-whatif');
    } catch (error) {
      if (mine !== runs) return;
      show(output, failure(error));
    }
  }

  priority.addEventListener('change', () => void run());
  plan.addEventListener('change', () => void run());
  filed.addEventListener('change', () => ((touchedFiled = true), void run()));
  asOf.addEventListener('change', () => void run());

  const element = h(
    'section',
    { class: 'panel', id: 'panel-whatif' },
    h(
      'form',
      { class: 'controls', onsubmit: (e: Event) => (e.preventDefault(), void run()) },
      h('label', {}, 'priority ', priority),
      planLabel,
      h('label', {}, 'filed ', filed),
      zone,
      h('label', { title: 'the clocks are judged at this time; empty means now, within the term' }, 'as of ', asOf),
      asOfNote,
      h('button', { type: 'button', class: 'small', onclick: () => (eventRow(), void run()) }, '+ event'),
      h('button', { type: 'submit', id: 'whatif-run' }, 'Show timeline'),
    ),
    eventList,
    output,
  );

  return {
    id: 'whatif',
    title: 'What-if',
    element,
    live: true,
    namesChanged(names) {
      setOptions(priority, names.priorities, defaultPriority(names));
      setOptions(plan, ['', ...names.plans]);
      planLabel.hidden = names.plans.length === 0;
      zone.textContent = `in ${names.zone}`;
      for (const sel of eventList.querySelectorAll<HTMLSelectElement>('.event-priority')) setOptions(sel, names.priorities);
      if (!touchedFiled) filed.value = defaultFiled(names);
    },
    shown: () => void run(),
    open(request) {
      setOptions(priority, ctx.names()?.priorities ?? [request.priority], request.priority);
      priority.value = request.priority;
      plan.value = request.plan ?? '';
      filed.value = request.filed;
      touchedFiled = true;
      eventList.replaceChildren();
      for (const e of request.events) eventRow(e);
      void run();
    },
  };
}
