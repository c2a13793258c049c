/**
 * The body of a reply as blocks: what was received, the verdict per deliverable with its problems
 * (grouped by form, in reading order), what is still missing, lateness, what changed since the
 * previous version, and how to resubmit. Every unit-controlled string (file names, cell values,
 * activity names, links) enters as plain text and is escaped by the HTML renderer.
 */
import type { Problem } from '../forms/problem.js';
import { shanghaiDateTime } from '../time/shanghai-time.js';
import type { Phrases, ReplyKind } from './phrases.js';
import { listProblems } from './problem-order.js';
import type { Block, Inline } from './reply-blocks.js';
import type { DeliverableOutcome, ReplyInput } from './reply-input.js';

export interface BodyOptions {
  /** Problems listed per group before the rest are only counted. @defaultValue 50 */
  maxProblems: number;
  /** Names listed for "recommended but not reported". @defaultValue 30 */
  maxNames: number;
}

function problemLine(p: Problem): Inline[] {
  return p.cell ? [{ code: p.cell }, ' ', p.message] : [p.message];
}

function problemBlocks(problems: readonly Problem[], t: Phrases, annotated: boolean, max: number): Block[] {
  const listing = listProblems(problems, max);
  const blocks: Block[] = [];
  if (listing.errors.length > 0) {
    blocks.push({ type: 'heading', content: [t.errorsHeading], tone: 'error' });
    blocks.push({ type: 'list', ordered: true, items: listing.errors.map(problemLine) });
  }
  if (listing.warnings.length > 0) {
    blocks.push({ type: 'heading', content: [t.warningsHeading], tone: 'warn' });
    blocks.push({ type: 'list', ordered: true, items: listing.warnings.map(problemLine) });
  }
  if (listing.omitted > 0) blocks.push({ type: 'note', content: [t.omitted(listing.omitted, annotated)] });
  return blocks;
}

function receivedBlocks(input: ReplyInput, t: Phrases): Block[] {
  const blocks: Block[] = [{ type: 'heading', content: [t.filesHeading], tone: 'plain' }];
  if (input.files.length === 0) blocks.push({ type: 'paragraph', content: [t.noFiles] });
  else blocks.push({ type: 'list', ordered: false, items: input.files.map((f) => [f.filename, t.paren(t.role(f.role))]) });
  if (input.links.length > 0) {
    blocks.push({ type: 'heading', content: [t.linksHeading], tone: 'plain' });
    const items = input.links.map((l): Inline[] => [...(l.label ? [`${l.label} `] : []), { link: l.url }, ' ', t.paren(t.role(l.role)).trim()]);
    blocks.push({ type: 'list', ordered: false, items });
  }
  return blocks;
}

function deliverableBlocks(d: DeliverableOutcome, input: ReplyInput, t: Phrases, options: BodyOptions): Block[] {
  const status = t.status(d.status);
  const blocks: Block[] = [
    { type: 'heading', content: [`【${t.deliverableShort(d.deliverable)}】${d.title}`], tone: 'plain' },
    { type: 'paragraph', content: [{ strong: t.statusSentence(status.label) }, ...(d.activities > 0 ? [t.sentenceGap, t.activities(d.activities)] : [])] },
  ];
  if (d.late) blocks.push({ type: 'paragraph', content: [t.late(d.due, shanghaiDateTime(input.receivedAt))] });
  blocks.push(...problemBlocks(d.problems, t, input.annotatedAttachments.length > 0, options.maxProblems));
  if (d.missingParts.length > 0) {
    blocks.push({ type: 'paragraph', content: [{ strong: t.missingParts(d.missingParts.map((m) => t.reportPart(m.part))) }] });
  }
  if (d.notReported.length > 0) {
    const shown = d.notReported.slice(0, options.maxNames);
    const rest = d.notReported.length - shown.length;
    blocks.push({ type: 'paragraph', content: [t.notReported] });
    blocks.push({ type: 'list', ordered: false, items: [...shown.map((n) => [n]), ...(rest > 0 ? [[`… +${rest}`]] : [])] });
  }
  return blocks;
}

export function buildReplyBlocks(input: ReplyInput, kind: ReplyKind, t: Phrases, options: BodyOptions): Block[] {
  const blocks: Block[] = [
    { type: 'paragraph', content: [t.greeting(input.unitName)] },
    { type: 'paragraph', content: [t.received(shanghaiDateTime(input.receivedAt), input.reference, input.version), t.sentenceGap, t.verdict(kind)] },
    ...receivedBlocks(input, t),
    { type: 'rule' },
  ];
  for (const d of input.deliverables) blocks.push(...deliverableBlocks(d, input, t, options));

  const mailProblems = input.mailProblems ?? [];
  if (mailProblems.length > 0) {
    blocks.push({ type: 'heading', content: [t.mailProblemsHeading], tone: 'plain' });
    blocks.push(...problemBlocks(mailProblems, t, false, options.maxProblems));
  } else if (input.deliverables.length === 0) {
    blocks.push({ type: 'paragraph', content: [{ strong: t.nothingFound }] });
  }

  if (input.changes && input.version > 1) {
    const c = input.changes;
    const counts = { fixed: c.fixed.length, newProblems: c.newProblems.length, rowsAdded: c.rowsAdded, rowsRemoved: c.rowsRemoved };
    blocks.push({ type: 'paragraph', content: [{ strong: t.changes(counts, input.version - 1) }] });
  }

  blocks.push({ type: 'rule' });
  if (input.annotatedAttachments.length > 0) blocks.push({ type: 'paragraph', content: [t.annotated(input.annotatedAttachments)] });
  blocks.push({ type: 'paragraph', content: [{ strong: t.resubmit(kind) }] });
  const anyProblem = mailProblems.length > 0 || input.deliverables.some((d) => d.problems.length > 0);
  if (anyProblem && t.problemsLanguageNote) blocks.push({ type: 'note', content: [t.problemsLanguageNote] });
  blocks.push({ type: 'note', content: [t.footer(input.contact.name, input.contact.address, input.reference)] });
  blocks.push({ type: 'paragraph', content: [t.signature(input.campaignName)] });
  return blocks;
}
