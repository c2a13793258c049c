/**
 * The no-keyword server double: it must look like Exchange to a client (no `\*`, keywords refused)
 * while the mail itself, literals included, passes through unchanged.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startNoKeywordServer, stripKeywordPermission } from './no-keyword-server.js';

void describe('server without custom keywords', () => {
  void test('PERMANENTFLAGS lacks \\*, a keyword STORE is refused, mail and system flags still work', async () => {
    const server = await startNoKeywordServer();
    const user = server.users[0]!.user;
    try {
      const body = `Subject: PERMANENTFLAGS in a body\r\n\r\n* OK [PERMANENTFLAGS (\\Seen \\*)] must stay as written\r\n`;
      const uid = await server.append(user, 'INBOX', body);
      const { ImapFlow } = await import('imapflow');
      const env = server.imapEnv(user);
      const client = new ImapFlow({ host: env.host, port: env.port, secure: false, auth: { user: env.user, pass: env.pass }, logger: false });
      client.on('error', () => undefined);
      await client.connect();
      try {
        const box = await client.mailboxOpen('INBOX');
        const permanent = [...(box.permanentFlags ?? [])];
        assert.ok(permanent.includes('\\Seen'), `system flags stay permanent: ${permanent.join(' ')}`);
        assert.ok(!permanent.includes('\\*'), `no \\* offered: ${permanent.join(' ')}`);
        await client.messageFlagsAdd(String(uid), ['$InboxWorkerTaken'], { uid: true }).catch(() => false);
        await client.messageFlagsAdd(String(uid), ['\\Flagged'], { uid: true });
        const msg = await client.fetchOne(String(uid), { flags: true, source: true }, { uid: true });
        assert.ok(msg);
        const flags = [...(msg.flags ?? [])];
        assert.ok(!flags.includes('$InboxWorkerTaken'), `keyword not stored: ${flags.join(' ')}`);
        assert.ok(flags.includes('\\Flagged'));
        assert.equal(msg.source?.toString('latin1').replace(/\r\n$/, ''), body.replace(/\r\n$/, ''));
      } finally {
        await client.logout().catch(() => client.close());
      }
      // The real server behind it refuses keywords too, so nothing depends on the client's good manners.
      const direct = await server.withClient(user, async (c) => {
        await c.mailboxOpen('INBOX');
        await c.messageFlagsAdd(String(uid), ['$Other'], { uid: true }).catch(() => false);
        const m = await c.fetchOne(String(uid), { flags: true }, { uid: true });
        return m ? [...(m.flags ?? [])] : [];
      });
      assert.ok(!direct.includes('$Other'));
    } finally {
      await server.stop();
    }
  });

  void test('the rewrite passes literals through even when split across chunks', () => {
    const rewrite = stripKeywordPermission();
    const literal = '* OK [PERMANENTFLAGS (\\Seen \\*)] x\r\n';
    const stream = `* 1 FETCH (BODY[] {${literal.length}}\r\n${literal})\r\n* OK [PERMANENTFLAGS (\\Answered \\Seen \\*)] Flags permitted.\r\n`;
    const parts = [stream.slice(0, 20), stream.slice(20, 41), stream.slice(41)];
    const out = parts.map((p) => rewrite(Buffer.from(p, 'latin1')).toString('latin1')).join('');
    assert.equal(out, stream.replace('(\\Answered \\Seen \\*)]', '(\\Answered \\Seen)]'));
  });
});
