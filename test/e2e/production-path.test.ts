/**
 * The production path, as the Docker image runs it: compiled `dist/`, production dependencies
 * only (the image's build stage runs `npm ci` then `npm prune --omit=dev`; here the checkout's own
 * `npm ci` install is hard-linked into a temp dir and pruned the same way — the native addons
 * compiled once are reused instead of compiling SQLite again, see docs/operations.md), no sources,
 * no tsx. The compiled `inbox-worker` then judges a fixture with `check` and runs
 * `start --exit-when-idle` against the test services.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { parse as parseYaml } from 'yaml';
import { freePort } from '../harness/free-port.js';
import { waitFor } from '../support/run-worker.js';
import { projectRoot } from '../support/worker-env.js';
import { startWorkerStack, type WorkerStack } from '../support/worker-stack.js';

function run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, timeout: opts.timeoutMs ?? 300_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('the production path: compiled dist/ with production dependencies only', () => {
  let image: string;
  let stack: WorkerStack;
  const bin = () => path.join(image, 'bin', 'inbox-worker.js');

  before(async () => {
    image = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-image-'));
    const tsc = await run(process.execPath, [path.join(projectRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', path.join(image, 'dist')], { cwd: projectRoot });
    assert.equal(tsc.code, 0, `build failed: ${tsc.stdout}${tsc.stderr}`);
    for (const f of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(projectRoot, f), path.join(image, f));
    fs.cpSync(path.join(projectRoot, 'bin'), path.join(image, 'bin'), { recursive: true });
    fs.cpSync(path.join(projectRoot, 'config'), path.join(image, 'config'), { recursive: true });
    // Hard links when the temp dir shares the checkout's filesystem (instant), a copy otherwise.
    let link = await run('cp', ['-al', path.join(projectRoot, 'node_modules'), path.join(image, 'node_modules')], { cwd: image });
    if (link.code !== 0) {
      fs.rmSync(path.join(image, 'node_modules'), { recursive: true, force: true });
      link = await run('cp', ['-a', path.join(projectRoot, 'node_modules'), path.join(image, 'node_modules')], { cwd: image });
    }
    assert.equal(link.code, 0, link.stderr);
    const prune = await run('npm', ['prune', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: image });
    assert.equal(prune.code, 0, `npm prune failed: ${prune.stderr}`);
    stack = await startWorkerStack('production', { campaign: { allowedSenderDomains: ['bjtu.edu.cn', 'example.edu.cn'] } });
  });
  after(async () => {
    await stack?.stop();
    if (image) fs.rmSync(image, { recursive: true, force: true });
  });

  it('holds no sources and no development tools', () => {
    assert.ok(fs.existsSync(path.join(image, 'dist/src/cli/main.js')));
    assert.ok(!fs.existsSync(path.join(image, 'src')));
    // (typescript itself stays: valibot, Bull Board's validator, lists it as a dependency.)
    for (const dev of ['tsx', 'eslint', 'smtp-server', '@types/node']) assert.ok(!fs.existsSync(path.join(image, 'node_modules', dev)), `${dev} is a development dependency`);
  });

  it('`check` judges a fixture form offline', async () => {
    const form = path.join(projectRoot, 'test/fixtures/forms/recommendation-valid.xlsx');
    const r = await run(process.execPath, [bin(), 'check', '--json', form], { cwd: os.tmpdir(), env: { PATH: process.env.PATH, HOME: process.env.HOME, INBOX_CONFIG_DIR: path.join(image, 'config') } });
    assert.equal(r.code, 0, r.stderr);
    const line = JSON.parse(r.stdout.trim()) as { deliverables: { deliverable: string; status: string }[] };
    assert.deepEqual(line.deliverables.map((d) => [d.deliverable, d.status]), [['recommendation', 'accepted']]);
  });

  it('`start --exit-when-idle` takes a unit mail from Dovecot, judges it and replies through SMTP', async () => {
    await stack.deliver(fs.readFileSync(path.join(projectRoot, 'test/fixtures/sandbox/01-recommendation-valid.eml')));
    const env = { ...stack.env, NODE_ENV: 'production' };
    const r = await run(process.execPath, [bin(), 'start', '--exit-when-idle', '--only', 'watcher,ingest,validate,reply'], { cwd: image, env, timeoutMs: 120_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(stack.smtp.messages.length, 1, `one reply; log: ${r.stderr.slice(-4000)} ${r.stdout}`);
    const reply = await simpleParser(stack.smtp.messages[0]!.raw);
    assert.match(reply.subject ?? '', /回执|已收到|Re:/);

    const status = await run(process.execPath, [bin(), 'status', '--json'], { cwd: image, env });
    assert.equal(status.code, 0, status.stderr);
    assert.equal((JSON.parse(status.stdout) as { messages: { stored: number } }).messages.stored, 1);
  });

  it("compose's healthcheck command: 0 while the compiled worker's /readyz is 200, 1 once it is gone; the dashboard's assets are served from the pruned install", async () => {
    const compose = parseYaml(fs.readFileSync(path.join(projectRoot, 'compose.yaml'), 'utf8')) as { services: { worker: { healthcheck: { test: string[] } } } };
    const [form, command, ...args] = compose.services.worker.healthcheck.test;
    assert.equal(form, 'CMD');
    assert.equal(command, 'node');
    const token = 'production-token-0123456789';
    const env = { ...stack.env, NODE_ENV: 'production', HTTP_ADDRESS: `0.0.0.0:${await freePort()}`, HTTP_TOKEN: token };
    const healthcheck = () => run(process.execPath, args, { cwd: image, env, timeoutMs: 20_000 });
    const worker = spawn(process.execPath, [bin(), 'start'], { cwd: image, env, stdio: 'ignore' });
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    try {
      await waitFor('the healthcheck passes', async () => (await healthcheck()).code === 0, 60_000, 500);
      const base = `http://127.0.0.1:${env.HTTP_ADDRESS.split(':')[1]}`;
      const auth = { authorization: `Bearer ${token}` };
      const html = await (await fetch(`${base}/queues`, { headers: auth })).text();
      const asset = /src="([^"]+\.js)"/.exec(html)?.[1];
      assert.ok(asset);
      assert.equal((await fetch(new URL(asset, `${base}/queues/`), { headers: auth })).status, 200);
    } finally {
      worker.kill('SIGTERM');
      await exited;
    }
    assert.equal((await healthcheck()).code, 1);
  });
});
