#!/usr/bin/env bash
# Installs dependencies, builds, and starts Tandem with the embedded SQLite store under ./data.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-pnpm.sh
pnpm install --frozen-lockfile
exec pnpm start
