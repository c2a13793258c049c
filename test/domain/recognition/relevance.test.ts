/**
 * What ties a mail to the call (docs/relevance.md): a form, a reply in the worker's thread, a
 * submission reference, the call's words, a registered unit sending files. Everyday office mail
 * has none of these and is left alone.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CALL_WORDS, judgeRelevance, type RelevanceInput } from '../../../src/domain/recognition/index.js';

const base: RelevanceInput = { subject: '', files: [], formsFound: 0, answersWorkerMail: false, senderIsUnit: false, words: DEFAULT_CALL_WORDS };
const judge = (over: Partial<RelevanceInput>) => judgeRelevance({ ...base, ...over });
const tieOf = (over: Partial<RelevanceInput>) => {
  const r = judge(over);
  return r.related ? r.tie : null;
};

void describe('relevance to the call', () => {
  it('a form found in a file ties the mail whatever its subject', () => {
    assert.equal(tieOf({ subject: '请查收', files: [{ name: '新建 XLSX 工作表.xlsx', sniffedType: 'xlsx' }], formsFound: 1 }), 'form');
  });

  it('a reply in the worker’s thread, or a subject with a submission reference, ties it', () => {
    assert.equal(tieOf({ subject: 'Re: 好的', answersWorkerMail: true }), 'own_thread');
    assert.equal(tieOf({ subject: '回复：【修改通知】电信学院 [R-7K3F9Q]' }), 'reference');
    assert.equal(tieOf({ subject: '关于[R-12]的问题' }), null, 'a bracket that is not a reference');
  });

  it('the call’s words in the subject, a file name or a zip entry tie it (full-width digits folded)', () => {
    assert.equal(tieOf({ subject: '电信学院科技活动周材料' }), 'call_words');
    assert.equal(tieOf({ subject: '请查收', files: [{ name: '附件１.xlsx', sniffedType: 'xlsx' }] }), 'call_words');
    assert.equal(tieOf({ subject: '材料', files: [{ name: '总结/媒体报道截图.png', sniffedType: 'png', size: 90_000 }] }), 'call_words');
    assert.equal(tieOf({ subject: '材料', words: ['研学'], files: [{ name: '研学活动.docx', sniffedType: 'docx' }] }), 'call_words', 'the list is the configured one');
  });

  it('a registered unit sending a real file ties it; a signature logo or no file does not', () => {
    assert.equal(tieOf({ senderIsUnit: true, subject: '材料', files: [{ name: '活动方案.docx', sniffedType: 'docx', size: 30_000 }] }), 'unit_files');
    assert.equal(tieOf({ senderIsUnit: true, subject: '材料', files: [{ name: 'logo.png', sniffedType: 'png', size: 3_000 }] }), null);
    assert.equal(tieOf({ senderIsUnit: true, subject: '下午开会' }), null);
  });

  it('everyday office mail is unrelated, even when its body mentions the call, and the reason names nothing of it', () => {
    const everyday: Partial<RelevanceInput>[] = [
      { subject: '关于召开5月份科研秘书工作例会的通知' },
      { subject: '5月差旅费报销单，请审核', files: [{ name: '差旅费报销单-王建国.xlsx', sniffedType: 'xlsx', size: 7_000 }] },
      { subject: '【科技期刊周报】第101期：开放获取政策新动向' },
      { subject: '审稿邀请：稿件编号 JT2025-103', files: [{ name: 'manuscript-103.pdf', sniffedType: 'pdf', size: 600 }] },
      { subject: '已读: 项目中期检查材料清单' },
      { subject: '照片', files: [{ name: '公园.png', sniffedType: 'png', size: 40_000 }] },
      { subject: '关于召开2025年度科研工作会议的通知', files: [{ name: '会议议程.pdf', sniffedType: 'pdf', size: 900 }] },
    ];
    for (const mail of everyday) {
      const r = judge(mail);
      assert.equal(r.related, false, mail.subject);
      assert.ok(!r.detail.includes(mail.subject!), 'the kept reason carries nothing of the mail');
    }
  });
});
