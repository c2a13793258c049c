import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeReply } from '../../../src/domain/replies/compose-reply.js';
import { replyHeaders, replyMessageId } from '../../../src/domain/replies/reply-headers.js';
import { OWN_DOMAIN, replyInput } from './reply-fixtures.js';

const opts = { ownDomain: OWN_DOMAIN, messageIdToken: 'reply.R-7K3F9Q.v1' };

test('the reply lands in the unit’s thread: In-Reply-To is their message, References the whole chain', () => {
  const original = { ...replyInput().original, messageId: 'third@example.edu', references: ['<first@example.edu> <second@example.edu>'] };
  const reply = composeReply(replyInput({ original }), opts);
  assert.equal(reply.headers['In-Reply-To'], '<third@example.edu>');
  assert.equal(reply.headers.References, '<first@example.edu> <second@example.edu> <third@example.edu>');
});

test('the reply is marked automatic (RFC 3834) and as ours, with a Message-ID on our own domain', () => {
  const reply = composeReply(replyInput(), opts);
  assert.equal(reply.headers['Auto-Submitted'], 'auto-replied');
  assert.equal(reply.headers['X-Inbox-Worker'], '1');
  assert.equal(reply.headers['Message-ID'], '<reply.R-7K3F9Q.v1@mail.example.edu>');
});

test('a retried reply job composes the same Message-ID, so receivers can drop the duplicate', () => {
  assert.equal(composeReply(replyInput(), opts).headers['Message-ID'], composeReply(replyInput(), opts).headers['Message-ID']);
});

test('a unit message without a Message-ID still gets a reply, just without In-Reply-To', () => {
  const reply = composeReply(replyInput({ original: { ...replyInput().original, messageId: null } }), opts);
  assert.equal(reply.headers['In-Reply-To'], undefined);
  assert.equal(reply.headers.References, undefined);
  const viaParent = replyHeaders({ ...replyInput().original, messageId: null, inReplyTo: '<parent@example.edu>' }, '<x@y.example>');
  assert.equal(viaParent.References, '<parent@example.edu>');
});

test('a very long thread keeps its root and the newest ids in References', () => {
  const ids = Array.from({ length: 40 }, (_, i) => `<m${i}@example.edu>`);
  const headers = replyHeaders({ ...replyInput().original, messageId: 'last@example.edu', references: ids }, '<x@y.example>');
  const refs = headers.References!.split(' ');
  assert.equal(refs.length, 20);
  assert.equal(refs[0], '<m0@example.edu>');
  assert.equal(refs.at(-1), '<last@example.edu>');
  assert.equal(refs.at(-2), '<m39@example.edu>');
});

test('a token or domain that would make a broken Message-ID is refused', () => {
  assert.throws(() => replyMessageId('a b', OWN_DOMAIN), /dot-atom/);
  assert.throws(() => replyMessageId('a>b', OWN_DOMAIN), /dot-atom/);
  assert.throws(() => replyMessageId('ok', 'not a domain'), /domain/);
});

test('no line break in the subject can inject a header, whatever the names contain', () => {
  const reply = composeReply(replyInput({ unitName: '电子信息工程学院\r\nBcc: victim@example.com' }), opts);
  assert.doesNotMatch(reply.subject, /[\r\n]/);
  assert.match(reply.subject, /^【回执】电子信息工程学院 Bcc: victim@example.com 推荐表 已收到 \[R-7K3F9Q\]$/);
});
