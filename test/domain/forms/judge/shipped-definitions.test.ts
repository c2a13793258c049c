/**
 * The judge against the definitions the project ships (config/forms.yaml + config/campaign.yaml):
 * the keys its cross-cell rules rely on are there, the test-local definitions used by the other
 * tests agree with the shipped ones, and a valid form of each kind passes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCampaignConfig } from '../../../../src/config/load-config.js';
import { formContext, loadFormDefinitions } from '../../../../src/config/form-definitions.js';
import { judgeForm } from '../../../../src/domain/forms/judge/index.js';
import { columnKeys } from '../../../../src/domain/forms/judge/column-keys.js';
import type { FormDefinition } from '../../../../src/domain/forms/types.js';
import { buildRead, ctx, recommendationDef, recommendationHeader, recommendationRow, reportDef, reportHeader, reportRow } from './helpers.js';

const { campaign } = loadCampaignConfig('config');
const shipped = loadFormDefinitions('config', campaign);

const shape = (def: FormDefinition) => ({
  header: def.headerFields.map((f) => [f.key, f.label, f.type, f.required]),
  columns: def.columns.map((c) => [c.key, c.label, c.type, c.required, c.min ?? null, c.maxLength ?? null, c.options ?? null]),
  totals: [def.totalsLabel, def.summedColumns],
});

void test('the shipped report has every column the cross-cell rules name; the recommendation has the date and name columns', () => {
  const reportKeys = new Set(shipped.report.columns.map((c) => c.key));
  for (const key of Object.values(columnKeys)) assert.ok(reportKeys.has(key), key);
  const recKeys = new Set(shipped.recommendation.columns.map((c) => c.key));
  for (const key of [columnKeys.name, columnKeys.activityForm, columnKeys.startDate, columnKeys.endDate]) assert.ok(recKeys.has(key), key);
});

void test('the test-local definitions agree with the shipped ones, so the rule tests speak for the real forms', () => {
  assert.deepEqual(shape(recommendationDef), shape(shipped.recommendation));
  assert.deepEqual(shape(reportDef), shape(shipped.report));
  assert.deepEqual(formContext(campaign), ctx);
});

void test('a valid form of each kind passes the shipped definitions with no problem', () => {
  const rec = judgeForm(buildRead(shipped.recommendation, { header: recommendationHeader, rows: [recommendationRow()] }), shipped.recommendation, formContext(campaign));
  assert.deepEqual(rec.problems, []);
  const rep = judgeForm(buildRead(shipped.report, { header: reportHeader, rows: [reportRow()], totals: { sessions: 3 } }), shipped.report, formContext(campaign));
  assert.deepEqual(rep.problems, []);
});
