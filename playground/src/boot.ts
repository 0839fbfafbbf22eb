/**
 * The page's entry: the page's styles, then `early.ts` starts the checker workers and the first
 * check, and only then the editor and the panels (`main.ts`, with Monaco) are loaded.
 */
import './style.css';
import './early.js';

void import('./main.js');
