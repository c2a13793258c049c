#!/usr/bin/env bash
# Makes sure what the worker and its tests need is on this machine, installing (as root, from
# Debian's packages) or starting what is missing; without root it says exactly what to install.
#   Node 20 + npm dependencies, Redis, Dovecot (IMAP for tests and the sandbox), PostgreSQL
#   (only with --postgres: the store's tests run on both engines).
set -euo pipefail
cd "$(dirname "$0")/.."

want_pg=0
[ "${1:-}" = "--postgres" ] && want_pg=1
say() { printf '[setup] %s\n' "$*" >&2; }
is_root() { [ "$(id -u)" = 0 ]; }
apt_updated=0
apt_install() {
  if ! is_root; then
    say "missing: $*. Install it with: sudo apt-get install -y $*"
    exit 1
  fi
  if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
  say "installing $* from Debian's packages"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Node 20 or newer.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then say "Node.js 20 or newer is needed (found: $(node --version 2>/dev/null || echo none))"; exit 1; fi

# npm dependencies, exactly as locked: `npm ci` (the lock records every platform's optional
# packages, so npm 10 and 11 accept it; a refusal is a broken lock and stops the setup).
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error >&2
fi

# Redis: the one at REDIS_URL (default 127.0.0.1:6379), started here if nothing answers.
redis_url=${REDIS_URL:-redis://127.0.0.1:6379}
redis_port=$(node -e 'console.log(new URL(process.argv[1]).port || 6379)' "$redis_url")
if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then apt_install redis-server redis-tools; fi
if ! redis-cli -u "$redis_url" ping >/dev/null 2>&1; then
  say "starting redis-server on port $redis_port (noeviction, as BullMQ needs)"
  mkdir -p /tmp/inbox-redis
  redis-server --daemonize yes --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no \
    --maxmemory-policy noeviction --dir /tmp/inbox-redis --logfile /tmp/inbox-redis/redis.log
  for _ in $(seq 50); do redis-cli -u "$redis_url" ping >/dev/null 2>&1 && break; sleep 0.1; done
fi

# Dovecot: only the binary; tests and the sandbox start their own throwaway instances.
if [ ! -x /usr/sbin/dovecot ]; then apt_install dovecot-imapd; fi

# strace: the test of what reaches the disk reads the worker's fsync and rename calls
# (test/adapters/disk/flush-to-disk.test.ts).
if ! command -v strace >/dev/null; then apt_install strace; fi

if [ "$want_pg" = 1 ]; then
  pg_url=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}
  if ! command -v pg_ctlcluster >/dev/null; then apt_install postgresql; fi
  if ! psql "$pg_url" -c 'select 1' >/dev/null 2>&1; then
    version=$(ls /etc/postgresql | sort -n | tail -1)
    pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
    for _ in $(seq 50); do pg_isready -h 127.0.0.1 -q && break; sleep 0.2; done
    if ! psql "$pg_url" -c 'select 1' >/dev/null 2>&1 && is_root; then
      # A fresh Debian cluster asks for a password on TCP: give the test role one and use it.
      runuser -u postgres -- psql -q -c "ALTER USER postgres PASSWORD 'postgres'" >/dev/null
      runuser -u postgres -- createdb test 2>/dev/null || true
      pg_url=postgres://postgres:postgres@127.0.0.1:5432/test
    fi
  fi
  if ! psql "$pg_url" -c 'select 1' >/dev/null 2>&1; then say "PostgreSQL at $pg_url does not answer; set TEST_DATABASE_URL"; exit 1; fi
  echo "TEST_DATABASE_URL=$pg_url"
fi
