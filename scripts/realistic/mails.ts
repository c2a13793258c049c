/**
 * Mails as units' clients and mail servers really send them, written as raw RFC 5322 text: a photo
 * of the form, the table pasted into the body, materials in a .rar or .7z, a read receipt
 * (RFC 8098), a delivery-delay report (RFC 3464 Action: delayed) and an Outlook recall notice.
 */

export interface RawMail { name: string; text: string }

const b64 = (s: string | Buffer): string => (Buffer.isBuffer(s) ? s : Buffer.from(s, 'utf8')).toString('base64').replace(/.{76}/g, '$&\r\n');
const word = (s: string): string => `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;

function mail(o: { from: string; subject: string; date: string; id: string; headers?: string[]; contentType: string; body: string }): string {
  return [
    `From: ${o.from}`,
    'To: mywu@bjtu.edu.cn',
    `Subject: ${word(o.subject)}`,
    `Date: ${o.date}`,
    `Message-ID: <${o.id}@mail.example.edu.cn>`,
    'MIME-Version: 1.0',
    ...(o.headers ?? []),
    `Content-Type: ${o.contentType}`,
    '',
    o.body,
    '',
  ].join('\r\n');
}

function withAttachment(text: string, file: { name: string; type: string; bytes: Buffer }): { contentType: string; body: string } {
  const boundary = '----=_Part_20250505_1';
  return {
    contentType: `multipart/mixed; boundary="${boundary}"`,
    body: [
      `--${boundary}`,
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: base64',
      '',
      b64(text),
      `--${boundary}`,
      `Content-Type: ${file.type}; name="${word(file.name)}"`,
      `Content-Disposition: attachment; filename="${word(file.name)}"`,
      'Content-Transfer-Encoding: base64',
      '',
      b64(file.bytes),
      `--${boundary}--`,
    ].join('\r\n'),
  };
}

/** A phone photo: a JPEG's markers around a little filler (enough for the sniffer and the size). */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(2048, 0x11), Buffer.from([0xff, 0xd9])]);
/** RAR 5 and 7-Zip signatures, then bytes no reader here can open. */
const RAR = Buffer.concat([Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1'), Buffer.alloc(4096, 0x5a)]);
const SEVEN_ZIP = Buffer.concat([Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04]), Buffer.alloc(4096, 0x33)]);

export const mails: RawMail[] = [
  {
    name: '语传学院-推荐表照片.eml',
    text: mail({ from: '语传学院办公室 <yc-office@example.edu.cn>', subject: '语言与传播学院 科技活动周推荐表', date: 'Mon, 5 May 2025 10:12:00 +0800', id: 'yc-photo-1',
      ...withAttachment('您好，推荐表已盖章，拍照发送，请查收。', { name: '推荐表.jpg', type: 'image/jpeg', bytes: JPEG }) }),
  },
  {
    name: '软件学院-表格贴在正文.eml',
    text: mail({ from: '软件学院 <rj@example.edu.cn>', subject: '软件学院科技活动周推荐表', date: 'Mon, 5 May 2025 16:40:00 +0800', id: 'rj-body-1',
      contentType: 'text/plain; charset=UTF-8', body: b64('推荐单位：软件学院\n序号\t活动名称\t活动类别\t活动形式\t开始日期\t结束日期\n1\t开源软件进校园\t成果科普\t线下\t2025-05-21\t2025-05-21\n') }),
  },
  {
    name: '环境学院-统计表rar.eml',
    text: mail({ from: '环境学院 <hj@example.edu.cn>', subject: '环境学院 活动开展情况统计表及总结材料', date: 'Tue, 10 Jun 2025 09:00:00 +0800', id: 'hj-rar-1',
      ...withAttachment('统计表、总结和照片都在压缩包里。', { name: '环境学院科技活动周材料.rar', type: 'application/x-rar-compressed', bytes: RAR }) }),
  },
  {
    name: '自智学院-统计表7z.eml',
    text: mail({ from: '自动化与智能学院 <zz@example.edu.cn>', subject: '自智学院统计表', date: 'Wed, 11 Jun 2025 11:30:00 +0800', id: 'zz-7z-1',
      ...withAttachment('附件为统计表。', { name: '统计表.7z', type: 'application/x-7z-compressed', bytes: SEVEN_ZIP }) }),
  },
  {
    name: '已读回执.eml',
    text: mail({ from: '电气工程学院 <dq@example.edu.cn>', subject: '已读: 关于报送科技活动周推荐表的通知', date: 'Tue, 29 Apr 2025 08:01:00 +0800', id: 'mdn-1',
      contentType: 'multipart/report; report-type=disposition-notification; boundary="mdn"',
      body: ['--mdn', 'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: base64', '', b64('您发送的邮件已被阅读。'), '--mdn',
        'Content-Type: message/disposition-notification', '', 'Reporting-UA: Foxmail', 'Final-Recipient: rfc822; dq@example.edu.cn',
        'Original-Message-ID: <notice-2025@bjtu.edu.cn>', 'Disposition: manual-action/MDN-sent-manually; displayed', '', '--mdn--'].join('\r\n') }),
  },
  {
    name: '投递延迟通知.eml',
    // Exchange's delay notice: no Auto-Submitted header, a person-like sender; only the report says it.
    text: mail({ from: 'Microsoft Outlook <postmaster-relay@example.edu.cn>', subject: '延迟投递: 电气学院推荐表', date: 'Wed, 30 Apr 2025 12:00:00 +0800', id: 'dsn-delay-1',
      contentType: 'multipart/report; report-type=delivery-status; boundary="dsn"',
      body: ['--dsn', 'Content-Type: text/plain; charset=UTF-8', '', 'This is a delay notification. The message has not yet been delivered and will be retried.', '--dsn',
        'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mail.example.edu.cn', '', 'Final-Recipient: rfc822; jd@example.edu.cn',
        'Action: delayed', 'Status: 4.4.1', 'Will-Retry-Until: Fri, 2 May 2025 12:00:00 +0800', '', '--dsn--'].join('\r\n') }),
  },
  {
    name: 'Outlook撤回.eml',
    text: mail({ from: '交通运输学院 <jy@example.edu.cn>', subject: '撤回: 交运学院统计表', date: 'Thu, 12 Jun 2025 15:02:00 +0800', id: 'recall-1',
      headers: ['Thread-Topic: 交运学院统计表', 'X-MS-Has-Attach:', 'Content-Class: urn:content-classes:message'],
      contentType: 'text/plain; charset=UTF-8', body: b64('交通运输学院 希望撤回邮件“交运学院统计表”。') }),
  },
];
