/** Writes the blank templates of all forms into a folder (the `inbox-worker templates` command). */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Campaign } from '../../../domain/campaign/campaign-schema.js';
import type { FormDefinition, FormId } from '../../../domain/forms/types.js';
import { buildTemplate } from './build-template.js';

/** Returns the paths written, one per form. */
export async function writeTemplates(defs: Record<FormId, FormDefinition> | FormDefinition[], campaign: Campaign, outDir: string): Promise<string[]> {
  await fs.mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const def of Array.isArray(defs) ? defs : Object.values(defs)) {
    const file = path.join(outDir, def.templateFileName);
    await fs.writeFile(file, await buildTemplate(def, campaign));
    written.push(file);
  }
  return written;
}
