/**
 * The `inbox-worker` command line: one entry for every command. Output meant for a person or a
 * script goes to stdout; logs (JSON) go to stderr.
 */
import { parseArgs } from 'node:util';
import { buildApp, type App } from '../app/build-app.js';
import fs from 'node:fs';
import path from 'node:path';
import { loadAppConfig, loadJudgementConfig } from '../config/app-config.js';
import { writeTemplates } from '../adapters/workbook/template/index.js';
import { checkFile } from './check-file.js';
import { createReadPool } from '../adapters/workbook/sandbox/read-pool.js';
import { runDigestCommand } from './digest-command.js';
import { runExportCommand } from './export-command.js';
import { formatCheckHuman, formatCheckJson } from './check-output.js';
import { revalidate } from './revalidate-command.js';
import { ConfigError } from '../config/config-error.js';
import { readSandboxEnv } from '../config/env.js';
import { createLogger } from '../app/logger.js';
import { importMessages } from './import-command.js';
import { parseRoles, runStart } from './start-command.js';
import { listFailed, retryFailed } from '../app/failed-work.js';
import { formatFailed, formatRetried } from './failed-command.js';
import { collectStatus, formatStatus } from './status-command.js';
import { formatUnits, listUnits } from './units-command.js';

const usage = `usage: inbox-worker <command> [options]

commands:
  start [--only watcher,ingest] [--poll] [--exit-when-idle]
                        watch the mailbox and run the queue workers
  import <file.eml|dir|mbox>...
                        store messages through the same path as the watcher
  status [--json]       what was taken and stored, and what is in hand
  units [--json]        the unit registry with the sender addresses learned from the
                        coordinator's decisions on held mail
  check [--config DIR] [--json] FILE...
                        judge .xlsx / .eml files offline, as the worker would (no server)
  templates [--out DIR] write the blank forms (附件1, 附件2) from config/forms.yaml
  revalidate            judge stored submissions again after a rule change; sends nothing
  failed [--json]       jobs that failed for good and messages that could not be processed
  retry <id>... | --all run failed work again through the normal path
  digest [--now] [--to ADDR] [--out FILE.html]
                        the coordinator's digest: preview (text), write the HTML, or send now
  export [--out FILE.xlsx]
                        the merged workbook of every unit's current rows

configuration: config/*.yaml (or INBOX_CONFIG_DIR); endpoints and secrets from the
environment (see .env.example).`;

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    console.log(usage);
    return command ? 0 : 2;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      only: { type: 'string' },
      poll: { type: 'boolean', default: false },
      'exit-when-idle': { type: 'boolean', default: false },
      config: { type: 'string' },
      out: { type: 'string' },
      now: { type: 'boolean', default: false },
      to: { type: 'string' },
      all: { type: 'boolean', default: false },
    },
  });
  // Offline commands read only the config files: no server, no environment needed.
  if (command === 'check' || command === 'templates') {
    const dir = path.resolve(values.config ?? process.env.INBOX_CONFIG_DIR ?? 'config');
    const judgement = loadJudgementConfig(dir);
    if (command === 'templates') {
      const written = await writeTemplates(Object.values(judgement.forms.definitions), judgement.campaign.campaign, path.resolve(values.out ?? 'templates'));
      for (const f of written) console.log(f);
      return 0;
    }
    if (positionals.length === 0) throw new UsageError('check needs at least one .xlsx or .eml file');
    // Exit 1: some file needs correction; 66 (EX_NOINPUT): some file could not be read at all.
    let worst = 0;
    // The same caps as the worker's sandbox (READ_TIMEOUT_SECONDS, READ_MEMORY_MB; docs/limits.md).
    const reader = createReadPool(readSandboxEnv(process.env));
    try {
      for (const file of positionals) {
        if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
          console.error(`${file}: no such file`);
          worst = 66;
          continue;
        }
        const r = await checkFile(file, judgement, reader);
        console.log(values.json ? formatCheckJson(r) : formatCheckHuman(r));
        if (worst === 0 && r.deliverables.some((d) => d.status === 'needs_correction')) worst = 1;
      }
    } finally {
      await reader.close();
    }
    return worst;
  }
  const config = loadAppConfig(process.env, values.config);
  const logger = createLogger({ level: config.env.logLevel });
  /** A one-shot command: build the app, run, and always release every client. */
  const withApp = async (run: (app: App) => Promise<number>): Promise<number> => {
    const app = await buildApp(config, { logger });
    try {
      return await run(app);
    } finally {
      await app.close();
    }
  };

  switch (command) {
    case 'start': {
      const only = parseRoles(values.only);
      const app = await buildApp(config, { logger, ...(values.poll ? { watcher: { mode: 'poll' as const } } : {}) });
      await runStart(app, logger, { only, exitWhenIdle: values['exit-when-idle'] });
      return 0;
    }
    case 'import':
      if (positionals.length === 0) throw new UsageError('import needs at least one .eml file, folder or mbox');
      return withApp(async (app) => {
        const s = await importMessages(app, positionals);
        console.log(`read ${s.files} message(s): ${s.stored} stored, ${s.duplicates} already stored, ${s.failed.length} failed`);
        for (const f of s.failed) console.log(`  failed: ${f.file}: ${f.error}`);
        return s.failed.length > 0 ? 1 : 0;
      });
    case 'status':
      return withApp(async (app) => {
        const report = await collectStatus(app);
        console.log(values.json ? JSON.stringify(report, null, 2) : formatStatus(report));
        return 0;
      });
    case 'units':
      return withApp(async (app) => {
        const listing = await listUnits(app);
        console.log(values.json ? JSON.stringify(listing, null, 2) : formatUnits(listing));
        return 0;
      });
    case 'digest':
      return withApp(async (app) => {
        const said = await runDigestCommand(app.digest, { now: values.now, ...(values.to ? { to: values.to } : {}), ...(values.out ? { out: values.out } : {}) });
        console.log(said);
        // A send that did not go through is a failure for whoever scripted it.
        return said.startsWith('digest not sent') ? 1 : 0;
      });
    case 'export':
      return withApp(async (app) => {
        console.log(await runExportCommand(app, { ...(values.out ? { out: values.out } : {}) }));
        return 0;
      });
    case 'failed':
      return withApp(async (app) => {
        const items = await listFailed(app);
        console.log(values.json ? JSON.stringify(items, null, 2) : formatFailed(items));
        return 0;
      });
    case 'retry':
      if (!values.all && positionals.length === 0) throw new UsageError('retry needs job ids (see inbox-worker failed) or --all');
      return withApp(async (app) => {
        const outcomes = await retryFailed(app, values.all ? 'all' : positionals);
        console.log(formatRetried(outcomes));
        return outcomes.some((o) => o.result === 'not_found') ? 1 : 0;
      });
    case 'revalidate':
      return withApp(async (app) => {
        const s = await revalidate(app);
        console.log(`judged again: ${s.versions} version(s) of ${s.messages} mail(s); ${s.changed.length} changed status`);
        for (const c of s.changed) console.log(`  ${c.versionId.slice(0, 12)} ${c.deliverable}: ${c.from} → ${c.to}`);
        return 0;
      });
    default:
      throw new UsageError(`unknown command “${command}”`);
  }
}

class UsageError extends Error {}

/** Runs the CLI and turns known mistakes into a message and an exit code instead of a stack trace. */
export async function main(argv: string[]): Promise<void> {
  try {
    process.exitCode = await runCli(argv);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`configuration problem: ${err.message}`);
      process.exitCode = 78; // EX_CONFIG
    } else if (err instanceof UsageError) {
      console.error(`${err.message}\n\n${usage}`);
      process.exitCode = 2;
    } else {
      console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exitCode = 1;
    }
  }
}
