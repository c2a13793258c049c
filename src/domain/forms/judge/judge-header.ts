/**
 * The header block above the table (推荐单位 / 填报单位, 联系人, 联系电话, 电子邮箱): present when
 * required, a valid phone, a valid e-mail. Whether 推荐单位 names a known unit is the sender
 * recognition's call, not the form's: here it is only text.
 */
import type { HeaderFieldDefinition, RawCell } from '../types.js';
import { headerPlace } from './messages.js';
import { cellText, halfWidth, isBlank } from './normalize.js';
import { parseEmailText } from './parse-email.js';
import { parsePhoneText } from './parse-phone.js';
import type { ProblemSink } from './problem-sink.js';

export function judgeHeader(
  fields: readonly HeaderFieldDefinition[],
  found: Record<string, RawCell | undefined>,
  sink: ProblemSink,
): Record<string, string | null> {
  const header: Record<string, string | null> = {};
  for (const field of fields) {
    header[field.key] = judgeHeaderField(field, found[field.key], sink);
  }
  return header;
}

function judgeHeaderField(field: HeaderFieldDefinition, cell: RawCell | undefined, sink: ProblemSink): string | null {
  const ref = cell?.ref ?? null;
  const where = headerPlace(field.label, ref);
  const text = cellText(cell);
  // Problem.cell: the cell when the reader found one, else the header field's name.
  const site = { cell: ref ?? field.label, column: field.label, value: text };
  if (cell === undefined || isBlank(cell)) {
    if (field.required) sink.add('header.required', site, { where, label: field.label });
    return null;
  }
  if (field.type === 'phone') {
    const parsed = parsePhoneText(text);
    if (!parsed.ok) {
      sink.add('phone.invalid', site, { where, value: text, bad: parsed.bad });
      return null;
    }
    return halfWidth(text);
  }
  if (field.type === 'email') {
    const address = parseEmailText(cell.hyperlink && text === '' ? cell.hyperlink : text);
    if (address === null) sink.add('email.invalid', site, { where, value: text });
    return address;
  }
  return text;
}
