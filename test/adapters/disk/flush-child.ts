/**
 * Run under strace by flush-to-disk.test.ts: opens a blob store, puts one blob, commits one row to
 * SQLite and flushes the commits. Each step is marked by a look for a file that is not there (an access call, which
 * strace prints with its path), so the test can tell which calls belong to which step.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createBlobStore } from '../../../src/adapters/blobs/blob-store.js';
import { openStore } from '../../../src/adapters/store/store.js';

const root = process.argv[2]!;
const mark = (name: string) => fs.existsSync(path.join(root, `step-${name}`));

mark('open');
const blobs = createBlobStore(path.join(root, 'blobs'));
mark('blob');
const blob = await blobs.putBuffer(Buffer.from('附件1-推荐表'));
const store = await openStore({ dataDir: path.join(root, 'data') });
mark('commit');
await store.incidents.record('unit_question', 'a@example.edu.cn', 'a question', new Date().toISOString());
mark('flush');
await store.flushCommits();
mark('end');
process.stdout.write(`${JSON.stringify({ blob: blobs.pathOf(blob.sha256) })}\n`);
await store.close();
