/**
 * Headline figures per deliverable: how many units are done, pending or missing, and how many
 * days are left. done + pending + missing = the number of units in the registry.
 */
import type { Campaign, DeliverableId } from '../campaign/campaign-schema.js';
import { submissionKey, type CurrentSubmissions } from './current-submissions.js';
import { countdownText, DELIVERABLE_SHORT_LABELS } from './labels.js';
import { calendarDaysBetween, shanghaiDate } from '../time/shanghai-time.js';

export interface DeliverableFigures {
  deliverable: DeliverableId;
  /** Short name, e.g. `推荐表`. */
  label: string;
  /** The campaign's title of the deliverable. */
  title: string;
  /** `YYYY-MM-DD`, inclusive (Asia/Shanghai). */
  due: string;
  /** Calendar days from today to the due day in Asia/Shanghai; 0 on the due day, negative after. */
  daysLeft: number;
  /** `还剩 N 天` / `今天截止` / `已截止 N 天`. */
  countdown: string;
  total: number;
  /** accepted + accepted_with_warnings (late ones included). */
  done: number;
  /** Received but not done: needs_correction + incomplete + held. */
  pending: number;
  /** No submission at all. */
  missing: number;
  accepted: number;
  acceptedWithWarnings: number;
  needsCorrection: number;
  incomplete: number;
  held: number;
  /** Current submissions received after the deadline, whatever their status. */
  late: number;
}

export function computeFigures(now: Date, campaign: Campaign, units: readonly string[], current: CurrentSubmissions): DeliverableFigures[] {
  const today = shanghaiDate(now);
  return campaign.deliverables.map((d) => {
    const counts = { accepted: 0, accepted_with_warnings: 0, needs_correction: 0, incomplete: 0, held: 0, missing: 0, late: 0 };
    for (const unit of units) {
      const s = current.get(submissionKey(unit, d.id));
      if (!s) {
        counts.missing++;
        continue;
      }
      counts[s.status]++;
      if (s.late) counts.late++;
    }
    const daysLeft = calendarDaysBetween(today, d.due);
    return {
      deliverable: d.id,
      label: DELIVERABLE_SHORT_LABELS[d.id],
      title: d.title,
      due: d.due,
      daysLeft,
      countdown: countdownText(daysLeft),
      total: units.length,
      done: counts.accepted + counts.accepted_with_warnings,
      pending: counts.needs_correction + counts.incomplete + counts.held,
      missing: counts.missing,
      accepted: counts.accepted,
      acceptedWithWarnings: counts.accepted_with_warnings,
      needsCorrection: counts.needs_correction,
      incomplete: counts.incomplete,
      held: counts.held,
      late: counts.late,
    };
  });
}
