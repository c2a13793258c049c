import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeReport } from '../../../src/domain/recognition/index.js';

void test('a report naming a mail the worker wrote is the call’s', () => {
  assert.equal(judgeReport({ originalMessageIds: ['r1@x'], workerWroteOriginal: true, recipient: 'a@b.cn', workerWroteToRecipient: true }).related, true);
});

void test('a report naming a mail the worker did not write is not, even to an address the worker writes to', () => {
  const r = judgeReport({ originalMessageIds: ['hers@x'], workerWroteOriginal: false, recipient: 'a@b.cn', workerWroteToRecipient: true });
  assert.equal(r.related, false);
});

void test('a report naming no mail counts only when its recipient is an address the worker wrote to', () => {
  assert.equal(judgeReport({ originalMessageIds: [], workerWroteOriginal: false, recipient: 'a@b.cn', workerWroteToRecipient: true }).related, true);
  assert.equal(judgeReport({ originalMessageIds: [], workerWroteOriginal: false, recipient: 'friend@b.cn', workerWroteToRecipient: false }).related, false);
  assert.equal(judgeReport({ originalMessageIds: [], workerWroteOriginal: false, recipient: null, workerWroteToRecipient: false }).related, false);
});
