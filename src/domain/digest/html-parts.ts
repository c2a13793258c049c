/**
 * Small HTML building blocks with inline styles only: Gmail, Outlook and the phone clients drop
 * <style> blocks or parts of them, so every element carries its own style. Layout uses tables,
 * which Outlook for Windows (Word's renderer) lays out reliably; divs and flexbox it does not.
 */
import { CHIP_COLORS, type CellState } from './labels.js';

export const FONT = "-apple-system,BlinkMacSystemFont,'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC',Arial,sans-serif";
export const MUTED = '#5f6368';
export const INK = '#202124';
export const LINE = '#e8eaed';

/** A coloured status chip; `label` must already be escaped. */
export function chip(state: CellState, label: string): string {
  const c = CHIP_COLORS[state];
  return `<span style="display:inline-block;padding:1px 8px;border-radius:10px;background:${c.background};color:${c.color};font-size:12px;line-height:20px;white-space:nowrap;">${label}</span>`;
}

/** A chip in given colours, for the needs-you kinds. */
export function tag(background: string, color: string, label: string): string {
  return `<span style="display:inline-block;padding:1px 8px;border-radius:10px;background:${background};color:${color};font-size:12px;line-height:20px;white-space:nowrap;">${label}</span>`;
}

/** A section of the single column: a heading and its body, separated by a hairline. */
export function section(title: string, body: string): string {
  return (
    `<tr><td style="padding:16px 20px 4px 20px;border-top:1px solid ${LINE};">` +
    `<div style="font-size:16px;font-weight:bold;color:${INK};margin:0 0 8px 0;">${title}</div>${body}</td></tr>`
  );
}

export function muted(text: string, size = 12): string {
  return `<span style="font-size:${size}px;color:${MUTED};">${text}</span>`;
}

/**
 * The page: a centred column of at most 600px. `max-width` is ignored by Outlook for Windows,
 * hence the MSO-only fixed-width wrapper.
 */
export function page(title: string, preheader: string, rows: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    '<meta name="x-apple-disable-message-reformatting">',
    `<title>${title}</title></head>`,
    `<body style="margin:0;padding:0;background:#f1f3f4;font-family:${FONT};color:${INK};-webkit-text-size-adjust:100%;">`,
    // The preheader is the grey line phone clients show after the subject in the inbox list.
    `<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${preheader}</div>`,
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f1f3f4;"><tr><td align="center" style="padding:12px 6px;">',
    '<!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->',
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background:#ffffff;border-radius:8px;font-family:${FONT};">`,
    rows,
    '</table>',
    '<!--[if mso]></td></tr></table><![endif]-->',
    '</td></tr></table></body></html>',
  ].join('\n');
}
