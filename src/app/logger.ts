/**
 * JSON logs (pino). The destination is injected so tests can read the lines; secrets are
 * redacted by path wherever they might travel in a log object.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export const redactedPaths = [
  'pass',
  'password',
  '*.pass',
  '*.password',
  '*.*.pass',
  'imap.pass',
  'smtp.pass',
  'auth.pass',
  '*.auth.pass',
  'databaseUrl',
  '*.databaseUrl',
  'redisUrl',
  '*.redisUrl',
  'headers.authorization',
];

export function createLogger(opts: { level: string; destination?: DestinationStream; name?: string }): Logger {
  return pino(
    {
      name: opts.name ?? 'inbox-worker',
      level: opts.level,
      redact: { paths: redactedPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    opts.destination ?? pino.destination(2),
  );
}
