import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deliverableStatus, isLate, statusFromCounts } from '../../../src/domain/submissions/submission-status.js';
import { submissionReference } from '../../../src/domain/submissions/submission-reference.js';
import { endOfShanghaiDay, shanghaiDateTime, startOfShanghaiDay } from '../../../src/domain/time/shanghai-time.js';
import { attendanceWarning, badDate } from '../replies/reply-fixtures.js';

test('a mail at 23:59 Beijing time on the due day is on time; one minute after midnight is late', () => {
  assert.equal(isLate('2025-05-06T15:59:59Z', '2025-05-06'), false);
  assert.equal(isLate('2025-05-06T23:59:00+08:00', '2025-05-06'), false);
  assert.equal(isLate('2025-05-06T16:01:00Z', '2025-05-06'), true);
  assert.equal(isLate('not a time', '2025-05-06'), false);
});

test('times are shown to units in Beijing time', () => {
  assert.equal(shanghaiDateTime('2025-05-06T16:30:00Z'), '2025-05-07 00:30');
  assert.equal(shanghaiDateTime('garbage'), 'garbage');
});

test('a Shanghai day runs from 16:00 UTC the day before to 15:59:59.999 UTC', () => {
  assert.equal(startOfShanghaiDay('2025-05-06').toISOString(), '2025-05-05T16:00:00.000Z');
  assert.equal(endOfShanghaiDay('2025-05-06').toISOString(), '2025-05-06T15:59:59.999Z');
});

test('the status from stored counts is the status from the problems themselves', () => {
  assert.equal(statusFromCounts({ errors: 1, warnings: 3, missingParts: 1 }), 'needs_correction');
  assert.equal(statusFromCounts({ errors: 0, warnings: 3, missingParts: 1 }), 'incomplete');
  assert.equal(statusFromCounts({ errors: 0, warnings: 3, missingParts: 0 }), 'accepted_with_warnings');
  assert.equal(statusFromCounts({ errors: 0, warnings: 0, missingParts: 0 }), 'accepted');
});

test('the submission reference is short, stable, and free of look-alike letters', () => {
  const hex = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  const ref = submissionReference(hex);
  assert.match(ref, /^R-[0-9A-HJKMNP-TV-Z]{6}$/);
  assert.equal(submissionReference(hex), ref);
  assert.notEqual(submissionReference('00000001' + hex.slice(8)), submissionReference('00000005' + hex.slice(8)));
  assert.throws(() => submissionReference('abc'));
});

test('a deliverable’s status: errors block, a missing part makes it incomplete, warnings do not', () => {
  assert.equal(deliverableStatus([]), 'accepted');
  assert.equal(deliverableStatus([attendanceWarning]), 'accepted_with_warnings');
  assert.equal(deliverableStatus([attendanceWarning], [{ part: 'summary', label: '总结材料' }]), 'incomplete');
  assert.equal(deliverableStatus([badDate], [{ part: 'summary', label: '总结材料' }]), 'needs_correction');
});
