/**
 * What the page starts before the editor: the checker workers, and the first check of the text the
 * page opens with (`boot.ts`, the entry, loads this and then the editor, `main.ts`, with Monaco: 3 MB
 * of script to parse and run). The workers download, start and check while Monaco loads, instead
 * of after it (issue 18: the time from navigation to the first diagnostics and What-if answer).
 * Check answers go to the preview (`preview.ts`) until the editor takes over; the newest one is
 * handed over when `main.ts` asks.
 */
import { CheckerClient, type CheckResult } from './client.js';
import { EXAMPLES, DEFAULT_EXAMPLE, SAVED_KEY } from './examples.js';
import { firstWhatIf } from './panels/what-if.js';
import { decodeFragment } from './share.js';

/** What the page opens with: a shared link's text, the text kept from the last visit, or the default example. */
export interface Opening {
  readonly text: string;
  readonly from: 'fragment' | 'saved' | 'example';
  /** The address held a fragment that could not be read (the page says so). */
  readonly damagedLink: boolean;
}

let handler: ((result: CheckResult) => void) | undefined;
/** The newest check answer, handed to each new handler (the preview's, then the editor's). */
let latest: CheckResult | undefined;
let settleFirst: (answer: unknown) => void = () => undefined;
/** Settles once the first What-if question has its answer (or there was no question to ask). */
export const firstAnswer: Promise<unknown> = new Promise((resolve) => (settleFirst = resolve));
let asked = false;
/** The workers, started now; their check answers go to `onCheck`'s handler. */
export const client = new CheckerClient((result) => {
  latest = result;
  if (!asked) {
    // The What-if panel's first question, asked now of the keystroke worker (the main worker is not
    // started yet), right behind the first check; the panel asking the same question shares it.
    asked = true;
    const question = openedText !== undefined ? firstWhatIf(openedText, result.names) : undefined;
    settleFirst(question ? client.whatIf(...question, 'fast').catch(() => undefined) : undefined);
  }
  handler?.(result);
}, (speed) => stoppedHandler?.(speed));
let stoppedHandler: ((speed: 'fast' | 'all') => void) | undefined;

/** Where "stopped: over the limit" goes (the page's status line). */
export function onStopped(next: (speed: 'fast' | 'all') => void): void {
  stoppedHandler = next;
}
let openedText: string | undefined;

/** Where check answers go from now on; the newest answer so far is handed over at once. */
export function onCheck(next: (result: CheckResult) => void): void {
  handler = next;
  if (latest) next(latest);
}

async function opening(): Promise<Opening> {
  let damagedLink = false;
  if (location.hash) {
    try {
      const text = await decodeFragment(location.hash);
      if (text !== undefined) return { text, from: 'fragment', damagedLink };
    } catch {
      damagedLink = true;
    }
  }
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(SAVED_KEY);
  } catch {
    // storage refused: an example
  }
  if (saved !== null && saved.trim() !== '') return { text: saved, from: 'saved', damagedLink };
  return { text: EXAMPLES[DEFAULT_EXAMPLE] ?? '', from: 'example', damagedLink };
}

/** The text the page opens with, and its first fast check (sent before the editor exists): its id and when it was sent. */
export const first: Promise<{ open: Opening; check: { id: number; at: number } }> = opening().then((open) => ((openedText = open.text), { open, check: { id: client.check(open.text, 'fast'), at: performance.now() } }));
