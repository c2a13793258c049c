/**
 * Codecs for the JSON the store keeps in text columns. Every read of a stored JSON shape goes
 * through its codec, so a row written by an older release or edited by hand is a clear error
 * naming the column, never a value of the wrong shape travelling on. Objects are read loosely
 * (fields a newer release added are kept); the fields the code relies on are checked.
 * Unions the domain may grow (kinds, reasons, roles) are checked as strings: a stored value
 * from a newer release must not make an older row unreadable.
 */
import { z } from 'zod';
import type { VersionContent } from '../../domain/submissions/current-version.js';
import type { FormJudgement } from '../../domain/forms/types.js';
import type { Classification, ParsedMessage } from '../../domain/mail/message.js';
import type { ClassifiedFile, MissingReportPart, ReportParts } from '../../domain/recognition/index.js';
import type { DeliverableVerdict, SubmissionJudgement } from '../../domain/submissions/judge-submission.js';

const text = <T extends string>() => z.custom<T>((v) => typeof v === 'string');
const address = z.looseObject({ address: z.string(), name: z.string() });

const attachment = z.looseObject({
  part: z.string(),
  filename: z.string(),
  declaredType: z.string(),
  sniffedType: z.string(),
  size: z.number(),
  sha256: z.string(),
  nestedIn: z.string().nullable(),
});

const link = z.looseObject({ url: z.string(), kind: text<ParsedMessage['links'][number]['kind']>(), provider: z.string().nullable(), label: z.string().nullable() });

const parsedMessage: z.ZodType<ParsedMessage> = z.looseObject({
  messageId: z.string().nullable(),
  from: address,
  replyTo: z.array(address),
  to: z.array(address),
  cc: z.array(address),
  subject: z.string(),
  sentAt: z.string().nullable(),
  receivedAt: z.string().nullable(),
  inReplyTo: z.string().nullable(),
  references: z.array(z.string()),
  text: z.string(),
  attachments: z.array(attachment),
  links: z.array(link),
  headers: z.record(z.string(), z.string()),
  topContentType: z.string(),
  parseWarnings: z.array(z.string()),
  deliveryStatus: z.string().nullable().optional(),
  returnedMessageIds: z.array(z.string()).optional(),
});

const classification: z.ZodType<Classification> = z.looseObject({
  kind: text<Classification['kind']>(),
  reason: z.string(),
  bounce: z.looseObject({ recipient: z.string().nullable(), status: z.string().nullable(), permanent: z.boolean(), originalMessageIds: z.array(z.string()).optional() }).optional(),
  reportsOn: z.enum(['delay', 'read_receipt']).optional(),
});

const reportParts: z.ZodType<ReportParts> = z.looseObject({ table: z.boolean(), summary: z.boolean(), media: z.boolean(), press: z.boolean() });
const missingPart: z.ZodType<MissingReportPart> = z.looseObject({ part: text<MissingReportPart['part']>(), label: z.string() });
const classifiedFile: z.ZodType<ClassifiedFile> = z.looseObject({
  source: text<ClassifiedFile['source']>(),
  part: z.string().nullable(),
  name: z.string(),
  role: text<ClassifiedFile['role']>(),
  url: z.string().nullable(),
});

/** What a version keeps of its judgement beside its columns. */
export interface VersionDetail {
  unitBy: SubmissionJudgement['unitBy'];
  held: SubmissionJudgement['held'];
  candidates: string[];
  files: ClassifiedFile[];
  reportParts: ReportParts | null;
  missingParts: MissingReportPart[];
  notReported: string[];
  sources: DeliverableVerdict['sources'];
  /** What the mail brought (docs/trust.md); absent in versions recorded before it was kept. */
  content?: VersionContent;
}

const held: z.ZodType<NonNullable<SubmissionJudgement['held']>> = z.looseObject({ reason: text<NonNullable<SubmissionJudgement['held']>['reason']>(), detail: z.string() });

const versionDetail: z.ZodType<VersionDetail> = z.looseObject({
  unitBy: text<NonNullable<SubmissionJudgement['unitBy']>>().nullable(),
  held: held.nullable(),
  candidates: z.array(z.string()),
  files: z.array(classifiedFile),
  reportParts: reportParts.nullable(),
  missingParts: z.array(missingPart),
  notReported: z.array(z.string()),
  sources: z.array(z.looseObject({ part: z.string(), name: z.string(), sheet: z.string() })),
  content: z.looseObject({ form: z.boolean(), part: z.boolean() }).optional(),
});

const rowValues: z.ZodType<FormJudgement['rows'][number]['values']> = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

function codec<T>(column: string, schema: z.ZodType<T>) {
  return {
    decode(json: string): T {
      let value: unknown;
      try {
        value = JSON.parse(json);
      } catch (err) {
        throw new Error(`stored ${column} is not JSON: ${(err as Error).message}`, { cause: err });
      }
      const result = schema.safeParse(value);
      if (!result.success) throw new Error(`stored ${column} has an unexpected shape: ${z.prettifyError(result.error)}`);
      return result.data;
    },
    encode: (value: T): string => JSON.stringify(value),
  };
}

/** messages.parsed_json: what ingest read of the mail and how it classified it. */
export const ingestedMessageCodec = codec('messages.parsed_json', z.looseObject({ parsed: parsedMessage, verdict: classification }));
/** submission_versions.detail_json. */
export const versionDetailCodec = codec('submission_versions.detail_json', versionDetail);
/** submissions.report_parts_json: the report parts received so far, merged across mails. */
export const reportPartsCodec = codec('submissions.report_parts_json', reportParts);
/** activity_rows.values_json: one activity row's values by column key. */
export const rowValuesCodec = codec('activity_rows.values_json', rowValues);
/** outbox.attachment_sha256_json: the SHA-256 (hex) of each file attached to a mail we wrote. */
export const attachmentDigestsCodec = codec('outbox.attachment_sha256_json', z.array(z.string()));
