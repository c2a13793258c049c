/**
 * composeDigest: the coordinator's daily mail, composed purely from what the store read.
 * The caller attaches `renderProgressChart(result.figures)` under Content-ID
 * `PROGRESS_CHART_CID` and the merged workbook; this function touches no clock and no I/O.
 */
import type { BoardRow } from './board.js';
import type { DigestInput } from './digest-input.js';
import { renderDigestHtml } from './digest-html.js';
import { renderDigestText } from './digest-text.js';
import { buildDigestView, type DigestOptions } from './digest-view.js';
import type { DeliverableFigures } from './figures.js';
import type { NeedsYouEntry } from './needs-you.js';

export interface ComposedDigest {
  subject: string;
  html: string;
  text: string;
  figures: DeliverableFigures[];
  board: BoardRow[];
  needsYou: NeedsYouEntry[];
}

export function composeDigest(input: DigestInput, options: DigestOptions = {}): ComposedDigest {
  const view = buildDigestView(input, options);
  return {
    subject: view.subject,
    html: renderDigestHtml(view),
    text: renderDigestText(view),
    figures: view.figures,
    board: view.board,
    needsYou: view.needsYou,
  };
}
