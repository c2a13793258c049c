/**
 * A TCP proxy between the worker and a server (Dovecot) that a test can cut: every connection at
 * once, or one IMAP connection in the middle of a FETCH answer (after the first bytes of the
 * answer to a client command containing `FETCH` went through), as a dropped link or a server
 * killed mid-transfer would leave it.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface CuttableProxy {
  host: '127.0.0.1';
  port: number;
  /** Connections cut so far (by `cutAll` or a FETCH cut). */
  cuts: number;
  /** Destroys every open connection now. */
  cutAll(): number;
  /** Arms one cut: the next connection whose client sends a FETCH is cut once answer bytes flow. Resolves when cut. */
  cutNextFetch(timeoutMs?: number): Promise<boolean>;
  stop(): Promise<void>;
}

export async function startCuttableProxy(target: { host: string; port: number }): Promise<CuttableProxy> {
  const open = new Set<{ client: net.Socket; server: net.Socket }>();
  let armed: ((cut: boolean) => void) | null = null;
  const state = { cuts: 0 };

  const proxy = net.createServer((client) => {
    const server = net.connect({ host: target.host, port: target.port });
    const pair = { client, server };
    open.add(pair);
    let fetching = false;
    const cut = () => {
      client.destroy();
      server.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      if (armed && / (UID )?FETCH /i.test(chunk.toString('latin1'))) fetching = true;
      server.write(chunk);
    });
    server.on('data', (chunk: Buffer) => {
      client.write(chunk);
      if (fetching && armed) {
        const done = armed;
        armed = null;
        state.cuts += 1;
        cut();
        done(true);
      }
    });
    const close = () => {
      open.delete(pair);
      cut();
    };
    client.on('error', close);
    server.on('error', close);
    client.on('close', close);
    server.on('close', close);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const port = (proxy.address() as AddressInfo).port;

  return {
    host: '127.0.0.1',
    port,
    get cuts() {
      return state.cuts;
    },
    cutAll() {
      const n = open.size;
      for (const { client, server } of open) {
        client.destroy();
        server.destroy();
      }
      open.clear();
      state.cuts += n;
      return n;
    },
    cutNextFetch(timeoutMs = 30_000) {
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          if (armed === settle) armed = null;
          resolve(false);
        }, timeoutMs);
        const settle = (v: boolean) => {
          clearTimeout(timer);
          resolve(v);
        };
        armed = settle;
      });
    },
    async stop() {
      for (const { client, server } of open) {
        client.destroy();
        server.destroy();
      }
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
