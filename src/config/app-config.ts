/** Everything the worker is configured with, read once at start and frozen. */
import { loadCampaignConfig, type CampaignConfig } from './load-config.js';
import { readEnv, type RuntimeEnv } from './env.js';

export interface AppConfig {
  env: RuntimeEnv;
  campaign: CampaignConfig;
}

export function loadAppConfig(source: NodeJS.ProcessEnv = process.env, configDirOverride?: string): AppConfig {
  const env = readEnv(source);
  const dir = configDirOverride ?? env.configDir;
  return Object.freeze({ env: Object.freeze({ ...env, configDir: dir }), campaign: loadCampaignConfig(dir) });
}
