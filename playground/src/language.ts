/**
 * The Pledge language in Monaco: highlighting by the language's own lexer (`highlight.ts`),
 * brackets and comments, completion of keywords and declared names, hovers on targets from the
 * worker, and quick fixes from the diagnostics that carry one.
 */
import { keywords } from '../../src/syntax/lexer.js';
import { TICKET_EVENTS } from '../../src/check/model.js';
import type { CheckerClient } from './client.js';
import { tokenizeLine } from './highlight.js';
import { monaco } from './monaco.js';
import type { DeclaredNames, MarkerData } from './protocol.js';

export const LANGUAGE_ID = 'pledge';
/** The owner of our markers, and their `source`. */
export const MARKER_OWNER = 'pledge';

class LineState implements monaco.languages.IState {
  constructor(readonly inComment: boolean) {}
  clone(): LineState {
    return new LineState(this.inComment);
  }
  equals(other: monaco.languages.IState): boolean {
    return other instanceof LineState && other.inComment === this.inComment;
  }
}

/** What the language features read: the newest check's names and markers. */
export interface LanguageState {
  names: DeclaredNames | undefined;
  markers: readonly MarkerData[];
}

const SEVERITY = { error: 8, warning: 4, info: 2 } as const; // monaco.MarkerSeverity values

/** Markers as Monaco wants them: the code, the message, and the help on a line of its own. */
export function toMonacoMarkers(markers: readonly MarkerData[], resource: monaco.Uri): monaco.editor.IMarkerData[] {
  return markers.map((m) => ({
    code: m.code,
    severity: SEVERITY[m.severity],
    message: m.help ? `${m.message}\nhelp: ${m.help}` : m.message,
    source: MARKER_OWNER,
    startLineNumber: m.startLineNumber,
    startColumn: m.startColumn,
    endLineNumber: m.endLineNumber,
    endColumn: m.endColumn,
    ...(m.related?.length
      ? { relatedInformation: m.related.map((r) => ({ resource, message: r.message, startLineNumber: r.line, startColumn: r.column, endLineNumber: r.line, endColumn: r.column + 1 })) }
      : {}),
  }));
}

export function registerPledge(client: CheckerClient, state: LanguageState): void {
  monaco.languages.register({ id: LANGUAGE_ID, extensions: ['.pledge'], aliases: ['Pledge'] });
  monaco.languages.setTokensProvider(LANGUAGE_ID, {
    getInitialState: () => new LineState(false),
    tokenize: (line, s) => {
      const result = tokenizeLine(line, (s as LineState).inComment);
      return { tokens: result.tokens, endState: new LineState(result.inComment) };
    },
  });
  monaco.languages.setLanguageConfiguration(LANGUAGE_ID, {
    comments: { lineComment: '//', blockComment: ['/*', '*/'] },
    brackets: [['{', '}']],
    autoClosingPairs: [
      { open: '{', close: '}' },
      { open: '"', close: '"', notIn: ['string', 'comment'] },
    ],
    surroundingPairs: [
      { open: '{', close: '}' },
      { open: '"', close: '"' },
    ],
    indentationRules: { increaseIndentPattern: /\{[^}"]*$/, decreaseIndentPattern: /^\s*\}/ },
    wordPattern: /[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?[A-Za-z%]*/,
  });

  const Kind = monaco.languages.CompletionItemKind;
  monaco.languages.registerCompletionItemProvider(LANGUAGE_ID, {
    provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
      const before = model.getLineContent(position.lineNumber).slice(0, word.startColumn - 1);
      const inString = (before.match(/"/g)?.length ?? 0) % 2 === 1;
      const items: monaco.languages.CompletionItem[] = [];
      const add = (label: string, kind: monaco.languages.CompletionItemKind, detail: string, insertText = label) => items.push({ label, kind, detail, insertText, range });
      const names = state.names;
      if (inString) {
        // Inside a string only contacts make sense (`notify "L2 duty engineer"`).
        for (const c of names?.contacts ?? []) add(c, Kind.Value, 'contact');
        return { suggestions: items };
      }
      for (const k of Object.keys(keywords)) add(k, Kind.Keyword, 'keyword');
      for (const e of TICKET_EVENTS) add(e, Kind.Event, 'ticket event');
      for (const c of names?.calendars ?? []) add(c, Kind.Module, 'calendar');
      for (const c of names?.clocks ?? []) add(c, Kind.Variable, 'clock');
      for (const p of names?.priorities ?? []) add(p, Kind.EnumMember, 'priority');
      for (const p of names?.plans ?? []) add(p, Kind.Struct, 'plan');
      for (const c of names?.contacts ?? []) add(`"${c}"`, Kind.Value, 'contact', JSON.stringify(c));
      return { suggestions: items };
    },
  });

  monaco.languages.registerHoverProvider(LANGUAGE_ID, {
    async provideHover(model, position) {
      const hover = await client.hover(model.getValue(), position.lineNumber, position.column).catch(() => undefined);
      if (!hover) return null;
      // Contract text inside `lines` is escaped by the worker; no HTML is ever rendered.
      return { range: hover.range, contents: hover.lines.map((value) => ({ value, supportHtml: false, isTrusted: false })) };
    },
  });

  monaco.languages.registerCodeActionProvider(LANGUAGE_ID, {
    provideCodeActions(model, _range, context) {
      const actions: monaco.languages.CodeAction[] = [];
      for (const marker of context.markers) {
        if (marker.source !== MARKER_OWNER) continue;
        const found = state.markers.find(
          (m) => m.fix && m.code === marker.code && m.startLineNumber === marker.startLineNumber && m.startColumn === marker.startColumn && m.endLineNumber === marker.endLineNumber && m.endColumn === marker.endColumn,
        );
        if (!found?.fix) continue;
        actions.push({
          title: found.fix.title.replace(/`/g, ''),
          kind: 'quickfix',
          diagnostics: [marker],
          isPreferred: true,
          edit: {
            edits: found.fix.edits.map((e) => ({
              resource: model.uri,
              versionId: model.getVersionId(),
              textEdit: { range: { startLineNumber: e.startLineNumber, startColumn: e.startColumn, endLineNumber: e.endLineNumber, endColumn: e.endColumn }, text: e.text },
            })),
          },
        });
      }
      return { actions, dispose: () => undefined };
    },
  });
}
