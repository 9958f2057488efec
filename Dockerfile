# The editorial-review GitHub App as a service (see docs/deployment.md).
#   docker build -t editorial-review .
#   docker run -p 3000:3000 --env-file .env -v editorial-review-data:/app/.editorial-review editorial-review

# 1. Build: all dependencies, the TypeScript build, then the development dependencies removed.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: nothing the App needs at run time compiles native code.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bin ./bin
COPY scripts/build-cli.mjs ./scripts/
RUN npm run build && npm prune --omit=dev --ignore-scripts

# 2. Run: the built App and its production dependencies only, as the unprivileged `node` user.
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node app.yml LICENSE ./
# The delivery journal and the post-index cache live here (not needed with REDIS_URL): keep it on a volume
# so deliveries accepted before a restart are still reviewed.
RUN mkdir -p /app/.editorial-review && chown node:node /app/.editorial-review
VOLUME ["/app/.editorial-review"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/ping').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM (docker stop) lets running reviews finish within SHUTDOWN_GRACE_MS; the rest stay in the journal.
STOPSIGNAL SIGTERM
CMD ["node", "dist/github/server.js"]
