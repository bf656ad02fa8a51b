# Tandem in a container: `docker compose up` (compose.yaml), or `docker build -t tandem .`.
# Written but not run where Tandem is developed (no Docker there): each step is a command CI
# runs (.ci/run, scripts/test.sh, scripts/start.sh), and tests/integration/container-files.test.ts
# checks that they stay the same. docs/operations.md describes the image.

# Build: install with the lockfile, build shared, server and client.
FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles its native module when no prebuilt binary fits.
RUN apt-get update \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
RUN npm i -g pnpm@12.4.2
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile
RUN pnpm build

# Run: the built app, owned by root and read-only to the unprivileged `node` user (uid 1000),
# which owns only the data volume.
FROM node:20-bookworm-slim
RUN npm i -g pnpm@12.4.2
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
ENV NODE_ENV=production \
  HOST=0.0.0.0 \
  PORT=3000 \
  DATA_DIR=/data \
  TANDEM_CLIENT_DIR=/app/client/dist
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains rooms and sockets (TANDEM_DRAIN_MS); `docker stop` waits 10 s by default.
STOPSIGNAL SIGTERM
CMD ["node", "server/dist/main.js"]
