/** What every panel is given: the worker, the editor's text, the declared names, and a way to open a what-if. */
import type { CheckerClient } from '../client.js';
import type { DeclaredNames, EventRequest } from '../protocol.js';

export interface WhatIfRequest {
  readonly priority: string;
  readonly filed: string;
  readonly events: readonly EventRequest[];
  readonly plan?: string;
}

export interface PanelContext {
  readonly client: CheckerClient;
  readonly text: () => string;
  readonly names: () => DeclaredNames | undefined;
  /** Shows the what-if panel with these inputs and runs it (a failing assert's counterexample). */
  readonly openWhatIf: (request: WhatIfRequest) => void;
  /** Shows a line of the contract in the editor (a section of the terms, a change of the diff). */
  readonly revealLine: (line: number) => void;
  /** Earlier versions to compare with: the text at page load and each example. */
  readonly versions: () => readonly { readonly id: string; readonly label: string; readonly text: string }[];
}

export interface Panel {
  readonly id: string;
  readonly title: string;
  readonly element: HTMLElement;
  /** The contract's names changed (after a check): refresh pickers. */
  namesChanged(names: DeclaredNames): void;
  /** The panel became visible. */
  shown(): void;
  /** Re-run when the contract changes while the panel is visible (cheap panels only). */
  readonly live: boolean;
  /** The text changed: results shown for the old text are out of date (Test, Simulate). */
  textChanged?(): void;
}

/** Replaces a `<select>`'s options, keeping the current choice when it still exists. */
export function setOptions(select: HTMLSelectElement, values: readonly string[], preferred?: string): void {
  const current = select.value;
  const same = select.options.length === values.length && values.every((v, i) => select.options[i]?.value === v);
  if (!same) {
    select.replaceChildren(...values.map((v) => {
      const o = document.createElement('option');
      o.value = v;
      o.textContent = v;
      return o;
    }));
  }
  if (values.includes(current)) select.value = current;
  else if (preferred !== undefined && values.includes(preferred)) select.value = preferred;
}

/** `YYYY-MM-DD` plus `days`, in plain calendar arithmetic (no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Weekday of a `YYYY-MM-DD` date, 0 = Monday. */
export function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}
