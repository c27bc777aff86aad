# syntax=docker/dockerfile:1
#
# goalbot: a static binary (pure Go, CGO_ENABLED=0) on distroless/static,
# which carries CA certificates, tzdata and a nonroot user.
#
#   docker build -t goalbot --build-arg VERSION=$(git describe --tags --always) .
#   docker run -d --name goalbot -p 8080:8080 -v goalbot-data:/data \
#     --env-file .env --stop-timeout 15 goalbot
#
# The database lives in the /data volume (GOALBOT_DB=/data/goalbot.db); a
# .env file there is read too. Backups: docker exec goalbot goalbot backup
# /data/backup-$(date +%F).db. Graceful shutdown takes up to 10 s: give
# `docker stop` more than that (--stop-timeout 15, stop_grace_period: 15s).

ARG GO_VERSION=1.26

FROM golang:${GO_VERSION} AS build
WORKDIR /src
# Modules first: this layer is cached until go.mod or go.sum change.
COPY go.mod go.sum ./
RUN go mod download && go mod verify
COPY . .
ARG VERSION=dev
ENV CGO_ENABLED=0 GOOS=linux
RUN go build -trimpath -ldflags="-s -w -X main.version=${VERSION}" -o /out/goalbot ./cmd/goalbot \
 && /out/goalbot version \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/goalbot /usr/local/bin/goalbot
# An empty /data owned by nonroot (65532), so a new named volume is writable.
COPY --from=build --chown=65532:65532 /out/data /data
ENV GOALBOT_DB=/data/goalbot.db \
    GOALBOT_HTTP_ADDR=:8080 \
    GOALBOT_LOG_FORMAT=json
VOLUME ["/data"]
EXPOSE 8080
USER 65532:65532
STOPSIGNAL SIGTERM
# No HEALTHCHECK: distroless has no shell or curl. Probe GET /healthz from
# the orchestrator (200 ok or degraded, 503 down).
ENTRYPOINT ["/usr/local/bin/goalbot"]
