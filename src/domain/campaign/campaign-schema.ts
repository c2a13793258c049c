/**
 * Schema of `config/campaign.yaml` and `config/units.yaml`: what a coordinator may edit.
 * Every message here reaches a person, so each refinement says what to write instead.
 */
import { z } from 'zod';
import { DEFAULT_CALL_WORDS } from '../recognition/call-words.js';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'write a date as YYYY-MM-DD, e.g. 2025-05-06')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'not a real calendar date');

/** YAML turns an unquoted 2025-05-06 into a Date; accept both and keep the text form. */
const dateField = z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v), isoDate);

const email = z.string().trim().toLowerCase().pipe(z.email('write a full e-mail address, e.g. office@bjtu.edu.cn'));

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/, 'write a domain name without @, e.g. bjtu.edu.cn');

/**
 * `send`: the worker sends replies itself; `draft`: it writes them into the mailbox's Drafts for
 * the coordinator to check and send; `off`: it judges and reports only. A guest in a person's
 * mailbox starts careful, so an unset mode is `draft`.
 */
export const replyModes = ['send', 'draft', 'off'] as const;
export type ReplyMode = (typeof replyModes)[number];

export const deliverableIds = ['recommendation', 'report'] as const;
export type DeliverableId = (typeof deliverableIds)[number];

const markSchema = z
  .object({
    keyword: z
      .string()
      .regex(/^[$A-Za-z0-9_.-]+$/, 'an IMAP keyword is letters, digits, $ _ . - only (no spaces)')
      .optional(),
    moveTo: z.string().min(1).optional(),
  })
  .strict()
  .refine((m) => Boolean(m.keyword) !== Boolean(m.moveTo), 'set exactly one of keyword or moveTo');

/** Required: without it the worker would take years of the coordinator's mail for submissions. */
const openingDate = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
  z
    .string({ error: 'write the day the call opened (the notice went out) as YYYY-MM-DD, e.g. 2025-04-21; mail received before it is left alone' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'write a date as YYYY-MM-DD, e.g. 2025-04-21')
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'not a real calendar date'),
);

export const campaignSchema = z
  .object({
    name: z.string().min(1),
    theme: z.string().default(''),
    /**
     * The day the notice went out (Asia/Shanghai). Mail the mailbox received before it is
     * history: never taken from the mailbox, never answered, never reminded (docs/coordinator-guide.md).
     */
    opensAt: openingDate,
    /**
     * What ties a mail to the call besides a form, a reply in the worker's thread and a known
     * unit sending files: words in the subject or an attachment's name (docs/relevance.md).
     */
    relevance: z
      .object({ words: z.array(z.string().trim().min(1)).min(1, 'list at least one word, e.g. 推荐表') })
      .strict()
      .default({ words: [...DEFAULT_CALL_WORDS] }),
    mailbox: z
      .object({
        address: email,
        folder: z.string().min(1).default('INBOX'),
        mark: markSchema.default({ keyword: '$InboxWorkerTaken' }),
        sentFolder: z.string().min(1).default('Sent'),
        /** Where `draft` mode writes replies; unset: the folder the server marks \Drafts (RFC 6154), else `Drafts`. */
        draftsFolder: z.string().min(1).optional(),
        /**
         * The receiving server's authserv-id in Authentication-Results (RFC 8601): the coordinator's
         * instructions by mail are obeyed only when this server says DKIM or SPF passed, and a unit's
         * mail it marks dmarc=fail is held as a suspected forgery (docs/trust.md).
         */
        authservId: z.string().trim().min(1).nullish().transform((v) => v ?? null),
      })
      .strict(),
    coordinator: z.object({ name: z.string().min(1), address: email }).strict(),
    coContacts: z.array(z.object({ name: z.string().min(1), address: email }).strict()).default([]),
    /** Who gets the worker's alert mails (intake stalled, a password refused …); empty means the coordinator. */
    operators: z.array(email).default([]),
    allowedSenderDomains: z.array(domain).min(1, 'list at least one domain, e.g. bjtu.edu.cn'),
    activityWindow: z
      .object({ start: dateField, end: dateField })
      .strict()
      .refine((w) => w.start <= w.end, 'activityWindow.start must not be after activityWindow.end'),
    /** Activity rows judged per form; past this the unit is asked to check or split (docs/limits.md). */
    maxActivityRows: z.number().int().min(1).default(2000),
    categories: z.array(z.string().trim().min(1)).min(1),
    activityForms: z.array(z.string().trim().min(1)).min(1),
    deliverables: z
      .array(
        z
          .object({
            id: z.enum(deliverableIds, { error: `id must be one of: ${deliverableIds.join(', ')}` }),
            title: z.string().min(1),
            due: dateField,
            reminderDaysBefore: z.array(z.number().int().min(0).max(60)).default([]),
          })
          .strict(),
      )
      .min(1)
      .refine((ds) => new Set(ds.map((d) => d.id)).size === ds.length, 'each deliverable id may appear only once'),
    digest: z
      .object({
        time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'write the time as HH:MM, e.g. "08:30" (quoted)'),
      })
      .strict()
      .default({ time: '08:30' }),
    language: z.enum(['zh', 'en']).default('zh'),
    /** How replies to units (acknowledgements, correction requests, reminders) leave: docs/coordinator-guide.md. */
    replies: z
      .object({ mode: z.enum(replyModes, { error: `mode must be one of: ${replyModes.join(', ')}` }).default('draft') })
      .strict()
      .default({ mode: 'draft' }),
  })
  .strict();

export type Campaign = z.infer<typeof campaignSchema>;
export type Deliverable = Campaign['deliverables'][number];

export const unitsSchema = z
  .object({
    units: z
      .array(
        z
          .object({
            name: z.string().trim().min(1),
            aliases: z.array(z.string().trim().min(1)).nullish().transform((a) => a ?? []),
            addresses: z.array(email).nullish().transform((a) => a ?? []),
          })
          .strict(),
      )
      .min(1, 'list at least one unit'),
  })
  .strict()
  .superRefine((reg, ctx) => {
    const seen = new Map<string, string>();
    for (const [i, unit] of reg.units.entries()) {
      for (const label of [unit.name, ...unit.aliases]) {
        const owner = seen.get(label);
        if (owner && owner !== unit.name) {
          ctx.addIssue({ code: 'custom', path: ['units', i], message: `“${label}” is used by both ${owner} and ${unit.name}; a name or alias may belong to one unit only` });
        }
        seen.set(label, unit.name);
      }
    }
    const addr = new Map<string, string>();
    for (const [i, unit] of reg.units.entries()) {
      for (const a of unit.addresses) {
        const owner = addr.get(a);
        if (owner && owner !== unit.name) {
          ctx.addIssue({ code: 'custom', path: ['units', i, 'addresses'], message: `${a} is listed for both ${owner} and ${unit.name}` });
        }
        addr.set(a, unit.name);
      }
    }
  });

export type UnitRegistry = z.infer<typeof unitsSchema>;
export type Unit = UnitRegistry['units'][number];
