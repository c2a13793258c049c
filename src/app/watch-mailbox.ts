/**
 * The watcher role's wiring: the IMAP watcher over the campaign's folder, handing every message
 * to intake, holding the Redis lock that keeps one watcher per folder, and reporting stalls and
 * connection events to the alerts and metrics.
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createMailboxWatcher, type MailboxWatcherDeps } from '../adapters/imap/mailbox-watcher.js';
import { createRedisLock } from '../adapters/redis/redis-lock.js';
import type { Store } from '../adapters/store/store.js';
import type { AppConfig } from '../config/app-config.js';
import { openingInstant } from '../domain/campaign/opening.js';
import type { Intake } from '../stages/intake/intake.js';

export interface WatchMailboxDeps {
  config: AppConfig;
  store: Pick<Store, 'mailboxState' | 'flushCommits'>;
  intake: Intake;
  redis: Redis;
  mode: 'idle' | 'poll';
  onStall: MailboxWatcherDeps['onStall'];
  onEvent: MailboxWatcherDeps['onEvent'];
  logger: Logger;
  now(): Date;
}

export function watchMailbox(deps: WatchMailboxDeps) {
  const { env, campaign } = deps.config;
  const mailbox = campaign.campaign.mailbox;
  return createMailboxWatcher({
    imap: env.imap,
    folder: mailbox.folder,
    mark: mailbox.mark,
    state: deps.store.mailboxState,
    sink: {
      take: (m) => deps.intake.take({ source: m.source, origin: 'imap', mailbox: m.mailbox, uidValidity: m.uidValidity, uid: m.uid, internalDate: m.internalDate }),
      // The blobs are flushed as they are stored (blob-store.ts); the rows are flushed here.
      flushStored: () => deps.store.flushCommits(),
    },
    lock: createRedisLock({ redis: deps.redis, key: `${env.queuePrefix}:watcher:${mailbox.address}:${mailbox.folder}`, ttlMs: 30_000, logger: deps.logger }),
    logger: deps.logger,
    now: deps.now,
    options: { ...env.watch, mode: deps.mode },
    takeSince: openingInstant(campaign.campaign.opensAt),
    onStall: deps.onStall,
    onEvent: deps.onEvent,
  });
}
