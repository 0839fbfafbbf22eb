/**
 * The checker worker: the library's `analyze`, time engine and reports behind a message protocol
 * (`../protocol.ts`). Requests are handled one at a time, in order; a check that a newer check has
 * superseded (the user kept typing) is dropped unanswered.
 */
import type { Request, Response } from '../protocol.js';
import { loadHolidayRegions } from './holidays.js';
import { Problem, Session } from './session.js';

const session = new Session();
const queue: Request[] = [];
let running = false;

const post = (message: Response): void => self.postMessage(message);

/** Holiday data for the regions the text names, before anything reads it (fast checks never do). */
async function prepare(text: string): Promise<void> {
  await loadHolidayRegions(session.regions(text));
}

async function handle(r: Request): Promise<void> {
  switch (r.type) {
    case 'check': {
      const start = performance.now();
      if (r.speed === 'all') await prepare(r.text);
      const { markers, names } = session.check(r.text, r.speed);
      post({ type: 'check', id: r.id, speed: r.speed, markers, names, ms: performance.now() - start });
      return;
    }
    case 'hover': {
      await prepare(r.text);
      const hover = session.hover(r.text, r.line, r.column);
      post({
        type: 'hover',
        id: r.id,
        ...(hover ? { hover: { lines: hover.lines, range: { startLineNumber: hover.range.start.line, startColumn: hover.range.start.column, endLineNumber: hover.range.end.line, endColumn: hover.range.end.column } } } : {}),
      });
      return;
    }
    case 'complete':
      post({ type: 'complete', id: r.id, completions: session.complete(r.text, r.line, r.column) });
      return;
    case 'code-actions':
      await prepare(r.text);
      post({ type: 'code-actions', id: r.id, actions: session.codeActions(r.text, r.range) });
      return;
    case 'what-if':
      await prepare(r.text);
      post({ type: 'what-if', id: r.id, result: session.whatIf(r.text, r) });
      return;
    case 'calendar':
      await prepare(r.text);
      post({ type: 'calendar', id: r.id, result: session.calendar(r.text, r.calendar, r.from, r.to) });
      return;
    case 'test':
      await prepare(r.text);
      post({ type: 'test', id: r.id, result: await session.test(r.text, r.plan) });
      return;
    case 'simulate': {
      await prepare(r.text);
      const { runtime, scenario } = session.scenario(r.text, r.scenario);
      // The simulator, its report and charts load on the first run (not on a first visit).
      const { runSimulation } = await import('./simulate.js');
      const result = await runSimulation({
        runtime,
        scenario,
        seed: r.seed,
        onProgress: (done, total, note) => post({ type: 'progress', id: r.id, done, total, ...(note !== undefined ? { note } : {}) }),
      });
      post({ type: 'simulate', id: r.id, result });
      return;
    }
    default: {
      const never: never = r;
      throw new Problem(`unknown request ${JSON.stringify(never)}`);
    }
  }
}

async function pump(): Promise<void> {
  if (running) return;
  running = true;
  try {
    while (queue.length) {
      const batch = queue.splice(0);
      const lastCheck = batch.map((r) => r.type).lastIndexOf('check');
      for (const [i, r] of batch.entries()) {
        if (r.type === 'check' && i !== lastCheck) continue;
        try {
          await handle(r);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          post({ type: 'problem', id: r.id, message: error instanceof Problem ? message : `internal error: ${message}`, ...(error instanceof Problem && error.details.length ? { details: error.details } : {}) });
        }
      }
    }
  } finally {
    running = false;
  }
}

// A message to ourselves runs after the page's messages already queued, so one batch sees them all.
const tick = new MessageChannel();
tick.port1.onmessage = () => void pump();
self.onmessage = (event: MessageEvent<Request>) => {
  queue.push(event.data);
  tick.port2.postMessage(0);
};
