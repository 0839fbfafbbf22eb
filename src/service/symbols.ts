/**
 * Every declared name of a contract and every place it is used: the index behind go to
 * definition, find references, rename, semantic tokens and document symbols. Built from the AST
 * alone, so it works on the partial tree of a broken file.
 */
import type * as A from '../ast/nodes.js';
import { walk } from '../ast/walk.js';

/** What a name names. Contacts are strings (`contact "L2 duty engineer"`); the rest identifiers. */
export type SymbolKind = 'calendar' | 'clock' | 'priority' | 'plan' | 'contact' | 'event';

export interface Occurrence {
  readonly kind: SymbolKind;
  /** The name (a contact's string value, without quotes). */
  readonly name: string;
  /** The identifier, or the string literal with its quotes for a contact. */
  readonly range: A.Range;
  /** True at the declaration (`calendar business`), false at a use (`on business`). */
  readonly declaration: boolean;
}

/** All occurrences in source order. */
export function occurrences(ast: A.Contract): Occurrence[] {
  const out: Occurrence[] = [];
  const name = (kind: SymbolKind, n: A.Name | undefined, declaration = false) => {
    if (n && n.text) out.push({ kind, name: n.text, range: n.range, declaration });
  };
  const str = (n: A.Str | undefined, declaration = false) => {
    if (n) out.push({ kind: 'contact', name: n.value, range: n.range, declaration });
  };
  walk(ast, (n) => {
    switch (n.kind) {
      case 'Calendar': return name('calendar', n.name, true);
      case 'Clock': return name('clock', n.name, true);
      case 'Priority': return name('priority', n.name, true);
      case 'Plan': name('plan', n.name, true); return name('plan', n.parent);
      case 'Contact': str(n.name, true); return name('calendar', n.calendar);
      case 'ClockRule': return n.events.forEach((e) => name('event', e));
      case 'Target': name('clock', n.clock); return name('calendar', n.calendar);
      case 'Update':
      case 'Maintenance':
        return name('calendar', n.calendar);
      case 'StaffGroup': str(n.tier); return name('calendar', n.calendar);
      case 'Escalation': return n.priorities.forEach((p) => name('priority', p));
      case 'EscalationStep': name('clock', n.clock); return n.notify.forEach((s) => str(s));
      case 'BreachCredit': name('priority', n.priority); return name('clock', n.clock);
      case 'Within':
        n.priorities.forEach((p) => name('priority', p));
        name('clock', n.clock);
        return n.under.forEach((e) => name('event', e));
      case 'MixShare':
      case 'WorkRange':
        return name('priority', n.priority);
      case 'PlanShare': return name('plan', n.plan);
      case 'Covers': return n.priorities.forEach((p) => name('priority', p));
      case 'PriorityOverride': return name('priority', n.name);
      default: return;
    }
  });
  return out.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

/** A 1-based line and column, as the library's diagnostics. */
export interface Pos {
  readonly line: number;
  readonly column: number;
}

/** Whether `p` is inside `r` or touches its end (the cursor just after a name is on it). */
export function touches(r: A.Range, p: Pos): boolean {
  const afterStart = r.start.line < p.line || (r.start.line === p.line && r.start.column <= p.column);
  const beforeEnd = r.end.line > p.line || (r.end.line === p.line && r.end.column >= p.column);
  return afterStart && beforeEnd;
}

/** The occurrence under the cursor. */
export function occurrenceAt(list: readonly Occurrence[], p: Pos): Occurrence | undefined {
  return list.find((o) => touches(o.range, p));
}

/** The occurrences of the same symbol as `o` (events have no declaration: all uses of the event). */
export function sameSymbol(list: readonly Occurrence[], o: Pick<Occurrence, 'kind' | 'name'>): Occurrence[] {
  return list.filter((x) => x.kind === o.kind && x.name === o.name);
}
