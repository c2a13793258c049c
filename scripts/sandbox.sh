#!/usr/bin/env bash
# The README's "run it" command: a local sandbox mailbox (Dovecot) and SMTP capture, sample unit
# mails delivered, the worker run until its queues drain, and a summary printed. No configuration.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-services.sh
exec node --import tsx scripts/sandbox.ts "$@"
