/**
 * The queue dashboard in a real browser (Debian's headless Chromium): a worker with its HTTP
 * endpoint and a failed job in the ingest queue; the page is refused without the token and, with
 * it, rendered to docs/queue-dashboard.png. The token reaches Chromium's requests through a small
 * loopback proxy that adds `Authorization: Basic …` to each, as a browser does once its login prompt
 * was answered (credentials in the URL would not do: the page's fetch() refuses such URLs).
 * Run by hand (`node --import tsx scripts/dashboard-screenshot.ts`); npm test checks the same page
 * over HTTP (test/e2e/operations-endpoints.test.ts). Needs `apt-get install chromium`.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { buildApp } from '../src/app/build-app.js';
import { loadAppConfig } from '../src/config/app-config.js';
import { useRedis } from '../test/harness/redis.js';
import { createWorkerEnv } from '../test/support/worker-env.js';

const root = path.resolve(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const TOKEN = 'dashboard-demo-token-0123456789';

function chromium(args: string[]): Promise<string> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-'));
  // Without the background-networking flags Chromium keeps dialling Google on a closed network.
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', `--user-data-dir=${profile}`];
  return new Promise((resolve, reject) => {
    execFile(CHROMIUM, [...flags, ...args], { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => {
      fs.rmSync(profile, { recursive: true, force: true });
      if (err) reject(err);
      else resolve(stdout);
    });
  });
}

const redis = await useRedis();
const w = createWorkerEnv('dashboard', { redisUrl: redis.url, extraEnv: { HTTP_ADDRESS: '127.0.0.1:0', HTTP_TOKEN: TOKEN, LOG_LEVEL: 'silent' } });
const app = await buildApp(loadAppConfig(w.env), { logger: pino({ level: 'silent' }) });
try {
  await app.start(['ingest', 'validate', 'reply']);
  const id = createHash('sha256').update('mid:dashboard-demo@example.edu.cn').digest('hex');
  await app.queues.ingest.add('ingest', { messageId: id }, { jobId: `ingest-${id}`, attempts: 1 });
  while ((await app.queues.ingest.getFailedCount()) === 0) await new Promise((r) => setTimeout(r, 200));

  const port = app.operations.port();
  const refused = await chromium(['--dump-dom', `http://127.0.0.1:${port}/queues`]);
  // A 401 with a Basic challenge is a login prompt, which headless Chromium cannot answer: no page.
  const shown = refused.includes('inbox-worker') || refused.includes('ingest');
  console.log(`without the token: ${shown ? `NOT refused: ${refused.slice(0, 300)}` : `refused, no dashboard rendered (${refused.length} bytes of DOM)`}`);

  const basic = `Basic ${Buffer.from(`operator:${TOKEN}`).toString('base64')}`;
  const proxy = http.createServer((req, res) => {
    const upstream = http.request({ host: '127.0.0.1', port, path: req.url, method: req.method, headers: { ...req.headers, authorization: basic } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const out = path.join(root, 'docs', 'queue-dashboard.png');
  const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/queues/queue/ingest?status=failed`;
  const dom = await chromium(['--virtual-time-budget=15000', '--dump-dom', url]);
  console.log(`with the token: ${dom.includes('ingest-') ? 'the failed ingest job is listed' : 'page rendered without the job'}`);
  await chromium(['--window-size=1280,800', '--virtual-time-budget=15000', `--screenshot=${out}`, url]);
  console.log(`screenshot: ${path.relative(root, out)}`);
  proxy.close();
  proxy.closeAllConnections();
} finally {
  await app.close();
  await redis.stop();
  w.dispose();
}
