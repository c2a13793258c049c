/**
 * The hostile and broken mails of docs/trust.md, generated (nothing large is committed): each
 * function returns the raw RFC 5322 bytes a unit, a robot or an attacker would send. Run as a
 * script to write them to a folder for `inbox-worker check`:
 *   node --import tsx test/hostile/trust-inputs.ts /tmp/trust-inputs
 */
import fs from 'node:fs';
import path from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { writeZip } from '../domain/forms/zip-writer.js';
import { unitMailWith } from '../support/mail-builder.js';
import { activity, recommendationForm } from '../support/sample-forms.js';

export const UNIT = '电子信息工程学院';
export const SUBJECT = `${UNIT} 推荐表`;
const MAILBOX = 'mywu@bjtu.edu.cn';

const form = (unit = UNIT) => recommendationForm(unit, [activity(1), activity(2)]);

/** A form first, then `count - 1` small text files: mailparser stops near 990 parts. */
export async function manyAttachments(from: string, id: string, count = 2000): Promise<Buffer> {
  const files = Array.from({ length: count - 1 }, (_, i) => ({ filename: `说明${i + 1}.txt`, content: Buffer.from(`第 ${i + 1} 份说明\n`) }));
  return unitMailWith({ from, subject: SUBJECT, messageId: id, attachments: [{ filename: '推荐表.xlsx', content: await form() }, ...files] });
}

/** The form in a zip in a zip: only one level of archive is opened. */
export async function zipInZip(from: string, id: string): Promise<Buffer> {
  const inner = writeZip([{ name: '推荐表.xlsx', data: await form() }]);
  const outer = writeZip([{ name: '推荐表.zip', data: inner }, { name: '说明.txt', data: Buffer.from('见压缩包') }]);
  return unitMailWith({ from, subject: SUBJECT, messageId: id, attachments: [{ filename: `${UNIT}材料.zip`, content: outer }] });
}

/** The form at the bottom of a forward of a forward … `levels` deep (the parser opens three). */
export async function deepForward(from: string, id: string, levels = 5): Promise<Buffer> {
  let raw = await unitMailWith({ from, subject: SUBJECT, messageId: `<deep-0.${id.slice(1)}`, attachments: [{ filename: '推荐表.xlsx', content: await form() }] });
  for (let level = 1; level <= levels; level++) {
    raw = await new MailComposer({
      from,
      to: MAILBOX,
      subject: `转发：${SUBJECT}`,
      messageId: level === levels ? id : `<deep-${level}.${id.slice(1)}`,
      date: new Date('2025-05-03T02:00:00Z'),
      text: '请查收转发的材料。',
      attachments: [{ filename: `转发${level}.eml`, content: raw, contentType: 'message/rfc822' }],
    })
      .compile()
      .build();
  }
  return raw;
}

/** A valid form from outside the allowed domains, naming a unit; optionally with an in-domain Reply-To. */
export async function outsider(from: string, id: string, replyTo?: string): Promise<Buffer> {
  return unitMailWith({ from, subject: SUBJECT, messageId: id, ...(replyTo ? { headers: { 'Reply-To': replyTo } } : {}), attachments: [{ filename: '推荐表.xlsx', content: await form() }] });
}

/** A valid form from a registered address that our receiving server found failing DKIM, SPF and DMARC. */
export async function dmarcFail(from: string, id: string, authservId: string): Promise<Buffer> {
  const domain = from.split('@')[1]!;
  const results = `${authservId}; dkim=fail header.d=${domain}; spf=fail smtp.mailfrom=${domain}; dmarc=fail (p=reject dis=none) header.from=${domain}`;
  return unitMailWith({ from, subject: SUBJECT, messageId: id, headers: { 'Authentication-Results': results }, attachments: [{ filename: '推荐表.xlsx', content: await form() }] });
}

/** A naive auto-responder's answer to one of our mails: `Re:` + our subject, our id in In-Reply-To, no Auto-Submitted. */
export function autoResponse(from: string, id: string, ours: { subject: string; messageId: string }, text = '您好，您的来信已收到，我会尽快处理。'): Promise<Buffer> {
  return unitMailWith({ from, subject: `Re: ${ours.subject}`, messageId: id, inReplyTo: ours.messageId, references: ours.messageId, text });
}

/**
 * A naive auto-responder that answers with files: it quotes the mail it answers (so no two of its
 * bodies are the same) and attaches `files` — ours sent back, the unit's own form, or a file of its own.
 */
export function autoResponseWithFiles(from: string, id: string, ours: { subject: string; messageId: string; text: string }, files: { filename: string; content: Buffer }[]): Promise<Buffer> {
  const quoted = ours.text.split('\n').map((l) => `> ${l}`).join('\n');
  return unitMailWith({ from, subject: `Re: ${ours.subject}`, messageId: id, inReplyTo: ours.messageId, references: ours.messageId, text: `您好，您的来信已收到，我会尽快处理。\n\n${quoted}`, attachments: files });
}

/** A recommendation form with a mistake (an activity without its leader's phone): answered with a correction and an annotated copy. */
export function formWithMistake(unit = UNIT): Promise<Buffer> {
  return recommendationForm(unit, [activity(1), activity(2, { leaderPhone: '电话待定' })]);
}

/** A form-named mail with nothing readable in it (the attachment forgotten). */
export function noForm(from: string, id: string, unit = UNIT): Promise<Buffer> {
  return unitMailWith({ from, subject: `${unit} 推荐表`, messageId: id, text: '老师好，推荐表见附件。' });
}

/** A normal, valid submission. */
export async function validForm(from: string, id: string, opts: { text?: string; unit?: string } = {}): Promise<Buffer> {
  const unit = opts.unit ?? UNIT;
  return unitMailWith({ from, subject: `${unit} 推荐表`, messageId: id, ...(opts.text ? { text: opts.text } : {}), attachments: [{ filename: '推荐表.xlsx', content: await form(unit) }] });
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const out = process.argv[2] ?? 'trust-inputs';
  fs.mkdirSync(out, { recursive: true });
  const from = 'dianxin@bjtu.edu.cn';
  const inputs: [string, Promise<Buffer>][] = [
    ['2000-attachments.eml', manyAttachments(from, '<many@bjtu.edu.cn>')],
    ['zip-in-zip.eml', zipInZip(from, '<zipzip@bjtu.edu.cn>')],
    ['forward-5-deep.eml', deepForward(from, '<deep@bjtu.edu.cn>')],
    ['outside-domain.eml', outsider('someone@evil.example', '<outside@evil.example>')],
    ['dmarc-fail.eml', dmarcFail(from, '<forged@bjtu.edu.cn>', 'mx.bjtu.edu.cn')],
    ['outsider-reply-to.eml', outsider('someone@evil.example', '<replyto@evil.example>', 'victim@bjtu.edu.cn')],
    ['autoresponder.eml', autoResponse(from, '<auto@bjtu.edu.cn>', { subject: `【回执】${UNIT} 推荐表 已收到 [R-ABC123]`, messageId: '<reply.0123456789abcdef01234567@bjtu.edu.cn>' })],
    ['no-form.eml', noForm(from, '<noform@bjtu.edu.cn>')],
  ];
  for (const [name, raw] of inputs) fs.writeFileSync(path.join(out, name), await raw);
  console.log(`wrote ${inputs.length} mails to ${out}`);
}
