/**
 * Turns `config/forms.yaml` plus the campaign into the FormDefinitions every stage uses:
 * named option lists become the campaign's lists, `{year}` in titles becomes the campaign year.
 */
import type { Campaign } from '../domain/campaign/campaign-schema.js';
import { ConfigError } from './config-error.js';
import { deepFreeze, readYaml } from './load-config.js';
import type { ColumnDefinition, FormContext, FormDefinition, FormId } from '../domain/forms/types.js';
import { formsFileSchema, type FormConfig } from '../domain/forms/definition/forms-schema.js';

export const FORMS_FILE = 'forms.yaml';

export function formContext(campaign: Campaign): FormContext {
  return {
    activityWindow: { start: campaign.activityWindow.start, end: campaign.activityWindow.end },
    year: Number(campaign.activityWindow.start.slice(0, 4)),
    maxActivityRows: campaign.maxActivityRows,
  };
}

export function loadFormDefinitions(dir: string, campaign: Campaign): Record<FormId, FormDefinition> {
  const file = readYaml(dir, FORMS_FILE, formsFileSchema);
  return deepFreeze({
    recommendation: toDefinition('recommendation', file.forms.recommendation, campaign),
    report: toDefinition('report', file.forms.report, campaign),
  });
}

/** Exported for tests and for callers that build a definition from an already-parsed config. */
export function toDefinition(id: FormId, form: FormConfig, campaign: Campaign): FormDefinition {
  const year = formContext(campaign).year;
  const columns = form.columns.map((c, i): ColumnDefinition => {
    const column: ColumnDefinition = { key: c.key, label: c.label, aliases: c.aliases, type: c.type, required: c.required };
    if (c.options !== undefined) column.options = resolveOptions(c.options, campaign, `forms.${id}.columns[${i}].options`);
    if (c.maxLength !== undefined) column.maxLength = c.maxLength;
    if (c.min !== undefined) column.min = c.min;
    if (c.width !== undefined) column.width = c.width;
    if (c.hint !== undefined) column.hint = c.hint;
    return column;
  });
  return {
    id,
    version: form.version,
    title: form.title.replaceAll('{year}', String(year)),
    templateFileName: form.templateFileName,
    sheetName: form.sheetName,
    headerFields: form.headerFields,
    columns,
    totalsLabel: form.totals?.label ?? null,
    summedColumns: form.totals?.summedColumns ?? [],
    paddingRows: form.paddingRows,
  };
}

function resolveOptions(source: FormConfig['columns'][number]['options'], campaign: Campaign, where: string): string[] {
  if (Array.isArray(source)) return source;
  const list = source === 'categories' ? campaign.categories : source === 'activityForms' ? campaign.activityForms : undefined;
  if (!list || list.length === 0) throw new ConfigError(`${FORMS_FILE}: ${where}: campaign.yaml has no ${String(source)} list to fill the dropdown from`);
  return [...list];
}
