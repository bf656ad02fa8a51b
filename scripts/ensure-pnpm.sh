#!/usr/bin/env bash
# Sourced by start.sh and test.sh: makes pnpm 12.4.2 available and native builds use local headers.
PNPM_VERSION=12.4.2
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "Installing pnpm $PNPM_VERSION with npm…"
  if ! npm i -g "pnpm@$PNPM_VERSION" >/dev/null 2>&1; then
    npm i -g --prefix "$HOME/.local" "pnpm@$PNPM_VERSION" >/dev/null
    export PATH="$HOME/.local/bin:$PATH"
  fi
fi
# node-gyp finds Node's headers under /usr instead of downloading them.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
  export npm_config_nodedir=/usr
fi
