/**
 * Reads the coordinator-editable YAML files, validates them and freezes the result.
 * A mistake becomes one ConfigError that lists every problem as `file: field: fix`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { campaignSchema, unitsSchema, type Campaign, type Unit } from '../domain/campaign/campaign-schema.js';
import { ConfigError } from './config-error.js';

export interface CampaignConfig {
  campaign: Campaign;
  units: readonly Unit[];
  /** Where the files were read from, for messages and for `check --config`. */
  dir: string;
}

export function loadCampaignConfig(dir: string): CampaignConfig {
  const campaign = readYaml(dir, 'campaign.yaml', campaignSchema);
  const registry = readYaml(dir, 'units.yaml', unitsSchema);
  return deepFreeze({ campaign, units: registry.units, dir });
}

/** Parses one YAML file against a schema; exported so other config files (forms) share the messages. */
export function readYaml<S extends z.ZodType>(dir: string, file: string, schema: S): z.infer<S> {
  const full = path.join(dir, file);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new ConfigError(`${full}: cannot be read: ${(err as Error).message}`, { cause: err });
    throw new ConfigError(`${full}: file not found. Copy it from the project's config/ folder, or set INBOX_CONFIG_DIR to the folder that holds it.`);
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(`${full}: not valid YAML:\n${doc.errors.map((e) => `  ${e.message}`).join('\n')}`);
  }
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${file}: ${describePath(i.path)}: ${i.message}`);
    throw new ConfigError(`${full} has ${lines.length} mistake(s):\n${lines.join('\n')}`);
  }
  return parsed.data;
}

function describePath(p: readonly PropertyKey[]): string {
  if (p.length === 0) return '(top level)';
  return p.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i === 0 ? '' : '.'}${String(k)}`)).join('');
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
