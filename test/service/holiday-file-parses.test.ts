/**
 * A `holidays file` left unparsed by the fast checks (`DocumentFiles.parseIcs` answering
 * undefined, as in the language server's thread until its worker has parsed the file): the
 * document's fast check leaves the file out and says so, and adopting the full check's answer
 * checks again, so that the model the features compile holds the file's days.
 */
import { describe, expect, it } from 'vitest';
import { PledgeDocument } from '../../src/service/document.js';
import { readIcsHolidays, type IcsHolidays } from '../../src/time/ics-holidays.js';

const ICS = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//pledge tests//EN', 'BEGIN:VEVENT', 'DTSTART:20260102T100000Z', 'DTEND:20260102T110000Z', 'SUMMARY:Half', 'END:VEVENT', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261224', 'SUMMARY:Eve', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
const TEXT = `sla "H" {\n  term 2026-01-01 to 2026-12-31\n}\ncalendar office {\n  zone "Europe/Berlin"\n  hours mon-fri 09:00-17:00\n  holidays file "a.ics"\n}\nclock response {\n  starts filed\n  stops first_reply\n}\npriority P1 {\n  response 4h on office\n}\n`;

describe('service: holiday files parsed elsewhere', () => {
  it('leaves an unparsed file out of the fast check, and holds it once the parse is there', () => {
    let cached: IcsHolidays | undefined;
    const d = new PledgeDocument(TEXT, { readFile: () => ({ text: ICS }), parseIcs: () => cached });
    const fast = d.check('fast');
    expect(fast.pendingFiles).toBe(true);
    expect(fast.diagnostics.map((x) => x.code)).toEqual([]);
    expect(d.model.holidayFiles.size).toBe(0);
    // The worker's answer: its diagnostics, and (through the server's cache) its parse.
    cached = readIcsHolidays(ICS, 'Europe/Berlin', { from: '2026-01-01', to: '2026-12-31' });
    const all = new PledgeDocument(TEXT, { readFile: () => ({ text: ICS }) }).check('all').diagnostics;
    d.adoptFullCheck(all);
    expect(d.check('all').diagnostics).toEqual(all);
    expect(d.model.holidayFiles.size).toBe(1);
    expect(d.runtime).toBeDefined();
  });

  it('parses the file itself without a parser (the CLI, the worker)', () => {
    const d = new PledgeDocument(TEXT, { readFile: () => ({ text: ICS }) });
    expect(d.check('fast').pendingFiles).toBeUndefined();
    expect(d.check('fast').diagnostics.map((x) => x.code)).toEqual(['PLG2132']);
  });
});
