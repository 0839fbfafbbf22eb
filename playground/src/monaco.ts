/**
 * Monaco as the playground uses it: the bare editor API (no built-in languages, no language
 * workers) plus the editor features the page offers, and the one editor worker Monaco needs for
 * its own text computations. ECOSYSTEM.md: since 0.56 these are the supported import paths.
 * Left out for size: folding (44 KB), clipboard menu actions (107 KB; keyboard copy and paste
 * work without it), line operations (31 KB), inline suggestions (78 KB).
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/codeAction/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/wordOperations/register';
// F1 opens the command palette; Ctrl+M (Ctrl+Shift+M on macOS) toggles whether Tab moves focus out of
// the editor, as Monaco documents for keyboard users (issue 18).
import 'monaco-editor/features/quickCommand/register';
import 'monaco-editor/features/toggleTabFocusMode/register';
// The suggest widget (`features/suggest` would add only inline, ghost-text suggestions).
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

export { monaco };
