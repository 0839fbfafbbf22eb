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

/**
 * A large `holidays file` (issue 14): parsing it takes seconds (7,500 events in 512 KB: about
 * 2.5 s of CPU), so the server's own thread never parses one. The full-check thread does, and hands
 * the parse back; a keystroke's fast checks reuse it (same text, zone and term), and before there
 * is one they leave the file out.
 */
describe('pledge lsp: a large holidays file is parsed in the full-check thread only', () => {
  let big: string;
  let bigClient: Client;
  const day = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const largeIcs = () =>
    [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//pledge tests//EN',
      // A timed event: PLG2132, which the fast checks report from the file's parse.
      'BEGIN:VEVENT', 'DTSTART:20260102T100000Z', 'DTEND:20260102T110000Z', 'SUMMARY:Half', 'END:VEVENT',
      ...Array.from({ length: 7500 }, (_, i) => `BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:${day(i + 2)}\r\nSUMMARY:d\r\nEND:VEVENT`),
      'END:VCALENDAR', '',
    ].join('\r\n');
  const text = (comment: string) => contract('big.ics') + comment;

  beforeAll(async () => {
    big = mkdtempSync(path.join(tmpdir(), 'pledge-lsp-big-ics-'));
    writeFileSync(path.join(big, 'big.ics'), largeIcs());
    bigClient = await startClient(big, { env: { PLEDGE_LSP_WATCHDOG_MS: '120000' } });
  }, 60_000);

  afterAll(() => {
    bigClient?.child.kill();
    rmSync(big, { recursive: true, force: true });
  });

  it('answers keystrokes without parsing the file again, with the same diagnostics', async () => {
    expect(largeIcs().length).toBeLessThanOrEqual(512 * 1024);
    const uri = pathToFileURL(path.join(big, 'a.pledge')).href;
    const read = fileReaderFor(big);
    const fast = analyze(text(''), { readFile: read, speed: 'fast' }).diagnostics;
    expect(fast.map((d) => d.code)).toEqual(['PLG2132']);
    const at = (v: number) => (x: { version?: number }) => x.version === v;
    await bigClient.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pledge', version: 1, text: text('') } });
    // The first fast checks answer without the file (the server's thread did not parse it) ...
    const first = await bigClient.waitDiagnostics(uri, at(1), 30_000);
    expect(first.diagnostics.map((d) => d.code)).toEqual([]);
    // ... and all checks, from the other thread, with it.
    await bigClient.waitDiagnostics(uri, (x) => x.version === 1 && x.diagnostics.some((d) => d.code === 'PLG2132'), 120_000);
    const ms: number[] = [];
    for (let v = 2; v <= 4; v++) {
      const t0 = performance.now();
      await bigClient.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: text(`// edit ${v}\n`) }] });
      const d = await bigClient.waitDiagnostics(uri, at(v), 30_000);
      ms.push(performance.now() - t0);
      // The fast checks' findings, the file's included, as `analyze` with `speed: 'fast'` gives them.
      expect(d.diagnostics.map((x) => x.message)).toEqual(fast.map((x) => `${x.message}${x.help ? `\nhelp: ${x.help}` : ''}`));
    }
    // Parsing the file in the server's thread takes seconds of CPU per keystroke.
    expect(Math.max(...ms)).toBeLessThan(1000);
  }, 240_000);
});
