/**
 * Stand-ins for what the watcher's neighbours do: an in-memory state store (the real one is the
 * database, tested with it), a sink that reads the whole stream into an array, a logger whose
 * JSON lines tests can read, and message fixtures.
 */
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import type { IntakeSink, MailboxState, MailboxStateStore, RoundOutcome, TakenMessage } from '../../../src/adapters/imap/types.js';

export interface MemoryStateStore extends MailboxStateStore {
  states: Map<string, MailboxState>;
  rounds: ({ mailbox: string } & RoundOutcome)[];
  /** `mailbox/uidValidity/uid` of every UID recorded as taken. */
  takenUids: Set<string>;
}

export function memoryStateStore(): MemoryStateStore {
  const states = new Map<string, MailboxState>();
  const rounds: MemoryStateStore['rounds'] = [];
  const takenUids = new Set<string>();
  return {
    states,
    rounds,
    takenUids,
    load: async (mailbox) => states.get(mailbox) ?? null,
    save: async (mailbox, state) => void states.set(mailbox, { ...state }),
    recordRound: async (mailbox, outcome) => void rounds.push({ mailbox, ...outcome }),
    takenAmong: async (mailbox, uidValidity, uids) => new Set(uids.filter((u) => takenUids.has(`${mailbox}/${uidValidity}/${u}`))),
    recordTaken: async (mailbox, uidValidity, uid) => void takenUids.add(`${mailbox}/${uidValidity}/${uid}`),
  };
}

export interface Taken extends Omit<TakenMessage, 'source'> {
  raw: Buffer;
  chunks: number;
  sha256: string;
}

export interface ArraySink extends IntakeSink {
  taken: Taken[];
  /** Makes `take` throw for messages whose raw text matches, `times` times. */
  failOn(match: RegExp, times: number): void;
  failures: number;
}

export function arraySink(): ArraySink {
  const taken: Taken[] = [];
  let failure: { match: RegExp; times: number } | null = null;
  const sink: ArraySink = {
    taken,
    failures: 0,
    failOn(match, times) {
      failure = { match, times };
    },
    async take(message) {
      const chunks: Buffer[] = [];
      for await (const chunk of message.source) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      const raw = Buffer.concat(chunks);
      if (failure && failure.times > 0 && failure.match.test(raw.toString('latin1'))) {
        failure.times -= 1;
        sink.failures += 1;
        throw new Error('blob store unavailable (test)');
      }
      const { source: _source, ...meta } = message;
      const sha256 = createHash('sha256').update(raw).digest('hex');
      taken.push({ ...meta, raw, chunks: chunks.length, sha256 });
      return { messageKey: sha256, duplicate: false };
    },
  };
  return sink;
}

export interface CapturedLogger {
  logger: Logger;
  lines: { level: number; msg: string; [key: string]: unknown }[];
}

export function capturedLogger(): CapturedLogger {
  const lines: CapturedLogger['lines'] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, destination), lines };
}

/** A plain message as a unit's mail client would send it. */
export function submission(id: string, body = 'please find our form attached'): string {
  return [
    'From: =?UTF-8?B?5py65qKw5a2m6Zmi?= <office@me.school.example>',
    'To: mywu@bjtu.edu.cn',
    `Subject: =?UTF-8?B?${Buffer.from(`推荐表 ${id}`).toString('base64')}?=`,
    `Message-ID: <${id}@me.school.example>`,
    'Date: Mon, 05 May 2025 10:00:00 +0800',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n');
}

export async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
