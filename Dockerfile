# syntax=docker/dockerfile:1
# Tollgate's app image: build in one stage, run from a slim stage as a non-root user. Run the
# container with a read-only root filesystem (compose.yaml: read_only + tmpfs for /tmp and the
# Next.js cache). Docker cannot run on the machines this was written on: the file is checked by
# tests/deploy/dockerfile.test.ts (lint + the rules above), not built there.
#   docker build -t tollgate .                      the app (target runtime)
#   docker build -t tollgate-migrate --target migrate .   the one-shot migration job

ARG NODE_IMAGE=node:20.20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts/prisma-generate.ts ./scripts/prisma-generate.ts
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN NODE_ENV=production npx next build \
  && npm prune --omit=dev --no-audit --no-fund

# Migrations and role setup (scripts/db-roles.ts): needs the dev tooling (tsx, the schema
# engine); it is the only image that ever receives the owner's or the superuser's credentials.
FROM deps AS migrate
COPY scripts ./scripts
COPY lib ./lib
COPY tsconfig.json ./
USER node
ENTRYPOINT ["node_modules/.bin/tsx", "scripts/db-roles.ts"]
CMD ["setup"]

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME_BIND=0.0.0.0
RUN groupadd --system --gid 10001 tollgate \
  && useradd --system --uid 10001 --gid tollgate --home-dir /nonexistent --shell /usr/sbin/nologin tollgate
COPY --from=build --chown=root:root /app/package.json /app/server.mjs /app/next.config.js ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/.next ./.next
COPY --from=build --chown=root:root /app/lib/generated ./lib/generated
# The code is owned by root and read-only to the app user; only the cache (a tmpfs in compose)
# is writable.
RUN mkdir -p /app/.next/cache && chown tollgate:tollgate /app/.next/cache
USER 10001:10001
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.mjs"]
