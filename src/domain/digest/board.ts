/**
 * The status board: one row per unit, one cell per deliverable, most urgent first —
 * units the coordinator or the unit must act on (needs correction, held, incomplete), then
 * units still missing something (nearest deadline first), then units that are done.
 */
import type { Campaign, DeliverableId } from '../campaign/campaign-schema.js';
import { submissionKey, type CurrentSubmissions } from './current-submissions.js';
import type { SubmissionStatus } from './digest-input.js';
import type { CellState } from './labels.js';
import { calendarDaysBetween, shanghaiDate } from '../time/shanghai-time.js';

export interface BoardCell {
  deliverable: DeliverableId;
  state: CellState;
  /** The submission's own status (kept when the state is `late`, so both facts show), or null when missing. */
  status: SubmissionStatus | null;
  /** Received after the deadline. */
  late: boolean;
  /** Nothing received and the deadline has passed. */
  overdue: boolean;
  version: number | null;
  receivedAt: string | null;
  errorCount: number;
  warningCount: number;
  missingParts: string[];
}

export type Urgency = 'attention' | 'missing' | 'done';

export interface BoardRow {
  unit: string;
  urgency: Urgency;
  /** In the campaign's deliverable order. */
  cells: BoardCell[];
}

const URGENCY_RANK: Readonly<Record<Urgency, number>> = { attention: 0, missing: 1, done: 2 };
const ATTENTION: ReadonlySet<CellState> = new Set<CellState>(['needs_correction', 'held', 'incomplete']);

export function buildBoard(now: Date, campaign: Campaign, units: readonly string[], current: CurrentSubmissions): BoardRow[] {
  const today = shanghaiDate(now);
  const dueOf = new Map(campaign.deliverables.map((d) => [d.id, d.due]));
  const rows = units.map((unit, index) => {
    const cells = campaign.deliverables.map((d): BoardCell => {
      const s = current.get(submissionKey(unit, d.id));
      if (!s) {
        const overdue = calendarDaysBetween(today, d.due) < 0;
        return { deliverable: d.id, state: 'missing', status: null, late: false, overdue, version: null, receivedAt: null, errorCount: 0, warningCount: 0, missingParts: [] };
      }
      const done = s.status === 'accepted' || s.status === 'accepted_with_warnings';
      return {
        deliverable: d.id,
        state: done && s.late ? 'late' : s.status,
        status: s.status,
        late: s.late,
        overdue: false,
        version: s.version,
        receivedAt: s.receivedAt,
        errorCount: s.errorCount,
        warningCount: s.warningCount,
        missingParts: [...s.missingParts],
      };
    });
    const attention = cells.filter((c) => ATTENTION.has(c.state));
    const missing = cells.filter((c) => c.state === 'missing');
    const urgency: Urgency = attention.length > 0 ? 'attention' : missing.length > 0 ? 'missing' : 'done';
    const focus = urgency === 'attention' ? attention : missing;
    // The nearest deadline among the cells that make the row urgent; overdue ones sort first.
    const nearestDue = focus.map((c) => dueOf.get(c.deliverable) ?? '').sort()[0] ?? '';
    return { row: { unit, urgency, cells }, index, nearestDue };
  });
  rows.sort(
    (a, b) =>
      URGENCY_RANK[a.row.urgency] - URGENCY_RANK[b.row.urgency] ||
      a.nearestDue.localeCompare(b.nearestDue) ||
      a.index - b.index,
  );
  return rows.map((r) => r.row);
}
