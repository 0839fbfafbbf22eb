/**
 * The page's entry: the page's styles, then `early.ts` starts the checker workers and the first
 * check, `preview.ts` shows the text, the check's answer and the first What-if answer, and then
 * loads the editor and the other panels (`main.ts`, with Monaco).
 */
import './style.css';
import './early.js';
import './preview.js';
