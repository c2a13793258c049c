/**
 * The mails the end-to-end bench delivers: one-form submissions (a filled recommendation form,
 * a short Chinese body), one per registered unit in turn, each from its own sender address so the
 * per-recipient reply limit never holds a reply back. Every mail is valid, so each gets exactly
 * one reply (an acceptance).
 */
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { loadCampaignConfig } from '../../src/config/load-config.js';
import { activity, recommendationForm } from '../../test/support/sample-forms.js';

export interface BenchMail {
  raw: Buffer;
  messageId: string;
}

const { units } = loadCampaignConfig('config');

/** Forms per unit, built once per run (building is the slow part). */
export async function unitForms(): Promise<Map<string, Buffer>> {
  const forms = new Map<string, Buffer>();
  for (const u of units) forms.set(u.name, await recommendationForm(u.name, [activity(1), activity(2), activity(3)]));
  return forms;
}

export async function benchMails(forms: Map<string, Buffer>, count: number, tag: string): Promise<BenchMail[]> {
  const names = [...forms.keys()];
  const mails: BenchMail[] = [];
  for (let n = 0; n < count; n++) {
    const unit = names[n % names.length]!;
    const messageId = `<e2e-${tag}-${n}@example.edu.cn>`;
    const raw = await new MailComposer({
      from: { name: `${unit}科协`, address: `u${n}-${tag}@example.edu.cn` },
      to: 'mywu@bjtu.edu.cn',
      subject: `【推荐表】${unit}-科技活动周特色活动推荐`,
      messageId,
      date: new Date('2025-05-06T02:00:00Z'),
      text: `吴老师您好：\n\n附件是我单位的活动推荐表，请查收。\n\n${unit}`,
      attachments: [{ filename: `附件1-推荐表-${unit}.xlsx`, content: forms.get(unit)! }],
    })
      .compile()
      .build();
    mails.push({ raw, messageId });
  }
  return mails;
}

/** The Message-ID a reply answers (its In-Reply-To), or null. */
export function answeredMessageId(reply: Buffer): string | null {
  const head = reply.subarray(0, reply.indexOf('\r\n\r\n') > 0 ? reply.indexOf('\r\n\r\n') : reply.length).toString('latin1');
  return /^in-reply-to:\s*(<[^>]+>)/im.exec(head)?.[1] ?? null;
}
