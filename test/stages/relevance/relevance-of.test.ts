/**
 * What relevance asks the store (src/stages/relevance/relevance-of.ts): a mail carrying a form of the
 * call is the call's before any fact of the store could matter, so nothing is looked up for it — most
 * submissions; a mail without one is judged on the store's facts, looked up as before.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParsedMessage } from '../../../src/domain/mail/message.js';
import { relevanceOf, type RelevanceDeps } from '../../../src/stages/relevance/relevance-of.js';

const parsed: ParsedMessage = {
  messageId: 'abc@example.edu.cn',
  from: { address: 'office@example.edu.cn', name: '' },
  replyTo: [],
  to: [{ address: 'mywu@example.edu.cn', name: '' }],
  cc: [],
  subject: '请查收',
  sentAt: '2025-05-03T02:00:00.000Z',
  receivedAt: '2025-05-03T02:00:05.000Z',
  inReplyTo: 'earlier@example.edu.cn',
  references: ['earlier@example.edu.cn'],
  text: '材料见附件',
  attachments: [{ part: '2', filename: '材料.xlsx', declaredType: 'application/vnd.ms-excel', sniffedType: 'zip', size: 20_000, sha256: 'b'.repeat(64), nestedIn: null }],
  links: [],
  headers: {},
  topContentType: 'multipart/mixed',
  parseWarnings: [],
};

/** The store's facts, answering `placed` for the sender, counting every question asked. */
function storeFacts(placed: boolean) {
  const asked: string[] = [];
  const deps: RelevanceDeps = {
    wroteAnyOf: async (ids) => (asked.push(`wroteAnyOf ${ids.join(',')}`), false),
    units: { byAddress: () => null },
    placedMailFrom: async (address) => (asked.push(`placedMailFrom ${address}`), placed),
    words: [],
  };
  return { deps, asked };
}

const withForms = (n: number) => ({ files: [], deliverables: [{ forms: Array.from({ length: n }, () => ({})) }] }) as unknown as Parameters<typeof relevanceOf>[2];

describe('relevance: what is asked of the store', () => {
  it('a mail with a form of the call → the call’s, tied by the form, and the store is asked nothing', async () => {
    const { deps, asked } = storeFacts(false);
    const relevance = await relevanceOf(parsed, deps, withForms(1));
    assert.deepEqual(relevance.related && relevance.tie, 'form');
    assert.deepEqual(asked, []);
  });

  it('a mail without a form from an address placed with a unit before → the call’s (a unit sending files), found by asking the store', async () => {
    const { deps, asked } = storeFacts(true);
    const relevance = await relevanceOf(parsed, deps, withForms(0));
    assert.deepEqual(relevance.related && relevance.tie, 'unit_files');
    assert.deepEqual(asked, ['wroteAnyOf earlier@example.edu.cn', 'placedMailFrom office@example.edu.cn']);
  });

  it('the same mail from an address never placed → not the call’s', async () => {
    const { deps } = storeFacts(false);
    assert.equal((await relevanceOf(parsed, deps)).related, false);
  });
});
