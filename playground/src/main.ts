/**
 * The playground page: the editor, live checking through the worker, and the panels. Nothing on
 * the page is sent anywhere; the URL fragment only ever becomes editor text.
 */
import './style.css';
import { CheckerClient, type CheckResult } from './client.js';
import { h, show } from './dom.js';
import { LANGUAGE_ID, MARKER_OWNER, registerPledge, toMonacoMarkers, type LanguageState } from './language.js';
import { monaco } from './monaco.js';
import { calendarPanel } from './panels/calendar.js';
import type { Panel, PanelContext } from './panels/panel.js';
import type { MarkerData } from './protocol.js';
import { simulatePanel } from './panels/simulate.js';
import { testPanel } from './panels/test.js';
import { whatIfPanel } from './panels/what-if.js';
import { decodeFragment, encodeFragment } from './share.js';

/** The bundled examples: every `contracts/*.pledge`, picked up at build time. */
const EXAMPLES: Record<string, string> = Object.fromEntries(
  Object.entries(import.meta.glob<string>('../../contracts/*.pledge', { query: '?raw', import: 'default', eager: true })).map(([path, text]) => [path.split('/').pop()!, text]),
);
const DEFAULT_EXAMPLE = 'realtime-messaging.pledge' in EXAMPLES ? 'realtime-messaging.pledge' : Object.keys(EXAMPLES)[0]!;
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

/** For the browser tests and the benchmark: edit times and when their markers were shown. */
const probe = {
  latencies: [] as { speed: 'fast' | 'all'; version: number; ms: number; workerMs: number; painted: number }[],
  checks: 0,
  fullChecks: 0,
};
/** When each check was sent, and for which version of the text. */
const sent = new Map<number, { at: number; version: number }>();

const model = monaco.editor.createModel('', LANGUAGE_ID, monaco.Uri.parse('inmemory://contract.pledge'));
const client = new CheckerClient(onCheck);
registerPledge(client, state);
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

let fullTimer: ReturnType<typeof setTimeout> | undefined;
function scheduleChecks(): void {
  const text = model.getValue();
  sent.set(client.check(text, 'fast'), { at: performance.now(), version: model.getVersionId() });
  clearTimeout(fullTimer);
  fullTimer = setTimeout(() => {
    sent.set(client.check(model.getValue(), 'all'), { at: performance.now(), version: model.getVersionId() });
  }, FULL_CHECK_DELAY_MS);
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
  const count = (sev: string) => state.markers.filter((m) => m.severity === sev).length;
  status.textContent = `${count('error')} errors, ${count('warning')} warnings · ${result.speed === 'all' ? 'all checks' : 'fast checks'} ${Math.round(result.ms)} ms`;
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
};
const whatIf = whatIfPanel(ctx);
const panels: Panel[] = [whatIf, calendarPanel(ctx), testPanel(ctx), simulatePanel(ctx)];
let current = '';
function select(id: string): void {
  current = id;
  for (const p of panels) {
    p.element.hidden = p.id !== id;
    tabs.querySelector(`[data-panel="${p.id}"]`)?.setAttribute('aria-selected', String(p.id === id));
  }
  panels.find((p) => p.id === id)?.shown();
}
for (const p of panels) {
  tabs.append(h('button', { type: 'button', role: 'tab', 'data-panel': p.id, id: `tab-${p.id}`, onclick: () => select(p.id) }, p.title));
  panelsEl.append(p.element);
}

function load(text: string): void {
  model.setValue(text);
  editor.setScrollTop(0);
}

show(examples, h('option', { value: '' }, '(your contract)'), ...Object.keys(EXAMPLES).map((name) => h('option', { value: name }, name)));
examples.addEventListener('change', () => {
  const text = EXAMPLES[examples.value];
  if (text !== undefined) {
    load(text);
    history.replaceState(null, '', location.pathname + location.search);
  }
});

shareButton.addEventListener('click', async () => {
  const fragment = await encodeFragment(model.getValue());
  history.replaceState(null, '', `${location.pathname}${location.search}#${fragment}`);
  shareUrl.value = location.href;
  shareUrl.hidden = false;
  shareUrl.select();
  try {
    await navigator.clipboard.writeText(location.href);
    notice.textContent = 'link copied: the contract is in the link itself, nothing was uploaded';
  } catch {
    notice.textContent = 'copy the link above: the contract is in the link itself, nothing was uploaded';
  }
});

let loadingShared = false;
model.onDidChangeContent(() => {
  scheduleChecks();
  if (!loadingShared && examples.value && model.getValue() !== EXAMPLES[examples.value]) examples.value = '';
});

/** Opens the contract in the URL fragment, if any; a damaged fragment leaves a message, never runs anything. */
async function openFragment(): Promise<boolean> {
  if (!location.hash) return false;
  try {
    const text = await decodeFragment(location.hash);
    if (text === undefined) return false;
    loadingShared = true;
    examples.value = Object.keys(EXAMPLES).find((k) => EXAMPLES[k] === text) ?? '';
    load(text);
    loadingShared = false;
    return true;
  } catch {
    notice.textContent = 'the shared link is damaged; showing an example instead';
    return false;
  }
}
window.addEventListener('hashchange', () => void openFragment());

if (!(await openFragment())) {
  examples.value = DEFAULT_EXAMPLE;
  load(EXAMPLES[DEFAULT_EXAMPLE] ?? '');
}
select('whatif');

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
