/**
 * The digest at national scale (issue 13): 10,000 units and 50,000 judged mails (versions of
 * 20,000 submissions: every unit's recommendation and report, 2–3 versions each) and a reminder
 * sent to every unit that day, on PostgreSQL;
 * times what the digest job does before it builds the mail — every store read of
 * collectDigestInput, then composeDigest. A bench row, not a timed test.
 *
 *   node --import tsx bench/digest-bench.ts [--pg URL] [--units 10000] [--mails 50000] [--runs 3]
 *
 * The rows are written with bulk INSERTs (not through recordJudgement) into a schema of their
 * own, dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openStore } from '../src/adapters/store/store.js';
import { createDigestRepo } from '../src/adapters/store/digest-repo.js';
import { composeDigest } from '../src/domain/digest/index.js';
import { collectDigestInput } from '../src/stages/digest/collect-digest-input.js';
import { storeCampaign } from '../test/stages/digest/store-seed.js';

const { values: args } = parseArgs({ options: {
  pg: { type: 'string', default: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  units: { type: 'string', default: '10000' }, mails: { type: 'string', default: '50000' }, runs: { type: 'string', default: '3' },
} });
const unitCount = Number(args.units);
const mailCount = Number(args.mails);
const schema = `bench_${randomBytes(5).toString('hex')}`;
const admin = new pg.Client({ connectionString: args.pg });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-bench-'));
const store = await openStore({ dataDir, databaseUrl: args.pg, pgSchema: schema });
try {
  const units = Array.from({ length: unitCount }, (_, i) => `单位${String(i + 1).padStart(5, '0')}`);
  const campaign = storeCampaign();
  const seeded = Date.now();
  await seed(units);
  const seedMs = Date.now() - seeded;
  const digests = createDigestRepo(store.db);
  const now = new Date('2025-06-01T02:00:00Z');
  const times: { collect: number; compose: number }[] = [];
  let textKb = 0;
  for (let r = 0; r < Number(args.runs) + 1; r++) {
    const t0 = performance.now();
    const input = await collectDigestInput({ campaign, units, digests }, now);
    const t1 = performance.now();
    const digest = composeDigest({ ...input, draftsWaiting: 0, learnedAddresses: [] });
    const t2 = performance.now();
    textKb = Math.round((digest.text.length + digest.html.length) / 1024);
    if (r > 0) times.push({ collect: t1 - t0, compose: t2 - t1 }); // the first run warms the JIT and PostgreSQL's caches
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const c = median(times.map((t) => t.collect));
  const k = median(times.map((t) => t.compose));
  const total = median(times.map((t) => t.collect + t.compose));
  console.log(`digest on PostgreSQL: ${unitCount} units, ${mailCount} judged mails (seeded in ${(seedMs / 1000).toFixed(1)} s)`);
  console.log(`| collect (store reads) | compose | total | runs | text+html | load |`);
  console.log(`|---|---|---|---|---|---|`);
  console.log(`| ${c.toFixed(0)} ms | ${k.toFixed(0)} ms | ${total.toFixed(0)} ms (median; range ${Math.min(...times.map((t) => t.collect + t.compose)).toFixed(0)}–${Math.max(...times.map((t) => t.collect + t.compose)).toFixed(0)}) | ${times.length} | ${textKb} KB | ${os.loadavg().map((l) => l.toFixed(1)).join(', ')} |`);
} finally {
  await store.close();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/** Every unit's two submissions, the mails spread over them; a mail in 50 held, every 7th version with problems. */
async function seed(units: string[]): Promise<void> {
  const deliverables = ['recommendation', 'report'] as const;
  const subs = units.flatMap((unit, u) => deliverables.map((d, j) => ({ id: `s${u}-${j}`, unit, deliverable: d, versions: 0 })));
  const messages = [];
  const versions = [];
  const problems = [];
  const day = (i: number) => new Date(Date.UTC(2025, 4, 1) + (i % 30) * 86400_000 + i * 1000).toISOString();
  for (let i = 0; i < mailCount; i++) {
    const sub = subs[i % subs.length]!;
    sub.versions += 1;
    const id = `m${i}`;
    const held = i % 50 === 49;
    messages.push({ id, dedupe_key: id, raw_sha256: 'x'.repeat(64), size: 40_000, source: 'imap', mailbox: 'INBOX', uid_validity: '1', uid: i + 1, internal_date: day(i), stored_at: day(i), state: 'done', kind: 'submission', kind_reason: null, message_id: `<${id}@example.edu>`, from_address: `u${i % units.length}@example.edu`, from_name: null, subject: `${sub.unit} 报送材料`, sent_at: day(i), received_at: day(i), in_reply_to: null, parsed_json: null, ingest_error: null, ingested_at: day(i) });
    const status = held ? 'held' : i % 7 === 0 ? 'needs_correction' : i % 5 === 0 ? 'incomplete' : 'accepted';
    versions.push({ id: `v${i}`, message_id: id, deliverable: sub.deliverable, submission_id: held ? null : sub.id, unit: held ? null : sub.unit, version: held ? null : sub.versions, status, late: i % 11 === 0 ? 1 : 0, received_at: day(i), detail_json: detail(sub.deliverable === 'report' && i % 3 === 0, held), error_count: status === 'needs_correction' ? 2 : 0, warning_count: i % 4 === 0 ? 1 : 0, activity_count: 3, judged_at: day(i) });
    if (held) sub.versions -= 1;
    if (status === 'needs_correction') problems.push({ version_id: `v${i}`, ordinal: 0, code: 'required', severity: 'error', form: sub.deliverable, sheet: 'Sheet1', cell: 'C7', column_name: '活动名称', value: null, message: '活动名称未填写' });
  }
  const latest = new Map<string, string>();
  versions.forEach((v) => { if (v.submission_id) latest.set(v.submission_id, v.id); });
  const rows = subs.filter((s) => latest.has(s.id)).map((s) => ({ id: s.id, unit: s.unit, deliverable: s.deliverable, reference: `ref-${s.id}`, current_version_id: latest.get(s.id)!, report_parts_json: null, created_at: day(0), updated_at: day(0) }));
  const insert = async (table: 'messages' | 'submissions' | 'submission_versions' | 'problems', all: object[]) => {
    for (let i = 0; i < all.length; i += 1000) await store.db.insertInto(table).values(all.slice(i, i + 1000) as never).execute();
  };
  await insert('messages', messages);
  await insert('submissions', rows);
  await insert('submission_versions', versions);
  await insert('problems', problems);
  // The day's reminders went to every unit (the report is due in 12 days): the digest lists them all.
  const reminders = units.map((unit, u) => ({ id: `r${u}`, purpose: 'reminder' as const, subject_key: `${unit}/report/2025-06-13/2025-06-01`, message_id: `<r${u}@example.edu>`, recipient: `u${u}@example.edu`, kind: 'reminder', title: '提醒', status: 'sent' as const, reason: null, raw_sha256: null, submission_id: null, version_ids_json: null, last_error: null, created_at: day(u), sent_at: day(u) }));
  for (let i = 0; i < reminders.length; i += 1000) await store.db.insertInto('outbox').values(reminders.slice(i, i + 1000)).execute();
  await store.db.executeQuery({ sql: 'ANALYZE', parameters: [], query: { kind: 'RawNode' } } as never).catch(() => undefined);
}

/** A version's detail as recordJudgement stores it (versionDetailCodec), with a missing report part now and then. */
function detail(missingMedia: boolean, held: boolean): string {
  return JSON.stringify({
    unitBy: held ? null : 'address', held: held ? { reason: 'unknown_unit', detail: '发件人不在单位名单中' } : null, candidates: [], files: [], reportParts: null,
    missingParts: missingMedia ? [{ part: 'media', label: '活动照片或视频' }] : [], notReported: [], sources: [], content: { form: true, part: false },
  });
}
