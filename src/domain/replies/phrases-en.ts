/** The English reply, selected by `language: en` in the campaign. Same content as the Chinese one. */
import type { FileRole } from '../recognition/file-role.js';
import type { ReportPart } from '../recognition/report-parts.js';
import { someNames } from './name-list.js';
import type { ChangeCounts, Phrases } from './phrases.js';

const ROLE: Readonly<Record<FileRole, string>> = {
  form: 'spreadsheet',
  summary: 'written summary',
  media_photo_video: 'photos / videos',
  press: 'media coverage',
  other: 'other file',
};

const PART: Readonly<Record<ReportPart, string>> = {
  table: 'statistics table',
  summary: 'written summary',
  media: 'photos or videos',
  press: 'media coverage',
};

const join = (items: readonly string[]): string => items.join(', ');
const names = (list: readonly string[]): string => someNames(list, 10, join, (n) => ` and ${n} more`);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function changes(c: ChangeCounts, previous: number): string {
  const parts: string[] = [];
  if (c.fixed > 0) parts.push(`${plural(c.fixed, 'problem')} fixed`);
  if (c.newProblems > 0) parts.push(`${plural(c.newProblems, 'new problem')}`);
  if (c.rowsAdded.length > 0) parts.push(`${plural(c.rowsAdded.length, 'row')} added (${names(c.rowsAdded)})`);
  if (c.rowsRemoved.length > 0) parts.push(`${plural(c.rowsRemoved.length, 'row')} removed (${names(c.rowsRemoved)})`);
  if (parts.length === 0) return `Compared with version ${previous}, neither the activities nor the problems found have changed.`;
  return `Compared with version ${previous}: ${parts.join('; ')}.`;
}

export const enPhrases: Phrases = {
  subject: (kind, unit, what, needsFixing, reference) =>
    kind === 'acknowledgement'
      ? `[Receipt] ${unit}: ${what} received [${reference}]`
      : `[${needsFixing ? 'Correction needed' : 'Materials missing'}] ${unit}: ${what} [${reference}]`,
  deliverableShort: (id) => (id === 'recommendation' ? 'recommendation form' : 'activity report'),
  nothingShort: 'submission',
  join,
  sentenceGap: ' ',
  greeting: (unit) => `Dear colleagues of ${unit},`,
  received: (time, reference, version) =>
    `We received your submission at ${time} (Beijing time), reference ${reference}${version > 1 ? `, version ${version}` : ''}.`,
  verdict: (kind) =>
    kind === 'acknowledgement'
      ? 'It has been checked and accepted. Details follow.'
      : 'It has been checked and needs some corrections or additions, listed below. Please resubmit as described at the end.',
  filesHeading: 'Files received',
  linksHeading: 'Download links received',
  noFiles: 'The mail had no attachments.',
  role: (role) => ROLE[role],
  paren: (text) => ` (${text})`,
  status: (status) =>
    ({
      accepted: { label: 'Accepted', tone: 'ok' as const },
      accepted_with_warnings: { label: 'Accepted (with suggestions, see below)', tone: 'ok' as const },
      needs_correction: { label: 'Needs correction', tone: 'error' as const },
      incomplete: { label: 'Incomplete: materials missing', tone: 'warn' as const },
    })[status],
  statusSentence: (label) => `Result: ${label}.`,
  activities: (count) => (count > 0 ? `${count} ${count === 1 ? 'activity' : 'activities'} read.` : 'No activities were read.'),
  late: (due, time) =>
    `This item was due on ${due} and your mail arrived at ${time}, after the deadline. It has been accepted and recorded as usual. Thank you for your contribution!`,
  errorsHeading: 'To correct (required for acceptance):',
  warningsHeading: 'Suggestions (accepted as is; please check):',
  omitted: (count, annotated) =>
    `${plural(count, 'more problem')} not listed here; ${annotated ? 'the annotated spreadsheet attached marks all of them' : 'please check the whole sheet for problems like those above'}.`,
  missingParts: (labels) =>
    `Still missing: ${join(labels)}. Please reply to this mail with them attached; what we already received is kept, there is no need to send it again.`,
  reportPart: (part) => PART[part],
  notReported: 'These activities are in your recommendation form but not in your report (for your information; nothing to do if they were not held):',
  mailProblemsHeading: 'The mail and its attachments',
  nothingFound: 'We found no recommendation form, report or related material in your mail. Please check that the files are attached and reply to this mail with them.',
  changes,
  annotated: (files) =>
    `The attachment “${join(files)}” is a copy of your spreadsheet: cells to correct are marked red, suggestions yellow, and each has a comment explaining the problem.`,
  resubmit: (kind) =>
    kind === 'correction_request'
      ? 'How to resubmit: correct your original spreadsheet (not the annotated copy), then reply to this mail with the complete corrected file (.xlsx) attached; no new mail is needed. The latest version counts, and you will receive the result of the new check.'
      : 'To update your submission, reply to this mail with the complete new file attached; the latest version counts.',
  problemsLanguageNote: 'Problem descriptions are quoted in Chinese, as on the forms.',
  footer: (name, address, reference) =>
    `This mail was sent automatically. Please keep the reference [${reference}] in the subject when replying. Questions: ${name} (${address}).`,
  signature: (campaign) => `${campaign} — submissions desk`,
};
