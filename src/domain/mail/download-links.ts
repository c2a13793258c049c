/**
 * Links in a message body to files kept elsewhere: cloud-drive shares and the "超大附件"
 * (large attachment) pages that webmail inserts when a file is over the attachment limit.
 * A unit that sends its video that way has still sent it; the coordinator must see the link.
 * Pure: text and HTML in, links out.
 */
import type { DownloadLink } from './message.js';

interface Provider {
  kind: DownloadLink['kind'];
  provider: string;
  matches: (host: string, path: string) => boolean;
}

const host = (pattern: RegExp) => (h: string): boolean => pattern.test(h);

/** Order matters: the large-attachment services of webmail come before generic drive hosts. */
const PROVIDERS: readonly Provider[] = [
  { kind: 'large_attachment', provider: 'qq', matches: (h, p) => /(^|\.)(mail|exmail)\.qq\.com$/.test(h) && /\/(cgi-bin\/ftn|ftn\/)/i.test(p) },
  { kind: 'large_attachment', provider: 'netease', matches: (h, p) => /^fs\.mail\.(163|126)\.com$/.test(h) || (/(^|\.)(mail\.)?(163|126|yeah)\.(com|net)$/.test(h) && /large-attachment-download/i.test(p)) },
  // Coremail (also the university's own webmail): …/coremail/…/largeattachment… or mail.x/large-attachment….
  { kind: 'large_attachment', provider: 'coremail', matches: (h, p) => /largeattachment|large_attachment|bigattach/i.test(p) || (/^mail\./.test(h) && /large-attachment/i.test(p)) },
  { kind: 'large_attachment', provider: 'outlook', matches: (h, p) => /^attachments\.office\.net$/.test(h) || (/^outlook\.(live|office|office365)\.com$/.test(h) && /attachment|download/i.test(p)) },
  { kind: 'cloud_drive', provider: 'baidu', matches: host(/(^|\.)(pan|yun)\.baidu\.com$/) },
  { kind: 'cloud_drive', provider: 'weiyun', matches: host(/(^|\.)weiyun\.com$/) },
  { kind: 'cloud_drive', provider: 'aliyun', matches: host(/(^|\.)(aliyundrive\.com|alipan\.com)$/) },
  { kind: 'cloud_drive', provider: 'tianyi', matches: host(/(^|\.)cloud\.189\.cn$/) },
  { kind: 'cloud_drive', provider: 'quark', matches: host(/(^|\.)pan\.quark\.cn$/) },
  { kind: 'cloud_drive', provider: '115', matches: host(/(^|\.)115(cdn)?\.com$/) },
  { kind: 'cloud_drive', provider: 'lanzou', matches: host(/(^|\.)lanzou[a-z]?\.com$|(^|\.)lanzn\.com$/) },
  { kind: 'cloud_drive', provider: 'caiyun', matches: host(/(^|\.)(caiyun|yun)\.139\.com$/) },
  // Campus drives (Seafile/ownCloud at pan.x.edu.cn, box.x.edu.cn, yunpan.x.edu.cn).
  { kind: 'cloud_drive', provider: 'campus', matches: host(/^(pan|box|yunpan|disk|cloud|seafile)\.[a-z0-9-]+\.edu\.cn$/) },
  { kind: 'cloud_drive', provider: 'onedrive', matches: host(/(^|\.)(onedrive\.live\.com|1drv\.ms|sharepoint\.com|sharepoint\.cn)$/) },
  { kind: 'cloud_drive', provider: 'dropbox', matches: host(/(^|\.)(dropbox\.com|db\.tt)$/) },
  { kind: 'cloud_drive', provider: 'google_drive', matches: (h, p) => h === 'drive.google.com' || (h === 'docs.google.com' && /\/(file|spreadsheets|document|presentation)\//.test(p)) },
];

// Chinese names keep their brackets (推荐表（终版）.xlsx); a colon ends a lead-in such as 附件：.
const FILE_NAME = /[^\s"'<>:：，,;；|/\\]{1,120}\.(xlsx|xlsm|xls|et|docx|doc|wps|pdf|zip|rar|7z|mp4|mov|avi|wmv|mkv|m4v|jpg|jpeg|png|heic|pptx|ppt)\b/i;
const ACCESS_CODE = /(?:提取码|提取密码|访问码|密码|code|pwd)\s*[:：=]?\s*([A-Za-z0-9]{4,8})\b/i;
const URL_IN_TEXT = /https?:\/\/[^\s<>"'\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]+/gi;

function classifyUrl(url: string): Pick<DownloadLink, 'kind' | 'provider'> | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const h = parsed.hostname.toLowerCase();
  const p = parsed.pathname + parsed.search;
  const known = PROVIDERS.find((provider) => provider.matches(h, p));
  if (known) return { kind: known.kind, provider: known.provider };
  // Any other link counts only when it plainly points at a file (…/推荐表.xlsx).
  if (FILE_NAME.test(decodeURIComponentSafe(parsed.pathname))) return { kind: 'other', provider: null };
  return null;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function decodeEntities(value: string): string {
  return value
    .replace(/&nbsp;/gi, ' ')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/gi, '&');
}

function htmlToPlain(html: string): string {
  return decodeEntities(html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ')).replace(/[ \t]+/g, ' ');
}

function cleanUrl(url: string): string {
  return decodeEntities(url.trim()).replace(/[.,;:!?)\]}>]+$/, '');
}

/**
 * The label: the file name shown near the link, then the access code (提取码) when one follows
 * it, e.g. "活动视频.mp4 提取码: x1y2" — the code goes into the label so the coordinator can open
 * the share. Each list is searched in order, nearest text first; a code is only looked for after
 * the link, where every drive puts it.
 */
function labelFrom(nameContext: readonly string[], codeContext: readonly string[]): string | null {
  const first = (pattern: RegExp, texts: readonly string[], group: number): string | null => {
    for (const text of texts) {
      const m = pattern.exec(text);
      if (m?.[group]) return m[group];
    }
    return null;
  };
  const name = first(FILE_NAME, nameContext, 0);
  const code = first(ACCESS_CODE, codeContext, 1);
  const parts = [name, code ? `提取码: ${code}` : null].filter((part): part is string => part !== null);
  return parts.length ? parts.join(' ') : null;
}

interface Candidate {
  url: string;
  nameContext: string[];
  codeContext: string[];
}

function fromHtml(html: string): Candidate[] {
  const found: Candidate[] = [];
  const anchor = /<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>([\s\S]*?)<\/a>/gi;
  for (const m of html.matchAll(anchor)) {
    const url = cleanUrl(m[1] ?? m[2] ?? m[3] ?? '');
    if (!/^https?:\/\//i.test(url)) continue;
    const inner = htmlToPlain(m[4] ?? '');
    // The rest of the row up to the next link, and the text since the previous link.
    const end = m.index + m[0].length;
    const afterHtml = html.slice(end, end + 400).split(/<a\b/i)[0] ?? '';
    const beforeHtml = html.slice(Math.max(0, m.index - 400), m.index).split(/<\/a>/i).pop() ?? '';
    const after = htmlToPlain(afterHtml);
    const before = htmlToPlain(beforeHtml);
    found.push({ url, nameContext: [inner, before, after], codeContext: [after] });
  }
  return found;
}

function fromText(text: string): Candidate[] {
  const found: Candidate[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const matches = [...line.matchAll(URL_IN_TEXT)];
    matches.forEach((m, k) => {
      const start = k > 0 ? (matches[k - 1]!.index + matches[k - 1]![0].length) : 0;
      const end = matches[k + 1]?.index ?? line.length;
      const before = line.slice(start, m.index);
      const rest = line.slice(m.index + m[0].length, end);
      // A neighbouring line that holds a link of its own belongs to that link.
      const neighbour = (n: string | undefined): string => (n && !/https?:\/\//i.test(n) ? n : '');
      const previous = neighbour(lines[i - 1]);
      const next = neighbour(lines[i + 1]);
      found.push({ url: cleanUrl(m[0]), nameContext: [before, rest, previous, next], codeContext: [rest, next] });
    });
  });
  return found;
}

/** Download links in a body, de-duplicated by URL; HTML anchors first (they carry the better labels). */
export function findDownloadLinks(body: { text?: string | null; html?: string | null }): DownloadLink[] {
  const byUrl = new Map<string, DownloadLink>();
  for (const candidate of [...fromHtml(body.html ?? ''), ...fromText(body.text ?? '')]) {
    const kind = classifyUrl(candidate.url);
    if (!kind) continue;
    const label = labelFrom(candidate.nameContext, candidate.codeContext);
    const existing = byUrl.get(candidate.url);
    if (existing) {
      if (!existing.label && label) existing.label = label;
      continue;
    }
    byUrl.set(candidate.url, { url: candidate.url, ...kind, label });
  }
  return [...byUrl.values()];
}
