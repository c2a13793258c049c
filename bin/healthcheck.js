#!/usr/bin/env node
// The container's healthcheck (compose.yaml): exit 0 when the worker's /readyz answers 200, 1
// otherwise. It reads HTTP_ADDRESS as the worker does and asks over loopback; the image has no
// curl, and /readyz needs no token. Verified without Docker: docs/operations.md.
const address = process.env.HTTP_ADDRESS;
if (!address) {
  console.error('HTTP_ADDRESS is not set: the worker has no HTTP endpoint to ask');
  process.exit(1);
}
const port = address.slice(address.lastIndexOf(':') + 1);
const host = address.slice(0, address.lastIndexOf(':')).replace(/^\[|\]$/g, '');
const target = ['0.0.0.0', '::', ''].includes(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
try {
  const res = await fetch(`http://${target}:${port}/readyz`, { signal: AbortSignal.timeout(5_000) });
  const body = await res.text();
  if (res.status !== 200) console.error(body);
  process.exit(res.status === 200 ? 0 : 1);
} catch (err) {
  console.error(`no answer from ${target}:${port}: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
