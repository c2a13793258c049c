/**
 * Sender addresses learned from the coordinator's decisions (migration 006). The latest decision
 * about an address stands: assigning it to another unit later moves it.
 */
import type { Kysely } from 'kysely';
import type { LearnedAddress } from '../../domain/recognition/index.js';
import { compiledQuery } from './compiled-query.js';
import type { Database } from './schema.js';

export interface NewLearnedAddress {
  address: string;
  unit: string;
  sourceMessageId: string;
  decisionMessageId: string;
  at: string;
}

export function createLearnedAddressRepo(db: Kysely<Database>) {
  const select = () => db.selectFrom('learned_addresses').select(['address', 'unit', 'learned_at as learnedAt']).orderBy('learned_at').orderBy('address');
  const all = compiledQuery(db, () => select());
  // Asked for every mail validated, compiled once (compiled-query.ts).
  const byAddress = compiledQuery(db, (q, p: { address: string }) => q.selectFrom('learned_addresses').select(['address', 'unit', 'learned_at as learnedAt']).where('address', '=', p.address));
  const has = compiledQuery(db, (q, p: { address: string }) => q.selectFrom('learned_addresses').select('address').where('address', '=', p.address));
  return {
    async learn(l: NewLearnedAddress): Promise<void> {
      const row = { address: l.address.trim().toLowerCase(), unit: l.unit, source_message_id: l.sourceMessageId, decision_message_id: l.decisionMessageId, learned_at: l.at };
      await db
        .insertInto('learned_addresses')
        .values(row)
        .onConflict((oc) => oc.column('address').doUpdateSet({ unit: row.unit, source_message_id: row.source_message_id, decision_message_id: row.decision_message_id, learned_at: row.learned_at }))
        .execute();
    },
    async has(address: string): Promise<boolean> {
      return Boolean(await has.first(db, { address: address.trim().toLowerCase() }));
    },
    /**
     * What was learned of one address (none or one): all that judging a mail from it needs, since
     * a learned address only ever places its own sender (src/domain/recognition/learned-addresses.ts).
     */
    of(address: string): Promise<LearnedAddress[]> {
      return byAddress.rows(db, { address: address.trim().toLowerCase() });
    },
    all(): Promise<LearnedAddress[]> {
      return all.rows(db, {});
    },
    since(iso: string): Promise<LearnedAddress[]> {
      return select().where('learned_at', '>=', iso).execute();
    },
  };
}

export type LearnedAddressRepo = ReturnType<typeof createLearnedAddressRepo>;
