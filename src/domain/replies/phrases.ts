/**
 * Every sentence a reply can say, per language. Chinese is what units read (STYLE: anything a unit
 * reads is Chinese); English is selectable in the campaign for a call with foreign partners. The
 * problems' own messages come from the form judge and stay as written there (Chinese).
 */
import type { FormId } from '../forms/types.js';
import type { FileRole } from '../recognition/file-role.js';
import type { ReportPart } from '../recognition/report-parts.js';
import { enPhrases } from './phrases-en.js';
import { zhPhrases } from './phrases-zh.js';
import type { Tone } from './reply-blocks.js';
import type { DeliverableStatus, ReplyLanguage } from './reply-input.js';

export type ReplyKind = 'acknowledgement' | 'correction_request';

export interface ChangeCounts {
  fixed: number;
  newProblems: number;
  rowsAdded: readonly string[];
  rowsRemoved: readonly string[];
}

export interface Phrases {
  subject(kind: ReplyKind, unit: string, what: string, needsFixing: boolean, reference: string): string;
  /** Short name of a deliverable for subjects and headings: 推荐表 / 统计表及材料. */
  deliverableShort(id: FormId): string;
  nothingShort: string;
  /** Joins a list of names: 、 in Chinese, `, ` in English. */
  join(items: readonly string[]): string;
  /** Between two sentences in one paragraph: nothing after a Chinese full stop, a space in English. */
  sentenceGap: string;
  greeting(unit: string): string;
  received(time: string, reference: string, version: number): string;
  verdict(kind: ReplyKind): string;
  filesHeading: string;
  linksHeading: string;
  noFiles: string;
  role(role: FileRole): string;
  /** A parenthetical after a name: （影像资料） / ` (photos / videos)`. */
  paren(text: string): string;
  status(status: DeliverableStatus): { label: string; tone: Tone };
  /** `检查结果：需要修改。` — the verdict on one deliverable, as a sentence. */
  statusSentence(label: string): string;
  activities(count: number): string;
  late(due: string, time: string): string;
  errorsHeading: string;
  warningsHeading: string;
  omitted(count: number, annotated: boolean): string;
  missingParts(labels: readonly string[]): string;
  reportPart(part: ReportPart): string;
  notReported: string;
  mailProblemsHeading: string;
  nothingFound: string;
  changes(c: ChangeCounts, previousVersion: number): string;
  annotated(files: readonly string[]): string;
  resubmit(kind: ReplyKind): string;
  /** Said once in English replies: the problem texts come from the Chinese forms. */
  problemsLanguageNote: string | null;
  footer(contactName: string, contactAddress: string, reference: string): string;
  signature(campaignName: string): string;
}

export function phrasesFor(language: ReplyLanguage): Phrases {
  return language === 'en' ? enPhrases : zhPhrases;
}

