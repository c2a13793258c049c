/**
 * Store intake: createIntake storing raw messages (blob written and fsynced, header read back,
 * row inserted) into SQLite, with a no-op enqueue; and the store layer alone (recordStored through
 * Kysely). Both against bare better-sqlite3 inserts of the same rows into a table of the same
 * shape (bench/README.md, "Reference ceilings": ~60,000 inserts/s).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import SQLite from 'better-sqlite3';
import pino from 'pino';
import { createBlobStore } from '../src/adapters/blobs/blob-store.js';
import { messageIdOf } from '../src/domain/mail/message-id.js';
import { createIntake } from '../src/stages/intake/intake.js';
import type { NewStoredMessage } from '../src/adapters/store/message-repo.js';
import { openStore } from '../src/adapters/store/store.js';
import { compareRates, elapsedMs, type Rates } from './measure.js';

export interface IntakeRates {
  intake: Rates;
  storeLayer: Rates;
}

/** The messages table as migration 001 makes it, for the bare inserts. */
const BARE_SCHEMA = `
CREATE TABLE messages (id TEXT PRIMARY KEY, dedupe_key TEXT NOT NULL UNIQUE, raw_sha256 TEXT NOT NULL, size INTEGER NOT NULL,
  source TEXT NOT NULL, mailbox TEXT, uid_validity TEXT, uid INTEGER, internal_date TEXT, stored_at TEXT NOT NULL, state TEXT NOT NULL,
  kind TEXT, kind_reason TEXT, message_id TEXT, from_address TEXT, from_name TEXT, subject TEXT, sent_at TEXT, received_at TEXT,
  in_reply_to TEXT, parsed_json TEXT, ingest_error TEXT, ingested_at TEXT);
CREATE INDEX messages_state ON messages(state);
CREATE INDEX messages_message_id ON messages(message_id);`;

/** The same mail under a new Message-ID, so each copy is a new message to intake. */
function renamed(raw: Buffer, messageId: string, next: string): Buffer {
  return Buffer.from(raw.toString('latin1').replace(messageId, next), 'latin1');
}

function rowFor(raw: Buffer, messageId: string, at: string): NewStoredMessage {
  const dedupeKey = `mid:${messageIdOf(messageId)}`;
  return {
    id: createHash('sha256').update(dedupeKey).digest('hex'),
    dedupeKey,
    rawSha256: createHash('sha256').update(raw).digest('hex'),
    size: raw.length,
    source: 'import',
    mailbox: null,
    uidValidity: null,
    uid: null,
    internalDate: null,
    storedAt: at,
  };
}

export async function benchIntake(mail: { raw: Buffer; messageId: string }, perRun: number, runs: number): Promise<IntakeRates> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-bench-intake-'));
  const store = await openStore({ dataDir: path.join(dir, 'store') });
  const bare = new SQLite(path.join(dir, 'bare.sqlite'));
  try {
    // The same pragmas as src/adapters/store/database.ts, so the two databases differ only in the layer above.
    bare.pragma('journal_mode = WAL');
    bare.pragma('synchronous = NORMAL');
    bare.pragma('foreign_keys = ON');
    bare.exec(BARE_SCHEMA);
    const insert = bare.prepare(`INSERT INTO messages (id, dedupe_key, raw_sha256, size, source, mailbox, uid_validity, uid, internal_date, stored_at, state)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'stored') ON CONFLICT (dedupe_key) DO NOTHING`);
    const at = new Date('2025-05-03T02:00:00Z').toISOString();

    // Every side of every run gets messages of its own: a second insert of a key would be a no-op.
    const batch = (side: string, run: number): { raws: Buffer[]; rows: NewStoredMessage[] } => {
      const ids = Array.from({ length: perRun }, (_, i) => `<bench-${side}-${run + 1}-${i}@mail.example.edu.cn>`);
      const raws = ids.map((id) => renamed(mail.raw, mail.messageId, id));
      return { raws, rows: raws.map((raw, i) => rowFor(raw, ids[i]!, at)) };
    };
    const bareInserts = (run: number, side: string): Promise<number> => {
      const { rows } = batch(side, run);
      return elapsedMs(async () => {
        for (const r of rows) insert.run(r.id, r.dedupeKey, r.rawSha256, r.size, r.source, r.mailbox, r.uidValidity, r.uid, r.internalDate, r.storedAt);
      });
    };

    const intake = createIntake({
      blobs: createBlobStore(path.join(dir, 'blobs')),
      messages: store.messages,
      enqueueIngest: async () => undefined,
      now: () => new Date(at),
      logger: pino({ level: 'silent' }),
    });
    const intakeRates = await compareRates(perRun, runs, (run) => bareInserts(run, 'bare-a'), async (run) => {
      const { raws } = batch('intake', run);
      return elapsedMs(async () => {
        for (const raw of raws) {
          const { duplicate } = await intake.take({ source: Readable.from([raw]), origin: 'import', mailbox: null, uidValidity: null, uid: null, internalDate: null });
          if (duplicate) throw new Error('bench intake: a message was taken as a duplicate; the inputs are not distinct');
        }
      });
    });
    const storeRates = await compareRates(perRun, runs, (run) => bareInserts(run, 'bare-b'), async (run) => {
      const { rows } = batch('repo', run);
      return elapsedMs(async () => {
        for (const row of rows) await store.messages.recordStored(row);
      });
    });
    return { intake: intakeRates, storeLayer: storeRates };
  } finally {
    bare.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
