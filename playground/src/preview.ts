/**
 * The page before the editor (issue 18, a lighter first visit): Monaco is 3 MB of script, and
 * parsing and running it on a two-core machine took longer than the checker needs to answer. So
 * the page first shows the contract as highlighted, read-only text (the same highlighting as the
 * editor, `highlight.ts`), the check's counts and marked problems, and the What-if panel's first
 * answer, all from the workers `early.ts` started; only then does it load the editor (`main.ts`),
 * which takes over the same What-if panel and the text's scroll position and selection.
 * Nothing can be typed here, so nothing typed can be lost: the text is read-only until the editor
 * is in its place, and a key or click in it loads the editor at once.
 */
import type { CheckResult } from './client.js';
import { h } from './dom.js';
import { client, first, firstAnswer, onCheck } from './early.js';
import { DEFAULT_EXAMPLE, EXAMPLES } from './examples.js';
import { tokenizeLine } from './highlight.js';
import type { PanelContext } from './panels/panel.js';
import { whatIfPanel } from './panels/what-if.js';
import type { MarkerData } from './protocol.js';

/** "0 errors, 1 warnings · fast checks 40 ms": the status line's counts, here and in the editor. */
export function checkStatus(markers: readonly MarkerData[], result: CheckResult): string {
  const count = (sev: string) => markers.filter((m) => m.severity === sev).length;
  return `${count('error')} errors, ${count('warning')} warnings · ${result.speed === 'all' ? 'all checks' : 'fast checks'} ${Math.round(result.ms)} ms`;
}

/** What the panels call; the editor's context replaces the preview's when it takes over (`adopt`). */
let target: PanelContext;
const ctx: PanelContext = {
  client,
  text: () => target.text(),
  names: () => target.names(),
  openWhatIf: (request) => target.openWhatIf(request),
  revealLine: (line) => target.revealLine(line),
  versions: () => target.versions(),
};

let text = '';
let names: CheckResult['names'] | undefined;
const editorEl = document.getElementById('editor')!;
const notice = document.getElementById('notice')!;
const LOADING = 'loading the editor; the text is read-only until then';
const status = document.getElementById('status')!;
const code = h('code', {});
const view = h('pre', { id: 'preview', class: 'preview', tabindex: 0, 'aria-label': 'contract (read-only until the editor has loaded)' }, code);

/** The What-if panel, made here so that its first answer shows before the editor; `main.ts` adopts it. */
export const whatIf = whatIfPanel(ctx);
target = {
  client,
  text: () => text,
  names: () => names,
  openWhatIf: (request) => whatIf.open(request),
  revealLine: (line) => code.children[line - 1]?.scrollIntoView({ block: 'center' }),
  versions: () => [],
};

/** The text with the lexer's highlighting, one element per line, problems underlined. */
function paint(markers: readonly MarkerData[]): void {
  const lines = text.split('\n');
  let inComment = false;
  const out: HTMLElement[] = [];
  for (const [i, line] of lines.entries()) {
    const n = i + 1;
    const tokenized = tokenizeLine(line, inComment);
    inComment = tokenized.inComment;
    // Where each problem covers this line: [from, to) in 0-based columns.
    const marks = markers
      .filter((m) => m.startLineNumber <= n && n <= m.endLineNumber)
      .map((m) => ({ m, from: m.startLineNumber === n ? m.startColumn - 1 : 0, to: m.endLineNumber === n ? m.endColumn - 1 : line.length }));
    const cuts = new Set<number>([0, line.length, ...tokenized.tokens.map((t) => t.startIndex)]);
    for (const k of marks) cuts.add(Math.min(k.from, line.length)).add(Math.min(k.to, line.length));
    const points = [...cuts].sort((a, b) => a - b);
    const el = h('span', { class: 'line', 'data-line': n });
    for (let p = 0; p + 1 < points.length; p++) {
      const [from, to] = [points[p]!, points[p + 1]!];
      if (from >= to) continue;
      const scope = [...tokenized.tokens].reverse().find((t) => t.startIndex <= from)?.scopes ?? '';
      const over = marks.filter((k) => k.from <= from && to <= Math.max(k.to, k.from + 1));
      const classes = [...new Set(scope.split('.').filter(Boolean).map((s) => `t-${s}`)), ...over.map((k) => `squiggle-${k.m.severity}`)];
      el.append(classes.length || over.length ? h('span', { class: classes.join(' '), ...(over.length ? { title: over.map((k) => `${k.m.code}: ${k.m.message}`).join('\n') } : {}) }, line.slice(from, to)) : line.slice(from, to));
    }
    // A problem at the end of a line (a missing token) still shows.
    if (marks.some((k) => k.from >= line.length)) el.append(h('span', { class: `squiggle-${marks.find((k) => k.from >= line.length)!.m.severity}` }, ' '));
    out.push(el);
  }
  // Line breaks between the lines only: the text reads back exactly as it is.
  code.replaceChildren(...out.flatMap((el, i) => (i ? [document.createTextNode('\n'), el] : [el])));
}

let firstShown = false;
onCheck((result) => {
  names = result.names;
  paint(result.markers);
  status.textContent = checkStatus(result.markers, result);
  whatIf.namesChanged(result.names);
  if (!firstShown) {
    firstShown = true;
    performance.mark('pledge:first-diagnostics');
    whatIf.shown();
  }
});

void first.then(({ open }) => {
  text = open.text;
  paint([]);
});

// The header as the editor will have it, so that nothing moves when it arrives (the list is the
// examples' names); the controls answer once the editor is in place.
const examples = document.getElementById('examples') as HTMLSelectElement;
const share = document.getElementById('share') as HTMLButtonElement;
examples.replaceChildren(h('option', { value: '' }, '(your contract)'), ...Object.keys(EXAMPLES).map((name) => h('option', { value: name }, name)));
void first.then(({ open }) => (examples.value = open.from === 'example' ? DEFAULT_EXAMPLE : (Object.keys(EXAMPLES).find((k) => EXAMPLES[k] === open.text) ?? '')));
examples.disabled = share.disabled = true;

editorEl.append(view);
notice.textContent = LOADING;
const tabs = document.getElementById('tabs')!;
tabs.append(h('button', { type: 'button', role: 'tab', 'data-panel': whatIf.id, id: `tab-${whatIf.id}`, 'aria-controls': whatIf.element.id, 'aria-selected': 'true' }, whatIf.title));
whatIf.element.setAttribute('role', 'tabpanel');
whatIf.element.setAttribute('aria-labelledby', `tab-${whatIf.id}`);
whatIf.element.tabIndex = 0;
document.getElementById('panels')!.append(whatIf.element);

/** Where the reader was: the first line in view, the selection and whether the text had focus. */
export interface Handover {
  /** The line at the top of the view, with the fraction of it scrolled past (1.5: half of line 1). */
  readonly topLine: number;
  readonly selection?: { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number };
  readonly focused: boolean;
}

/** Line and column (1-based) of a point in the text, or undefined when it is not in the text. */
function positionOf(node: Node, offset: number): { line: number; column: number } | undefined {
  const el = (node instanceof Element ? node : node.parentElement)?.closest<HTMLElement>('.line');
  if (!el || !code.contains(el)) return undefined;
  const before = document.createRange();
  before.setStart(el, 0);
  before.setEnd(node, offset);
  return { line: Number(el.dataset['line']), column: before.toString().length + 1 };
}

/**
 * Takes the preview out of the page and says where the reader was, for the editor to carry on
 * from; `adopt` points the What-if panel at the editor's context. Called by `main.ts`.
 */
export function handOver(editorCtx: PanelContext): Handover {
  target = editorCtx;
  const lineHeight = parseFloat(getComputedStyle(view).lineHeight) || 18;
  const topLine = view.scrollTop / lineHeight + 1;
  const sel = window.getSelection();
  let selection: Handover['selection'];
  if (sel && sel.rangeCount > 0) {
    const a = positionOf(sel.anchorNode!, sel.anchorOffset);
    const f = positionOf(sel.focusNode!, sel.focusOffset);
    if (a && f) selection = { startLineNumber: a.line, startColumn: a.column, endLineNumber: f.line, endColumn: f.column };
  }
  const focused = view.contains(document.activeElement);
  view.remove();
  if (notice.textContent === LOADING) notice.textContent = '';
  examples.disabled = share.disabled = false;
  return { topLine, ...(selection ? { selection } : {}), focused };
}

/** However long the first answers take, the editor loads this long after the page script ran. */
const EDITOR_AT_LATEST_MS = 5000;

/** Loads the editor (once): after the first answers are on screen, or at once when asked to edit. */
let loading = false;
function loadEditor(): void {
  if (loading) return;
  loading = true;
  void import('./main.js');
}
void Promise.all([first, firstAnswer]).then(() =>
  // The answer's panel renders in the same turn; load after the frame that shows it.
  requestAnimationFrame(() => setTimeout(loadEditor, 0)),
);
// Whatever the workers do, the editor comes (a check that never answers leaves the status empty).
setTimeout(loadEditor, EDITOR_AT_LATEST_MS);
view.addEventListener('keydown', loadEditor);
view.addEventListener('pointerdown', loadEditor);
