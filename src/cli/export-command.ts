/**
 * `inbox-worker export [--out FILE.xlsx]`: the merged workbook of every unit's current rows, as
 * attached to the digest (default file name `合并汇总表-YYYY-MM-DD.xlsx` in the current folder).
 */
import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { AppConfig } from '../config/app-config.js';
import { streamMergedWorkbook } from '../stages/digest/export-workbook.js';
import { mergedWorkbookFileName } from '../adapters/workbook/export/index.js';
import { createDigestRepo } from '../adapters/store/digest-repo.js';
import type { Database } from '../adapters/store/schema.js';

export interface ExportCommandDeps {
  config: Pick<AppConfig, 'campaign' | 'forms'>;
  store: { db: Kysely<Database> };
}

export async function runExportCommand(app: ExportCommandDeps, opts: { out?: string }, now: () => Date = () => new Date()): Promise<string> {
  const at = now();
  const file = path.resolve(opts.out ?? mergedWorkbookFileName(at));
  // Streamed to a temp name and renamed: a failed export leaves no half-written workbook behind.
  const partial = `${file}.partial`;
  const out = fs.createWriteStream(partial);
  try {
    const merged = await streamMergedWorkbook(
      {
        campaign: app.config.campaign.campaign,
        units: app.config.campaign.units.map((u) => u.name),
        definitions: app.config.forms.definitions,
        digests: createDigestRepo(app.store.db),
      },
      at,
      out,
    );
    await finished(out);
    fs.renameSync(partial, file);
    const counts = Object.entries(merged.rows).map(([form, n]) => `${form} ${n}`).join(', ') || 'no rows yet';
    return `wrote ${file} (${counts})`;
  } catch (err) {
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw err;
  }
}
