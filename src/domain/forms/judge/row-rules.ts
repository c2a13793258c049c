/**
 * Rules of the report (统计表) that read several cells of one row:
 * - 线下/线上参与人次 > 0 is expected when 活动形式 includes 线下/线上 (a warning: a unit may
 *   truly have had nobody online);
 * - 报道链接 is required when 媒体报道数 > 0.
 * A rule applies only when the form has its columns and the cells it reads were readable.
 */
import type { ActivityRow } from '../types.js';
import { attendanceExpectations, columnKeys } from './column-keys.js';
import type { CellPlace } from './judge-cell.js';
import type { ProblemSink } from './problem-sink.js';

type Values = ActivityRow['values'];

export function judgeAttendance(values: Values, places: Map<string, CellPlace>, sink: ProblemSink): void {
  const activityForm = values[columnKeys.activityForm];
  if (typeof activityForm !== 'string') return;
  for (const { key, formMark } of attendanceExpectations) {
    const count = values[key];
    const place = places.get(key);
    if (!place || count !== 0 || !activityForm.includes(formMark)) continue;
    const column = place.column.label;
    sink.add('attendance.expected', { cell: place.ref, column, value: String(count) }, { where: place.where, value: count, activityForm, column });
  }
}

export function judgeReportLinks(values: Values, places: Map<string, CellPlace>, sink: ProblemSink): void {
  const count = values[columnKeys.mediaReports];
  const countPlace = places.get(columnKeys.mediaReports);
  const linksPlace = places.get(columnKeys.reportLinks);
  if (typeof count !== 'number' || count <= 0 || !countPlace || !linksPlace) return;
  // A links cell that was filled but unreadable already has its own url.invalid problem.
  if (values[columnKeys.reportLinks] !== null || sink.problems.some((p) => p.cell === linksPlace.ref)) return;
  sink.add(
    'links.requiredWithReports',
    { cell: linksPlace.ref, column: linksPlace.column.label, value: '' },
    { where: linksPlace.where, countColumn: countPlace.column.label, count },
  );
}
