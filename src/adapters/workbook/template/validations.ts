/**
 * Data validation on the template's data cells: dropdowns for enum columns, a date range for
 * date columns (the activity window), whole numbers for integer columns — each with the column's
 * hint as the input prompt, so a unit sees what to write before it writes it.
 */
import type ExcelJS from 'exceljs';
import type { ColumnDefinition, FormContext } from '../../../domain/forms/types.js';

/** Excel refuses an inline list longer than 255 characters; longer lists point at a range. */
const INLINE_LIST_LIMIT = 255;

export function validationFor(
  column: ColumnDefinition,
  context: FormContext,
  listRange: (options: string[]) => string,
): ExcelJS.DataValidation | null {
  const prompt = column.hint ? { showInputMessage: true, promptTitle: column.label, prompt: column.hint } : {};
  switch (column.type) {
    case 'enum': {
      const options = column.options ?? [];
      const inline = `"${options.join(',')}"`;
      const formula = inline.length <= INLINE_LIST_LIMIT && !options.some((o) => o.includes(',')) ? inline : listRange(options);
      return {
        type: 'list',
        allowBlank: true,
        formulae: [formula],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: column.label,
        error: `请从下拉列表中选择：${options.join('、')}`,
        ...prompt,
      };
    }
    case 'date':
      return {
        type: 'date',
        operator: 'between',
        allowBlank: true,
        formulae: [utcDate(context.activityWindow.start), utcDate(context.activityWindow.end)],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: column.label,
        error: `请填写 ${context.activityWindow.start} 至 ${context.activityWindow.end} 之间的日期，如 ${context.activityWindow.start}`,
        ...prompt,
      };
    case 'integer':
      return {
        type: 'whole',
        operator: 'greaterThanOrEqual',
        allowBlank: true,
        formulae: [column.min ?? 0],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: column.label,
        error: `请填写不小于 ${column.min ?? 0} 的整数（只填数字，如 200）`,
        ...prompt,
      };
    case 'text':
      if (column.maxLength) {
        return {
          type: 'textLength',
          operator: 'lessThanOrEqual',
          allowBlank: true,
          formulae: [column.maxLength],
          showErrorMessage: true,
          errorStyle: 'warning',
          errorTitle: column.label,
          error: `不超过 ${column.maxLength} 字`,
          ...prompt,
        };
      }
      return promptOnly(prompt);
    default:
      return promptOnly(prompt);
  }
}

/** Excel's "any value" validation carries only the input prompt; exceljs's typings lack `any`. */
function promptOnly(prompt: Partial<ExcelJS.DataValidation>): ExcelJS.DataValidation | null {
  if (!prompt.prompt) return null;
  return { type: 'any', formulae: [], ...prompt } as unknown as ExcelJS.DataValidation;
}

function utcDate(isoDay: string): Date {
  return new Date(`${isoDay}T00:00:00Z`);
}
