/** The shipped config, loaded once per test file (no module-level state in src/). */
import { loadCampaignConfig } from '../../../src/config/load-config.js';
import { loadFormDefinitions } from '../../../src/config/form-definitions.js';

export function shippedForms() {
  const { campaign } = loadCampaignConfig('config');
  const defs = loadFormDefinitions('config', campaign);
  return { campaign, defs, both: [defs.recommendation, defs.report] };
}
