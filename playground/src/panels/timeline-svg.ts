/**
 * The what-if time axis as SVG: per clock, its calendar's open hours shaded, the clock's run
 * (pauses hatched), its due time, escalation steps, breaches and credits; ticks at the contract
 * zone's midnights. All labels come formatted from the worker and are set as text.
 *
 * The drawing is made at the width it is shown at (no scaling), so the 11 px and 12 px labels of
 * the style sheet are 11 and 12 screen pixels; a label that would run past the right edge is
 * anchored at its end instead, and tick labels closer than their own width are left out.
 */
import { s } from '../dom.js';
import type { TimelineView } from '../protocol.js';

/** The width drawn when the panel's width is not known yet (a hidden panel). */
const DEFAULT_WIDTH = 960;
/** Roughly the width of one 11 px character, to keep labels inside the drawing. */
const CHAR = 6.2;
const LEFT = 8;
const RIGHT = 8;
const AXIS = 34;
const ROW = 54;
const BAR = 12;

/**
 * The axis: instants from `from` to `to` onto pixels `left` to `right`, outside instants held at the
 * ends (what d3's `scaleLinear().clamp(true)` did here, without d3's 10 KB gzipped on the page;
 * an empty span maps to the middle, as d3's does).
 */
export function linearClamped(from: number, to: number, left: number, right: number): (at: number) => number {
  return (at) => {
    const t = to === from ? 0.5 : Math.min(1, Math.max(0, (at - from) / (to - from)));
    return left + t * (right - left);
  };
}

/** Where a label starting at `at` fits: anchored at its start, or at its end near the right edge. */
function fit(at: number, text: string, width: number): { x: number; 'text-anchor': 'start' | 'end' } {
  const w = text.length * CHAR;
  return at + 3 + w > width - RIGHT ? { x: Math.max(LEFT + w, at - 3), 'text-anchor': 'end' } : { x: at + 3, 'text-anchor': 'start' };
}

export function timelineSvg(view: TimelineView, shownWidth?: number): SVGSVGElement {
  const WIDTH = shownWidth && shownWidth > 200 ? Math.round(shownWidth) : DEFAULT_WIDTH;
  const height = AXIS + view.rows.length * ROW + 30;
  const x = linearClamped(view.from, view.to, LEFT, WIDTH - RIGHT);
  const svg = s('svg', { viewBox: `0 0 ${WIDTH} ${height}`, class: 'timeline', role: 'img', 'aria-label': `timeline in ${view.zone}` });
  svg.append(
    s(
      'defs',
      {},
      s('pattern', { id: 'paused', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, s('rect', { width: 6, height: 6, class: 'pause-bg' }), s('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'pause-line' })),
    ),
  );
  // Ticks: midnights (major, with the date) and noons.
  const lastLabel = { major: -Infinity, minor: -Infinity };
  for (const t of view.ticks) {
    const tx = x(t.at);
    svg.append(s('line', { x1: tx, x2: tx, y1: AXIS - 6, y2: height - 26, class: t.major ? 'tick major' : 'tick' }));
    const key = t.major ? 'major' : 'minor';
    if (tx - lastLabel[key] < t.label.length * CHAR + 8 || tx + t.label.length * CHAR > WIDTH) continue;
    lastLabel[key] = tx;
    svg.append(s('text', { x: tx + 3, y: t.major ? 14 : 27, class: t.major ? 'tick-label major' : 'tick-label' }, t.label));
  }
  view.rows.forEach((row, i) => {
    const top = AXIS + i * ROW;
    const barY = top + 22;
    svg.append(s('text', { x: LEFT, y: top + 14, class: 'row-label' }, `${row.label} — ${row.state}`));
    // The calendar's open hours, shaded across the row behind the bar.
    for (const span of row.open) {
      svg.append(s('rect', { x: x(span.start), y: top + 18, width: Math.max(0.5, x(span.end) - x(span.start)), height: ROW - 20, class: 'open' }, s('title', {}, 'open')));
    }
    if (row.starts !== undefined) {
      const end = row.stopped ?? row.due ?? view.to;
      svg.append(s('rect', { x: x(row.starts), y: barY, width: Math.max(1, x(end) - x(row.starts)), height: BAR, class: `run ${row.state}` }));
      for (const p of row.pauses) {
        const pEnd = p.to ?? end;
        svg.append(s('rect', { x: x(p.from), y: barY, width: Math.max(1, x(pEnd) - x(p.from)), height: BAR, class: 'paused', fill: 'url(#paused)' }, s('title', {}, 'paused')));
      }
    }
    for (const m of view.marks.filter((m) => m.row === row.clock)) {
      const mx = x(m.at);
      if (m.kind === 'due' || m.kind === 'breach') {
        svg.append(s('line', { x1: mx, x2: mx, y1: barY - 8, y2: barY + BAR + 8, class: `mark ${m.kind}` }, s('title', {}, m.label)));
        svg.append(s('text', { ...fit(mx, m.label, WIDTH), y: barY + BAR + 15, class: `mark-label ${m.kind}` }, m.label));
      } else if (m.kind === 'escalation') {
        const cy = barY + BAR / 2;
        svg.append(s('path', { d: `M${mx} ${cy - 7} L${mx + 6} ${cy} L${mx} ${cy + 7} L${mx - 6} ${cy} Z`, class: 'mark escalation' }, s('title', {}, m.label)));
      } else if (m.kind === 'credit') {
        svg.append(s('circle', { cx: mx, cy: barY - 7, r: 5, class: 'mark credit' }, s('title', {}, m.label)));
      }
    }
  });
  // Ticket events (filed, replies, pauses) marked across the rows and labelled under the axis.
  let eventRight = -Infinity;
  for (const m of view.marks.filter((m) => m.row === undefined)) {
    const mx = x(m.at);
    svg.append(s('line', { x1: mx, x2: mx, y1: AXIS - 4, y2: height - 26, class: `mark ${m.kind}` }, s('title', {}, m.label)));
    const place = fit(mx, m.label, WIDTH);
    // Labels that would overlap the previous one are left to the mark's tooltip.
    if (mx - 3 < eventRight) continue;
    svg.append(s('text', { ...place, y: height - 14, class: 'event-label' }, m.label));
    eventRight = Math.max(eventRight, place['text-anchor'] === 'start' ? mx + 3 + m.label.length * CHAR : mx);
  }
  svg.append(s('text', { x: WIDTH - RIGHT, y: height - 2, class: 'zone-label', 'text-anchor': 'end' }, `times in ${view.zone}`));
  svg.setAttribute('width', String(WIDTH));
  svg.setAttribute('height', String(height));
  return svg;
}
