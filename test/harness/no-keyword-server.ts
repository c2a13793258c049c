/**
 * An IMAP server that cannot store custom keywords, as Microsoft Exchange / Microsoft 365 behave:
 * PERMANENTFLAGS without `\*` and every STORE of a keyword refused.
 *
 * Dovecot cannot be configured to leave `\*` out (checked with Dovecot 2.3: it announces `\*`
 * for every writable mailbox, whatever `mail_max_keyword_length` says). So this is a real Dovecot
 * with `mail_max_keyword_length = 0` (it answers `NO` to any keyword in STORE or APPEND) behind a
 * loopback proxy that only removes `\*` from the PERMANENTFLAGS response code. Everything else,
 * including literals, passes through byte for byte.
 */
import fsp from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { startDovecot, type DovecotServer, type StartDovecotOptions } from './dovecot.js';

const PERMANENT = /^(\* OK \[PERMANENTFLAGS \([^)]*?)\s*\\\*([^)]*\)\])/;

/**
 * Rewrites the server's byte stream line by line, skipping over literals (`{n}` at a line's end
 * announces n bytes of message data that are never touched).
 */
export function stripKeywordPermission(): (chunk: Buffer) => Buffer {
  let pending = Buffer.alloc(0);
  let literalLeft = 0;
  return (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    const out: Buffer[] = [];
    for (;;) {
      if (literalLeft > 0) {
        const take = Math.min(literalLeft, pending.length);
        out.push(pending.subarray(0, take));
        pending = pending.subarray(take);
        literalLeft -= take;
        if (literalLeft > 0) break;
      }
      const eol = pending.indexOf('\r\n');
      if (eol < 0) break;
      const line = pending.subarray(0, eol + 2);
      pending = pending.subarray(eol + 2);
      const text = line.toString('latin1');
      const literal = /\{(\d+)\}\r\n$/.exec(text);
      if (literal) literalLeft = Number(literal[1]);
      out.push(PERMANENT.test(text) ? Buffer.from(text.replace(PERMANENT, '$1$2'), 'latin1') : line);
    }
    return Buffer.concat(out);
  };
}

export async function startNoKeywordServer(opts: StartDovecotOptions = {}): Promise<DovecotServer> {
  const dovecot = await startDovecot(opts);
  await fsp.appendFile(path.join(dovecot.dir, 'dovecot.conf'), 'mail_max_keyword_length = 0\n');
  await dovecot.halt();
  await dovecot.resume();

  const sockets = new Set<net.Socket>();
  const proxy = net.createServer((client) => {
    const upstream = net.connect(dovecot.port, '127.0.0.1');
    sockets.add(client).add(upstream);
    const rewrite = stripKeywordPermission();
    upstream.on('data', (chunk: Buffer) => client.write(rewrite(chunk)));
    client.pipe(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const s of [client, upstream]) {
      s.on('error', close);
      s.on('close', close);
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const port = (proxy.address() as net.AddressInfo).port;

  return {
    ...dovecot,
    port,
    imapEnv: (user) => ({ ...dovecot.imapEnv(user), port }),
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await dovecot.stop();
    },
  };
}
