export { buildTemplate, buildTemplateWorkbook, type TemplateOptions } from './build-template.js';
export { writeTemplates } from './write-templates.js';
export { templateLayout, columnLetter, type TemplateLayout, type HeaderFieldPlace } from './layout.js';
export { FINGERPRINT_SHEET, FINGERPRINT_MARK } from './fingerprint.js';
