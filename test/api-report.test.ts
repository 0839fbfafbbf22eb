/**
 * The public API is pinned (issue 15): api/pledge-sla.api.md lists every export of src/index.ts
 * with its signature. When this fails, the exported surface changed: if that was intended, run
 * `npm run api:report` and commit the report so the change is reviewed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiReport, REPORT } from '../scripts/api-report.js';

describe('public API report', () => {
  it('api/pledge-sla.api.md matches the exports of src/index.ts', () => {
    expect(apiReport()).toBe(readFileSync(REPORT, 'utf8'));
  });
});
