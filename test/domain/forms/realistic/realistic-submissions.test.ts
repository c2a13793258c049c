/**
 * The held-out set: submissions drawn in units' own layouts, independently of the template and of
 * the layout fixtures (scripts/make-realistic-submissions.ts), with errors seeded at known cells.
 * Their verdicts were written down before the reader learned the new layouts. Each file goes
 * through `check` as a coordinator runs it (with the units' test domain allowed, so a mail shows
 * its reply): the verdict, the activities, every seeded error by its cell and nothing more, and
 * not one acknowledgement for a mail without a readable form.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { RealisticCase } from '../../../../scripts/make-realistic-submissions.js';
import { checkFile } from '../../../../src/cli/check-file.js';
import { loadJudgementConfig } from '../../../../src/config/app-config.js';

const DIR = 'test/fixtures/forms/realistic';
const manifest = JSON.parse(fs.readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as RealisticCase[];
const shipped = loadJudgementConfig('config');
const config = { ...shipped, campaign: { ...shipped.campaign, campaign: { ...shipped.campaign.campaign, allowedSenderDomains: ['example.edu.cn'] } } };

describe('realistic submissions the project did not draw get the coordinator\'s verdict', () => {
  for (const c of manifest) {
    it(`${c.story} (${c.file}) → ${c.kind === 'machine' ? 'ignored' : c.deliverables.map((d) => `${d.deliverable} ${d.status}`).join(', ')}, reply ${c.reply}`, async () => {
      const r = await checkFile(path.join(DIR, c.file), config);
      if (c.kind === 'machine') assert.notEqual(r.kind, 'submission', 'machine mail is never a submission');
      else assert.equal(r.kind, 'submission');
      assert.equal(r.reply, c.reply);
      assert.equal(r.unit, c.unit);
      assert.deepEqual(r.deliverables.map((d) => d.deliverable), c.deliverables.map((d) => d.deliverable));
      c.deliverables.forEach((want, i) => {
        const got = r.deliverables[i]!;
        const errors = got.problems.filter((p) => p.severity === 'error');
        assert.equal(got.status, want.status, got.problems.map((p) => p.message).join('\n'));
        assert.equal(got.activities, want.activities);
        assert.deepEqual(errors.filter((p) => p.cell !== null).map((p) => p.cell).sort(), [...want.errorCells].sort(), 'every seeded error by its cell, nothing more');
        assert.deepEqual(got.problems.filter((p) => p.severity === 'warning').map((p) => p.cell).sort(), [...want.warningCells].sort());
        const fileErrors = errors.filter((p) => p.cell === null);
        if (want.fileError) {
          assert.equal(fileErrors.length, 1, fileErrors.map((p) => p.message).join('\n'));
          for (const phrase of want.fileError) assert.ok(fileErrors[0]!.message.includes(phrase), `“${fileErrors[0]!.message}” mentions ${phrase}`);
        } else {
          assert.deepEqual(fileErrors.map((p) => p.message), []);
        }
      });
    });
  }

  it('not one false acceptance: no file of the set is acknowledged unless each of its forms was read with activities', async () => {
    for (const c of manifest) {
      const r = await checkFile(path.join(DIR, c.file), config);
      if (r.reply !== 'acknowledgement') continue;
      for (const d of r.deliverables) assert.ok(d.activities > 0 && d.status.startsWith('accepted'), `${c.file}: ${d.deliverable} ${d.status} with ${d.activities} activities`);
    }
  });
});
