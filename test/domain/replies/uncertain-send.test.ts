import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uncertainSendDetail, uncertainSendHasDraft } from '../../../src/domain/replies/uncertain-send.js';

void test('an uncertain reply points the coordinator to its copy in Drafts and names the Message-ID', () => {
  const text = uncertainSendDetail('reply', 'reply.abc@bjtu.edu.cn');
  assert.match(text, /^回执可能已发出，也可能未发出/);
  assert.match(text, /回执副本已放入草稿箱/);
  assert.match(text, /reply\.abc@bjtu\.edu\.cn/);
  assert.equal(uncertainSendHasDraft('reply'), true);
});

void test('an uncertain operator alert gets no draft and says where to look instead', () => {
  const text = uncertainSendDetail('alert', 'alert.1@bjtu.edu.cn');
  assert.equal(uncertainSendHasDraft('alert'), false);
  assert.doesNotMatch(text, /草稿箱/);
  assert.match(text, /运维人员/);
});
