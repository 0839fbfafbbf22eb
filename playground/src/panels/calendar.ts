/**
 * Calendar: a week or a month of one calendar, each day's open hours or why it is closed (the
 * contract's `closed` line, a region holiday, no weekly hours), make-up days, the holidays that do
 * not close it, and the statements it all comes from. The data is `pledge calendar --json`'s.
 */
import type { CalendarDayJson } from '../../../src/index.js';
import { failure, h, problemBlock, show } from '../dom.js';
import type { CalendarResult, DeclaredNames } from '../protocol.js';
import { addDays, setOptions, weekday, type Panel, type PanelContext } from './panel.js';

const minutesOf = (iso: string): number => Number(iso.slice(11, 13)) * 60 + Number(iso.slice(14, 16));

/** A span's local start and end minutes on its day (an end on the next day counts as 24:00). */
function spanMinutes(day: CalendarDayJson, span: { start: string; end: string }): [number, number] {
  return [minutesOf(span.start), span.end.slice(0, 10) !== day.date ? 1440 : minutesOf(span.end)];
}

const hoursText = (day: CalendarDayJson): string =>
  day.spans.map((sp) => `${sp.start.slice(11, 16)}–${sp.end.slice(11, 16)}${sp.end.slice(0, 10) !== day.date ? ' (+1)' : ''}`).join(', ');

function why(day: CalendarDayJson): string | undefined {
  if (day.source === 'weekly') return day.open ? undefined : day.reason;
  // `workday`: China's official make-up working day (调休), whose reason names it; its source is the notice.
  const kind = day.source === 'holiday' ? 'holiday' : day.source === 'open' || day.source === 'workday' ? 'make-up day' : 'closed';
  return `${kind}: ${day.reason ?? ''}${day.line ? ` (line ${day.line})` : ''}${day.sourceText ? `, source: ${day.sourceText}` : ''}`;
}

function dayCell(day: CalendarDayJson, inMonth = true): HTMLElement {
  const reason = why(day);
  return h(
    'div',
    { class: `day source-${day.source}${day.open ? ' open' : ' closed'}${inMonth ? '' : ' other-month'}`, 'data-date': day.date },
    h('div', { class: 'date' }, `${day.weekday} ${day.date.slice(5)}`),
    h('div', { class: 'hours' }, day.open ? hoursText(day) : 'closed'),
    reason ? h('div', { class: 'why' }, reason) : null,
    ...(day.notClosing ?? []).map((n) => h('div', { class: 'not-closing' }, `${n.name} (${n.region}, ${n.type}) does not close it: ${n.why}`)),
  );
}

function weekView(result: CalendarResult): HTMLElement {
  const columns = result.days.map((day) => {
    const bar = h('div', { class: 'day-bar', title: day.open ? hoursText(day) : 'closed' });
    for (const sp of day.spans) {
      const [a, b] = spanMinutes(day, sp);
      const block = h('div', { class: 'span' });
      block.style.top = `${(a / 1440) * 100}%`;
      block.style.height = `${((b - a) / 1440) * 100}%`;
      bar.append(block);
    }
    return h('div', { class: 'week-day' }, dayCell(day), bar);
  });
  const scale = h('div', { class: 'hour-scale' }, ...[0, 6, 12, 18, 24].map((hh) => {
    const label = h('span', {}, `${String(hh).padStart(2, '0')}:00`);
    label.style.top = `${(hh / 24) * 100}%`;
    return label;
  }));
  return h('div', { class: 'week' }, scale, ...columns);
}

function monthView(result: CalendarResult, month: string): HTMLElement {
  const head = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => h('div', { class: 'head' }, d));
  return h('div', { class: 'month' }, ...head, ...result.days.map((d) => dayCell(d, d.date.startsWith(month))));
}

export function calendarPanel(ctx: PanelContext): Panel {
  const calendar = h('select', { id: 'calendar-name', 'aria-label': 'calendar' });
  const mode = h('select', { id: 'calendar-mode', 'aria-label': 'view' }, h('option', { value: 'week' }, 'week'), h('option', { value: 'month' }, 'month'));
  const date = h('input', { id: 'calendar-date', type: 'date', 'aria-label': 'date' });
  const output = h('div', { class: 'output', id: 'calendar-output', 'aria-live': 'polite' });
  let touchedDate = false;
  let runs = 0;

  const range = (): { from: string; to: string; month: string } => {
    const d = date.value;
    if (mode.value === 'week') {
      const from = addDays(d, -weekday(d));
      return { from, to: addDays(from, 6), month: d.slice(0, 7) };
    }
    const first = `${d.slice(0, 7)}-01`;
    const from = addDays(first, -weekday(first));
    const nextMonth = addDays(`${d.slice(0, 7)}-28`, 4).slice(0, 7);
    const last = addDays(`${nextMonth}-01`, -1);
    return { from, to: addDays(last, 6 - weekday(last)), month: d.slice(0, 7) };
  };

  async function run(): Promise<void> {
    const mine = ++runs;
    if (!calendar.value || !date.value) {
      show(output, problemBlock('the contract declares no calendars yet'));
      return;
    }
    const { from, to, month } = range();
    try {
      const result = await ctx.client.calendar(ctx.text(), calendar.value, from, to);
      if (mine !== runs) return;
      show(
        output,
        h('h3', {}, `${result.calendar}${result.title ? ` — ${result.title}` : ''} (${result.zone})`),
        mode.value === 'week' ? weekView(result) : monthView(result, month),
        h('h4', {}, 'Sources'),
        h('ul', { class: 'sources' }, ...result.sources.map((line) => h('li', {}, line))),
      );
    } catch (error) {
      if (mine !== runs) return;
      show(output, failure(error));
    }
  }

  const step = (direction: number) => {
    touchedDate = true;
    date.value = mode.value === 'week' ? addDays(date.value, 7 * direction) : addDays(`${date.value.slice(0, 7)}-15`, 30 * direction).slice(0, 7) + '-01';
    void run();
  };
  calendar.addEventListener('change', () => void run());
  mode.addEventListener('change', () => void run());
  date.addEventListener('change', () => ((touchedDate = true), void run()));

  const element = h(
    'section',
    { class: 'panel', id: 'panel-calendar' },
    h(
      'div',
      { class: 'controls' },
      h('label', {}, 'calendar ', calendar),
      h('label', {}, 'view ', mode),
      h('button', { type: 'button', class: 'small', title: 'earlier', onclick: () => step(-1) }, '◀'),
      date,
      h('button', { type: 'button', class: 'small', title: 'later', onclick: () => step(1) }, '▶'),
    ),
    output,
  );

  return {
    id: 'calendar',
    title: 'Calendar',
    element,
    live: true,
    namesChanged(names: DeclaredNames) {
      setOptions(calendar, names.calendars, names.calendars[0]);
      if (!touchedDate) date.value = names.notable ?? names.term?.from ?? '2026-01-01';
    },
    shown: () => void run(),
  };
}
