/**
 * Deadline reminders: on each day that is exactly N days before a deliverable's due date (N from
 * the campaign's `reminderDaysBefore`, Asia/Shanghai calendar), one polite reminder to every unit
 * that still owes something — nothing received, a report missing a required part, or a form
 * that needs correction. A unit that is done gets none; a held submission is the coordinator's
 * to settle, so its unit gets none either. The same unit, deliverable, deadline and day are
 * never planned twice, whatever the number of runs (the store's unique key is the real guard).
 */
import type { Campaign, DeliverableId } from '../campaign/campaign-schema.js';
import type { DigestSubmission } from './digest-input.js';
import { calendarDaysBetween, shanghaiDate } from '../time/shanghai-time.js';

/** What identifies one reminder; the store keeps one row per key. */
export interface ReminderKey {
  unit: string;
  deliverable: DeliverableId;
  /** The deadline reminded of, `YYYY-MM-DD`. */
  dueDate: string;
  /** The Asia/Shanghai day it is sent on, `YYYY-MM-DD`. */
  sentOn: string;
}

export type ReminderReason = 'missing' | 'incomplete' | 'needs_correction';

export interface PlannedReminder extends ReminderKey {
  reason: ReminderReason;
  /** Calendar days from `sentOn` to `dueDate` (0: the due day itself). */
  daysLeft: number;
  /** For `incomplete`: the required parts still missing, in Chinese. */
  missingParts: string[];
}

export interface ReminderPlanInput {
  now: Date;
  campaign: Campaign;
  /** Registry order; reminders come out in this order. */
  units: readonly string[];
  /** The current submission per unit and deliverable. */
  submissions: readonly Pick<DigestSubmission, 'unit' | 'deliverable' | 'status' | 'version' | 'missingParts'>[];
  alreadySent: readonly ReminderKey[];
}

export function reminderKeyText(k: ReminderKey): string {
  return [k.unit, k.deliverable, k.dueDate, k.sentOn].join('\u0000');
}

export function planReminders(input: ReminderPlanInput): PlannedReminder[] {
  const today = shanghaiDate(input.now);
  const seen = new Set(input.alreadySent.map(reminderKeyText));
  const current = new Map<string, ReminderPlanInput['submissions'][number]>();
  for (const s of input.submissions) {
    const key = `${s.deliverable}\u0000${s.unit}`;
    const before = current.get(key);
    if (!before || s.version > before.version) current.set(key, s);
  }
  const planned: PlannedReminder[] = [];
  for (const d of input.campaign.deliverables) {
    const daysLeft = calendarDaysBetween(today, d.due);
    if (!d.reminderDaysBefore.includes(daysLeft)) continue;
    for (const unit of input.units) {
      const s = current.get(`${d.id}\u0000${unit}`);
      const reason: ReminderReason | null = !s ? 'missing' : s.status === 'incomplete' || s.status === 'needs_correction' ? s.status : null;
      if (reason === null) continue;
      const reminder: PlannedReminder = { unit, deliverable: d.id, dueDate: d.due, sentOn: today, reason, daysLeft, missingParts: reason === 'incomplete' && s ? [...s.missingParts] : [] };
      const key = reminderKeyText(reminder);
      if (seen.has(key)) continue;
      seen.add(key);
      planned.push(reminder);
    }
  }
  return planned;
}
