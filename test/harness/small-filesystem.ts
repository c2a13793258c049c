/**
 * A small filesystem mounted over a folder (tmpfs with `size=`), so a test can make it run out of
 * space for real: ENOSPC from the kernel, not a mock. Needs root (mount); `available()` says
 * whether it can be used here. `fill()` takes all the free space with a filler file, `free()`
 * gives it back.
 */
import { execFile, execFileSync } from 'node:child_process';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SmallFilesystem {
  dir: string;
  fill(): Promise<void>;
  free(): Promise<void>;
  unmount(): Promise<void>;
}

export function smallFilesystemAvailable(): boolean {
  return process.getuid?.() === 0 && process.platform === 'linux';
}

/** Mounts a `sizeMb` tmpfs on `dir` (created if missing; must be empty). */
export async function mountSmallFilesystem(dir: string, sizeMb: number): Promise<SmallFilesystem> {
  await fsp.mkdir(dir, { recursive: true });
  await run('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m,mode=0755`, 'tmpfs', dir]);
  let mounted = true;
  process.once('exit', () => {
    // Last resort for a test process that dies before unmount(): lazy unmount, best effort.
    if (!mounted) return;
    try {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
    } catch {
      // nothing more to do
    }
  });
  const filler = path.join(dir, '.filler');
  return {
    dir,
    async fill() {
      const fd = await fsp.open(filler, 'a');
      const block = Buffer.alloc(1 << 20);
      try {
        for (;;) await fd.write(block);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      } finally {
        await fd.close().catch(() => undefined);
      }
      // Take the last partial block too, so not even a small blob fits.
      const small = await fsp.open(filler, 'a');
      try {
        for (;;) await small.write(Buffer.alloc(4096));
      } catch {
        // full
      } finally {
        await small.close().catch(() => undefined);
      }
    },
    async free() {
      await fsp.rm(filler, { force: true });
    },
    async unmount() {
      if (!mounted) return;
      mounted = false;
      await run('umount', ['-l', dir]);
    },
  };
}
