// Preloaded into a `check` child by the hostile suite: its peak resident memory (all threads),
// printed at exit on stderr, so the suite can bound what each hostile file costs the process.
process.on('exit', () => process.stderr.write(`max-rss-kb ${process.resourceUsage().maxRSS}\n`));
