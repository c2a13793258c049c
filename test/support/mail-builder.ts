/** Builds a unit's mail as a real client would send it (MIME by nodemailer's composer). */
import MailComposer from 'nodemailer/lib/mail-composer/index.js';

export interface UnitMailOptions {
  from: string;
  subject: string;
  messageId: string;
  date?: Date;
  inReplyTo?: string;
  references?: string;
  headers?: Record<string, string>;
  text?: string;
  attachments?: { filename: string; content: Buffer }[];
}

export function unitMailWith(opts: UnitMailOptions): Promise<Buffer> {
  return new MailComposer({
    from: opts.from,
    to: 'mywu@bjtu.edu.cn',
    subject: opts.subject,
    messageId: opts.messageId,
    date: opts.date ?? new Date('2025-05-03T02:00:00Z'),
    inReplyTo: opts.inReplyTo,
    references: opts.references,
    headers: opts.headers,
    text: opts.text ?? '老师好，附件是我单位的材料，请查收。',
    attachments: opts.attachments,
  })
    .compile()
    .build();
}
