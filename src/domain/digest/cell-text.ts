/**
 * Words for one board cell and one change, shared by the HTML and the text part so that both
 * say the same facts.
 */
import type { BoardCell } from './board.js';
import type { StatusChange } from './digest-input.js';
import { DELIVERABLE_SHORT_LABELS, STATUS_LABELS } from './labels.js';
import { shortDateTime } from '../time/shanghai-time.js';

/** The chip: `已通过`, `已通过·逾期` (both facts), `需修改`, `未提交（已截止）` … */
export function cellLabel(cell: BoardCell): string {
  if (cell.status === null) return cell.overdue ? '未提交（已截止）' : '未提交';
  return cell.late ? `${STATUS_LABELS[cell.status]}·逾期` : STATUS_LABELS[cell.status];
}

/** The small print under a chip: what is wrong or missing, which version, when received. */
export function cellDetail(cell: BoardCell): string {
  if (cell.status === null || cell.receivedAt === null) return '';
  const parts: string[] = [];
  if (cell.status === 'needs_correction' && cell.errorCount > 0) parts.push(`${cell.errorCount} 处错误`);
  if (cell.status === 'accepted_with_warnings' && cell.warningCount > 0) parts.push(`${cell.warningCount} 条提示`);
  if (cell.missingParts.length > 0) parts.push(`缺${cell.missingParts.join('、')}`);
  if (cell.version !== null && cell.version > 1) parts.push(`第${cell.version}版`);
  parts.push(`${shortDateTime(cell.receivedAt)} 收到`);
  return parts.join('，');
}

export function changeText(change: StatusChange): string {
  const what = DELIVERABLE_SHORT_LABELS[change.deliverable];
  const from = change.from === null ? '首次提交' : STATUS_LABELS[change.from];
  return `${change.unit} ${what}：${from} → ${STATUS_LABELS[change.to]}`;
}
