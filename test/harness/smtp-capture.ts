/**
 * An SMTP receiver inside the test process (smtp-server): keeps every accepted message, raw and
 * with its envelope, and can be told to answer an error code (451 transient, 550 permanent …)
 * for the next N messages or until `recover()`, or hang after DATA (no answer at all, then the
 * connection dropped: the message is not taken) for the next N messages. No TLS, AUTH optional. Note smtp-server waits
 * ~100 ms before its greeting (a fixed timer): pool the transport in tests that send many.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CapturedMessage {
  raw: Buffer;
  envelope: { mailFrom: string | null; rcptTo: string[] };
  /** When the last byte arrived (ISO-8601). */
  receivedAt: string;
}

export interface SmtpCapture {
  host: '127.0.0.1';
  port: number;
  /** Accepted messages, in arrival order. */
  messages: CapturedMessage[];
  /** Messages that were answered with an error code (the sender must not count them as sent). */
  rejected: (CapturedMessage & { code: number })[];
  /** Answer `code` after DATA for the next `count` messages (default: until `recover()`). */
  failWith(code: number, count?: number): void;
  /** Give no answer after DATA for the next `count` messages; drop the connection after `ms`. */
  hangAfterData(count: number, ms: number): void;
  /** Messages that got no answer and were dropped. */
  hung: CapturedMessage[];
  /** Accept messages again. */
  recover(): void;
  /** Resolves when at least `n` messages were accepted, rejects after `timeoutMs`. */
  waitFor(n: number, timeoutMs?: number): Promise<CapturedMessage[]>;
  stop(): Promise<void>;
}

export async function startSmtpCapture(): Promise<SmtpCapture> {
  const messages: CapturedMessage[] = [];
  const rejected: (CapturedMessage & { code: number })[] = [];
  const hung: CapturedMessage[] = [];
  let failure: { code: number; remaining: number } | null = null;
  let hang: { ms: number; remaining: number } | null = null;
  /** smtp-server's open connections (not in its typings): the hang fault drops one by its session id. */
  const dropConnection = (sessionId: string) => {
    const connections = (server as unknown as { connections: Set<{ id: string; close(): void; _socket?: { destroy(): void } }> }).connections;
    for (const c of connections) if (c.id === sessionId) c._socket?.destroy();
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        const message: CapturedMessage = {
          raw: Buffer.concat(chunks),
          envelope: {
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
          },
          receivedAt: new Date().toISOString(),
        };
        if (hang && hang.remaining > 0) {
          hang.remaining -= 1;
          const ms = hang.ms;
          if (hang.remaining <= 0) hang = null;
          hung.push(message);
          setTimeout(() => dropConnection(session.id), ms).unref();
          return;
        }
        if (failure && failure.remaining > 0) {
          const code = failure.code;
          failure.remaining -= 1;
          if (failure.remaining <= 0) failure = null;
          rejected.push({ ...message, code });
          const err = Object.assign(new Error(code >= 500 ? 'rejected by test receiver' : 'try again later (test receiver)'), { responseCode: code });
          callback(err);
          return;
        }
        messages.push(message);
        callback(null);
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.on('error', () => undefined);
  const port = (server.server.address() as AddressInfo).port;

  return {
    host: '127.0.0.1',
    port,
    messages,
    rejected,
    hung,
    hangAfterData(count, ms) {
      hang = { ms, remaining: count };
    },
    failWith(code, count = Number.POSITIVE_INFINITY) {
      failure = { code, remaining: count };
    },
    recover() {
      failure = null;
      hang = null;
    },
    async waitFor(n, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < n) {
        if (Date.now() > deadline) throw new Error(`expected ${n} messages, got ${messages.length} after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return messages;
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
