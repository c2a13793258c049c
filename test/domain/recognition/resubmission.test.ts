import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messageIdsIn } from '../../../src/domain/mail/message-id.js';
import { findRepliedSubmission, threadKey } from '../../../src/domain/recognition/resubmission.js';

const ourReplies = new Map([
  ['reply-1@worker.example.edu', 'sub-A'],
  ['reply-2@worker.example.edu', 'sub-B'],
]);

test('a unit answering our correction request sends a new version of that submission', () => {
  const r = findRepliedSubmission({ inReplyTo: '<reply-1@worker.example.edu>', references: ['<unit-1@example.edu>', '<reply-1@worker.example.edu>'] }, ourReplies);
  assert.deepEqual(r, { submission: 'sub-A', viaMessageId: 'reply-1@worker.example.edu' });
});

test('a client that drops In-Reply-To is still linked through References, nearest reply first', () => {
  const r = findRepliedSubmission(
    { inReplyTo: null, references: ['<unit-1@example.edu> <reply-1@worker.example.edu>', '<unit-2@example.edu>', '<reply-2@worker.example.edu>'] },
    ourReplies,
  );
  assert.equal(r?.submission, 'sub-B');
});

test('a reply to the unit’s own mail, or a fresh mail, is not a resubmission', () => {
  assert.equal(findRepliedSubmission({ inReplyTo: '<unit-1@example.edu>', references: ['<unit-1@example.edu>'] }, ourReplies), null);
  assert.equal(findRepliedSubmission({ inReplyTo: null, references: [] }, ourReplies), null);
});

test('the lookup may be a function (e.g. backed by the store), and a bare id with a comment still counts', () => {
  const asked: string[] = [];
  const lookup = (id: string): string | undefined => {
    asked.push(id);
    return ourReplies.get(id);
  };
  const r = findRepliedSubmission({ inReplyTo: 'reply-2@worker.example.edu (our notice)', references: [] }, lookup);
  assert.equal(r?.submission, 'sub-B');
  assert.deepEqual(asked, ['reply-2@worker.example.edu']);
});

test('ids are read from bracketed, comma-separated and bare forms', () => {
  assert.deepEqual(messageIdsIn('<a@x>, <b@y>'), ['a@x', 'b@y']);
  assert.deepEqual(messageIdsIn('a@x b@y'), ['a@x', 'b@y']);
});

test('every message of a thread shares the key of the thread’s first message', () => {
  assert.equal(threadKey({ messageId: 'root@example.edu', inReplyTo: null, references: [] }), 'root@example.edu');
  assert.equal(threadKey({ messageId: 'x@example.edu', inReplyTo: '<root@example.edu>', references: [] }), 'root@example.edu');
  assert.equal(threadKey({ messageId: 'y@example.edu', inReplyTo: '<x@example.edu>', references: ['<root@example.edu>', '<x@example.edu>'] }), 'root@example.edu');
});
