/** A version needs a form (docs/trust.md): a mail with nothing readable never replaces what the unit sent before. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replacesCurrent, storedContent } from '../../../src/domain/submissions/current-version.js';

const form = { form: true, part: false };
const nothing = { form: false, part: false };
const partOnly = { form: false, part: true };

void test('a mail that brings the form replaces the current version; one with nothing readable does not', () => {
  assert.equal(replacesCurrent(form, form), true);
  assert.equal(replacesCurrent(form, nothing), true);
  assert.equal(replacesCurrent(nothing, form), false, 'a forgotten attachment after an accepted form');
  assert.equal(replacesCurrent(nothing, partOnly), false);
});

void test('the first mail stands whatever it brought, so the digest shows the unit tried', () => {
  assert.equal(replacesCurrent(nothing, null), true);
});

void test('report parts alone replace a current version without the table, never one with it (its rows stay in the merged workbook)', () => {
  assert.equal(replacesCurrent(partOnly, nothing), true);
  assert.equal(replacesCurrent(partOnly, form), false);
});

void test('versions recorded before the rule count as carrying a form when a form was read from them', () => {
  assert.deepEqual(storedContent({ sources: [{}] }), form);
  assert.deepEqual(storedContent({ sources: [] }), nothing);
  assert.deepEqual(storedContent({ content: partOnly, sources: [] }), partOnly);
});
