#!/usr/bin/env bash
# Builds the offline base images the fixture workspaces build FROM. Nothing is pulled: a tiny
# tier from busybox-static on scratch, a realistic tier from debootstrap + docker import.
# Cached by tag: the tag carries the recipe version, so bump it when a recipe changes.
set -euo pipefail
export DOCKER_BUILDKIT=0
LABEL=io.dojo.fixture=1
MIRROR=${DOJO_DEBIAN_MIRROR:-http://deb.debian.org/debian}
work=$(mktemp -d /tmp/dojo-fixture-images.XXXXXX)
trap 'rm -rf "$work"' EXIT

have() { docker image inspect "$1" >/dev/null 2>&1; }
say() { echo "fixture-images: $*"; }

BUSYBOX=dojo-fixture/busybox:1
if ! have "$BUSYBOX"; then
  say "building $BUSYBOX"
  mkdir "$work/busybox" && cp /bin/busybox "$work/busybox/busybox"
  cat >"$work/busybox/Dockerfile" <<DF
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
LABEL $LABEL
CMD ["/bin/sh"]
DF
  docker build -q -t "$BUSYBOX" "$work/busybox" >/dev/null
fi

DEBIAN=dojo-fixture/debian:bookworm-1
if ! have "$DEBIAN"; then
  say "debootstrap bookworm (minbase) from $MIRROR"
  debootstrap --variant=minbase bookworm "$work/rootfs" "$MIRROR" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
  rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
  tar -C "$work/rootfs" -c . | docker import --change "LABEL $LABEL" --change 'CMD ["bash"]' - "$DEBIAN" >/dev/null
  rm -rf "$work/rootfs"
fi

GOLANG=dojo-fixture/golang:bookworm-1
if ! have "$GOLANG"; then
  say "building $GOLANG (golang-go from Debian)"
  mkdir "$work/golang"
  cat >"$work/golang/Dockerfile" <<DF
FROM $DEBIAN
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      golang-go gcc libc6-dev ca-certificates >/dev/null && rm -rf /var/lib/apt/lists/*
ENV GOPATH=/go GOFLAGS=-mod=mod GOTOOLCHAIN=local GOPROXY=off
LABEL $LABEL
DF
  docker build -q -t "$GOLANG" "$work/golang" >/dev/null
fi

POSTGRES=dojo-fixture/postgres:15-1
if [ "${DOJO_FIXTURE_POSTGRES:-1}" = 1 ] && ! have "$POSTGRES"; then
  say "building $POSTGRES (postgresql-15 from Debian)"
  mkdir "$work/postgres"
  cat >"$work/postgres/Dockerfile" <<'DF'
ARG BASE
FROM ${BASE}
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      postgresql-15 >/dev/null && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/lib/postgresql/data /run/postgresql && chown -R postgres:postgres /var/lib/postgresql /run/postgresql
COPY entrypoint.sh /usr/local/bin/entrypoint.sh
ENV PGDATA=/var/lib/postgresql/data PATH=/usr/lib/postgresql/15/bin:$PATH
USER postgres
EXPOSE 5432
VOLUME /var/lib/postgresql/data
HEALTHCHECK --interval=2s --timeout=3s --retries=15 CMD pg_isready -h 127.0.0.1 -U postgres || exit 1
ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]
DF
  cat >"$work/postgres/entrypoint.sh" <<'SH'
#!/bin/sh
set -e
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  initdb -D "$PGDATA" -U postgres --auth=trust >/dev/null
  echo "listen_addresses='*'" >> "$PGDATA/postgresql.conf"
  echo "host all all 0.0.0.0/0 trust" >> "$PGDATA/pg_hba.conf"
fi
exec postgres -D "$PGDATA"
SH
  chmod +x "$work/postgres/entrypoint.sh"
  docker build -q --build-arg BASE="$DEBIAN" --label "$LABEL" -t "$POSTGRES" "$work/postgres" >/dev/null
fi
say "ready: $BUSYBOX $DEBIAN $GOLANG $([ "${DOJO_FIXTURE_POSTGRES:-1}" = 1 ] && echo "$POSTGRES")"
