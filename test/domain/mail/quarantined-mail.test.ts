/** The incident of a quarantined job (docs/limits.md, "A job that stopped the process twice"), as the coordinator reads it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quarantinedJobDetail, unparsedMailDetail } from '../../../src/domain/mail/quarantined-mail.js';

const QUARANTINED = '处理这项任务时工作进程两次中断（可能是某个附件导致），任务已隔离，不再自动重试。请人工查看这封邮件，必要时请单位重新发送。';
const NOT_ANSWERED = '因为无法判断它是否与本次征集有关，程序没有给发件人回信；如确为单位提交，请您直接联系对方。';

void test('a mail never parsed is named by its sender, subject and IMAP date in Beijing time, and she is told nobody was answered', () => {
  const text = unparsedMailDetail({
    envelope: { from: { name: '王老师', address: 'wang@example.edu.cn' }, subject: '电气工程学院 推荐表', sentAt: '2025-05-19T23:00:00.000Z' },
    internalDate: '2025-05-20T02:03:00.000Z',
    storedAt: '2025-05-20T02:03:05.000Z',
  });
  assert.equal(text, `这封邮件未能读完（发件人 王老师 <wang@example.edu.cn>，主题 “电气工程学院 推荐表”，收到时间 2025-05-20 10:03）。${NOT_ANSWERED}`);
});

void test('a sender without a name is its address alone; without an IMAP date the Date header gives the time', () => {
  const text = unparsedMailDetail({ envelope: { from: { name: '', address: 'unit@example.edu.cn' }, subject: '推荐表', sentAt: '2025-05-19T23:00:00.000Z' }, internalDate: null, storedAt: '2025-05-20T02:03:05.000Z' });
  assert.equal(text, `这封邮件未能读完（发件人 <unit@example.edu.cn>，主题 “推荐表”，收到时间 2025-05-20 07:00）。${NOT_ANSWERED}`);
});

void test('headers that could not be read say so, and the time is when the mail was stored', () => {
  const text = unparsedMailDetail({ envelope: null, internalDate: null, storedAt: '2025-05-20T02:03:05.000Z' });
  assert.equal(text, `这封邮件未能读完（发件人 （无法读出），主题 （无法读出），收到时间 2025-05-20 10:03）。${NOT_ANSWERED}`);
  const empty = unparsedMailDetail({ envelope: { from: { name: '', address: '' }, subject: '', sentAt: null }, internalDate: null, storedAt: '2025-05-20T02:03:05.000Z' });
  assert.equal(empty, text);
});

void test('the quarantine incident says the job will not run again, then what is known of its mail', () => {
  assert.equal(quarantinedJobDetail(null), QUARANTINED);
  assert.equal(quarantinedJobDetail('这封邮件未能读完（…）。'), `${QUARANTINED}这封邮件未能读完（…）。`);
});
