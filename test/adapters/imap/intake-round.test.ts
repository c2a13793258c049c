/**
 * One intake round on a real Dovecot: the folder is SELECTed again unless the server has just
 * announced new mail in the session's view, and a folder deleted and recreated behind the
 * session is still noticed (new UIDVALIDITY) by a round that SELECTs.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ImapFlow } from 'imapflow';
import { runIntakeRound } from '../../../src/adapters/imap/intake-round.js';
import { startDovecot, type DovecotServer } from '../../harness/dovecot.js';
import { arraySink, capturedLogger, memoryStateStore, submission, waitUntil } from './fakes.js';

const USER = 'round@test.local';
const FOLDER = 'Rounds';
let dovecot: DovecotServer;

before(async () => {
  dovecot = await startDovecot({ users: [{ user: USER, pass: 'round-pass' }] });
});
after(async () => {
  await dovecot.stop();
});

/** The client's SELECTs, counted by wrapping its mailboxOpen (getMailboxLock's own SELECT goes through it too). */
function countSelects(client: ImapFlow): () => number {
  let selects = 0;
  const open = client.mailboxOpen.bind(client);
  client.mailboxOpen = ((...args: Parameters<ImapFlow['mailboxOpen']>) => {
    selects++;
    return open(...args);
  }) as ImapFlow['mailboxOpen'];
  return () => selects;
}

void test('a round after the server announced new mail does not SELECT again; any other round does, and sees a recreated folder', async () => {
  await dovecot.createFolder(USER, FOLDER);
  await dovecot.append(USER, FOLDER, submission('a1'));
  await dovecot.withClient(USER, async (client) => {
    const selects = countSelects(client);
    const sink = arraySink();
    const state = memoryStateStore();
    let announced = 0;
    client.on('exists', (e: { path: string; count: number; prevCount: number }) => {
      if (e.path === FOLDER && e.count > e.prevCount) announced++;
    });
    const round = (viewIsLive: boolean) => runIntakeRound({
      client, folder: FOLDER, mark: { keyword: '$Taken' }, state, sink, batchSize: 10, logger: capturedLogger().logger,
      mayContinue: () => true, takeSince: null, leftAloneDue: () => false, viewIsLive,
    });

    assert.equal((await round(true)).taken, 1, 'the first round takes a1');
    assert.ok(selects() >= 1, 'a folder not yet selected is SELECTed even when told the view is live');
    const afterFirst = selects();

    await dovecot.append(USER, FOLDER, submission('a2'));
    await client.noop();
    await waitUntil(() => announced > 0, 5_000, 'the EXISTS for a2');
    assert.equal((await round(true)).taken, 1, 'a2 is taken without a SELECT');
    assert.equal(selects(), afterFirst, 'no SELECT when the view is live');

    await dovecot.append(USER, FOLDER, submission('a3'));
    assert.equal((await round(false)).taken, 1, 'a round without an announcement takes a3');
    assert.equal(selects(), afterFirst + 1, 'and SELECTs once');

    // Deleted and recreated behind the session: its view goes on showing the old folder until a SELECT.
    const before = state.states.get(FOLDER)?.uidValidity;
    await dovecot.deleteFolder(USER, FOLDER);
    await dovecot.createFolder(USER, FOLDER);
    await dovecot.append(USER, FOLDER, submission('b1'));
    assert.equal((await round(false)).taken, 1, 'the recreated folder\'s mail is taken');
    assert.notEqual(state.states.get(FOLDER)?.uidValidity, before, 'the new UIDVALIDITY is seen');
    assert.deepEqual(sink.taken.map((t) => t.messageIdHeader), ['<a1@me.school.example>', '<a2@me.school.example>', '<a3@me.school.example>', '<b1@me.school.example>']);
  });
});
