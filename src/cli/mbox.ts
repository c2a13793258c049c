/**
 * Splits an mbox file into messages without holding more than one line in memory: each message
 * is written to its own temporary file, which the caller streams into intake and then removes.
 * Handles mboxo/mboxrd quoting (`>From ` at a line start is unquoted by one level).
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

export async function* splitMbox(file: string): AsyncGenerator<string> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'mbox-'));
  let current: fs.WriteStream | null = null;
  let currentPath = '';
  let count = 0;
  const finish = async () => {
    if (!current) return null;
    const done = current;
    current = null;
    await new Promise<void>((resolve, reject) => done.end((err?: Error | null) => (err ? reject(err) : resolve())));
    return currentPath;
  };
  try {
    const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line.startsWith('From ')) {
        const ready = await finish();
        if (ready) yield ready;
        currentPath = path.join(dir, `${++count}.eml`);
        current = fs.createWriteStream(currentPath);
        continue;
      }
      if (!current) continue; // text before the first separator is not a message
      const unquoted = /^>+From /.test(line) ? line.slice(1) : line;
      if (!current.write(`${unquoted}\r\n`)) await new Promise<void>((r) => current?.once('drain', () => r()));
    }
    const last = await finish();
    if (last) yield last;
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

/** An mbox starts with a `From ` separator line; an .eml starts with a header. */
export async function looksLikeMbox(file: string): Promise<boolean> {
  const handle = await fsp.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(5), 0, 5, 0);
    return buffer.subarray(0, bytesRead).toString('latin1') === 'From ';
  } finally {
    await handle.close();
  }
}
