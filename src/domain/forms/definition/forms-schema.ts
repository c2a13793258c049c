/**
 * Schema of `config/forms.yaml`. The file holds the two forms' layouts; the option lists of
 * enum columns are named (`options: categories`) and filled from the campaign, so a category is
 * written once. Messages reach the coordinator, so each says what to write instead.
 */
import { z } from 'zod';
import { normalizeLabel } from './normalize-label.js';

/** Key of the 序号 column: a row holding nothing else is template padding. */
export const SERIAL_COLUMN_KEY = 'seq';

const key = z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'a key is letters and digits, starting with a letter, e.g. startDate');
const label = z.string().trim().min(1, 'write the header text, e.g. 开始日期');
const aliases = z.array(z.string().trim().min(1)).nullish().transform((a) => a ?? []);

/** An enum column names a campaign list or spells out its own options. */
export const optionsSource = z.union([
  z.enum(['categories', 'activityForms'], { error: 'options: write categories, activityForms, or a list such as [是, 否]' }),
  z.array(z.string().trim().min(1)).min(1),
]);

const columnSchema = z
  .object({
    key,
    label,
    aliases,
    type: z.enum(['integer', 'text', 'enum', 'date', 'phone', 'urls'], {
      error: 'type must be one of: integer, text, enum, date, phone, urls',
    }),
    required: z.boolean({ error: 'required: write true or false' }),
    options: optionsSource.optional(),
    maxLength: z.number().int().positive().optional(),
    min: z.number().int().optional(),
    width: z.number().positive().max(255).optional(),
    hint: z.string().trim().min(1).max(255, 'a hint is at most 255 characters (Excel limit)').optional(),
  })
  .strict()
  .refine((c) => (c.type === 'enum') === (c.options !== undefined), 'an enum column needs options, and only an enum column may have them');

const headerFieldSchema = z
  .object({
    key,
    label,
    aliases,
    type: z.enum(['unit', 'text', 'phone', 'email'], { error: 'type must be one of: unit, text, phone, email' }),
    required: z.boolean({ error: 'required: write true or false' }),
  })
  .strict();

const formSchema = z
  .object({
    version: z.union([z.string().min(1), z.number()]).transform(String),
    title: z.string().trim().min(1),
    templateFileName: z.string().regex(/^[^/\\:*?"<>|]+\.xlsx$/, 'a file name ending in .xlsx, without folders, e.g. 附件1-推荐表.xlsx'),
    sheetName: z.string().regex(/^[^\\/?*[\]:]{1,31}$/, 'a sheet name is 1–31 characters without \\ / ? * [ ] :'),
    paddingRows: z.number().int().min(0).max(1000).default(20),
    headerFields: z.array(headerFieldSchema).default([]),
    columns: z.array(columnSchema).min(2, 'list the columns of the form'),
    totals: z
      .object({ label: z.string().trim().min(1), summedColumns: z.array(key).min(1) })
      .strict()
      .nullish()
      .transform((t) => t ?? null),
  })
  .strict()
  .superRefine((form, ctx) => {
    const keys = new Set<string>();
    const texts = new Map<string, string>();
    for (const [i, col] of form.columns.entries()) {
      if (keys.has(col.key)) ctx.addIssue({ code: 'custom', path: ['columns', i, 'key'], message: `key ${col.key} is used twice` });
      keys.add(col.key);
      for (const text of [col.label, ...col.aliases]) {
        const n = normalizeLabel(text);
        const owner = texts.get(n);
        if (owner && owner !== col.key) {
          ctx.addIssue({ code: 'custom', path: ['columns', i], message: `header text “${text}” also names column ${owner}; each header text may name one column only` });
        }
        texts.set(n, col.key);
      }
      if (col.key === SERIAL_COLUMN_KEY && col.type !== 'integer') {
        ctx.addIssue({ code: 'custom', path: ['columns', i, 'type'], message: 'the seq (序号) column must be of type integer' });
      }
    }
    for (const [i, summed] of (form.totals?.summedColumns ?? []).entries()) {
      const col = form.columns.find((c) => c.key === summed);
      if (!col || col.type !== 'integer') {
        ctx.addIssue({ code: 'custom', path: ['totals', 'summedColumns', i], message: `${summed} is not an integer column of this form` });
      }
    }
  });

export const formsFileSchema = z
  .object({
    forms: z
      .object({ recommendation: formSchema, report: formSchema }, { error: 'forms holds exactly two entries: recommendation and report' })
      .strict(),
  })
  .strict();

export type FormsFile = z.infer<typeof formsFileSchema>;
export type FormConfig = FormsFile['forms']['recommendation'];
