#!/usr/bin/env bash
# The peer dojo must beat: a lab-platform style verify script. One docker CLI call per fact, in
# sequence, grep on the Dockerfile. Prints "<check-id> pass|fail" per check, like dojo's verdicts.
# usage: verify-baseline.sh <lab-01|lab-02> <workspace> <image> [--skip-live-build]
set -uo pipefail
lab=$1 ws=$2 img=$3 skip_build=${4:-}
df="$ws/api-service/Dockerfile" ctx="$ws/api-service"
say() { echo "$1 $2"; }
verdict() { if "$@" >/dev/null 2>&1; then echo pass; else echo fail; fi; }
final_stage() { awk 'toupper($1)=="FROM"{buf=""} {buf=buf $0 "\n"} END{printf "%s", buf}' "$df"; }

if [ "$lab" = lab-01 ]; then
  say dockerfile-parses "$(verdict grep -qi '^FROM ' "$df")"
  startup=$(final_stage | grep -Ei '^(CMD|ENTRYPOINT) ')
  if [ -n "$startup" ] && ! echo "$startup" | grep -qvE '^(CMD|ENTRYPOINT) +\['; then say exec-form pass; else say exec-form fail; fi
  say dockerignore "$(verdict bash -c "test -f '$ctx/.dockerignore' && grep -qxE '\.env\*?' '$ctx/.dockerignore' && ! grep -qx '!.env' '$ctx/.dockerignore' && grep -qx '.git' '$ctx/.dockerignore'")"
  say image-exists "$(verdict docker image inspect "$img")"
  cid=$(docker run -d --label io.dojo.temp=1 "$img" 2>/dev/null)
  sleep 3
  running=$(docker inspect -f '{{.State.Running}}' "$cid" 2>/dev/null)
  docker logs --tail 20 "$cid" >/dev/null 2>&1
  docker inspect -f '{{.State.ExitCode}}' "$cid" >/dev/null 2>&1
  docker rm -f "$cid" >/dev/null 2>&1
  [ "$running" = true ] && say container-starts pass || say container-starts fail
  exit 0
fi

# lab-02
copy=$(grep -nE '^COPY +\. ' "$df" | head -1 | cut -d: -f1)
dl=$(grep -nE 'go mod download' "$df" | head -1 | cut -d: -f1)
if [ -n "$copy" ] && [ -n "$dl" ] && [ "$copy" -lt "$dl" ]; then say layer-order fail; else say layer-order pass; fi

if [ "$skip_build" != --skip-live-build ]; then
  tmp=$(mktemp -d)
  cp -r "$ctx/." "$tmp/"
  DOCKER_BUILDKIT=0 docker build -t dojo-probe/baseline:1 --label io.dojo.temp=1 "$tmp" >/dev/null 2>&1
  echo "// probe $(date +%s%N)" >> "$tmp/main.go"
  out=$(DOCKER_BUILDKIT=0 docker build -t dojo-probe/baseline:2 --label io.dojo.temp=1 "$tmp" 2>&1)
  docker rmi dojo-probe/baseline:2 dojo-probe/baseline:1 >/dev/null 2>&1
  rm -rf "$tmp"
  if echo "$out" | grep -A1 'go mod download' | grep -q 'Using cache'; then say cache-reuse pass; else say cache-reuse fail; fi
fi

if final_stage | grep -qE '^RUN +rm '; then say same-layer-cleanup fail; else say same-layer-cleanup pass; fi
froms=$(grep -ciE '^FROM ' "$df")
if [ "$froms" -ge 2 ] && final_stage | grep -qE '^COPY +--from='; then say multi-stage pass; else say multi-stage fail; fi
size=$(docker image inspect -f '{{.Size}}' "$img")
docker history --no-trunc "$img" >/dev/null
[ "$size" -le 30000000 ] && say image-size pass || say image-size fail

cid=$(docker create --label io.dojo.temp=1 --entrypoint /x "$img")
found=0
for p in /usr/local/go/bin/go /usr/bin/go /usr/local/bin/go /usr/lib/go/bin/go /usr/bin/gcc /usr/bin/cc /usr/bin/g++ /usr/bin/make; do
  docker cp "$cid:$p" - >/dev/null 2>&1 && found=1
done
[ $found = 0 ] && say no-toolchain pass || say no-toolchain fail

bin=$(docker image inspect -f '{{if .Config.Entrypoint}}{{index .Config.Entrypoint 0}}{{else}}{{index .Config.Cmd 0}}{{end}}' "$img")
base=$(final_stage | awk 'toupper($1)=="FROM"{print $2; exit}')
tmpbin=$(mktemp)
docker cp "$cid:$bin" - 2>/dev/null | tar -xO > "$tmpbin" 2>/dev/null
docker rm -f "$cid" >/dev/null 2>&1
if [ "$base" = scratch ] && LC_ALL=C grep -q 'ld-linux' "$tmpbin"; then say static-binary fail; else say static-binary pass; fi
rm -f "$tmpbin"
