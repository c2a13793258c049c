/**
 * The domain boundary of docs/architecture.md is held by a lint rule. These tests plant
 * violations in a file under src/domain and check that ESLint refuses them, so the rule cannot
 * quietly stop matching (a renamed folder, a changed pattern).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ESLint } from 'eslint';
import { projectRoot } from '../support/worker-env.js';

const planted = path.join(projectRoot, 'src', 'domain', `planted-${process.pid}.ts`);

async function lintPlanted(source: string): Promise<string[]> {
  fs.writeFileSync(planted, source);
  const eslint = new ESLint({ cwd: projectRoot });
  const [result] = await eslint.lintFiles([planted]);
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the domain boundary lint rule', () => {
  after(() => fs.rmSync(planted, { force: true }));

  it('refuses a Node built-in, a client library and an adapter in src/domain', async () => {
    const messages = await lintPlanted(
      [
        "import fs from 'node:fs';",
        "import { Redis } from 'ioredis';",
        "import { openStore } from '../adapters/store/store.js';",
        'export const planted = [fs, Redis, openStore];',
        '',
      ].join('\n'),
    );
    assert.equal(messages.length, 3, messages.join('\n'));
    assert.match(messages[0] ?? '', /only zod/);
    assert.match(messages[2] ?? '', /imports only src\/domain/);
  });

  it('lets the domain import zod and its own modules', async () => {
    const messages = await lintPlanted(
      ["import { z } from 'zod';", "import { shanghaiDate } from './time/shanghai-time.js';", 'export const planted = [z, shanghaiDate];', ''].join('\n'),
    );
    assert.deepEqual(messages, []);
  });
});
