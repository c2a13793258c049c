export { loadFormDefinitions, formContext, toDefinition, FORMS_FILE } from './load-form-definitions.js';
export { formsFileSchema, SERIAL_COLUMN_KEY, type FormsFile, type FormConfig } from '../domain/forms/definition/forms-schema.js';
export { normalizeLabel } from '../domain/forms/definition/normalize-label.js';
