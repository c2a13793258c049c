/**
 * The hidden fingerprint a template carries: a veryHidden sheet `_form` (Excel and WPS keep
 * veryHidden sheets through a save, and a unit cannot unhide one from the menu) with one row per
 * form: `formId | version | sheet`. A workbook holding both forms lists both.
 */
export const FINGERPRINT_SHEET = '_form';
export const FINGERPRINT_MARK = 'inbox-worker-form';
