/**
 * The what-if time axis as SVG: per clock, its calendar's open hours shaded, the clock's run
 * (pauses hatched), its due time, escalation steps, breaches and credits; ticks at the contract
 * zone's midnights. All labels come formatted from the worker and are set as text.
 */
import { scaleLinear } from 'd3-scale';
import { s } from '../dom.js';
import type { TimelineView } from '../protocol.js';

const WIDTH = 960;
const LEFT = 8;
const RIGHT = 8;
const AXIS = 34;
const ROW = 54;
const BAR = 12;

export function timelineSvg(view: TimelineView): SVGSVGElement {
  const height = AXIS + view.rows.length * ROW + 18;
  const x = scaleLinear().domain([view.from, view.to]).range([LEFT, WIDTH - RIGHT]).clamp(true);
  const svg = s('svg', { viewBox: `0 0 ${WIDTH} ${height}`, class: 'timeline', role: 'img', 'aria-label': `timeline in ${view.zone}` });
  svg.append(
    s(
      'defs',
      {},
      s('pattern', { id: 'paused', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, s('rect', { width: 6, height: 6, class: 'pause-bg' }), s('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'pause-line' })),
    ),
  );
  // Ticks: midnights (major, with the date) and noons.
  for (const t of view.ticks) {
    const tx = x(t.at);
    svg.append(s('line', { x1: tx, x2: tx, y1: AXIS - 6, y2: height - 14, class: t.major ? 'tick major' : 'tick' }));
    svg.append(s('text', { x: tx + 3, y: t.major ? 14 : 26, class: t.major ? 'tick-label major' : 'tick-label' }, t.label));
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
        svg.append(s('text', { x: mx + 3, y: barY + BAR + 14, class: `mark-label ${m.kind}` }, m.label));
      } else if (m.kind === 'escalation') {
        const cy = barY + BAR / 2;
        svg.append(s('path', { d: `M${mx} ${cy - 7} L${mx + 6} ${cy} L${mx} ${cy + 7} L${mx - 6} ${cy} Z`, class: 'mark escalation' }, s('title', {}, m.label)));
      } else if (m.kind === 'credit') {
        svg.append(s('circle', { cx: mx, cy: barY - 7, r: 5, class: 'mark credit' }, s('title', {}, m.label)));
      }
    }
  });
  for (const m of view.marks.filter((m) => m.row === undefined)) {
    const mx = x(m.at);
    svg.append(s('line', { x1: mx, x2: mx, y1: AXIS - 4, y2: height - 14, class: `mark ${m.kind}` }, s('title', {}, m.label)));
  }
  svg.append(s('text', { x: WIDTH - RIGHT, y: height - 2, class: 'zone-label', 'text-anchor': 'end' }, `times in ${view.zone}`));
  return svg;
}
