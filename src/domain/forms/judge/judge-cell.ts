/**
 * Judges one cell against its column: required, type, length, options, minimum, date window.
 * Returns the typed value (dates `YYYY-MM-DD`, integers as numbers, text trimmed), or null when
 * the cell is empty or its value could not be read — the problem then says why. For a date
 * range (5月20日-22日) the value is its first day; both days are checked against the window.
 */
import type { ColumnDefinition, FormContext, RawCell } from '../types.js';
import { exampleDate } from './example-date.js';
import { matchOption } from './match-option.js';
import { cellText, characterCount, halfWidth, isBlank } from './normalize.js';
import { parseDateCell } from './parse-date.js';
import { parseIntegerCell, type IntegerParse } from './parse-integer.js';
import { parsePhoneText } from './parse-phone.js';
import { parseUrlsCell } from './parse-urls.js';
import type { ProblemSink } from './problem-sink.js';

export interface CellPlace {
  column: ColumnDefinition;
  /** A1 reference, also for an empty cell. */
  ref: string;
  /** Location phrase that opens the message (see messages.ts). */
  where: string;
}

export type CellValue = string | number | null;

export function judgeCell(
  cell: RawCell | undefined,
  place: CellPlace,
  ctx: FormContext,
  sink: ProblemSink,
  required = place.column.required,
): CellValue {
  const { column, ref, where } = place;
  const text = cellText(cell);
  const site = { cell: ref, column: column.label, value: text };
  if (cell === undefined || isBlank(cell)) {
    if (required) sink.add('cell.required', site, { where, fill: fillHint(column, ctx) });
    return null;
  }
  switch (column.type) {
    case 'text': {
      const count = characterCount(text);
      if (column.maxLength !== undefined && count > column.maxLength) {
        sink.add('text.tooLong', site, { where, count, max: column.maxLength });
      }
      return text;
    }
    case 'enum': {
      const options = column.options ?? [];
      if (options.length === 0) return text;
      const option = matchOption(text, options);
      if (option === null) sink.add('enum.notAnOption', site, { where, value: text, options });
      return option;
    }
    case 'date': {
      const parsed = parseDateCell(cell, ctx.year);
      if (!parsed.ok) {
        const code = parsed.reason === 'notReal' ? 'date.notReal' : 'date.unrecognised';
        sink.add(code, site, { where, value: text, example: exampleDate(ctx) });
        return null;
      }
      const { start, end } = ctx.activityWindow;
      for (const date of new Set([parsed.start, parsed.end ?? parsed.start])) {
        if (date < start || date > end) sink.add('date.outsideWindow', site, { where, date, start, end });
      }
      return parsed.start;
    }
    case 'integer': {
      const parsed = parseIntegerCell(cell);
      if (!parsed.ok) {
        sink.add(integerProblemCode(parsed.reason), site, { where, value: text });
        return null;
      }
      if (column.min !== undefined && parsed.value < column.min) {
        sink.add('integer.belowMin', site, { where, value: text, min: column.min });
      }
      return parsed.value;
    }
    case 'phone': {
      const parsed = parsePhoneText(text);
      if (!parsed.ok) sink.add('phone.invalid', site, { where, value: text, bad: parsed.bad });
      return parsed.ok ? halfWidth(text) : null;
    }
    case 'urls': {
      const parsed = parseUrlsCell(cell);
      if (!parsed.ok) sink.add('url.invalid', site, { where, value: text, bad: parsed.bad });
      return parsed.ok ? parsed.urls.join('\n') : null;
    }
  }
}

export function integerProblemCode(reason: Extract<IntegerParse, { ok: false }>['reason']) {
  return reason === 'approximate' ? 'integer.approximate' : reason === 'decimal' ? 'integer.decimal' : 'integer.notNumber';
}

/** What to ask for when a required cell is empty: 请{fill}。 */
export function fillHint(column: ColumnDefinition, ctx: FormContext): string {
  switch (column.type) {
    case 'enum':
      return column.options?.length ? `从下拉列表中选择：${column.options.join('、')}` : `填写${column.label}`;
    case 'date':
      return `填写${column.label}，如 ${exampleDate(ctx)}`;
    case 'integer':
      return `填写${column.label}（阿拉伯数字整数${column.min === 0 ? '，没有请填 0' : ''}）`;
    case 'phone':
      return `填写${column.label}（手机号码或带区号的座机号码）`;
    case 'urls':
      return `填写${column.label}（以 http:// 或 https:// 开头）`;
    case 'text':
      return `填写${column.label}`;
  }
}
