/**
 * What the coordinator is told when a mail may or may not have left (src/adapters/smtp/deliver-once.ts,
 * docs/reliability.md "The send window"): the worker does not send it again, and says where the
 * copy is.
 */
export type OutgoingPurpose = 'reply' | 'reminder' | 'notice' | 'digest' | 'alert';

const WHAT: Readonly<Record<OutgoingPurpose, string>> = {
  reply: '回执',
  reminder: '催报邮件',
  notice: '通知邮件',
  digest: '每日汇总',
  alert: '运维告警邮件',
};

/** An operator alert gets no copy in Drafts: the coordinator's mailbox is not the operators' place. */
export function uncertainSendHasDraft(purpose: OutgoingPurpose): boolean {
  return purpose !== 'alert';
}

/** The incident's text; it names the Message-ID, by which a second report of the same mail is recognised. */
export function uncertainSendDetail(purpose: OutgoingPurpose, messageId: string): string {
  const what = WHAT[purpose];
  const copy = uncertainSendHasDraft(purpose) ? `${what}副本已放入草稿箱，如对方未收到，请从草稿箱直接发送。` : '请运维人员查看告警页面或日志。';
  return `${what}可能已发出，也可能未发出：发送过程中进程中断，无法确认邮件服务器是否已收下。为避免重复，系统未自动重发。${copy}（邮件编号 ${messageId}）`;
}
