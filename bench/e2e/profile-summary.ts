/**
 * Where a worker's CPU went, from the `.cpuprofile` files `bench:e2e --profile DIR` leaves:
 *   node --import tsx bench/e2e/profile-summary.ts DIR [--top 25]
 * Self time is summed per library (node_modules/<package>) and per source file of ours; time in
 * Node's internals or native code (streams, fs, crypto, JSON, regexps) is charged to the nearest
 * caller that is a library or ours, so that "plumbing" is named by who asked for it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
const dir = positionals[0];
if (!dir) throw new Error('usage: profile-summary.ts DIR');

function owner(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  // The compiled worker runs from node_modules/.cache (run-e2e.ts): it is ours, named by its source file.
  const compiled = url.match(/node_modules\/\.cache\/[^/]+\/(src\/.*)\.js$/);
  if (compiled) return `${compiled[1]}.ts`;
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return 'node internals';
  const src = url.indexOf('/src/');
  return src >= 0 ? url.slice(src + 1) : url;
}

const windows = fs.readdirSync(dir).filter((f) => /^window-.*\.json$/.test(f))
  .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { fromUs: number; toUs: number });
const counted = (us: number) => windows.length === 0 || windows.some((w) => us >= w.fromUs && us <= w.toUs);
if (windows.length > 0) console.log(`counting the measured phase only (${windows.length} window(s))`);

const totals = new Map<string, number>();
let all = 0;
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const charged = (id: number): string => {
    const own = byId.get(id)!;
    const first = owner(own.callFrame.url, own.callFrame.functionName);
    if (first !== 'node internals' && first !== '(native)') return first;
    for (let up = parent.get(id); up !== undefined; up = parent.get(up)) {
      const n = byId.get(up)!;
      const o = owner(n.callFrame.url, n.callFrame.functionName);
      if (o !== 'node internals' && o !== '(native)' && !o.startsWith('(')) return `${o} (via ${first})`;
    }
    return first;
  };
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    at += us;
    if (!counted(at)) return;
    const key = charged(id);
    totals.set(key, (totals.get(key) ?? 0) + us);
    all += us;
  });
}
const idle = totals.get('(idle)') ?? 0;
console.log(`busy ${((all - idle) / 1000).toFixed(0)} ms of ${(all / 1000).toFixed(0)} ms sampled`);
for (const [key, us] of [...totals].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) {
  console.log(`${((100 * us) / (all - idle)).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`);
}
