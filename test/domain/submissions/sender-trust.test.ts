/**
 * Sender trust (docs/trust.md): outside senders and DMARC failures are held for the coordinator,
 * never a unit's version; replies go to From, Reply-To only when both are inside.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCampaignConfig } from '../../../src/config/load-config.js';
import { loadFormDefinitions } from '../../../src/config/load-form-definitions.js';
import { dmarcFailure } from '../../../src/domain/mail/dmarc-result.js';
import { replyRecipient } from '../../../src/domain/replies/reply-recipient.js';
import { judgeSubmission, type JudgeContext } from '../../../src/domain/submissions/judge-submission.js';
import type { SubmissionEvidence } from '../../../src/domain/submissions/evidence.js';
import { senderHold } from '../../../src/domain/submissions/sender-hold.js';

const MX = 'mx.bjtu.edu.cn';
const FAIL = `${MX}; dkim=fail header.d=bjtu.edu.cn; spf=fail smtp.mailfrom=bjtu.edu.cn; dmarc=fail (p=reject dis=none) header.from=bjtu.edu.cn`;

void test('dmarc=fail from our own server for the From domain is a failure; from another server it is not', () => {
  assert.match(dmarcFailure([FAIL], { authservId: MX, fromDomain: 'bjtu.edu.cn' })?.detail ?? '', /^dmarc=fail \(p=reject dis=none\) header\.from=bjtu\.edu\.cn \(mx\.bjtu\.edu\.cn\)$/);
  assert.equal(dmarcFailure([FAIL.replace(MX, 'evil.example')], { authservId: MX, fromDomain: 'bjtu.edu.cn' }), null, 'a header anyone could have written');
  assert.equal(dmarcFailure([`${MX}; dmarc=pass header.from=bjtu.edu.cn`], { authservId: MX, fromDomain: 'bjtu.edu.cn' }), null);
  assert.equal(dmarcFailure([`${MX}; dmarc=fail header.from=other.example`], { authservId: MX, fromDomain: 'bjtu.edu.cn' }), null, 'judged another domain');
  assert.ok(dmarcFailure([`${MX} 1; spf=pass; DMARC=FAIL`], { authservId: MX.toUpperCase(), fromDomain: 'bjtu.edu.cn' }), 'no header.from: the From domain was judged');
  assert.equal(dmarcFailure([], { authservId: MX, fromDomain: 'bjtu.edu.cn' }), null);
});

void test('an outside sender and a DMARC failure are held with a Chinese reason; an inside sender that passes is not', () => {
  const policy = { allowedDomains: ['bjtu.edu.cn'], authservId: MX };
  assert.equal(senderHold({ fromAddress: 'x@evil.example' }, policy)?.reason, 'outside_domain');
  assert.match(senderHold({ fromAddress: 'x@evil.example' }, policy)?.detail ?? '', /不在允许的邮箱域名（bjtu\.edu\.cn）内/);
  const forged = senderHold({ fromAddress: 'dianxin@bjtu.edu.cn', authenticationResults: [FAIL] }, policy);
  assert.equal(forged?.reason, 'suspected_forgery');
  assert.match(forged?.detail ?? '', /未通过发件域 bjtu\.edu\.cn 的 DMARC 验证/);
  assert.equal(senderHold({ fromAddress: 'dianxin@bjtu.edu.cn', authenticationResults: [FAIL] }, { ...policy, authservId: null }), null, 'no authserv-id configured: no DMARC check');
  assert.equal(senderHold({ fromAddress: 'dianxin@mail.bjtu.edu.cn', authenticationResults: [`${MX}; dmarc=pass header.from=mail.bjtu.edu.cn`] }, policy), null);
});

void test('a reply goes to From; Reply-To only when it and From are both in an allowed domain', () => {
  const allowed = ['bjtu.edu.cn'];
  const a = (address: string) => ({ address, name: '' });
  assert.equal(replyRecipient(a('x@evil.example'), [a('victim@bjtu.edu.cn')], allowed).address, 'x@evil.example', 'outsider with an in-domain Reply-To');
  assert.equal(replyRecipient(a('unit@bjtu.edu.cn'), [a('someone@evil.example')], allowed).address, 'unit@bjtu.edu.cn', 'insider with an outside Reply-To');
  assert.equal(replyRecipient(a('unit@bjtu.edu.cn'), [a('office@bjtu.edu.cn')], allowed).address, 'office@bjtu.edu.cn');
  assert.equal(replyRecipient(a('unit@bjtu.edu.cn'), [], allowed).address, 'unit@bjtu.edu.cn');
});

const { campaign, units } = loadCampaignConfig('config');
const ctx: JudgeContext = {
  campaign: { ...campaign, mailbox: { ...campaign.mailbox, authservId: MX } },
  units,
  definitions: loadFormDefinitions('config', campaign),
};
const mail = (fromAddress: string, authenticationResults: string[] = []): SubmissionEvidence => ({
  fromAddress,
  authenticationResults,
  subject: '电子信息工程学院 推荐表',
  receivedAt: '2025-05-03T02:00:00Z',
  links: [],
  attachments: [],
  workbooks: [],
  fileProblems: [],
});

void test('mail naming a unit from outside the domain, or failing DMARC, is held: no unit version until the coordinator decides', () => {
  const outside = judgeSubmission(mail('someone@evil.example'), ctx);
  assert.equal(outside.held?.reason, 'outside_domain');
  assert.deepEqual(outside.deliverables.map((d) => d.status), ['held']);
  const forged = judgeSubmission(mail('dianxin@bjtu.edu.cn', [FAIL]), ctx);
  assert.equal(forged.held?.reason, 'suspected_forgery');
  assert.deepEqual(forged.deliverables.map((d) => d.status), ['held']);
  const decided = judgeSubmission(mail('someone@evil.example'), { ...ctx, decision: { unit: '电子信息工程学院', accept: false } });
  assert.equal(decided.held, null, "the coordinator's decision lets it in");
  assert.equal(decided.unit, '电子信息工程学院');
  assert.equal(judgeSubmission(mail('dianxin@bjtu.edu.cn'), ctx).held, null);
});
