/**
 * The playground page: the editor, live checking through the worker, and the panels. Nothing on
 * the page is sent anywhere; the URL fragment only ever becomes editor text.
 */
import { OVER_LIMIT, type CheckResult } from './client.js';
import { client, first, onCheck as whenChecked, onStopped as whenStopped } from './early.js';
import { DEFAULT_EXAMPLE, EXAMPLES, SAVED_KEY } from './examples.js';
import { h, show } from './dom.js';
import { LANGUAGE_ID, MARKER_OWNER, registerPledge, toMonacoMarkers, type LanguageState } from './language.js';
import { monaco } from './monaco.js';
import { calendarPanel } from './panels/calendar.js';
import { comparePanel } from './panels/compare.js';
import { termsPanel } from './panels/terms.js';
import type { Panel, PanelContext } from './panels/panel.js';
import type { MarkerData } from './protocol.js';
import { simulatePanel } from './panels/simulate.js';
import { testPanel } from './panels/test.js';
import { checkStatus, handOver, whatIf } from './preview.js';
import { decodeFragment, encodeFragment } from './share.js';

// For `npm run bench:playground`: the page script (Monaco with it) is loaded and evaluated.
performance.mark('pledge:script');

/** Full checks (holidays, exact worst cases) wait for a pause in typing; fast checks run on every edit. */
const FULL_CHECK_DELAY_MS = 300;

const state: LanguageState = { names: undefined, markers: [] };
const status = document.getElementById('status')!;
const notice = document.getElementById('notice')!;
const panelsEl = document.getElementById('panels')!;
const tabs = document.getElementById('tabs')!;
const examples = document.getElementById('examples') as HTMLSelectElement;
const shareButton = document.getElementById('share') as HTMLButtonElement;
const shareUrl = document.getElementById('share-url') as HTMLInputElement;
const toast = document.getElementById('share-toast')!;
const SAVE_DELAY_MS = 300;

/** For the browser tests and the benchmark: edit times and when their markers were shown. */
const probe = {
  latencies: [] as { speed: 'fast' | 'all'; version: number; ms: number; workerMs: number; painted: number }[],
  checks: 0,
  fullChecks: 0,
  /** Checks stopped by the watchdog ("stopped: over the limit"). */
  stopped: 0,
};
/** When each check was sent, and for which version of the text. */
const sent = new Map<number, { at: number; version: number }>();

/** The text the page opens with, chosen and sent for its first check by `early.ts` while this script loaded. */
const opened = await first;
const model = monaco.editor.createModel(opened.open.text, LANGUAGE_ID, monaco.Uri.parse('inmemory://contract.pledge'));
sent.set(opened.check.id, { at: opened.check.at, version: model.getVersionId() });
registerPledge(client);
// The read-only text shown until now (`preview.ts`) leaves; the editor opens where the reader was.
const handover = handOver({
  client,
  text: () => model.getValue(),
  names: () => state.names,
  openWhatIf: (request) => ctx.openWhatIf(request),
  revealLine: (line) => ctx.revealLine(line),
  versions: () => ctx.versions(),
});
const editor = monaco.editor.create(document.getElementById('editor')!, {
  model,
  automaticLayout: true,
  minimap: { enabled: false },
  fontSize: 13,
  scrollBeyondLastLine: false,
  renderWhitespace: 'none',
  tabSize: 2,
  'semanticHighlighting.enabled': false,
});

editor.setScrollTop((handover.topLine - 1) * editor.getOption(monaco.editor.EditorOption.lineHeight));
if (handover.selection) editor.setSelection(handover.selection);
if (handover.focused) editor.focus();

performance.mark('pledge:editor');

let fullTimer: ReturnType<typeof setTimeout> | undefined;
function scheduleChecks(): void {
  const text = model.getValue();
  sent.set(client.check(text, 'fast'), { at: performance.now(), version: model.getVersionId() });
  scheduleFullCheck();
}
function scheduleFullCheck(): void {
  clearTimeout(fullTimer);
  fullTimer = setTimeout(() => {
    sent.set(client.check(model.getValue(), 'all'), { at: performance.now(), version: model.getVersionId() });
  }, FULL_CHECK_DELAY_MS);
}

/** A check that did not answer in time: its worker was replaced; the markers already shown stay. */
let stoppedNote = '';
/** The check whose markers are shown. */
let lastShown: CheckResult | undefined;

/** "0 errors, 1 warnings · fast checks 40 ms", then a stopped check's notice while it stands. */
function showStatus(): void {
  const shown = lastShown ? checkStatus(state.markers, lastShown) : '';
  status.textContent = [shown, stoppedNote].filter(Boolean).join(' · ');
}
function onStopped(speed: 'fast' | 'all'): void {
  probe.stopped++;
  stoppedNote = `${speed === 'all' ? 'all checks' : 'fast checks'} ${OVER_LIMIT[speed]}`;
  showStatus();
}

/**
 * The newest full check's findings that only full checks make: kept while fast checks run, as an
 * IDE keeps its semantic errors while you type, and replaced by the next full check.
 */
let slowMarkers: readonly MarkerData[] = [];

function onCheck(result: CheckResult): void {
  if (result.speed === 'all') slowMarkers = result.markers.filter((m) => m.slow);
  state.markers = result.speed === 'all' ? result.markers : [...result.markers, ...slowMarkers];
  monaco.editor.setModelMarkers(model, MARKER_OWNER, toMonacoMarkers(state.markers, model.uri));
  const request = sent.get(result.id);
  for (const id of sent.keys()) if (id <= result.id) sent.delete(id);
  const shown = performance.now();
  requestAnimationFrame(() => {
    if (request) probe.latencies.push({ speed: result.speed, version: request.version, ms: shown - request.at, workerMs: result.ms, painted: performance.now() - request.at });
  });
  probe.checks++;
  if (result.speed === 'all') probe.fullChecks++;
  // A stopped full check stays said until a full check finishes again.
  if (result.speed === 'all') stoppedNote = '';
  lastShown = result;
  showStatus();
  const names = result.names;
  const changed = JSON.stringify(names) !== JSON.stringify(state.names);
  state.names = names;
  if (changed) for (const p of panels) p.namesChanged(names);
  const visible = panels.find((p) => p.id === current);
  if (visible?.live && (changed || result.speed === 'all')) visible.shown();
}

const ctx: PanelContext = {
  client,
  text: () => model.getValue(),
  names: () => state.names,
  openWhatIf: (request) => {
    select('whatif');
    whatIf.open(request);
  },
  revealLine: (line) => {
    editor.revealLineInCenter(line);
    editor.setPosition({ lineNumber: line, column: 1 });
    editor.setSelection({ startLineNumber: line, startColumn: 1, endLineNumber: line, endColumn: model.getLineMaxColumn(line) });
    editor.focus();
  },
  versions: () => [{ id: 'initial', label: 'the text when the page opened', text: initialText }, ...Object.entries(EXAMPLES).map(([name, text]) => ({ id: `example:${name}`, label: `example ${name}`, text }))],
};
const panels: Panel[] = [whatIf, calendarPanel(ctx), testPanel(ctx), simulatePanel(ctx), termsPanel(ctx), comparePanel(ctx)];
let current = '';
/** The WAI-ARIA tabs pattern: one tab in the Tab order (the selected one), arrows move between tabs. */
function select(id: string, focus = false): void {
  current = id;
  for (const p of panels) {
    p.element.hidden = p.id !== id;
    const t = tabs.querySelector<HTMLElement>(`[data-panel="${p.id}"]`);
    t?.setAttribute('aria-selected', String(p.id === id));
    t?.setAttribute('tabindex', p.id === id ? '0' : '-1');
    if (focus && p.id === id) t?.focus();
  }
  panels.find((p) => p.id === id)?.shown();
}
// The preview made What-if's tab already: the tabs keep their place, the others join it.
const focusedTab = tabs.contains(document.activeElement) ? document.activeElement!.id : '';
tabs.replaceChildren();
for (const p of panels) {
  tabs.append(h('button', { type: 'button', role: 'tab', 'data-panel': p.id, id: `tab-${p.id}`, 'aria-controls': p.element.id, onclick: () => select(p.id) }, p.title));
  p.element.setAttribute('role', 'tabpanel');
  p.element.setAttribute('aria-labelledby', `tab-${p.id}`);
  p.element.tabIndex = 0;
  panelsEl.append(p.element);
}
if (focusedTab) document.getElementById(focusedTab)?.focus();
tabs.setAttribute('aria-label', 'panels');
tabs.addEventListener('keydown', (event) => {
  const i = panels.findIndex((p) => p.id === current);
  const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: panels.length - 1 }[event.key];
  if (next === undefined) return;
  event.preventDefault();
  select(panels[(next + panels.length) % panels.length]!.id, true);
});

function load(text: string): void {
  model.setValue(text);
  editor.setScrollTop(0);
}

/** Replaces the text as one edit, so Ctrl+Z (or the notice's Undo) brings the previous text back. */
function replaceUndoably(text: string): void {
  editor.pushUndoStop();
  editor.executeEdits('examples', [{ range: model.getFullModelRange(), text, forceMoveMarkers: true }]);
  editor.pushUndoStop();
  editor.setPosition({ lineNumber: 1, column: 1 });
  editor.setScrollTop(0);
}

/** Text that only exists here: not one of the examples, and not the shared link's text. */
function unsavedEdits(): boolean {
  const text = model.getValue();
  return text.trim() !== '' && !Object.values(EXAMPLES).includes(text) && text !== sharedText;
}

function say(message: string, ...actions: (Node | string)[]): void {
  show(notice, message, ...actions);
}

show(examples, h('option', { value: '' }, '(your contract)'), ...Object.keys(EXAMPLES).map((name) => h('option', { value: name }, name)));
let previousExample = '';
examples.addEventListener('focus', () => (previousExample = examples.value));
examples.addEventListener('change', () => {
  const text = EXAMPLES[examples.value];
  if (text === undefined) return;
  if (unsavedEdits() && !window.confirm(`Replace your edits with the example ${examples.value}? You can undo it (Ctrl+Z).`)) {
    examples.value = previousExample;
    return;
  }
  const name = examples.value;
  replaceUndoably(text);
  examples.value = name;
  previousExample = name;
  say(`loaded the example ${name}`, ' ', h('button', { type: 'button', class: 'small', id: 'undo-example', onclick: () => {
    editor.trigger('notice', 'undo', null);
    say('your previous text is back');
  } }, 'Undo'));
});

/** The text the URL fragment holds, once a link was made or opened: the link then follows the text. */
let sharedText: string | undefined;
let fragmentTimer: ReturnType<typeof setTimeout> | undefined;
async function updateFragment(): Promise<void> {
  const text = model.getValue();
  const fragment = await encodeFragment(text);
  if (text !== model.getValue()) return; // typed on meanwhile: the next update writes it
  history.replaceState(null, '', `${location.pathname}${location.search}#${fragment}`);
  sharedText = text;
  shareUrl.value = location.href;
  shareButton.dataset['state'] = 'current';
}

shareButton.addEventListener('click', async () => {
  await updateFragment();
  toast.hidden = false;
  shareUrl.select();
  try {
    await navigator.clipboard.writeText(location.href);
    show(toast.querySelector('.message')!, 'Link copied. The contract is in the link itself; nothing was uploaded. The link follows your edits.');
  } catch {
    show(toast.querySelector('.message')!, 'Copy this link. The contract is in the link itself; nothing was uploaded. The link follows your edits.');
    shareUrl.focus();
    shareUrl.select();
  }
});
document.getElementById('share-toast-close')!.addEventListener('click', () => {
  toast.hidden = true;
  shareButton.focus();
});

let saveTimer: ReturnType<typeof setTimeout> | undefined;
function save(): void {
  try {
    localStorage.setItem(SAVED_KEY, model.getValue());
  } catch {
    say('your browser does not let this page keep the text; use Share to keep a link');
  }
}
window.addEventListener('pagehide', save);

let loadingShared = false;
model.onDidChangeContent(() => {
  scheduleChecks();
  for (const p of panels) p.textChanged?.();
  if (!loadingShared && examples.value && model.getValue() !== EXAMPLES[examples.value]) examples.value = '';
  clearTimeout(saveTimer);
  saveTimer = setTimeout(save, SAVE_DELAY_MS);
  if (sharedText !== undefined) {
    shareButton.dataset['state'] = 'stale';
    clearTimeout(fragmentTimer);
    fragmentTimer = setTimeout(() => void updateFragment(), SAVE_DELAY_MS);
  }
});

/** Opens the contract in the URL fragment, if any; a damaged fragment leaves a message, never runs anything. */
async function openFragment(): Promise<boolean> {
  if (!location.hash) return false;
  try {
    const text = await decodeFragment(location.hash);
    if (text === undefined) return false;
    if (text === model.getValue()) return true; // our own fragment update
    loadingShared = true;
    examples.value = Object.keys(EXAMPLES).find((k) => EXAMPLES[k] === text) ?? '';
    sharedText = text;
    load(text);
    loadingShared = false;
    return true;
  } catch {
    notice.textContent = 'the shared link is damaged; showing an example instead';
    return false;
  }
}
window.addEventListener('hashchange', () => void openFragment());

// The text `early.ts` opened (and sent for its first check): the model already holds it.
if (opened.open.damagedLink) notice.textContent = 'the shared link is damaged; showing an example instead';
if (opened.open.from === 'fragment') sharedText = opened.open.text;
examples.value = opened.open.from === 'example' ? DEFAULT_EXAMPLE : (Object.keys(EXAMPLES).find((k) => EXAMPLES[k] === opened.open.text) ?? '');
if (opened.open.from === 'saved' && !examples.value) say('restored your text from your last visit (kept in this browser only)');
scheduleFullCheck();
/** The text when the page opened: the first earlier version Compare offers. */
const initialText = model.getValue();
previousExample = examples.value;
select('whatif');
// Check answers from now on, the first one perhaps already waiting.
whenChecked(onCheck);
whenStopped(onStopped);

Object.assign(window, {
  /** A read-only window on the page for the browser tests and the benchmark. */
  __pledge: {
    probe,
    editor,
    markers: () => monaco.editor.getModelMarkers({ owner: MARKER_OWNER }).map((m) => ({ code: typeof m.code === 'string' ? m.code : m.code?.value, line: m.startLineNumber, column: m.startColumn, severity: m.severity, message: m.message })),
    text: () => model.getValue(),
    current: () => current,
  },
});

// ─── Keyboard: Esc then Tab leaves the editor (Ctrl+M, Monaco's own, toggles Tab trapping) ───
let escapeArmed = false;
editor.onKeyDown((event) => {
  if (event.keyCode === monaco.KeyCode.Escape) {
    escapeArmed = true;
    return;
  }
  if (event.keyCode === monaco.KeyCode.Tab && escapeArmed && !event.ctrlKey && !event.altKey && !event.metaKey) {
    event.preventDefault();
    event.stopPropagation();
    (event.shiftKey ? shareButton : splitterEl.offsetParent ? splitterEl : tabs.querySelector<HTMLElement>('[aria-selected="true"]'))?.focus();
  }
  escapeArmed = false;
});

// ─── The splitter between editor and panels (wide screens): drag it, or arrow keys when focused ───
const splitterEl = document.getElementById('splitter')!;
const mainEl = document.querySelector('main')!;
function setSplit(percent: number): void {
  const p = Math.min(80, Math.max(20, Math.round(percent)));
  mainEl.style.setProperty('--split', `${p}%`);
  splitterEl.setAttribute('aria-valuenow', String(p));
}
splitterEl.addEventListener('pointerdown', (event) => {
  splitterEl.setPointerCapture(event.pointerId);
  const move = (e: PointerEvent) => {
    const r = mainEl.getBoundingClientRect();
    setSplit(((e.clientX - r.left) / r.width) * 100);
  };
  splitterEl.addEventListener('pointermove', move);
  splitterEl.addEventListener('pointerup', () => splitterEl.removeEventListener('pointermove', move), { once: true });
});
splitterEl.addEventListener('keydown', (event) => {
  const now = Number(splitterEl.getAttribute('aria-valuenow'));
  const step = { ArrowLeft: -5, ArrowRight: 5, Home: -100, End: 100 }[event.key];
  if (step === undefined) return;
  event.preventDefault();
  setSplit(now + step);
});

// ─── Dark mode follows the system setting ───
const dark = window.matchMedia('(prefers-color-scheme: dark)');
const followScheme = () => monaco.editor.setTheme(dark.matches ? 'vs-dark' : 'vs');
followScheme();
dark.addEventListener('change', followScheme);
