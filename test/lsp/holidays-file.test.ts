/**
 * `holidays file` in the language server (issue 16): a document saved as a file reads its
 * iCalendar file relative to itself, with the CLI's reader (and its size limit), so the editor
 * shows what `pledge check` shows; an untitled document cannot read files (PLG2130, as in the
 * playground). A client that watches files is asked to watch `**\/*.ics`, and a changed file
 * re-checks the documents that read files.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileReaderFor } from '../../src/cli/io.js';
import { analyze } from '../../src/index.js';
import { startClient, type Client } from './client.js';

const ics = (date: string, ...more: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//pledge tests//EN', 'BEGIN:VEVENT', 'UID:x@pledge', 'DTSTAMP:20260101T000000Z', `DTSTART;VALUE=DATE:${date}`, ...more, 'SUMMARY:Company day', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');

// Christmas is closed twice, by the file and by a `closed` line, while the file says 25 December.
const contract = (file: string) => `sla "H" {
  term 2026-01-01 to 2026-12-31
}
calendar office {
  zone "Europe/Berlin"
  hours mon-fri 09:00-17:00
  holidays file "${file}"
  closed 2026-12-25 "Christmas"
}
clock response {
  starts filed
  stops first_reply
}
priority P1 {
  response 4h on office
}
`;

let dir: string;
let client: Client;
const fileUri = () => pathToFileURL(path.join(dir, 'contracts', 'a.pledge')).href;
/** The publication for `version` whose codes satisfy `pred` (the full check's: the holidays-file rule is slow). */
const full = (uri: string, version: number, pred: (codes: string[]) => boolean) =>
  client.waitDiagnostics(uri, (x) => x.version === version && pred(x.diagnostics.map((d) => String(d.code))), 30_000);
const same = (a: readonly string[]) => (b: readonly string[]) => JSON.stringify(a) === JSON.stringify(b);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pledge-lsp-ics-'));
  mkdirSync(path.join(dir, 'contracts', 'holidays'), { recursive: true });
  writeFileSync(path.join(dir, 'contracts', 'holidays', 'acme.ics'), ics('20261225'));
  client = await startClient(dir, { capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } } });
}, 60_000);

afterAll(() => {
  client?.child.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('pledge lsp: holidays file', () => {
  it('reads the file relative to the document, as `pledge check` does', async () => {
    const text = contract('holidays/acme.ics');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: fileUri(), languageId: 'pledge', version: 1, text } });
    const expected = analyze(text, { readFile: fileReaderFor(path.join(dir, 'contracts')) }).diagnostics;
    expect(expected.map((x) => x.code)).toEqual(['PLG2133']);
    const d = await full(fileUri(), 1, same(['PLG2133']));
    expect(d.diagnostics.map((x) => x.message)).toEqual(expected.map((x) => `${x.message}\nhelp: ${x.help}`));
  });

  it('asks to watch iCalendar files, and re-checks when one changes', async () => {
    expect(client.registrations.map((r) => r.method)).toContain('workspace/didChangeWatchedFiles');
    expect(JSON.stringify(client.registrations)).toContain('**/*.ics');
    const before = client.history.get(fileUri())!.length;
    // The file now closes 24 December every year: nothing is closed twice any more, and the
    // recurrence is reported (PLG2134, which only all checks find, like PLG2133).
    writeFileSync(path.join(dir, 'contracts', 'holidays', 'acme.ics'), ics('20261224', 'RRULE:FREQ=YEARLY'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(dir, 'contracts', 'holidays', 'acme.ics')).href, type: 2 }] });
    expect(analyze(contract('holidays/acme.ics'), { readFile: fileReaderFor(path.join(dir, 'contracts')) }).diagnostics.map((x) => x.code)).toEqual(['PLG2134']);
    const d = await full(fileUri(), 1, same(['PLG2134']));
    expect(client.history.get(fileUri())!.length).toBeGreaterThan(before);
  });

  it('says why a missing file cannot be read', async () => {
    const uri = pathToFileURL(path.join(dir, 'contracts', 'b.pledge')).href;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pledge', version: 1, text: contract('holidays/none.ics') } });
    const d = await full(uri, 1, (codes) => codes.includes('PLG2130'));
    expect(d.diagnostics.find((x) => x.code === 'PLG2130')?.message).toMatch(/cannot read .*none\.ics.*: no such file or directory/);
  });

  it('an untitled document cannot read files (PLG2130, as in the playground)', async () => {
    const uri = 'untitled:Untitled-1';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pledge', version: 1, text: contract('holidays/acme.ics') } });
    const d = await full(uri, 1, (codes) => codes.includes('PLG2130'));
    expect(d.diagnostics.find((x) => x.code === 'PLG2130')?.message).toMatch(/files cannot be read/);
  });
});
