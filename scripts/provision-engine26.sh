#!/usr/bin/env bash
# provision-engine26.sh [--stop] : starts Docker Engine 26.1 (Debian trixie's docker.io, with the
# trixie docker CLI, buildx and Compose v2 plugins) beside the 20.10 engine, without touching it.
#
# Why a network namespace: a second dockerd in the host's namespace either fights 20.10 over the
# iptables DOCKER chains (it flushes them at start) or, with --iptables=false, has no working embedded
# DNS (measured: /work/shared/docs/engines.md). Run inside its own netns, dockerd 26 keeps iptables on
# (so 127.0.0.11 answers), owns its own bridge, and the host's docker0, bridges and chains are never
# seen by it. The 26 leg's tests run in the same netns (engine26-env.sh's DOJO_ENGINE26_NETNS) so that
# published ports are reachable on 127.0.0.1 as they are for a student.
#
# Prints shell assignments to stdout (eval them): DOCKER_HOST, DOCKER_CONFIG, PATH, DOJO_ENGINE26_NETNS.
# Cached: packages under ~/.cache/dojo/trixie, the engine's data under $DOJO_ENGINE26_ROOT.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
NAME=${DOJO_ENGINE26_NAME:-dojo26}
ROOT=${DOJO_ENGINE26_ROOT:-/var/lib/dojo-engine26}
EXEC=/var/run/$NAME
SOCK=/var/run/$NAME.sock
PIDFILE=/var/run/$NAME.pid
NETNS=$NAME
BRIDGE=${NAME}br0
BRIDGE_CIDR=${DOJO_ENGINE26_BRIDGE:-10.226.0.1/24}
# 20.10's containerd: the one dockerd started itself, or the system's (a systemd-started dockerd).
CONTAINERD=${DOJO_ENGINE26_CONTAINERD:-/var/run/docker/containerd/containerd.sock}
[ -S "$CONTAINERD" ] || [ -n "${DOJO_ENGINE26_CONTAINERD:-}" ] || CONTAINERD=/run/containerd/containerd.sock
LOG=$EXEC.log
DNS_PID=/var/run/$NAME-dns.pid
say() { echo "provision-26: $*" >&2; }
answers() { DOCKER_HOST=unix://$SOCK timeout 10 "$cli/usr/bin/docker" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

running_pid() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null && cat "$PIDFILE"; }

if [ "${1:-}" = --stop ]; then
  if pid=$(running_pid); then
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    say "stopped dockerd 26 (pid $pid)"
  fi
  if [ -f "$DNS_PID" ] && kill -0 "$(cat "$DNS_PID")" 2>/dev/null; then kill "$(cat "$DNS_PID")"; fi
  rm -f "$DNS_PID"
  exit 0
fi

[ "$(id -u)" = 0 ] || { say "needs root (a dockerd, a network namespace)"; exit 1; }
[ -S "$CONTAINERD" ] || { say "no containerd at $CONTAINERD: start the 20.10 engine first (scripts/provision-engine.sh)"; exit 1; }

declare -A dir
while read -r pkg d; do dir[$pkg]=$d; done < <(bash "$here/fetch-trixie.sh" docker.io docker-cli docker-buildx docker-compose)
eng=${dir[docker.io]} cli=${dir[docker-cli]}

# The 26 leg's CLI config: its own plugin folder, so the 20.10 leg's CLI does not gain buildx.
config=$ROOT-cli
mkdir -p "$config/cli-plugins"
ln -sf "${dir[docker-buildx]}/usr/libexec/docker/cli-plugins/docker-buildx" "$config/cli-plugins/docker-buildx"
ln -sf "${dir[docker-compose]}/usr/libexec/docker/cli-plugins/docker-compose" "$config/cli-plugins/docker-compose"
[ -f "$config/config.json" ] || echo '{}' >"$config/config.json"

if ! running_pid >/dev/null; then
  [ -e "/var/run/netns/$NETNS" ] || ip netns add "$NETNS"
  ip -n "$NETNS" link set lo up
  if ! ip -n "$NETNS" link show "$BRIDGE" >/dev/null 2>&1; then
    ip -n "$NETNS" link add "$BRIDGE" type bridge
    ip -n "$NETNS" addr add "$BRIDGE_CIDR" dev "$BRIDGE"
  fi
  ip -n "$NETNS" link set "$BRIDGE" up
  # Names the embedded DNS does not know get NXDOMAIN at once, as from a real resolver (nxdomain-dns.mjs).
  if ! { [ -f "$DNS_PID" ] && kill -0 "$(cat "$DNS_PID")" 2>/dev/null; }; then
    setsid nsenter --net="/var/run/netns/$NETNS" node "$here/nxdomain-dns.mjs" "${BRIDGE_CIDR%/*}" >/dev/null 2>&1 </dev/null &
    echo $! >"$DNS_PID"
  fi
  mkdir -p "$ROOT" "$EXEC"
  # dockerd re-applies the default bridge's stored config at start: begin from a clean network/.
  rm -rf "$ROOT/network"
  say "starting dockerd $("$eng/usr/sbin/dockerd" --version | awk '{print $3}' | tr -d ,) in netns $NETNS (log: $LOG)"
  # nsenter --net only: dockerd must share the host's mount namespace with containerd (ip netns exec
  # would give it a private one, and containerd would not see the layers it mounts).
  setsid nsenter --net="/var/run/netns/$NETNS" env PATH="$eng/usr/sbin:$eng/usr/bin:$PATH" \
    "$eng/usr/sbin/dockerd" --data-root "$ROOT" --exec-root "$EXEC" --pidfile "$PIDFILE" -H "unix://$SOCK" \
    --containerd "$CONTAINERD" --containerd-namespace "$NAME" --containerd-plugins-namespace "$NAME-plugins" \
    --bridge "$BRIDGE" --dns "${BRIDGE_CIDR%/*}" --iptables=true --init-path "$(command -v docker-init || command -v tini-static)" \
    --userland-proxy-path "$eng/usr/sbin/docker-proxy" >"$LOG" 2>&1 </dev/null &
  for _ in $(seq 1 120); do answers && break; sleep 0.5; done
fi
if ! answers; then
  say "dockerd 26 does not answer on $SOCK; its log:"; tail -20 "$LOG" >&2; exit 1
fi
say "engine answers: $(DOCKER_HOST=unix://$SOCK "$cli/usr/bin/docker" version --format 'Engine {{.Server.Version}}, API {{.Server.APIVersion}}')," \
  "buildx $(DOCKER_CONFIG=$config "$cli/usr/bin/docker" buildx version | awk '{print $2}'), compose $(DOCKER_CONFIG=$config "$cli/usr/bin/docker" compose version --short)"
echo "export DOCKER_HOST=unix://$SOCK DOCKER_CONFIG=$config PATH=$cli/usr/bin:$PATH DOJO_ENGINE26_NETNS=$NETNS"
