/**
 * What reaches the disk, and when, read from the system calls themselves: flush-child.ts runs
 * under strace, which prints each fsync with the path of the file it flushed. A crash of the
 * machine cannot be staged here, so the test checks the order that makes one harmless: the
 * blob flushed, renamed, its folder flushed before the put resolves; a SQLite COMMIT not flushed
 * by itself (synchronous = NORMAL), and the write-ahead log flushed by flushCommits.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { openStore } from '../../../src/adapters/store/store.js';
import { pgUrl, withPgClient } from '../../support/databases.js';

const child = path.join(import.meta.dirname, 'flush-child.ts');

function hasStrace(): boolean {
  try {
    execFileSync('strace', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The traced calls on files under `root`, in order, with `root` written as ROOT. A call is matched
 * by its start: strace splits a call that another thread interrupts into `<unfinished ...>` and a
 * later `resumed` line without the path. Whether each call succeeded is the child's exit status:
 * a failed flush or rename rejects, and execFileSync throws.
 */
function traceChild(root: string): string[] {
  const log = path.join(root, 'trace');
  execFileSync('strace', ['-f', '-y', '-qq', '-o', log, '-e', 'trace=fsync,fdatasync,rename,renameat,renameat2,access,faccessat,faccessat2', process.execPath, '--import', 'tsx', child, root], {
    cwd: path.resolve(import.meta.dirname, '../../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return fs
    .readFileSync(log, 'utf8')
    .split('\n')
    .filter((l) => l.includes(root) && !l.includes('--- SIG'))
    .map((l) => l.replace(/^\d+\s+/, '').replaceAll(root, 'ROOT'));
}

/** The lines between two of the child's step markers. */
function between(lines: string[], from: string, to: string): string[] {
  const start = lines.findIndex((l) => l.includes(`ROOT/step-${from}`));
  const end = lines.findIndex((l) => l.includes(`ROOT/step-${to}`));
  assert.ok(start >= 0 && end > start, `steps ${from} → ${to} not found in:\n${lines.join('\n')}`);
  return lines.slice(start + 1, end);
}

const index = (lines: string[], pattern: RegExp) => {
  const i = lines.findIndex((l) => pattern.test(l));
  assert.ok(i >= 0, `${pattern} not found in:\n${lines.join('\n')}`);
  return i;
};

describe('what reaches the disk before the world is told', () => {
  it('strace is installed (scripts/ensure-services.sh installs it)', () => {
    assert.ok(hasStrace(), 'strace is missing: sudo apt-get install -y strace');
  });

  it('a blob is flushed, renamed and its folder flushed before its put resolves; a commit is flushed only by flushCommits', { skip: !hasStrace() }, () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'flush-'));
    try {
      const lines = traceChild(root);

      const blob = between(lines, 'blob', 'commit');
      const fileFlushed = index(blob, /^fsync\(\d+<ROOT\/blobs\/tmp\/[^>]+>/);
      const renamed = index(blob, /^rename(at2?)?\(.*"ROOT\/blobs\/tmp\/[^"]+",.*"ROOT\/blobs\/[0-9a-f]{2}\/[0-9a-f]{64}"/);
      const folderFlushed = index(blob, /^fsync\(\d+<ROOT\/blobs\/[0-9a-f]{2}>/);
      assert.ok(fileFlushed < renamed && renamed < folderFlushed, `flush, rename, folder flush in that order:\n${blob.join('\n')}`);
      // The folders' own names were made and flushed when the store was opened: the put flushes
      // its file and its folder, nothing more.
      index(between(lines, 'open', 'blob'), /^fsync\(\d+<ROOT\/blobs>/);
      assert.equal(blob.filter((l) => /^fsync\(\d+<ROOT\/blobs/.test(l)).length, 2, `two flushes for one put:\n${blob.join('\n')}`);

      const wal = /^fsync\(\d+<ROOT\/data\/inbox\.sqlite-wal>/;
      assert.ok(!between(lines, 'commit', 'flush').some((l) => wal.test(l)), 'a COMMIT alone does not flush the log (synchronous = NORMAL)');
      index(between(lines, 'flush', 'end'), wal);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('PostgreSQL flushes every commit of the worker', () => {
  it('the worker\'s connections commit with synchronous_commit on, even on a database whose default is off and through a URL with options of its own', async () => {
    const database = `flush_${randomBytes(5).toString('hex')}`;
    await withPgClient(async (c) => {
      await c.query(`CREATE DATABASE ${database}`);
      await c.query(`ALTER DATABASE ${database} SET synchronous_commit = off`);
    });
    const url = new URL(pgUrl);
    url.pathname = `/${database}`;
    // Options in the URL replace node-postgres's `options` setting: the worker must not rely on it.
    url.searchParams.set('options', '-c search_path=public');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flush-pg-'));
    try {
      const bare = new pg.Client({ connectionString: url.toString() });
      await bare.connect();
      const { rows } = await bare.query<{ synchronous_commit: string }>('show synchronous_commit');
      await bare.end();
      assert.equal(rows[0]?.synchronous_commit, 'off', 'the database\'s own default');
      const store = await openStore({ databaseUrl: url.toString(), dataDir });
      try {
        const shown = await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(store.db);
        assert.equal(shown.rows[0]?.synchronous_commit, 'on');
        await store.flushCommits();
      } finally {
        await store.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
      await withPgClient((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    }
  });
});
