/**
 * The mailbox watcher's contracts with the rest of the worker. The watcher owns the IMAP side;
 * where state is kept (the database) and what happens to a taken message (blob store + ingest
 * queue) are injected through these interfaces.
 */

/** Where intake stands in one folder. UIDs only mean something together with UIDVALIDITY (RFC 3501 §2.3.1.1). */
export interface MailboxState {
  /** UIDVALIDITY as a decimal string (it is a 32-bit unsigned number; imapflow gives a bigint). */
  uidValidity: string;
  /** Highest UID taken and marked under this UIDVALIDITY; 0 after a (re)scan starts. */
  lastUid: number;
}

/** What one round saw, recorded with its outcome for `status` and the digest. */
export interface RoundOutcome {
  ok: boolean;
  at: string;
  error?: string;
  /** How taken messages are remembered: the keyword on the server, or UIDs in the worker's own store. */
  tracking?: Tracking;
  /** Messages in the folder received before the opening (`takeSince`), never taken; when counted. */
  leftAlone?: number;
}

/**
 * `keyword`: the IMAP keyword marks what was taken. `store`: the server cannot keep keywords
 * (Exchange / Microsoft 365: no `\*` in PERMANENTFLAGS), so UIDVALIDITY + UID are kept in the
 * worker's store and the mailbox is not touched. `move`: the message leaves the folder.
 */
export type Tracking = 'keyword' | 'store' | 'move';

export interface MailboxStateStore {
  load(mailbox: string): Promise<MailboxState | null>;
  save(mailbox: string, state: MailboxState): Promise<void>;
  /** Every round's outcome, so the digest and health check can tell a silent watcher from an idle one. */
  recordRound(mailbox: string, outcome: RoundOutcome): Promise<void>;
  /** Of these UIDs (under this UIDVALIDITY), the ones recorded as taken. Used when tracking is `store`. */
  takenAmong(mailbox: string, uidValidity: string, uids: readonly number[]): Promise<Set<number>>;
  /** Records a UID as taken, after the sink has it. Idempotent. */
  recordTaken(mailbox: string, uidValidity: string, uid: number): Promise<void>;
}

export interface TakenMessage {
  /** Folder path the message was taken from. */
  mailbox: string;
  uidValidity: string;
  uid: number;
  /** RFC822.SIZE as the server reports it. */
  size: number;
  /** INTERNALDATE as ISO-8601 UTC, or null when the server sent none. */
  internalDate: string | null;
  /** The Message-ID header as the envelope gives it (with angle brackets), or null. */
  messageIdHeader: string | null;
  /** The whole raw message, streamed from the server; never held in memory by the watcher. */
  source: NodeJS.ReadableStream;
}

export interface IntakeSink {
  /**
   * Stores the raw message durably and enqueues its ingest job; resolves only when both are done.
   * The watcher marks the message only after this resolves. Must consume `source` fully.
   */
  take(message: TakenMessage): Promise<{ messageKey: string; duplicate: boolean }>;
  /**
   * Waits until what `take` stored would survive a crash of the machine, not only of the process:
   * the watcher calls it before it marks a round's messages (the mark is on the server, which
   * outlives us). Without it the sink's own `take` is taken to be enough.
   */
  flushStored?(): Promise<void>;
}

export interface ImapSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
}

/**
 * How a taken message is marked on the server. Never `\Seen` (the coordinator reads the
 * mailbox too, and reading a message must not hide it from intake or the other way round),
 * never a delete. With both set, the keyword is added first and travels with the MOVE.
 */
export interface MarkOptions {
  /** An IMAP keyword (RFC 3501 flag-keyword atom), e.g. `$InboxWorkerTaken`. */
  keyword?: string;
  /** Folder the message is moved to (RFC 6851 MOVE); created if missing. */
  moveTo?: string;
}

/** What the watcher tells the rest of the worker as it goes (alerts, metrics). */
export type WatcherEvent =
  | { type: 'round'; ok: true }
  /** `authFailed`: the server refused the login (a wrong or expired password), not a network fault. */
  | { type: 'round'; ok: false; error: string; authFailed: boolean }
  | { type: 'connection'; connected: boolean };
