/**
 * Watches one mailbox folder: only while holding the Redis lock, with one IMAP connection that is
 * replaced after any failure, running intake rounds on IDLE's EXISTS, on a timer (IDLE can die
 * without an error), on a full batch and on demand. Every round's outcome is recorded; a watcher
 * that has not succeeded for `stallAfterMs` raises one alarm per stall.
 */
import type { ImapFlow } from 'imapflow';
import type { Logger } from 'pino';
import type { RedisLock } from '../redis/redis-lock.js';
import { backoffDelay } from './backoff.js';
import { closeImapClient, createImapClient, supportsIdle } from './imap-client.js';
import { runIntakeRound, type IntakeRoundResult } from './intake-round.js';
import { createStallWatch, type StallInfo } from './stall-watch.js';
import type { ImapSettings, IntakeSink, MailboxStateStore, MarkOptions, Tracking, WatcherEvent } from './types.js';
import { createWakeup } from './wakeup.js';
import { validateWatcherOptions, type WatcherOptions } from './watcher-options.js';

export interface MailboxWatcherDeps {
  imap: ImapSettings;
  folder: string;
  mark: MarkOptions;
  state: MailboxStateStore;
  sink: IntakeSink;
  lock: RedisLock;
  logger: Logger;
  now?: () => Date;
  options: WatcherOptions;
  onStall(info: StallInfo): Promise<void>;
  /** Every round's outcome and every connection change; must not throw. */
  onEvent?(event: WatcherEvent): void;
  /** Sent in the IMAP ID command. @defaultValue '0.1.0' */
  clientVersion?: string;
  /**
   * The call's opening: messages whose INTERNALDATE is before it are never taken, only counted.
   * @defaultValue null (every message in the folder is taken)
   */
  takeSince?: Date | null;
}

export interface MailboxWatcher {
  start(): Promise<void>;
  /** No new round; the message in hand is finished (taken and marked); logout; lock released. */
  stop(): Promise<void>;
  /** Runs a round as soon as possible; resolves with how many messages it took. */
  runRoundNow(): Promise<number>;
}

/**
 * How long a count of the mail left alone stands while the folder keeps changing. A count is two
 * SEARCHes over all the mail since the opening (untaken-messages.ts): taken again on every round
 * that found new mail, they were the largest part of the server's work per mail while mail came
 * in one by one (docs/architecture.md, "The watcher's round"). The count only changes when mail
 * received before the opening is put into the folder or taken out of it, and the digest and
 * `status` can report it minutes late.
 */
export const LEFT_ALONE_RECOUNT_MS = 10 * 60_000;

interface RoundWaiter {
  resolve(taken: number): void;
  reject(err: Error): void;
}

export function createMailboxWatcher(deps: MailboxWatcherDeps): MailboxWatcher {
  const { imap, folder, mark, state, sink, lock, onStall } = deps;
  const opts = validateWatcherOptions(deps.options, mark, lock.ttlMs);
  const now = deps.now ?? (() => new Date());
  const log = deps.logger.child({ component: 'mailbox-watcher', folder });
  const wakeup = createWakeup();
  let mode = opts.mode;
  let client: ImapFlow | null = null;
  let stall = createStallWatch(opts.stallAfterMs, now());
  let waiters: RoundWaiter[] = [];
  let started = false;
  let stopping = false;
  let loopDone: Promise<void> = Promise.resolve();
  let tick: NodeJS.Timeout | null = null;
  let renewing = false;
  // The folder's message count and the time when the mail left alone was last counted.
  let counted: { exists: number; at: number } | undefined;
  // What was last said about the folder, so the log says it once, not every round.
  let saidLeftAlone: number | undefined;
  let saidTracking: Tracking | undefined;

  // A caller of runRoundNow is answered by a round that starts after its call, so a message
  // appended just before the call is looked for.
  const takeWaiters = (): RoundWaiter[] => {
    const current = waiters;
    waiters = [];
    return current;
  };
  const settle = (list: RoundWaiter[], outcome: { taken: number } | { error: Error }): void => {
    for (const w of list) {
      if ('error' in outcome) w.reject(outcome.error);
      else w.resolve(outcome.taken);
    }
  };

  const emit = (event: WatcherEvent): void => {
    try {
      deps.onEvent?.(event);
    } catch (err) {
      log.error({ err }, 'a watcher event handler threw');
    }
  };

  async function record(ok: boolean, error?: string, seen: Partial<Pick<IntakeRoundResult, 'tracking' | 'leftAlone'>> = {}, authFailed = false): Promise<void> {
    const at = now();
    emit(ok ? { type: 'round', ok: true } : { type: 'round', ok: false, error: error ?? 'unknown error', authFailed });
    if (ok) stall.succeeded(at);
    else stall.failed(at, error ?? 'unknown error');
    await state.recordRound(folder, { ok, at: at.toISOString(), ...(error ? { error } : {}), ...seen }).catch((err: unknown) => log.warn({ err }, 'could not record the round'));
    if (!ok) await checkStall();
  }

  function tell(result: IntakeRoundResult): Pick<IntakeRoundResult, 'tracking' | 'leftAlone'> {
    if (result.leftAlone !== undefined) counted = { exists: result.exists, at: now().getTime() };
    if (result.tracking !== saidTracking) {
      saidTracking = result.tracking;
      if (result.tracking === 'store') {
        log.warn({ keyword: mark.keyword }, 'the IMAP server cannot store the keyword %s (no \\* in PERMANENTFLAGS): taken messages are tracked by UIDVALIDITY and UID in the worker\'s store; the mailbox is not touched', mark.keyword);
      }
    }
    if (result.leftAlone !== undefined && result.leftAlone !== saidLeftAlone) {
      saidLeftAlone = result.leftAlone;
      log.info({ leftAlone: result.leftAlone, since: deps.takeSince?.toISOString() }, 'left %d message(s) received before the call opened alone (not downloaded)', result.leftAlone);
    }
    return { tracking: result.tracking, ...(result.leftAlone === undefined ? {} : { leftAlone: result.leftAlone }) };
  }

  async function checkStall(): Promise<void> {
    const info = stall.check(now());
    if (!info) return;
    log.warn(info, 'mailbox intake is stalled: no successful round since %s', info.since);
    await onStall(info).catch((err: unknown) => log.error({ err }, 'onStall failed'));
  }

  async function connect(): Promise<ImapFlow> {
    const fresh = createImapClient({ imap, logger: log, clientVersion: deps.clientVersion ?? '0.1.0' });
    fresh.on('error', (err: Error) => log.warn({ err }, 'IMAP connection error'));
    fresh.on('close', () => wakeup.signal());
    fresh.on('exists', (e: { path: string; count: number; prevCount: number }) => {
      if (e.path === folder && e.count > e.prevCount) wakeup.signal();
    });
    await fresh.connect();
    if (mode === 'idle' && !supportsIdle(fresh)) {
      log.warn('the IMAP server does not offer IDLE: falling back to polling');
      mode = 'poll';
      await closeImapClient(fresh);
      return connect();
    }
    log.info({ server: fresh.serverInfo, mode }, 'connected to IMAP');
    emit({ type: 'connection', connected: true });
    return fresh;
  }

  async function dropClient(): Promise<void> {
    const old = client;
    client = null;
    if (old) {
      emit({ type: 'connection', connected: false });
      await closeImapClient(old);
    }
  }

  async function loop(): Promise<void> {
    let attempt = 0;
    while (!stopping) {
      if (!lock.held()) {
        await dropClient();
        const got = await lock.acquire().catch((err: unknown) => (log.warn({ err }, 'could not reach Redis for the lock'), false));
        if (!got) {
          // Standing by is not a stall: the holder watches.
          stall.succeeded(now());
          settle(takeWaiters(), { error: new Error('another process holds the mailbox lock') });
          await wakeup.wait(opts.lockCheckMs);
          continue;
        }
        log.info('holding the mailbox lock: watching');
        stall = createStallWatch(opts.stallAfterMs, now());
      }
      const answering = takeWaiters();
      try {
        if (!client) client = await connect();
        if (!client.usable) throw new Error('IMAP connection closed');
        const result = await runIntakeRound({
          client,
          folder,
          mark,
          state,
          sink,
          batchSize: opts.batchSize,
          logger: log,
          mayContinue: () => !stopping && lock.held(),
          takeSince: deps.takeSince ?? null,
          leftAloneDue: (exists) => counted === undefined || (exists !== counted.exists && now().getTime() - counted.at >= LEFT_ALONE_RECOUNT_MS),
        });
        attempt = 0;
        await record(true, undefined, tell(result));
        settle(answering, { taken: result.taken });
        if (result.full) wakeup.signal();
        else if (mode === 'idle') idleNow(client);
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        log.warn({ err: error }, 'intake round failed');
        await dropClient();
        await record(false, error.message, {}, (err as { authenticationFailed?: boolean }).authenticationFailed === true);
        settle(answering, { error });
        if (!stopping) await wakeup.wait(backoffDelay(attempt++, opts.backoff));
        continue;
      }
      if (!stopping) await wakeup.wait(opts.pollIntervalMs);
    }
  }

  /**
   * IDLE from the moment the round ends, so a mail delivered now is announced now. The next
   * round's first command ends it (imapflow breaks IDLE before any command).
   */
  function idleNow(c: ImapFlow): void {
    c.idle({ whenFree: true }).catch((err: unknown) => log.debug({ err }, 'IDLE ended with an error; the next round reconnects if needed'));
  }

  async function onTick(): Promise<void> {
    if (renewing || stopping) return;
    renewing = true;
    try {
      if (lock.held() && !(await lock.renew())) {
        log.warn('lost the mailbox lock: intake stops');
        wakeup.signal();
      }
      await checkStall();
    } finally {
      renewing = false;
    }
  }

  return {
    async start() {
      if (started) return;
      started = true;
      stall = createStallWatch(opts.stallAfterMs, now());
      tick = setInterval(() => void onTick(), opts.lockCheckMs);
      loopDone = loop().catch((err: unknown) => log.fatal({ err }, 'the watch loop ended unexpectedly'));
    },
    async stop() {
      if (!started || stopping) return loopDone;
      stopping = true;
      if (tick) clearInterval(tick);
      wakeup.signal();
      await loopDone;
      await dropClient();
      await lock.release();
      settle(takeWaiters(), { error: new Error('the watcher stopped') });
      log.info('watcher stopped');
    },
    runRoundNow() {
      if (!started || stopping) return Promise.reject(new Error('the watcher is not running'));
      return new Promise<number>((resolve, reject) => {
        waiters.push({ resolve, reject });
        wakeup.signal();
      });
    },
  };
}
