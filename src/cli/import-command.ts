/**
 * `inbox-worker import <file.eml | dir | mbox>...`: backfill through the same intake path as the
 * watcher (store, then queue ingest). A running `inbox-worker start` processes what is queued.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { App } from '../app/build-app.js';
import { looksLikeMbox, splitMbox } from './mbox.js';

export interface ImportSummary {
  files: number;
  stored: number;
  duplicates: number;
  failed: { file: string; error: string }[];
}

export async function importMessages(app: App, inputs: string[]): Promise<ImportSummary> {
  const summary: ImportSummary = { files: 0, stored: 0, duplicates: 0, failed: [] };
  const takeFile = async (file: string, label: string) => {
    summary.files += 1;
    try {
      const r = await app.intake.take({ source: fs.createReadStream(file), origin: 'import', mailbox: null, uidValidity: null, uid: null, internalDate: null });
      if (r.duplicate) summary.duplicates += 1;
      else summary.stored += 1;
    } catch (err) {
      summary.failed.push({ file: label, error: err instanceof Error ? err.message : String(err) });
    }
  };
  for (const input of inputs) {
    for (const file of await expand(input)) {
      if (await looksLikeMbox(file)) {
        let n = 0;
        for await (const part of splitMbox(file)) await takeFile(part, `${file}#${++n}`);
      } else {
        await takeFile(file, file);
      }
    }
  }
  return summary;
}

/** A directory means every `.eml` and `.mbox` below it, in a stable order. */
async function expand(input: string): Promise<string[]> {
  const stat = await fsp.stat(input);
  if (!stat.isDirectory()) return [input];
  const out: string[] = [];
  for (const entry of await fsp.readdir(input, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.(eml|mbox)$/i.test(entry.name)) out.push(path.join(entry.parentPath, entry.name));
  }
  return out.sort();
}
