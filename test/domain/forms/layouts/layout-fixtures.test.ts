/**
 * Forms as units draw them, in files LibreOffice itself wrote (scripts/make-layout-fixtures.ts):
 * two- and three-row headers, section rows, 小计 and 合计 rows, footnotes and signature lines,
 * header values beside or under their labels, .csv in UTF-8 and GBK, .ods and .xls. Each file
 * goes through `check` exactly as a coordinator runs it, and must give the verdict, the activity
 * count and the exact problems its manifest line names; the rows that are not activities are
 * listed, each with its kind.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkFile } from '../../../../src/cli/check-file.js';
import { loadJudgementConfig } from '../../../../src/config/app-config.js';
import type { LayoutFixture } from '../../../../scripts/make-layout-fixtures.js';

const DIR = 'test/fixtures/forms/layouts';
const manifest = JSON.parse(fs.readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as LayoutFixture[];
const config = loadJudgementConfig('config');

describe('forms as units draw them give the verdict a coordinator gives', () => {
  for (const entry of manifest) {
    const x = entry.expect;
    const problems = x.problems.map((p) => p.cell ?? 'the file').join(', ') || 'no problem';
    it(`${entry.story} (${entry.file}) → ${x.status}, ${x.activities} activities, ${problems}`, async () => {
      const result = await checkFile(path.join(DIR, entry.file), config);
      assert.equal(result.kind, 'submission');
      assert.equal(result.deliverables.length, 1, 'one deliverable');
      const d = result.deliverables[0]!;
      assert.equal(d.deliverable, x.deliverable);
      assert.equal(d.status, x.status);
      assert.equal(d.activities, x.activities);
      assert.equal(d.problems.length, x.problems.length, d.problems.map((p) => p.message).join('\n'));
      x.problems.forEach((want, i) => {
        const got = d.problems[i]!;
        assert.deepEqual({ severity: got.severity, cell: got.cell, column: got.column }, { severity: want.severity, cell: want.cell, column: want.column });
        if (want.message !== undefined) assert.equal(got.message, want.message);
        for (const phrase of want.includes ?? []) assert.ok(got.message.includes(phrase), `“${got.message}” mentions ${phrase}`);
      });
      assert.deepEqual(d.skipped.map((s) => ({ row: s.row, kind: s.kind })), x.skipped ?? []);
    });
  }
});
