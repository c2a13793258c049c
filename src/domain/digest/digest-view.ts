/**
 * Everything the digest says, assembled once from the input, so that the HTML part, the text
 * part and the returned data cannot disagree.
 */
import type { Campaign } from '../campaign/campaign-schema.js';
import { buildBoard, type BoardRow } from './board.js';
import { indexSubmissions } from './current-submissions.js';
import { leftAloneLine } from './left-alone.js';
import type { DigestInput, SentReminder, StatusChange, UnopenedFiles } from './digest-input.js';
import { computeFigures, type DeliverableFigures } from './figures.js';
import { oneLine } from './plain-text.js';
import { orderNeedsYou, type NeedsYouEntry } from './needs-you.js';
import { monthDay, shanghaiDate } from '../time/shanghai-time.js';
import type { LearnedAddress } from '../recognition/learned-addresses.js';
import { remindersTitle, replyModeText } from './reply-mode-text.js';

export interface DigestOptions {
  /**
   * Board rows shown in the mail (most urgent first); the rest are counted and left to the
   * attached workbook. Gmail clips an HTML body beyond ~102 KB behind "[Message clipped]", and a
   * board row costs ~0.8 KB, so 80 rows keep the digest of a 40-unit call whole with room to
   * spare. The returned board keeps all rows.
   * @defaultValue 80
   */
  maxBoardRows?: number;
  /** @defaultValue 100 */
  maxChanges?: number;
}

export interface DigestView {
  subject: string;
  campaign: Campaign;
  /** `YYYY-MM-DD`, Asia/Shanghai. */
  today: string;
  now: Date;
  figures: DeliverableFigures[];
  board: BoardRow[];
  boardShown: BoardRow[];
  needsYou: NeedsYouEntry[];
  changesShown: StatusChange[];
  changesHidden: number;
  lastDigestAt: string | null;
  remindersSentToday: SentReminder[];
  /** One line on the mail left alone, or null when there was none. */
  leftAloneLine: string | null;
  remindersTitle: string;
  /** How replies leave (`replies.mode`) and, in draft mode, how many drafts wait. */
  replyMode: string;
  learnedAddresses: LearnedAddress[];
  unopenedFiles: UnopenedFiles;
}

export function buildDigestView(input: DigestInput, options: DigestOptions = {}): DigestView {
  const current = indexSubmissions(input.units, input.submissions);
  const figures = computeFigures(input.now, input.campaign, input.units, current);
  const board = buildBoard(input.now, input.campaign, input.units, current);
  const needsYou = orderNeedsYou(input.needsYou);
  const changes = [...input.changes].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const maxChanges = options.maxChanges ?? 100;
  const today = shanghaiDate(input.now);
  return {
    subject: digestSubject(input.campaign, today, figures, needsYou.length),
    campaign: input.campaign,
    today,
    now: input.now,
    figures,
    board,
    boardShown: board.slice(0, options.maxBoardRows ?? 80),
    needsYou,
    changesShown: changes.slice(0, maxChanges),
    changesHidden: Math.max(0, changes.length - maxChanges),
    lastDigestAt: input.lastDigestAt,
    remindersSentToday: [...input.remindersSentToday],
    leftAloneLine: leftAloneLine(input.leftAlone, input.campaign.opensAt, input.lastDigestAt !== null),
    remindersTitle: remindersTitle(input.campaign.replies.mode),
    replyMode: replyModeText(input.campaign.replies.mode, input.draftsWaiting),
    learnedAddresses: [...(input.learnedAddresses ?? [])],
    unopenedFiles: input.unopenedFiles ?? { files: 0, mails: 0 },
  };
}

/** `【每日汇总】<活动> 11月24日：推荐表 28/38，统计表 5/38，待处理 3 项` — the facts fit the preview line. */
export function digestSubject(campaign: Campaign, today: string, figures: readonly DeliverableFigures[], needsYouCount: number): string {
  const counts = figures.map((f) => `${f.label} ${f.done}/${f.total}`).join('，');
  const pending = needsYouCount > 0 ? `，待处理 ${needsYouCount} 项` : '，无待处理事项';
  return `【每日汇总】${oneLine(campaign.name, 60)} ${monthDay(today)}：${counts}${pending}`;
}
