import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAllowedSender } from '../../../src/domain/recognition/allowed-sender.js';

const allowed = ['example.edu'];

test('an address in the allowed domain is allowed, whatever its letter case', () => {
  assert.equal(isAllowedSender('office@example.edu', allowed), true);
  assert.equal(isAllowedSender('Office@EXAMPLE.EDU', allowed), true);
  assert.equal(isAllowedSender('office@example.edu', ['Example.EDU']), true);
});

test('an address in a subdomain is allowed: mail.example.edu', () => {
  assert.equal(isAllowedSender('office@mail.example.edu', allowed), true);
  assert.equal(isAllowedSender('office@a.b.example.edu', allowed), true);
});

test('a look-alike domain is not allowed: evilexample.edu, example.edu.evil.test', () => {
  assert.equal(isAllowedSender('office@evilexample.edu', allowed), false);
  assert.equal(isAllowedSender('office@example.edu.evil.test', allowed), false);
  assert.equal(isAllowedSender('example.edu@evil.test', allowed), false);
});

test('an empty or malformed address gets no automatic reply', () => {
  assert.equal(isAllowedSender('', allowed), false);
  assert.equal(isAllowedSender('no-at-sign', allowed), false);
  assert.equal(isAllowedSender('user@[192.0.2.1]', allowed), false);
  assert.equal(isAllowedSender('office@example.edu', []), false);
});

test('a trailing root dot is the same domain', () => {
  assert.equal(isAllowedSender('office@example.edu.', allowed), true);
});
