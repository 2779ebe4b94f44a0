# syntax=docker/dockerfile:1
# Parley's image: built in one stage with the development dependencies (TypeScript, Vite),
# run from a second with only the production dependencies and the built output.
#   docker build -t parley .
#   docker run -p 3000:3000 -e DATABASE_URL=... -e PARLEY_API_KEYS=... parley
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json vite.config.ts ./
COPY src ./src
COPY client ./client
COPY scripts ./scripts
RUN npm run build

FROM ${NODE_IMAGE} AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    PORT=3000 \
    PARLEY_DATA_DIR=/data
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY package.json LICENSE ./
COPY scripts/start.js ./scripts/start.js
# The embedded database and attachments live in /data: a volume, owned by the unprivileged user.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# /health answers while the process is up; readiness (database, migrations) is /ready.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node runs as PID 1 with no shell or npm in between: the runtime's SIGTERM reaches the server, which drains.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/server/main.js"]
