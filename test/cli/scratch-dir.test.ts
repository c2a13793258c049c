/** `check`'s temporary folder is removed when the work fails, not only when it succeeds. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { withScratchDir } from '../../src/cli/scratch-dir.js';

void test('a check that fails half-way leaves no temporary folder behind, and its error comes through', async () => {
  let made = '';
  await assert.rejects(
    withScratchDir('inbox-check-', async (dir) => {
      made = dir;
      fs.writeFileSync(`${dir}/part`, 'x');
      throw new Error('the file could not be read');
    }),
    /could not be read/,
  );
  assert.ok(made !== '' && !fs.existsSync(made), made);
});
