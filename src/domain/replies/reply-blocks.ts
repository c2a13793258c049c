/**
 * A reply is built once as a list of blocks and rendered twice — plain text and HTML — so the
 * two alternatives of the multipart/alternative mail always say the same thing.
 *
 * HTML uses inline styles only: Outlook, Coremail and phone mail apps drop or rewrite <style>
 * blocks, and a single narrow column with lists (no tables) stays readable on a phone.
 */

/** A run of text; `strong` and `code` mark emphasis and cell references. All text is escaped in HTML. */
export type Inline = string | { strong: string } | { code: string } | { link: string };

export type Tone = 'ok' | 'warn' | 'error' | 'plain';

export type Block =
  | { type: 'paragraph'; content: Inline[] }
  | { type: 'heading'; content: Inline[]; tone: Tone }
  | { type: 'list'; items: Inline[][]; ordered: boolean }
  | { type: 'note'; content: Inline[] }
  | { type: 'rule' };

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for an HTML element body or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

function inlineText(parts: readonly Inline[]): string {
  return parts
    .map((p) => {
      if (typeof p === 'string') return p;
      if ('strong' in p) return p.strong;
      if ('code' in p) return `[${p.code}]`;
      return p.link;
    })
    .join('');
}

export function renderText(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case 'paragraph':
      case 'note':
        out.push(inlineText(b.content), '');
        break;
      case 'heading':
        out.push(`■ ${inlineText(b.content)}`);
        break;
      case 'list':
        b.items.forEach((item, i) => out.push(`  ${b.ordered ? `${i + 1}.` : '·'} ${inlineText(item)}`));
        out.push('');
        break;
      case 'rule':
        out.push('—'.repeat(20), '');
        break;
    }
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

const TONE_COLOR: Readonly<Record<Tone, string>> = { ok: '#1e7b34', warn: '#8a6100', error: '#b3261e', plain: '#1f2937' };

const CODE_STYLE = 'font-family:Consolas,Menlo,monospace;background:#f1f3f5;border-radius:3px;padding:0 4px;white-space:nowrap';

function inlineHtml(parts: readonly Inline[]): string {
  return parts
    .map((p) => {
      if (typeof p === 'string') return escapeHtml(p);
      if ('strong' in p) return `<strong>${escapeHtml(p.strong)}</strong>`;
      if ('code' in p) return `<span style="${CODE_STYLE}">${escapeHtml(p.code)}</span>`;
      // Links a unit sent are shown, not made clickable: a mail from us should not vouch for them.
      return `<span style="word-break:break-all">${escapeHtml(p.link)}</span>`;
    })
    .join('');
}

export function renderHtml(blocks: readonly Block[], language: 'zh' | 'en'): string {
  const body = blocks
    .map((b) => {
      switch (b.type) {
        case 'paragraph':
          return `<p style="margin:0 0 12px">${inlineHtml(b.content)}</p>`;
        case 'note':
          return `<p style="margin:0 0 12px;color:#6b7280;font-size:13px">${inlineHtml(b.content)}</p>`;
        case 'heading':
          return `<p style="margin:18px 0 6px;font-weight:bold;color:${TONE_COLOR[b.tone]}">${inlineHtml(b.content)}</p>`;
        case 'list': {
          const tag = b.ordered ? 'ol' : 'ul';
          const items = b.items.map((item) => `<li style="margin:0 0 6px">${inlineHtml(item)}</li>`).join('');
          return `<${tag} style="margin:0 0 12px;padding-left:22px">${items}</${tag}>`;
        }
        case 'rule':
          return '<hr style="border:none;border-top:1px solid #e5e7eb;margin:16px 0">';
      }
    })
    .join('\n');
  const lang = language === 'zh' ? 'zh-CN' : 'en';
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>`,
    '<body style="margin:0;padding:0;background:#ffffff">',
    `<div style="max-width:640px;margin:0 auto;padding:16px;font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;font-size:15px;line-height:1.6;color:#1f2937;word-wrap:break-word">`,
    body,
    '</div></body></html>',
    '',
  ].join('\n');
}
