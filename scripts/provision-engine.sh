#!/usr/bin/env bash
# Makes sure a Docker engine answers. Uses the one that already answers; otherwise, as root on
# Debian, installs Debian's docker.io (+ docker-compose, busybox-static, debootstrap for the
# fixture images, podman and openssl for the engine matrix) and starts dockerd in the background; adds the Compose v2 CLI plugin from Debian
# trixie (scripts/fetch-trixie.sh). Exits non-zero when no engine answers.
set -euo pipefail

engine_answers() { timeout 10 docker version --format '{{.Server.APIVersion}}' >/dev/null 2>&1; }

need_pkgs=()
command -v dockerd >/dev/null 2>&1 || need_pkgs+=(docker.io)
command -v docker-compose >/dev/null 2>&1 || need_pkgs+=(docker-compose)
dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'ok installed' || need_pkgs+=(busybox-static)
command -v debootstrap >/dev/null 2>&1 || need_pkgs+=(debootstrap)
# The engine matrix's other legs: Podman's Docker-compatible API, and openssl for the TLS endpoint.
command -v podman >/dev/null 2>&1 || need_pkgs+=(podman)
command -v openssl >/dev/null 2>&1 || need_pkgs+=(openssl)
# dojo watch's engine tests drive it in a real terminal.
command -v tmux >/dev/null 2>&1 || need_pkgs+=(tmux)

if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "provision: missing ${need_pkgs[*]} and not root; install them or start an engine yourself" >&2
    engine_answers && exit 0 || exit 1
  fi
  echo "provision: installing ${need_pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_pkgs[@]}" >/tmp/dojo-apt.log 2>&1 || { tail -20 /tmp/dojo-apt.log >&2; exit 1; }
fi

# Compose v2 beside Debian's v1: the lab 04 tests run both. Debian trixie's docker-compose package
# (2.26, a static Go binary) is unpacked into the CLI plugin folder; nothing is installed system-wide.
if ! docker compose version >/dev/null 2>&1; then
  here=$(cd "$(dirname "$0")" && pwd)
  unpacked=$(bash "$here/fetch-trixie.sh" docker-compose | awk '{print $2}')
  mkdir -p "$HOME/.docker/cli-plugins"
  install -m 0755 "$unpacked/usr/libexec/docker/cli-plugins/docker-compose" "$HOME/.docker/cli-plugins/docker-compose"
  echo "provision: Compose v2 plugin: $(docker compose version --short)"
fi

if engine_answers; then
  echo "provision: engine answers ($(docker version --format 'Engine {{.Server.Version}}, API {{.Server.APIVersion}}'))"
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  echo "provision: no Docker engine answers and this user cannot start one (set DOCKER_HOST or start dockerd)" >&2
  exit 1
fi

echo "provision: starting dockerd"
nohup dockerd >/tmp/dojo-dockerd.log 2>&1 &
for _ in $(seq 1 60); do
  if engine_answers; then
    echo "provision: engine answers ($(docker version --format 'Engine {{.Server.Version}}, API {{.Server.APIVersion}}'))"
    exit 0
  fi
  sleep 1
done
echo "provision: dockerd did not answer within 60 s; its log:" >&2
tail -20 /tmp/dojo-dockerd.log >&2
exit 1
