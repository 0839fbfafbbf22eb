/**
 * The language service: editor features as plain functions over a contract's text, in the
 * style of TypeScript's LanguageService behind tsserver. `pledge lsp` and the playground's worker
 * only translate between their protocol and these calls. Positions are 1-based lines and columns,
 * as the library's diagnostics.
 */
import { DocumentCache, PledgeDocument } from './document.js';

export { PledgeDocument, DocumentCache, SLOW_ONLY_CODES, type Checked } from './document.js';
export { hover, escapeMarkdown, type Hover } from './hover.js';
export { complete, ianaZones, holidayRegionCodes, type CompletionItem, type CompletionKind, type Completions } from './completion.js';
export {
  diagnostics,
  isSlowOnly,
  definition,
  references,
  prepareRename,
  rename,
  renameEdit,
  invalidName,
  codeActions,
  formatting,
  documentSymbols,
  foldingRanges,
  semanticTokens,
  inlayHints,
  SEMANTIC_TOKEN_TYPES,
  SEMANTIC_TOKEN_MODIFIERS,
  type DocumentSymbol,
  type FoldingRange,
  type SemanticToken,
  type SemanticTokenType,
  type InlayHint,
} from './features.js';
export { occurrences, type Occurrence, type SymbolKind, type Pos } from './symbols.js';

const shared = new DocumentCache();

/**
 * The document for `text`, from a small cache shared by callers, so that the requests on one
 * unchanged text (diagnostics, then hover, then completion) parse and check it once.
 * @example hover(documentOf(text), { line: 12, column: 5 })
 */
export function documentOf(text: string): PledgeDocument {
  return shared.get(text);
}
