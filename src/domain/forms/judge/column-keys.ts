/**
 * Column keys that rules beyond a single cell refer to. They are the stable keys of
 * config/forms.yaml ("key … 请勿修改"); a rule whose columns a form lacks simply does not apply.
 */
export const columnKeys = {
  name: 'name',
  activityForm: 'activityForm',
  startDate: 'startDate',
  endDate: 'endDate',
  offlineAttendance: 'offlineAttendance',
  onlineAttendance: 'onlineAttendance',
  mediaReports: 'mediaReports',
  reportLinks: 'reportLinks',
} as const;

/** Which attendance column an activity form calls for: 线下 → offline, 线上 → online (线上线下: both). */
export const attendanceExpectations = [
  { key: columnKeys.offlineAttendance, formMark: '线下' },
  { key: columnKeys.onlineAttendance, formMark: '线上' },
] as const;
