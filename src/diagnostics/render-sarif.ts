/**
 * SARIF 2.1.0 (`--format sarif`) for GitHub code scanning. Stable between runs: the rule table is
 * every catalog code in `ALL_CODES` order, so `ruleIndex` never shifts, and artifact URIs are
 * relative to `%SRCROOT%` (the repository root) with forward slashes.
 *
 * The tool version comes in as an option rather than being read here, so this module stays free of
 * Node APIs (the playground bundles the renderers); the CLI reads it from package.json.
 */
import type { Range } from '../ast/nodes.js';
import { ALL_CODES, CATALOG, type Code } from './catalog.js';
import type { Diagnostic, Severity } from './diagnostic.js';
import type { FileReport } from './source-lines.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Where the tool is documented. TODO: point at the published docs once the project has a home. */
export const PLEDGE_INFORMATION_URI = 'https://github.com/pledge-lang/pledge';

export interface SarifOptions {
  /** The `pledge` version, from package.json. */
  readonly toolVersion: string;
  readonly informationUri?: string;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

const RULE_INDEX = new Map<Code, number>(ALL_CODES.map((code, i) => [code, i]));

/**
 * A SARIF artifact location. `file` is repo-relative with forward slashes (the CLI makes it so);
 * an absolute path, outside the repository, becomes a `file://` URI with no base.
 */
export function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  const slashed = file.replace(/\\/g, '/');
  const encode = (path: string): string => path.split('/').map(encodeURIComponent).join('/');
  if (/^[A-Za-z]:\//.test(slashed)) return { uri: `file:///${slashed.slice(0, 2)}${encode(slashed.slice(2))}` };
  if (slashed.startsWith('/')) return { uri: `file://${encode(slashed)}` };
  return { uri: encode(slashed.replace(/^(\.\/)+/, '')), uriBaseId: '%SRCROOT%' };
}

const region = (r: Range) => ({
  startLine: r.start.line,
  startColumn: r.start.column,
  endLine: r.end.line,
  endColumn: r.end.column,
});

function rule(code: Code) {
  const entry = CATALOG[code];
  return {
    id: code,
    name: entry.title,
    shortDescription: { text: entry.title.replace(/-/g, ' ') },
    fullDescription: { text: entry.description },
    help: { text: `${entry.description} (${code} in the diagnostics reference, grammar/diagnostics.md)` },
    defaultConfiguration: { level: LEVEL[entry.severity] },
    properties: { tags: [entry.phase] },
  };
}

function result(file: string, d: Diagnostic) {
  const location = artifactLocation(file);
  const out: Record<string, unknown> = {
    ruleId: d.code,
    ruleIndex: RULE_INDEX.get(d.code) ?? -1,
    level: LEVEL[d.severity],
    message: { text: d.help === undefined ? d.message : `${d.message} — ${d.help}` },
    locations: [{ physicalLocation: { artifactLocation: location, region: region(d.range) } }],
  };
  if (d.related && d.related.length > 0) {
    out['relatedLocations'] = d.related.map((r, id) => ({
      id,
      physicalLocation: { artifactLocation: artifactLocation(r.file ?? file), region: region(r.range) },
      message: { text: r.message },
    }));
  }
  if (d.fix) {
    out['fixes'] = [
      {
        description: { text: d.fix.title },
        artifactChanges: [
          {
            artifactLocation: location,
            replacements: d.fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
          },
        ],
      },
    ];
  }
  return out;
}

/**
 * The SARIF log as a value.
 * @example toSarif(reports, { toolVersion: '0.1.0' }).runs[0].results.length
 */
export function toSarif(reports: readonly FileReport[], options: SarifOptions) {
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: 'pledge',
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            informationUri: options.informationUri ?? PLEDGE_INFORMATION_URI,
            rules: ALL_CODES.map(rule),
          },
        },
        // Our columns count UTF-16 code units, which is also SARIF's default; say so anyway.
        columnKind: 'utf16CodeUnits' as const,
        // Suppressed findings stay in the log, marked so code scanning shows them as dismissed
        // rather than as fixed (SARIF 2.1.0 §3.27.23 `suppressions`, §3.35 `kind: inSource`).
        results: reports.flatMap((r) => [
          ...r.diagnostics.map((d) => result(r.file, d)),
          ...(r.suppressed ?? []).map((d) => ({ ...result(r.file, d), suppressions: [{ kind: 'inSource', status: 'accepted', justification: d.suppression.justification }] })),
        ]),
      },
    ],
  };
}

/** The SARIF log as indented JSON text. */
export function renderSarif(reports: readonly FileReport[], options: SarifOptions): string {
  return `${JSON.stringify(toSarif(reports, options), null, 2)}\n`;
}
