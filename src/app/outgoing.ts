/**
 * The outgoing side of the worker: the kept IMAP connection for the Sent and Drafts folders, the
 * delivery every mail goes through (SMTP or a draft), and the stages that write mail — replies to
 * units, the digest with its reminders, and the operators' alerts.
 */
import type { Logger } from 'pino';
import type { BlobStore } from '../adapters/blobs/blob-store.js';
import { createDraftsFolder } from '../adapters/imap/drafts-folder.js';
import { createKeptImapConnection } from '../adapters/imap/kept-connection.js';
import { createSentFolder } from '../adapters/imap/sent-folder.js';
import type { SmtpSender } from '../adapters/smtp/smtp-sender.js';
import { createDigestRepo } from '../adapters/store/digest-repo.js';
import type { Store } from '../adapters/store/store.js';
import { buildTemplate } from '../adapters/workbook/template/build-template.js';
import type { AppConfig } from '../config/app-config.js';
import { createAlerter } from '../stages/alerts/alerter.js';
import { createDigestJob } from '../stages/digest/digest-job.js';
import { createReplyJob } from '../stages/reply/reply-job.js';
import type { AlertWiring } from './alert-wiring.js';
import type { Operations } from './operations.js';

export interface OutgoingDeps {
  config: AppConfig;
  store: Store;
  blobs: BlobStore;
  smtp: SmtpSender;
  wiring: AlertWiring;
  operations: Operations;
  now(): Date;
  logger: Logger;
}

export function wireOutgoing({ config, store, blobs, smtp, wiring, operations, now, logger }: OutgoingDeps) {
  const { env, campaign } = config;
  const keptImap = createKeptImapConnection(env.imap, logger);
  const sent = createSentFolder(keptImap, campaign.campaign.mailbox.sentFolder);
  // Units' replies and reminders go to Drafts in `draft` mode (src/adapters/smtp/deliver-once.ts).
  const drafts = createDraftsFolder(keptImap, { folder: campaign.campaign.mailbox.draftsFolder, logger });
  const delivery = { smtp, sent, drafts, envelopeFrom: campaign.campaign.mailbox.address, fault: env.fault, onRefused: wiring.mailRefused, flushCommits: store.flushCommits };
  const alerts = createAlerter({
    campaign: campaign.campaign,
    stallMinutes: env.watch.stallAfterMs / 60_000,
    outbox: store.outbox,
    blobs,
    incidents: store.incidents,
    delivery,
    now,
    logger,
    onSent: (kind, recovery) => operations.metrics.alertSent(kind, recovery),
  });

  const digest = createDigestJob({
    campaign: campaign.campaign,
    units: campaign.units,
    definitions: config.forms.definitions,
    digests: createDigestRepo(store.db),
    outbox: store.outbox,
    blobs,
    incidents: store.incidents,
    learned: store.learnedAddresses,
    delivery,
    now,
    logger,
  });

  const reply = createReplyJob({
    campaign: campaign.campaign,
    blobs,
    messages: store.messages,
    submissions: store.submissions,
    outbox: store.outbox,
    incidents: store.incidents,
    delivery,
    transactions: store.keyedTransactions,
    now,
    logger,
    blankTemplate: async (form) => {
      const def = config.forms.definitions[form];
      return { filename: def.templateFileName, content: await buildTemplate(def, campaign.campaign) };
    },
  });

  return { keptImap, delivery, alerts, digest, reply };
}
