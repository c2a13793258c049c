/** The digest's line about files the worker did not open (docs/trust.md, "Say what was not read"). */
import type { DigestView } from './digest-view.js';

export function unopenedText(v: Pick<DigestView, 'unopenedFiles' | 'lastDigestAt'>): string {
  const since = v.lastDigestAt ? '自上次汇总以来' : '近一天内';
  return `${since}有 ${v.unopenedFiles.mails} 封邮件中的 ${v.unopenedFiles.files} 处文件未打开（附件过多、多层转发或压缩包中的压缩包），回信中已逐一告知单位原因；如单位未重新发送，请人工查看原邮件。`;
}
