/** Everything the worker is configured with, read once at start and frozen. */
import { formContext, loadFormDefinitions } from './form-definitions.js';
import type { FormContext, FormDefinition, FormId } from '../domain/forms/types.js';
import { readEnv, type RuntimeEnv } from './env.js';
import { deepFreeze, loadCampaignConfig, type CampaignConfig } from './load-config.js';

export interface AppConfig {
  env: RuntimeEnv;
  campaign: CampaignConfig;
  forms: { definitions: Readonly<Record<FormId, FormDefinition>>; context: FormContext };
}

export function loadAppConfig(source: NodeJS.ProcessEnv = process.env, configDirOverride?: string): AppConfig {
  const env = readEnv(source);
  const dir = configDirOverride ?? env.configDir;
  return deepFreeze({ env: { ...env, configDir: dir }, ...loadJudgementConfig(dir) });
}

/** The config files alone (no environment): what `inbox-worker check` needs to judge offline. */
export function loadJudgementConfig(dir: string): Pick<AppConfig, 'campaign' | 'forms'> {
  const campaign = loadCampaignConfig(dir);
  return deepFreeze({
    campaign,
    forms: { definitions: loadFormDefinitions(dir, campaign.campaign), context: formContext(campaign.campaign) },
  });
}
