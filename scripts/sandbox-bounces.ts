/**
 * Two bounces for the sandbox, made once the worker has answered (their Message-IDs exist only
 * then): one of a reply the worker sent, which stops the worker writing to that address and is
 * shown in 需要您处理, and one of the coordinator's own mail to the same address, which changes
 * nothing and is not kept (docs/relevance.md, "Reports about a mail").
 */
import { simpleParser } from 'mailparser';

const dsn = (id: string, recipient: string, returned: string[], whole: boolean): Buffer => Buffer.from([
  'From: Mail Delivery System <MAILER-DAEMON@mx.example.edu.cn>', 'To: mywu@bjtu.edu.cn', 'Subject: Undelivered Mail Returned to Sender',
  `Message-ID: <${id}>`, `Date: ${new Date().toUTCString()}`, 'MIME-Version: 1.0',
  'Content-Type: multipart/report; report-type=delivery-status; boundary="sandbox-dsn"', '',
  '--sandbox-dsn', 'Content-Type: text/plain', '', `Your mail to ${recipient} could not be delivered: user unknown.`,
  '--sandbox-dsn', 'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.example.edu.cn', '', `Final-Recipient: rfc822; ${recipient}`, 'Action: failed', 'Status: 5.1.1',
  '--sandbox-dsn', `Content-Type: ${whole ? 'message/rfc822' : 'text/rfc822-headers'}`, '', ...returned, '--sandbox-dsn--', '',
].join('\r\n'));

/** The two bounces, about the first unit the worker wrote to; none when it wrote to nobody. */
export async function sandboxBounces(sent: readonly { raw: Buffer; envelope: { rcptTo: string[] } }[], mailbox: string): Promise<{ address: string; ofReply: Buffer; ofHerMail: Buffer } | null> {
  const reply = sent.find((m) => !m.envelope.rcptTo.includes(mailbox));
  if (!reply) return null;
  const mail = await simpleParser(reply.raw);
  const address = reply.envelope.rcptTo[0]!;
  const ofReply = dsn('sandbox-bounce-of-reply@mx.example.edu.cn', address, [`From: ${mailbox}`, `To: ${address}`, `Message-ID: ${mail.messageId ?? ''}`, ''], false);
  const herMail = [`From: ${mailbox}`, `To: ${address}`, 'Subject: =?UTF-8?B?5ZGo5LqU5Lya6K6u?=', 'Message-ID: <sandbox-her-own-mail@bjtu.edu.cn>', 'Content-Type: text/plain; charset=utf-8', '', 'See you on Friday.', ''];
  return { address, ofReply, ofHerMail: dsn('sandbox-bounce-of-her-mail@mx.example.edu.cn', address, herMail, true) };
}
