/**
 * The language server's full-check thread (see full-check.ts): all checks of one document at a
 * time, so that the server's own thread keeps answering and a check that never ends can be stopped
 * by terminating this thread. Each request is a text and the folder its `holidays file` lines are
 * read from (none for a document that is not a file: PLG2130, as in the playground); the answer
 * carries the files' parses for the server's thread, which parses none itself (ics-cache.ts).
 */
import { parentPort } from 'node:worker_threads';
import { fileReaderFor } from '../cli/io.js';
import { PledgeDocument } from '../service/document.js';
import { readIcsHolidays } from '../time/ics-holidays.js';
import type { CheckReply, CheckRequest } from './full-check.js';
import { recordingParser, type IcsParse } from './ics-cache.js';

const post = (m: CheckReply) => parentPort!.postMessage(m);

// Warm up before saying ready: the first check in a thread loads the engine's lazy parts (zones,
// holiday data), which the watchdog should not charge to the user's document.
new PledgeDocument('sla "W" {\n  term 2026-01-01 to 2026-12-31\n}\ncalendar c {\n  zone "UTC"\n  hours mon-fri 09:00-17:00\n}\nclock r {\n  starts filed\n  stops first_reply\n}\npriority P1 {\n  r 4h on c\n}\n').check('all');

parentPort!.on('message', (m: CheckRequest) => {
  try {
    // The files it parses go back with the answer, so the server's thread never parses them.
    const parses: IcsParse[] = [];
    const doc = new PledgeDocument(m.text, m.dir === undefined ? {} : { readFile: fileReaderFor(m.dir), parseIcs: recordingParser(parses, readIcsHolidays) });
    post({ type: 'done', id: m.id, diagnostics: doc.check('all').diagnostics, parses });
  } catch (error) {
    post({ type: 'failed', id: m.id, message: error instanceof Error ? error.message : String(error) });
  }
});
post({ type: 'ready' });
