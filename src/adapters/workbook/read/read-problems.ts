/** Problems of a workbook as a whole: no form found in it, a template of another version. */
import type { Problem } from '../../../domain/forms/problem.js';
import type { FormDefinition } from '../../../domain/forms/types.js';

export const READ_PROBLEM = {
  headerNotFound: 'form-header-not-found',
  templateVersion: 'form-template-version',
  unreadable: 'file-corrupt',
  sameFormTwice: 'form-several-sheets',
} as const;

const FORM_NAMES: Record<string, string> = { recommendation: '推荐表（附件1）', report: '统计表（附件2）' };

export function formName(def: FormDefinition): string {
  return FORM_NAMES[def.id] ?? def.title;
}

export function headerNotFound(defs: FormDefinition[], fileName: string): Problem {
  const expected = defs.map((d) => {
    const labels = d.columns.filter((c) => c.required).slice(0, 5).map((c) => `“${c.label}”`).join('');
    return `${formName(d)}的表头（应有${labels}等列）`;
  });
  return {
    code: READ_PROBLEM.headerNotFound,
    severity: 'error',
    form: defs.length === 1 ? defs[0]!.id : null,
    sheet: null,
    cell: null,
    column: null,
    value: fileName,
    message: `在附件“${fileName}”中没有找到${expected.join('或')}。请使用通知所附的模板填写（不要删改表头），然后重新发送。`,
  };
}

export function templateVersion(def: FormDefinition, sheet: string, found: string): Problem {
  return {
    code: READ_PROBLEM.templateVersion,
    severity: 'warning',
    form: def.id,
    sheet,
    cell: null,
    column: null,
    value: found,
    message: `${formName(def)}使用的是旧版（${found} 版）模板，当前模板为 ${def.version} 版。本次已按表头读取；今后请使用通知所附的最新模板。`,
  };
}

/**
 * More than one sheet of a workbook draws the same form (a copied sheet, or a thousand copies):
 * only the first is read, and the unit is asked which one it meant — never the sum of them all.
 */
export function sameFormTwice(def: FormDefinition, fileName: string, sheets: readonly string[]): Problem {
  const named = sheets.slice(0, 5).map((s) => `「${s}」`).join('');
  return {
    code: READ_PROBLEM.sameFormTwice,
    severity: 'error',
    form: def.id,
    sheet: sheets[0] ?? null,
    cell: null,
    column: null,
    value: fileName,
    message: `附件“${fileName}”中有 ${sheets.length} 个工作表都是${formName(def)}（${named}${sheets.length > 5 ? '等' : ''}），本次只读取了第一个「${sheets[0]}」。请把所有活动填在一个工作表中，删除其余的副本后重新发送。`,
  };
}
