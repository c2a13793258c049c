/**
 * The worker's HTTP endpoint (Hono on node:http): `/livez`, `/readyz`, `/metrics` and the Bull
 * Board dashboard at `/queues`. Off unless HTTP_ADDRESS is set. It reports and shows; it decides
 * nothing — readiness and metrics are handed in (docs/architecture.md: adapters are thin).
 *
 * Access: `/livez` and `/readyz` are open (a container's healthcheck has no secret); `/metrics`
 * needs the token when one is set; `/queues` can retry and remove jobs, so it always needs the
 * token and is not served without one.
 */
import type { AddressInfo } from 'node:net';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Queue } from 'bullmq';
import { Hono, type MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import { tokenMatches } from './access.js';

export interface Readiness {
  ready: boolean;
  /** Serialised as the body of /readyz. */
  body: unknown;
}

export interface HttpServerDeps {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  token: string | undefined;
  readiness(): Promise<Readiness>;
  metrics: { contentType: string; text(): Promise<string> };
  queues: readonly Queue[];
  logger: Logger;
}

export interface HttpServer {
  /** Resolves with the port listened on. */
  start(): Promise<number>;
  close(): Promise<void>;
}

export function createHttpServer(deps: HttpServerDeps): HttpServer {
  const log = deps.logger.child({ component: 'http' });
  const app = new Hono();
  const requireToken: MiddlewareHandler = async (c, next) => {
    if (deps.token && tokenMatches(c.req.header('authorization'), deps.token)) return next();
    c.header('WWW-Authenticate', 'Basic realm="inbox-worker", charset="UTF-8"');
    return c.json({ error: 'the HTTP token is required (Authorization: Bearer <token>, or Basic auth with the token as password)' }, 401);
  };

  app.get('/livez', (c) => c.json({ status: 'alive' }));
  app.get('/readyz', async (c) => {
    const r = await deps.readiness();
    return c.json(r.body, r.ready ? 200 : 503);
  });
  app.get('/metrics', async (c, next) => (deps.token ? requireToken(c, next) : next()), async (c) => {
    c.header('Content-Type', deps.metrics.contentType);
    return c.body(await deps.metrics.text());
  });

  if (deps.token) {
    const board = new HonoAdapter(serveStatic);
    board.setBasePath('/queues');
    createBullBoard({ queues: deps.queues.map((q) => new BullMQAdapter(q)), serverAdapter: board, options: { uiConfig: { boardTitle: 'inbox-worker' } } });
    app.use('/queues', requireToken);
    app.use('/queues/*', requireToken);
    app.route('/queues', board.registerPlugin());
  } else {
    app.all('/queues/*', (c) => c.json({ error: 'the queue dashboard is served only when HTTP_TOKEN is set' }, 404));
  }
  app.onError((err, c) => {
    log.error({ err }, 'HTTP request failed');
    return c.json({ error: 'internal error' }, 500);
  });

  let server: ServerType | null = null;
  return {
    start() {
      return new Promise<number>((resolve, reject) => {
        const s = serve({ fetch: app.fetch, hostname: deps.host, port: deps.port }, (info: AddressInfo) => {
          log.info({ host: deps.host, port: info.port }, 'HTTP endpoint listening');
          resolve(info.port);
        });
        s.once('error', reject);
        server = s;
      });
    },
    close() {
      const s = server;
      server = null;
      if (!s) return Promise.resolve();
      return new Promise<void>((resolve) => {
        s.close(() => resolve());
        // Bull Board's page keeps connections alive; do not wait for the browser to hang up.
        if ('closeAllConnections' in s) s.closeAllConnections();
      });
    },
  };
}
