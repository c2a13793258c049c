/**
 * MIME parse: our streaming parseStoredMessage (mailparser's MailParser, attachments handed to a
 * putBlob as streams) against mailparser's simpleParser, which holds every attachment in memory.
 * simpleParser runs with its defaults, as the reference ceiling was measured (bench/README.md, "Reference ceilings").
 */
import { Readable } from 'node:stream';
import { simpleParser } from 'mailparser';
import { parseStoredMessage, type PutBlob } from '../src/adapters/mime/parse-stored-message.js';
import { compareRates, elapsedMs, type Rates } from './measure.js';

const silent = { warn: () => undefined, debug: () => undefined };

export function parseOurs(raw: Buffer, putBlob: PutBlob): ReturnType<typeof parseStoredMessage> {
  return parseStoredMessage({ source: Readable.from([raw]), putBlob, logger: silent });
}

/** `perRun` mails per timed run, taken round-robin from `mails`. */
export async function benchMime(mails: Buffer[], putBlob: PutBlob, perRun: number, runs: number): Promise<Rates> {
  const first = await parseOurs(mails[0]!, putBlob);
  if (first.attachments.length !== 1) throw new Error(`bench mail should carry one attachment, parseStoredMessage found ${first.attachments.length}`);
  const pick = (i: number): Buffer => mails[i % mails.length]!;
  return compareRates(
    perRun,
    runs,
    () => elapsedMs(async () => {
      for (let i = 0; i < perRun; i++) await simpleParser(pick(i));
    }),
    () => elapsedMs(async () => {
      for (let i = 0; i < perRun; i++) await parseOurs(pick(i), putBlob);
    }),
  );
}
