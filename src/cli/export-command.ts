/**
 * `inbox-worker export [--out FILE.xlsx]`: the merged workbook of every unit's current rows, as
 * attached to the digest (default file name `合并汇总表-YYYY-MM-DD.xlsx` in the current folder).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { AppConfig } from '../config/app-config.js';
import { exportMergedWorkbook } from '../stages/digest/export-workbook.js';
import { createDigestRepo } from '../adapters/store/digest-repo.js';
import type { Database } from '../adapters/store/schema.js';

export interface ExportCommandDeps {
  config: Pick<AppConfig, 'campaign' | 'forms'>;
  store: { db: Kysely<Database> };
}

export async function runExportCommand(app: ExportCommandDeps, opts: { out?: string }, now: () => Date = () => new Date()): Promise<string> {
  const at = now();
  const merged = await exportMergedWorkbook(
    {
      campaign: app.config.campaign.campaign,
      units: app.config.campaign.units.map((u) => u.name),
      definitions: app.config.forms.definitions,
      digests: createDigestRepo(app.store.db),
    },
    at,
  );
  const file = path.resolve(opts.out ?? merged.fileName);
  await fs.writeFile(file, merged.content);
  const counts = Object.entries(merged.rows).map(([form, n]) => `${form} ${n}`).join(', ') || 'no rows yet';
  return `wrote ${file} (${counts})`;
}
