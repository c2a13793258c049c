#!/usr/bin/env bash
# The whole test suite: services, typecheck, lint, then every test file on real Redis, Dovecot,
# smtp-server, SQLite and PostgreSQL. This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

services=$(bash scripts/ensure-services.sh --postgres)
pg_line=$(grep '^TEST_DATABASE_URL=' <<<"$services") || { echo "setup did not report TEST_DATABASE_URL" >&2; exit 1; }
export "${pg_line?}"

echo "== typecheck"; npx tsc -p tsconfig.json --noEmit
echo "== lint"; npx eslint . --max-warnings=0
echo "== tests"
mapfile -t files < <(find test -name '*.test.ts' | sort)
node --import tsx --test --test-concurrency=2 --test-timeout=600000 "${files[@]}"
