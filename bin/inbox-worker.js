#!/usr/bin/env node
// The `inbox-worker` executable. In a checkout it runs the TypeScript source through tsx, so a
// change needs no build; in the production image (no sources, no tsx) it runs the compiled file.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli/main.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import(new URL('../dist/src/cli/main.js', import.meta.url).href);
}
