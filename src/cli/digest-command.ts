/**
 * `inbox-worker digest [--now] [--to ADDR] [--out FILE.html]`: the digest on demand.
 * - no option: print the text part of what the digest would say now; send nothing;
 * - `--out FILE.html`: write the HTML part with the chart inlined, to open in a browser; send nothing;
 * - `--now`: send a fresh digest now to the coordinator (co-contacts in CC);
 * - `--to ADDR`: send a fresh digest now to ADDR only.
 * An on-demand digest has its own outbox row: the scheduled one of the day is neither used up
 * nor repeated by it.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PROGRESS_CHART_CID } from '../domain/digest/index.js';
import type { DigestJob, PreparedDigest } from '../stages/digest/digest-job.js';

export interface DigestCommandOptions {
  now?: boolean;
  to?: string;
  out?: string;
}

/** The HTML part as a standalone file: the chart that the mail carries as an inline part becomes a data: URI. */
export function digestHtmlForFile(p: Pick<PreparedDigest, 'digest' | 'chart'>): string {
  return p.digest.html.split(`cid:${PROGRESS_CHART_CID}`).join(`data:image/png;base64,${p.chart.toString('base64')}`);
}

export async function runDigestCommand(job: Pick<DigestJob, 'prepare' | 'sendOnDemand'>, opts: DigestCommandOptions, now: () => Date = () => new Date()): Promise<string> {
  if (opts.to !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(opts.to)) throw new Error(`--to needs an e-mail address, got “${opts.to}”`);
  if (opts.now || opts.to) {
    const r = await job.sendOnDemand({ owner: `cli-${randomUUID()}`, ...(opts.to ? { to: opts.to.trim().toLowerCase() } : {}) });
    const verdict = r.outcome === 'sent' ? 'sent' : `not sent (${r.outcome})`;
    return `digest ${verdict}: ${r.subject}`;
  }
  const prepared = await job.prepare(now());
  if (opts.out) {
    const file = path.resolve(opts.out);
    await fs.writeFile(file, digestHtmlForFile(prepared));
    return `wrote ${file}: ${prepared.digest.subject}`;
  }
  return `Subject: ${prepared.digest.subject}\n\n${prepared.digest.text}`;
}
