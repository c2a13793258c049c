// Preloaded (NODE_OPTIONS) into a `check` child by the hostile suite, and so into the reading
// processes it forks: each process's peak resident memory, appended at exit to MAX_RSS_FILE as
// "<pid> <parent pid> <kb>", so the suite can bound what each hostile file costs in all.
// Plain JavaScript: it is loaded before any TypeScript loader is.
import fs from 'node:fs';
import process from 'node:process';

const out = process.env.MAX_RSS_FILE;
if (out) process.on('exit', () => fs.appendFileSync(out, `${process.pid} ${process.ppid} ${process.resourceUsage().maxRSS}\n`));
