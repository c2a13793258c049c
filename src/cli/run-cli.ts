/**
 * The `inbox-worker` command line: one entry for every command. Output meant for a person or a
 * script goes to stdout; logs (JSON) go to stderr.
 */
import { parseArgs } from 'node:util';
import { buildApp } from '../app/build-app.js';
import { loadAppConfig } from '../config/app-config.js';
import { ConfigError } from '../config/config-error.js';
import { createLogger } from '../logging/logger.js';
import { importMessages } from './import-command.js';
import { parseRoles, runStart } from './start-command.js';
import { collectStatus, formatStatus } from './status-command.js';

const usage = `usage: inbox-worker <command> [options]

commands:
  start [--only watcher,ingest] [--poll] [--exit-when-idle]
                        watch the mailbox and run the queue workers
  import <file.eml|dir|mbox>...
                        store messages through the same path as the watcher
  status [--json]       what was taken and stored, and what is in hand

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
    },
  });
  const config = loadAppConfig(process.env, values.config);
  const logger = createLogger({ level: config.env.logLevel });

  switch (command) {
    case 'start': {
      const only = parseRoles(values.only);
      const app = await buildApp(config, { logger, ...(values.poll ? { watcher: { mode: 'poll' as const } } : {}) });
      await runStart(app, logger, { only, exitWhenIdle: values['exit-when-idle'] });
      return 0;
    }
    case 'import': {
      if (positionals.length === 0) throw new UsageError('import needs at least one .eml file, folder or mbox');
      const app = await buildApp(config, { logger });
      try {
        const s = await importMessages(app, positionals);
        console.log(`read ${s.files} message(s): ${s.stored} stored, ${s.duplicates} already stored, ${s.failed.length} failed`);
        for (const f of s.failed) console.log(`  failed: ${f.file}: ${f.error}`);
        return s.failed.length > 0 ? 1 : 0;
      } finally {
        await app.close();
      }
    }
    case 'status': {
      const app = await buildApp(config, { logger });
      try {
        const report = await collectStatus(app);
        console.log(values.json ? JSON.stringify(report, null, 2) : formatStatus(report));
        return 0;
      } finally {
        await app.close();
      }
    }
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
