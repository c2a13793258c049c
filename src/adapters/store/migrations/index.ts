/**
 * Versioned migrations, applied in name order at start. Add a file `NNN-what.ts` and list it here;
 * never edit a migration that has shipped.
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001-intake.js';
import * as m002 from './002-submissions.js';
import * as m003 from './003-outbox.js';
import * as m004 from './004-opening-and-tracking.js';
import * as m005 from './005-reply-channel.js';
import * as m006 from './006-learned-addresses.js';
import * as m007 from './007-uncertain-sends.js';
import * as m008 from './008-sender-index.js';
import * as m009 from './009-outbox-attachment-digests.js';

const migrations: Record<string, Migration> = {
  '001-intake': m001,
  '002-submissions': m002,
  '003-outbox': m003,
  '004-opening-and-tracking': m004,
  '005-reply-channel': m005,
  '006-learned-addresses': m006,
  '007-uncertain-sends': m007,
  '008-sender-index': m008,
  '009-outbox-attachment-digests': m009,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
