/**
 * The test servers themselves: if these fail, every integration test after them would fail for
 * the wrong reason.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import fs from 'node:fs';
import { after, describe, test } from 'node:test';
import nodemailer from 'nodemailer';
import { Redis } from 'ioredis';
import { startDovecot } from './dovecot.js';
import { uniquePrefix, useRedis } from './redis.js';
import { startSmtpCapture } from './smtp-capture.js';

const raw = (id: string) => `From: unit@school.example\r\nTo: mailbox@test.local\r\nSubject: test ${id}\r\nMessage-ID: <${id}@school.example>\r\n\r\nhello\r\n`;

void describe('Dovecot test server', () => {
  void test('a test appends mail to a fresh mailbox, reads it back, survives a restart, and stop removes everything', async () => {
    const dovecot = await startDovecot({ users: [{ user: 'office@test.local', pass: 'pw1' }] });
    const dir = dovecot.dir;
    try {
      await dovecot.createFolder('office@test.local', 'Submissions');
      const uid = await dovecot.append('office@test.local', 'Submissions', raw('a1'), ['$Custom']);
      assert.equal(uid, 1);
      await dovecot.halt();
      await assert.rejects(dovecot.append('office@test.local', 'Submissions', raw('a2')));
      await dovecot.resume();
      await dovecot.append('office@test.local', 'Submissions', raw('a2'));
      const seen = await dovecot.withClient('office@test.local', async (c) => {
        await c.mailboxOpen('Submissions');
        const out: { uid: number; flags: string[]; messageId: string | undefined }[] = [];
        for await (const m of c.fetch('1:*', { uid: true, flags: true, envelope: true })) {
          out.push({ uid: m.uid, flags: [...(m.flags ?? [])].filter((f) => f !== '\\Recent'), messageId: m.envelope?.messageId });
        }
        return out;
      });
      assert.deepEqual(seen, [
        { uid: 1, flags: ['$Custom'], messageId: '<a1@school.example>' },
        { uid: 2, flags: [], messageId: '<a2@school.example>' },
      ]);
      await dovecot.deleteFolder('office@test.local', 'Submissions');
      await assert.rejects(dovecot.withClient('office@test.local', (c) => c.mailboxOpen('Submissions')));
    } finally {
      await dovecot.stop();
    }
    assert.equal(fs.existsSync(dir), false);
    const refused = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port: dovecot.port });
      s.once('connect', () => (s.destroy(), resolve(false)));
      s.once('error', () => resolve(true));
    });
    assert.equal(refused, true, 'nothing listens after stop()');
  });

  void test('a wrong password is refused, so tests really authenticate', async () => {
    const dovecot = await startDovecot();
    try {
      const env = dovecot.imapEnv();
      assert.equal(env.secure, false);
      const { ImapFlow } = await import('imapflow');
      const client = new ImapFlow({ host: env.host, port: env.port, secure: false, auth: { user: env.user, pass: 'wrong' }, logger: false });
      client.on('error', () => undefined);
      await assert.rejects(client.connect());
    } finally {
      await dovecot.stop();
    }
  });
});

void describe('Redis for tests', () => {
  const handles: { stop(): Promise<void> }[] = [];
  after(async () => Promise.all(handles.map((h) => h.stop())));

  void test('useRedis gives a server that answers, and prefixes never repeat or contain a colon', async () => {
    const redis = await useRedis();
    handles.push(redis);
    const client = new Redis(redis.url);
    try {
      const a = uniquePrefix('watcher: lock');
      const b = uniquePrefix('watcher: lock');
      assert.notEqual(a, b);
      assert.doesNotMatch(a, /:/);
      await client.set(`${a}-k`, 'v', 'PX', 5_000);
      assert.equal(await client.get(`${a}-k`), 'v');
      assert.equal(await client.get(`${b}-k`), null);
    } finally {
      client.disconnect();
    }
  });
});

void describe('SMTP capture', () => {
  void test('a sender whose next message gets 451 sees the error, and the one after is kept with its envelope', async () => {
    const smtp = await startSmtpCapture();
    const transport = nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: false, ignoreTLS: true });
    try {
      smtp.failWith(451, 1);
      await assert.rejects(
        transport.sendMail({ from: 'worker@test.local', to: 'unit@school.example', subject: 'one', text: 'x' }),
        (err: { responseCode?: number }) => err.responseCode === 451,
      );
      await transport.sendMail({ from: 'worker@test.local', to: 'unit@school.example', subject: 'two', text: 'x' });
      const [kept] = await smtp.waitFor(1);
      assert.equal(smtp.messages.length, 1);
      assert.equal(smtp.rejected.length, 1);
      assert.deepEqual(kept?.envelope, { mailFrom: 'worker@test.local', rcptTo: ['unit@school.example'] });
      assert.match(kept?.raw.toString() ?? '', /Subject: two/);
      smtp.failWith(550);
      await assert.rejects(transport.sendMail({ from: 'worker@test.local', to: 'a@b.example', subject: 'three', text: 'x' }));
      await assert.rejects(transport.sendMail({ from: 'worker@test.local', to: 'a@b.example', subject: 'four', text: 'x' }));
      smtp.recover();
      await transport.sendMail({ from: 'worker@test.local', to: 'a@b.example', subject: 'five', text: 'x' });
      assert.equal(smtp.messages.length, 2);
    } finally {
      transport.close();
      await smtp.stop();
    }
  });
});
