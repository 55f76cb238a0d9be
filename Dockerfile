# syntax=docker/dockerfile:1
# POMS image: compiled JavaScript, production dependencies only, run as an unprivileged user.
#   docker build -t poms .
#   docker run --rm poms npm run db:migrate      (once per upgrade, before the app starts)
#   docker run -p 8080:8080 -e DATABASE_URL=… -e POMS_SERVER_HOST=0.0.0.0 -e POMS_AUTH_MODE=header … poms
# deploy/compose.yml is a production example (PostgreSQL, two replicas, nginx with the SSO header).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: no build here (dist comes from the build stage), and native add-ons stay optional.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim
# openssh-client: the launch hosts are reached with the system ssh when [ssh] transport = openssh.
RUN apt-get update && apt-get install -y --no-install-recommends openssh-client tini \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production POMS_SERVER_PORT=8080 POMS_SIM_ENABLED=false
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY scripts/built.mjs ./scripts/built.mjs
COPY views ./views
COPY public ./public
COPY src/services/samples ./src/services/samples
# The build stamp must stay newer than every copied source for scripts/built.mjs to run dist/.
RUN touch dist/.build-stamp && mkdir -p var && chown -R node:node var
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.POMS_SERVER_PORT||8080)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/src/main.js"]
