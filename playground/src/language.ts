/**
 * The Pledge language in Monaco: highlighting by the language's own lexer (`highlight.ts`),
 * brackets and comments; completion, hovers and quick fixes from the shared language service
 * (`src/service/`), which the worker runs.
 */
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

/** What the page keeps of the newest check: its names (for the panels) and markers. */
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

export function registerPledge(client: CheckerClient): void {
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

  // Completion, hover and quick fixes are the language service's (`src/service/`), run in the worker.
  const Kind = monaco.languages.CompletionItemKind;
  monaco.languages.registerCompletionItemProvider(LANGUAGE_ID, {
    triggerCharacters: ['"'],
    async provideCompletionItems(model, position) {
      const found = await client.complete(model.getValue(), position.lineNumber, position.column).catch(() => undefined);
      if (!found) return { suggestions: [] };
      const kind = { keyword: Kind.Keyword, module: Kind.Module, variable: Kind.Variable, enumMember: Kind.EnumMember, struct: Kind.Struct, value: Kind.Value, event: Kind.Event } as const;
      return { suggestions: found.items.map((i) => ({ label: i.label, kind: kind[i.kind], detail: i.detail, insertText: i.insertText, range: found.range })) };
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
    async provideCodeActions(model, range, context) {
      const versionId = model.getVersionId();
      const found = await client.codeActions(model.getValue(), { startLineNumber: range.startLineNumber, startColumn: range.startColumn, endLineNumber: range.endLineNumber, endColumn: range.endColumn }).catch(() => []);
      const actions: monaco.languages.CodeAction[] = found.map((a) => {
        const marker = context.markers.find((m) => m.source === MARKER_OWNER && m.code === a.code && m.startLineNumber === a.marker.startLineNumber && m.startColumn === a.marker.startColumn);
        return {
          title: a.title.replace(/`/g, ''),
          kind: 'quickfix',
          ...(marker ? { diagnostics: [marker] } : {}),
          isPreferred: true,
          edit: {
            edits: a.edits.map((e) => ({
              resource: model.uri,
              versionId,
              textEdit: { range: { startLineNumber: e.startLineNumber, startColumn: e.startColumn, endLineNumber: e.endLineNumber, endColumn: e.endColumn }, text: e.text },
            })),
          },
        };
      });
      return { actions, dispose: () => undefined };
    },
  });
}
