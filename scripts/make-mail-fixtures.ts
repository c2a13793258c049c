/**
 * Writes the .eml fixtures under test/fixtures/mail/, each in the style of a real client (headers,
 * MIME layout and encoding quirks as those clients write them), plus expected-attachments.json
 * with the size and SHA-256 of every file put into them. The checked-in files are the contract;
 * run `npx tsx scripts/make-mail-fixtures.ts` only to change them on purpose.
 * People and addresses are invented; domains are reserved (example.*) ones.
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';

const OUT = path.join(import.meta.dirname, '..', 'test', 'fixtures', 'mail');
const MAILBOX = 'keyan-submit@example.edu.cn';
const expected: Record<string, Array<{ filename: string; size: number; sha256: string }>> = {};

const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n');
const b64 = (bytes: Buffer): string => bytes.toString('base64').replace(/.{76}/g, '$&\r\n');
const gbkB = (text: string): string => `=?GBK?B?${iconv.encode(text, 'gbk').toString('base64')}?=`;
const utf8B = (text: string): string => `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;
const pct = (text: string): string => [...Buffer.from(text)].map((b) => (/[A-Za-z0-9._-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

/** Quoted-printable (RFC 2045 §6.7) of text in a charset, soft line breaks at 76. */
function qp(text: string, charset = 'utf-8'): string {
  const bytes = charset === 'utf-8' ? Buffer.from(crlf(text)) : iconv.encode(crlf(text), charset);
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0d && bytes[i + 1] === 0x0a) { lines.push(line); line = ''; i++; continue; }
    const token = (b >= 33 && b <= 126 && b !== 61) || b === 32 ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line.length + token.length > 75) { lines.push(line + '='); line = ''; }
    line += token;
  }
  lines.push(line);
  return lines.join('\r\n');
}

/** A small but valid zip (stored entries); with [Content_Types].xml first it sniffs like OOXML. */
function tinyZip(entries: Array<[string, string]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20); central.writeUInt32LE(data.length, 24); central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const centralBytes = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBytes.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBytes, end]);
}

const xlsx = (marker: string): Buffer => tinyZip([
  ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
  ['xl/workbook.xml', `<workbook><!-- ${marker} --></workbook>`],
]);
const cfb = (marker: string): Buffer => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(56), Buffer.from(marker)]);
const heic = (): Buffer => Buffer.concat([Buffer.from('00000018667479706865696300000000', 'hex'), Buffer.from('6d69663168656963', 'hex'), Buffer.alloc(64, 7)]);

function record(fixture: string, filename: string, bytes: Buffer): Buffer {
  (expected[fixture] ??= []).push({ filename, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  return bytes;
}

function write(name: string, parts: Array<string | Buffer>): void {
  const body = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(crlf(p), 'utf8') : p)));
  fs.writeFileSync(path.join(OUT, name), body);
}

fs.mkdirSync(OUT, { recursive: true });

const NOTICE = '关于报送2025年全国科技活动周和全国科技工作者日活动的通知';
const FORM1 = '附件1：2025年全国科技活动周和全国科技工作者日特色群众性主题实践活动推荐表（机械与电子控制工程学院）.xlsx';

// Outlook 16 on Windows: multipart/mixed > alternative, quoted-printable gb2312 body, and the long
// Chinese name as RFC 2231 continuations (filename*0*=…) plus an RFC 2047 name= in Content-Type.
{
  const name = FORM1;
  const bytes = record('outlook-submission.eml', name, xlsx('outlook'));
  const encoded = `utf-8''${pct(name)}`;
  const chunks = encoded.match(/.{1,60}(?=%|$)|.{1,60}/g)!;
  write('outlook-submission.eml', [`Received: from mail.example.edu.cn (unknown [192.0.2.10])
\tby mx.example.edu.cn (Coremail) with SMTP id AQAAfwDHZ0w_1;
\tTue, 29 Apr 2025 09:15:02 +0800 (CST)
Received: from DESKTOP-JD (unknown [198.51.100.7])
\tby mail.example.edu.cn with ESMTPA; Tue, 29 Apr 2025 09:14:58 +0800 (CST)
From: =?gb2312?B?${iconv.encode('李晓明', 'gb2312').toString('base64')}?= <Li.XiaoMing@Example.EDU.cn>
To: "${MAILBOX}" <${MAILBOX}>
Cc: =?utf-8?B?${Buffer.from('学院办公室').toString('base64')}?= <jdxy-office@example.edu.cn>
Subject: ${utf8B('【推荐表】机械与电子控制工程学院 科技活动周活动推荐')}
Date: Tue, 29 Apr 2025 09:14:55 +0800
Message-ID: <000001db78a2$5c1e4f20$145aed60$@example.edu.cn>
MIME-Version: 1.0
Content-Type: multipart/mixed;
\tboundary="----=_NextPart_000_0001_01DB78E5.6A41DF20"
X-Mailer: Microsoft Outlook 16.0
Thread-Index: AQHbeKJcHk8gFFrtYA==
Content-Language: zh-cn

This is a multipart message in MIME format.

------=_NextPart_000_0001_01DB78E5.6A41DF20
Content-Type: multipart/alternative;
\tboundary="----=_NextPart_001_0002_01DB78E5.6A41DF20"


------=_NextPart_001_0002_01DB78E5.6A41DF20
Content-Type: text/plain;
\tcharset="gb2312"
Content-Transfer-Encoding: quoted-printable

`, Buffer.from(qp('吴老师：\n\n您好！按照通知要求，现报送我院推荐表，请查收。\n\n李晓明\n机械与电子控制工程学院\n', 'gb2312')), `

------=_NextPart_001_0002_01DB78E5.6A41DF20
Content-Type: text/html;
\tcharset="gb2312"
Content-Transfer-Encoding: quoted-printable

`, Buffer.from(qp('<html><body><p>吴老师：</p><p>您好！按照通知要求，现报送我院推荐表，请查收。</p><p>李晓明<br>机械与电子控制工程学院</p></body></html>\n', 'gb2312')), `

------=_NextPart_001_0002_01DB78E5.6A41DF20--

------=_NextPart_000_0001_01DB78E5.6A41DF20
Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;
\tname="${utf8B(name.slice(0, 20))} ${utf8B(name.slice(20))}"
Content-Transfer-Encoding: base64
Content-Disposition: attachment;
${chunks.map((c, i) => `\tfilename*${i}*=${c}`).join(';\n')}

${b64(bytes)}

------=_NextPart_000_0001_01DB78E5.6A41DF20--
`]);
}

// Foxmail 7 with a GBK body; one name in raw GBK bytes (no encoding at all: Foxmail 6 and old
// Outlook Express did this), one as RFC 2047 GBK words split in the middle of a character.
{
  const raw = '2025年科技活动周推荐表.xls';
  const split = '附件2：活动开展情况统计表.xlsx';
  const splitBytes = iconv.encode(split, 'gbk');
  const cut = 8; // the first word ends after the first byte of 活: a character split across words
  const rawBytes = record('foxmail-gbk-submission.eml', raw, cfb('foxmail-xls'));
  const xlsxBytes = record('foxmail-gbk-submission.eml', split, xlsx('foxmail'));
  write('foxmail-gbk-submission.eml', [`Received: from WIN-PC (unknown [203.0.113.5])
\tby mail.example.edu.cn (Coremail) with SMTP id AQAAfwBX; Mon, 9 Jun 2025 16:40:12 +0800 (CST)
Date: Mon, 9 Jun 2025 16:40:07 +0800
From: "${gbkB('王芳')}" <wangfang@example.edu.cn>
To: ${MAILBOX}
Subject: ${gbkB('经济管理学院-科技活动周材料报送')}
X-Priority: 3
X-Has-Attach: yes
X-Mailer: Foxmail 7.2.25.228[cn]
Mime-Version: 1.0
Message-ID: <202506091640071234567@example.edu.cn>
Content-Type: multipart/mixed;
\tboundary="----=_001_NextPart123456789012_=----"

This is a multi-part message in MIME format.

------=_001_NextPart123456789012_=----
Content-Type: multipart/alternative;
\tboundary="----=_002_NextPart123456789012_=----"


------=_002_NextPart123456789012_=----
Content-Type: text/plain;
\tcharset="GBK"
Content-Transfer-Encoding: base64

${b64(iconv.encode('吴老师好，附件是我院的推荐表和统计表，请审阅。\r\n\r\n王芳\r\n经济管理学院科研办\r\n', 'gbk'))}

------=_002_NextPart123456789012_=----
Content-Type: text/html;
\tcharset="GBK"
Content-Transfer-Encoding: quoted-printable

`, Buffer.from(qp('<html><head><meta http-equiv="content-type" content="text/html; charset=GBK"></head><body><div>吴老师好，附件是我院的推荐表和统计表，请审阅。</div><div>王芳</div></body></html>', 'gbk')), `

------=_002_NextPart123456789012_=------

------=_001_NextPart123456789012_=----
Content-Type: application/vnd.ms-excel;
\tname="`, iconv.encode(raw, 'gbk'), `"
Content-Transfer-Encoding: base64
Content-Disposition: attachment;
\tfilename="`, iconv.encode(raw, 'gbk'), `"

${b64(rawBytes)}

------=_001_NextPart123456789012_=----
Content-Type: application/octet-stream;
\tname="=?GBK?B?${splitBytes.subarray(0, cut).toString('base64')}?=
 =?GBK?B?${splitBytes.subarray(cut).toString('base64')}?="
Content-Transfer-Encoding: base64
Content-Disposition: attachment;
\tfilename="=?GBK?B?${splitBytes.subarray(0, cut).toString('base64')}?=
 =?GBK?B?${splitBytes.subarray(cut).toString('base64')}?="

${b64(xlsxBytes)}

------=_001_NextPart123456789012_=------

`]);
}

// Coremail webmail (the university's own system): HTML with the "超大附件" block it inserts when
// a file is over the limit, and a Baidu share with its 提取码 in the text part.
{
  const video = '科技周活动视频（剪辑版）.mp4';
  write('coremail-large-attachment.eml', [`Received: from example.edu.cn (unknown [192.0.2.20])
\tby mail.example.edu.cn (Coremail) with HTTP; Fri, 6 Jun 2025 11:02:33 +0800 (GMT+08:00)
Date: Fri, 6 Jun 2025 11:02:33 +0800 (GMT+08:00)
From: =?UTF-8?B?${Buffer.from('赵敏').toString('base64')}?= <zhaomin@example.edu.cn>
To: ${MAILBOX}
Message-ID: <4c2a1b7e.1f3d.19744a1c2e0.Coremail.zhaomin@example.edu.cn>
Subject: =?UTF-8?B?${Buffer.from('土木建筑工程学院 活动影像资料（超大附件）').toString('base64')}?=
MIME-Version: 1.0
Content-Type: multipart/alternative;
\tboundary="----=_Part_123456_987654321.1749178953000"
X-Priority: 3
X-Mailer: Coremail Webmail Server Version XT5.0.13 build 20210104(9f1ab3e4)
 Copyright (c) 2002-2025 www.mailtech.cn example
X-Originating-IP: [192.0.2.20]

------=_Part_123456_987654321.1749178953000
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: base64

${b64(Buffer.from(`吴老师您好：
活动视频较大，已用超大附件发送，另附百度网盘备份。
百度网盘：https://pan.baidu.com/s/1AbCdEfGhIjKlMnOp 提取码：k7xq
${video}
超大附件下载：https://mail.example.edu.cn/coremail/common/largeattachment/download.jsp?sid=AbCdEf&mid=1tbiAQ&file=1 （2025-06-20 到期）

赵敏
`.replace(/\n/g, '\r\n')))}
------=_Part_123456_987654321.1749178953000
Content-Type: text/html; charset=UTF-8
Content-Transfer-Encoding: quoted-printable

`, Buffer.from(qp(`<div style="line-height:1.7;color:#000000;font-size:14px;font-family:Arial"><p>吴老师您好：</p><p>活动视频较大，已用超大附件发送，另附百度网盘备份。</p><p>百度网盘：<a href="https://pan.baidu.com/s/1AbCdEfGhIjKlMnOp" target="_blank">https://pan.baidu.com/s/1AbCdEfGhIjKlMnOp</a> 提取码：k7xq</p><p>赵敏</p></div>
<div id="divNeteaseBigAttach" class="large-attach-block" style="clear:both;margin-top:10px"><div style="padding:6px 10px;background:#f3f3f3;font-weight:bold">从Coremail邮箱发来的超大附件</div>
<div style="padding:6px 10px"><img src="https://mail.example.edu.cn/coremail/s/icon/mp4.png"> <a href="https://mail.example.edu.cn/coremail/common/largeattachment/download.jsp?sid=AbCdEf&amp;mid=1tbiAQ&amp;file=1" target="_blank">${video}</a> <span style="color:#909090">(286.4M, 2025年6月20日 11:02 到期)</span></div>
<div style="padding:6px 10px"><img src="https://mail.example.edu.cn/coremail/s/icon/zip.png"> <a href="https://mail.example.edu.cn/coremail/common/largeattachment/download.jsp?sid=AbCdEf&amp;mid=1tbiAQ&amp;file=2" target="_blank">活动照片.zip</a> <span style="color:#909090">(48.2M, 2025年6月20日 11:02 到期)</span></div></div>
`)), `
------=_Part_123456_987654321.1749178953000--
`]);
}

// iPhone Mail: inline HEIC photo (RFC 2231 name), a workbook, "发自我的iPhone".
{
  const photo = record('iphone-heic.eml', 'IMG_0421.HEIC', heic());
  const form = '统计表.xlsx';
  const formBytes = record('iphone-heic.eml', form, xlsx('iphone'));
  write('iphone-heic.eml', [`Received: from smtpclient.apple (unknown [198.51.100.40])
\tby mx.example.edu.cn with ESMTPSA id 9B2F; Thu, 12 Jun 2025 20:31:09 +0800 (CST)
Content-Type: multipart/mixed; boundary=Apple-Mail-8F3C2A10-6D2E-4B1A-9C77-1E2F3A4B5C6D
Content-Transfer-Encoding: 7bit
From: =?utf-8?B?${Buffer.from('孙磊').toString('base64')}?= <sunlei@example.edu.cn>
Mime-Version: 1.0 (1.0)
Date: Thu, 12 Jun 2025 20:31:04 +0800
Subject: =?utf-8?B?${Buffer.from('Re: 活动照片和统计表').toString('base64')}?=
Message-Id: <A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF@example.edu.cn>
In-Reply-To: <reply-42.ack@example.edu.cn>
References: <notice-2025@example.edu.cn>
 <reply-42.ack@example.edu.cn>
To: ${MAILBOX}
X-Mailer: iPhone Mail (22F76)


--Apple-Mail-8F3C2A10-6D2E-4B1A-9C77-1E2F3A4B5C6D
Content-Type: text/plain;
\tcharset=utf-8
Content-Transfer-Encoding: quoted-printable

`, Buffer.from(qp('补发活动照片和统计表。\n\n')), `
--Apple-Mail-8F3C2A10-6D2E-4B1A-9C77-1E2F3A4B5C6D
Content-Type: image/heic;
\tname=IMG_0421.HEIC;
\tx-apple-part-url=0C9A4F2E-1B3D-4E5F-8A9B-0C1D2E3F4A5B
Content-Disposition: inline;
\tfilename=IMG_0421.HEIC
Content-Transfer-Encoding: base64

${b64(photo)}
--Apple-Mail-8F3C2A10-6D2E-4B1A-9C77-1E2F3A4B5C6D
Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;
\tname*=utf-8''${pct(form)}
Content-Disposition: attachment;
\tfilename*=utf-8''${pct(form)}
Content-Transfer-Encoding: base64

${b64(formBytes)}
--Apple-Mail-8F3C2A10-6D2E-4B1A-9C77-1E2F3A4B5C6D
Content-Type: text/plain;
\tcharset=utf-8
Content-Transfer-Encoding: quoted-printable

`, Buffer.from(qp('\n发自我的iPhone\nSent from my iPhone\n')), `
--Apple-Mail-8F3C2A10-6D2E-4B1A-9C77-1E2F3A4B5C6D--
`]);
}

// A coordinator's colleague forwards a unit's mail "as attachment" (message/rfc822); the form is inside.
{
  const inner = '推荐表-计算机学院.xlsx';
  const innerBytes = xlsx('forwarded');
  const innerMessage = `From: =?UTF-8?B?${Buffer.from('周杰').toString('base64')}?= <zhoujie@example.edu.cn>
To: office@example.edu.cn
Subject: =?UTF-8?B?${Buffer.from('计算机学院推荐表').toString('base64')}?=
Date: Mon, 5 May 2025 18:20:00 +0800
Message-ID: <inner-0505@example.edu.cn>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="inner-b"

--inner-b
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

附件为计算机学院推荐表。
--inner-b
Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet; name="${utf8B(inner)}"
Content-Disposition: attachment; filename="${utf8B(inner)}"
Content-Transfer-Encoding: base64

${b64(innerBytes)}
--inner-b--
`;
  const innerCrlf = Buffer.from(crlf(innerMessage));
  record('forwarded-rfc822.eml', '计算机学院推荐表.eml', innerCrlf);
  record('forwarded-rfc822.eml', inner, innerBytes);
  write('forwarded-rfc822.eml', [`From: =?UTF-8?B?${Buffer.from('办公室').toString('base64')}?= <office@example.edu.cn>
To: ${MAILBOX}
Subject: =?UTF-8?B?${Buffer.from('转发：计算机学院推荐表').toString('base64')}?=
Date: Tue, 6 May 2025 08:05:00 +0800
Message-ID: <fwd-0506@example.edu.cn>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer-b"
X-Mailer: Microsoft Outlook 16.0

--outer-b
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

转发计算机学院的邮件，他们误发到了办公室邮箱。
--outer-b
Content-Type: message/rfc822; name="${utf8B('计算机学院推荐表.eml')}"
Content-Disposition: attachment; filename="${utf8B('计算机学院推荐表.eml')}"

`, innerCrlf, `
--outer-b--
`]);
}

// Broken in several ways at once: a raw-GBK Subject, a body labelled UTF-8 that is GBK, junk in
// the base64 of the attachment, and the message cut off before its closing boundary.
{
  const form = 'broken-推荐表.xlsx';
  const formBytes = xlsx('broken');
  const damaged = b64(formBytes).replace(/\r\n/, '\r\n!!**\r\n');
  record('broken-mime.eml', form, formBytes);
  write('broken-mime.eml', ['Subject: ', iconv.encode('材料报送（机电学院）', 'gbk'), `
From: old-client@example.edu.cn
To: ${MAILBOX}
Date: Wed, 7 May 2025 07:30:00 +0800
Message-ID: <broken-0507@example.edu.cn>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="BRK"

--BRK
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

`, iconv.encode('老师好，附件是推荐表。\r\n', 'gbk'), `
--BRK
Content-Type: application/octet-stream; name="${utf8B(form)}"
Content-Disposition: attachment; filename="${utf8B(form)}"
Content-Transfer-Encoding: base64

${damaged}
--BRK
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64

5L2g5aW9`]);
}

// Exchange Online NDR: multipart/report, 5.1.1 for a mistyped unit address.
write('bounce-exchange-ndr.eml', [`Received: from EXCH01.example.com (198.51.100.9) by mx.example.edu.cn; Wed, 30 Apr 2025 10:01:12 +0800
From: Microsoft Outlook <postmaster@example.com>
To: <${MAILBOX}>
Date: Wed, 30 Apr 2025 02:01:10 +0000
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="ndr_b1e6c0de-1f2e-4a3b-9c8d-7e6f5a4b3c2d"
MIME-Version: 1.0
Message-ID: <ndr-7c1e@EXCH01.example.com>
In-Reply-To: <ack-0430-01@example.edu.cn>
Subject: Undeliverable: =?utf-8?B?${Buffer.from('回执：已收到推荐表').toString('base64')}?=
Auto-Submitted: auto-replied
X-MS-Exchange-Message-Is-Ndr:
Return-Path: <>

--ndr_b1e6c0de-1f2e-4a3b-9c8d-7e6f5a4b3c2d
Content-Type: multipart/alternative; boundary="ndr_alt"

--ndr_alt
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Delivery has failed to these recipients or groups:

no-such-person@example.com
The email address you entered couldn't be found.

--ndr_alt--

--ndr_b1e6c0de-1f2e-4a3b-9c8d-7e6f5a4b3c2d
Content-Type: message/delivery-status

Reporting-MTA: dns;EXCH01.example.com
Received-From-MTA: dns;mx.example.edu.cn
Arrival-Date: Wed, 30 Apr 2025 02:01:09 +0000

Original-Recipient: rfc822;No-Such-Person@example.com
Final-Recipient: rfc822;No-Such-Person@example.com
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp;550 5.1.1 RESOLVER.ADR.RecipNotFound; not found

--ndr_b1e6c0de-1f2e-4a3b-9c8d-7e6f5a4b3c2d
Content-Type: text/rfc822-headers

From: ${MAILBOX}
To: no-such-person@example.com
Subject: =?utf-8?B?${Buffer.from('回执：已收到推荐表').toString('base64')}?=
Message-ID: <ack-0430-01@example.edu.cn>
X-Inbox-Worker: reply

--ndr_b1e6c0de-1f2e-4a3b-9c8d-7e6f5a4b3c2d--
`]);

// Coremail "系统退信": HTML only, no DSN part; recipient and reason are in the Chinese text.
write('bounce-coremail-tuixin.eml', [`Return-Path: <>
Received: from mail.example.edu.cn by mail.example.edu.cn; Thu, 1 May 2025 09:00:05 +0800 (CST)
Date: Thu, 1 May 2025 09:00:05 +0800 (CST)
From: =?UTF-8?B?${Buffer.from('系统退信').toString('base64')}?= <postmaster@example.edu.cn>
To: ${MAILBOX}
Subject: =?UTF-8?B?${Buffer.from('系统退信').toString('base64')}?=
Message-ID: <bounce-20250501@example.edu.cn>
MIME-Version: 1.0
Content-Type: text/html; charset=UTF-8
Content-Transfer-Encoding: base64
X-Mailer: Coremail Webmail Server

${b64(Buffer.from('<html><body><p>很抱歉，您发送的邮件未能成功投递。</p><table><tr><td>收件人：</td><td>wrong-unit@example.edu.cn</td></tr><tr><td>退信原因：</td><td>收件人不存在 (550 5.1.1 user not found)</td></tr><tr><td>原邮件主题：</td><td>修改通知：推荐表第7行日期有误</td></tr></table></body></html>'))}
`]);

// Postfix: "Undelivered Mail Returned to Sender" from MAILER-DAEMON, the original attached.
write('bounce-postfix.eml', [`Return-Path: <>
Received: by mx.example.net (Postfix) id 4Z9x1; Fri, 2 May 2025 03:10:00 +0000 (UTC)
Date: Fri, 2 May 2025 03:10:00 +0000 (UTC)
From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: ${MAILBOX}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="4Z9x1.1746155400/mx.example.net"
Message-Id: <20250502031000.4Z9x1@mx.example.net>

This is a MIME-encapsulated message.

--4Z9x1.1746155400/mx.example.net
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.net.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<nobody@example.net>: host mx.example.net[192.0.2.99] said: 550 5.1.1
    <nobody@example.net>: Recipient address rejected: User unknown

--4Z9x1.1746155400/mx.example.net
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net
X-Postfix-Queue-ID: 4Z9x1
X-Postfix-Sender: rfc822; ${MAILBOX}
Arrival-Date: Fri,  2 May 2025 03:09:58 +0000 (UTC)

Final-Recipient: rfc822; nobody@example.net
Original-Recipient: rfc822;nobody@example.net
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.net
Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.net>: Recipient address
    rejected: User unknown

--4Z9x1.1746155400/mx.example.net
Content-Description: Undelivered Message
Content-Type: message/rfc822

From: ${MAILBOX}
To: nobody@example.net
Subject: =?UTF-8?B?${Buffer.from('回执').toString('base64')}?=
Message-ID: <ack-0502@example.edu.cn>
X-Inbox-Worker: reply
Content-Type: text/plain; charset=UTF-8

已收到。

--4Z9x1.1746155400/mx.example.net--
`]);

// Outlook out-of-office: "自动回复:" subject and X-Auto-Response-Suppress, no Auto-Submitted.
write('outlook-out-of-office.eml', [`From: =?gb2312?B?${iconv.encode('陈静', 'gb2312').toString('base64')}?= <chenjing@example.edu.cn>
To: ${MAILBOX}
Subject: =?gb2312?B?${iconv.encode(`自动回复: Re: ${NOTICE}`, 'gb2312').toString('base64')}?=
Date: Mon, 5 May 2025 08:00:01 +0800
Message-ID: <oof-0505@example.edu.cn>
In-Reply-To: <ack-0505@example.edu.cn>
X-Auto-Response-Suppress: All
X-MS-Exchange-Inbox-Rules-Loop: chenjing@example.edu.cn
X-Mailer: Microsoft Outlook 16.0
MIME-Version: 1.0
Content-Type: text/plain; charset="gb2312"
Content-Transfer-Encoding: base64

${b64(iconv.encode('我正在休假，5月12日返回，期间不便查看邮件。\r\n', 'gb2312'))}
`]);

// RFC 3834 auto-reply from a vacation responder: only the header says so.
write('rfc3834-auto-reply.eml', [`From: Lab Office <lab-office@example.org>
To: ${MAILBOX}
Subject: Re: =?UTF-8?B?${Buffer.from('回执：已收到统计表').toString('base64')}?=
Date: Tue, 10 Jun 2025 12:00:00 +0800
Message-ID: <vacation-0610@example.org>
In-Reply-To: <ack-0610@example.edu.cn>
References: <ack-0610@example.edu.cn>
Auto-Submitted: auto-replied (vacation)
Precedence: bulk
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

I am away until 2025-06-20.
`]);

// Tencent Exmail (企业微信邮箱) auto-reply: full-width colon, HTML, no standard headers.
write('exmail-auto-reply.eml', [`From: "=?utf-8?B?${Buffer.from('刘洋').toString('base64')}?=" <liuyang@example.com.cn>
To: "${MAILBOX}" <${MAILBOX}>
Subject: =?utf-8?B?${Buffer.from('自动回复：回执：已收到推荐表').toString('base64')}?=
Mime-Version: 1.0
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: base64
Date: Wed, 7 May 2025 10:10:10 +0800
X-Priority: 3
Message-ID: <tencent_3B5E1C@qq.example.com>
X-QQ-MIME: TCMime 1.0 by Tencent
X-Mailer: QQMail 2.x
X-QQ-Mailer: QQMail 2.x

${b64(Buffer.from('<div>您好，您的邮件我已收到，我会尽快处理。</div>'))}
`]);

// University news list.
write('mailing-list.eml', [`From: =?UTF-8?B?${Buffer.from('校园新闻').toString('base64')}?= <news@lists.example.edu.cn>
To: all-staff@lists.example.edu.cn
Subject: =?UTF-8?B?${Buffer.from('本周校园要闻').toString('base64')}?=
Date: Thu, 8 May 2025 17:00:00 +0800
Message-ID: <news-0508@lists.example.edu.cn>
List-Id: "Campus news" <news.lists.example.edu.cn>
List-Unsubscribe: <mailto:news-unsubscribe@lists.example.edu.cn>, <https://lists.example.edu.cn/unsubscribe/news>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

本周要闻……
`]);

// One of our own acknowledgements, e.g. copied back into the inbox by a server-side rule.
write('own-reply.eml', [`From: =?UTF-8?B?${Buffer.from('科研院材料收集').toString('base64')}?= <${MAILBOX}>
To: li.xiaoming@example.edu.cn
Subject: =?UTF-8?B?${Buffer.from('回执：已收到【推荐表】机械与电子控制工程学院').toString('base64')}?=
Date: Tue, 29 Apr 2025 09:20:00 +0800
Message-ID: <ack-0429-01@example.edu.cn>
In-Reply-To: <000001db78a2$5c1e4f20$145aed60$@example.edu.cn>
References: <000001db78a2$5c1e4f20$145aed60$@example.edu.cn>
X-Inbox-Worker: reply
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

已收到贵单位的推荐表。
`]);

fs.writeFileSync(path.join(OUT, 'expected-attachments.json'), JSON.stringify(expected, null, 2) + '\n');
console.log(`wrote ${fs.readdirSync(OUT).length} files to ${OUT}`);
