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
const pdf = (marker: string): Buffer => Buffer.from(`%PDF-1.4\n% ${marker}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);

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
  const cut = 7; // odd byte count: the first word ends inside a two-byte GBK character
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
