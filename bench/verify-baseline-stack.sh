#!/usr/bin/env bash
# The peer dojo must beat for labs 03 and 04: the verify script an instructor would write, one docker
# CLI call per fact, in sequence; jq over `docker compose config` (v2), grep over the raw compose files.
# Probes run in throwaway busybox containers labelled io.dojo.temp=1. Prints "<check-id> pass|fail"
# (lab 04: "error" for what cannot be judged when the compose files do not load).
# usage: verify-baseline-stack.sh lab-03 <api-container> <worker-container> <postgres-container>
#        verify-baseline-stack.sh lab-04 <compose-dir> <project>
set -uo pipefail
PROBE=dojo-fixture/busybox:1
say() { echo "$1 $2"; }
ok() { if "$@" >/dev/null 2>&1; then echo pass; else echo fail; fi; }
user_networks() { docker inspect -f '{{range $n, $_ := .NetworkSettings.Networks}}{{$n}}{{"\n"}}{{end}}' "$1" | grep -vxE 'bridge|host|none'; }
# "<type> <name or source> <rw>" of what is mounted at $2 in container $1
mount_at() { docker inspect -f "{{range .Mounts}}{{if eq .Destination \"$2\"}}{{.Type}} {{if .Name}}{{.Name}}{{else}}{{.Source}}{{end}} {{.RW}}{{end}}{{end}}" "$1"; }
probe() { docker run --rm --label io.dojo.temp=1 "$@"; }
not() { ! "$@"; }

if [ "$1" = lab-03 ]; then
  api=$2 worker=$3 pg=$4
  shared=$(comm -12 <(user_networks "$api" | sort) <(user_networks "$worker" | sort) | comm -12 - <(user_networks "$pg" | sort))
  [ -n "$shared" ] && say user-network pass || say user-network fail

  net=$(docker inspect -f '{{range $n, $_ := .NetworkSettings.Networks}}{{$n}} {{end}}' "$api" | awk '{print $1}')
  # The services must also dial that name: DB_HOST of api-service and worker-service is "postgres".
  db_host() { docker inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$1" | sed -n 's/^DB_HOST=//p'; }
  if [ "$(db_host "$api")" = postgres ] && [ "$(db_host "$worker")" = postgres ]; then
    say name-resolution "$(ok probe --network "$net" "$PROBE" sh -c 'nslookup postgres && nc -w 3 postgres 5432 </dev/null')"
  else say name-resolution fail; fi

  worker_ports=$(docker port "$worker")
  api_ports=$(docker port "$api")
  if [ -z "$worker_ports" ] && [ "$(echo "$api_ports" | awk '{print $1}' | sort -u)" = 8080/tcp ]; then say worker-unpublished pass; else say worker-unpublished fail; fi

  read -r type vol _ <<<"$(mount_at "$pg" /var/lib/postgresql/data)"
  if [ "$type" = volume ] && ! [[ $vol =~ ^[0-9a-f]{64}$ ]]; then say named-volume pass; else say named-volume fail; fi
  # An anonymous volume is gone with the next `docker run`: it does not count as surviving.
  if { [ "$type" = volume ] && ! [[ $vol =~ ^[0-9a-f]{64}$ ]]; } || [ "$type" = bind ]; then
    version=$(probe --network none -v "$vol:/data:ro" "$PROBE" cat /data/PG_VERSION 2>/dev/null)
    [ -n "$version" ] && say data-survives pass || say data-survives fail
  else say data-survives fail; fi

  # A bind mount on this (local) engine: owner and mode straight from the host, against the worker's uid:gid.
  read -r type src rw <<<"$(mount_at "$worker" /exports)"
  user=$(docker inspect -f '{{.Config.User}}' "$worker")
  uid=${user%%:*} gid=${user#*:}
  [ -z "$user" ] && uid=0 gid=0
  if [ "$type" != bind ] || [ "$rw" != true ]; then say volume-permissions fail
  else
    read -r ouid ogid mode <<<"$(stat -c '%u %g %a' "$src")"
    # Running the worker as root is what the lab rules out, so root does not count as "can write".
    if [ "$uid" = 0 ]; then bits=0; elif [ "$uid" = "$ouid" ]; then bits=$(( 8#$mode >> 6 )); elif [ "$gid" = "$ogid" ]; then bits=$(( 8#$mode >> 3 )); else bits=$(( 8#$mode )); fi
    (( bits & 2 )) && say volume-permissions pass || say volume-permissions fail
  fi
  exit 0
fi

# lab-04
dir=$2 project=$3
cd "$dir" || exit 2
checks="db-healthcheck depends-healthy no-plaintext-secrets worker-unpublished stack-healthy down-keeps-data dev-override dev-image-has-toolchain profiles"
if ! cfg=$(docker compose -p "$project" --profile '*' config --format json 2>/dev/null); then
  say compose-valid fail
  for c in $checks; do say "$c" error; done
  exit 0
fi
say compose-valid pass
q() { jq -e "$@" <<<"$cfg" >/dev/null 2>&1; }

# A healthcheck of its own that is on and can fail (`|| true` cannot), else the image's HEALTHCHECK.
if q '.services.postgres.healthcheck != null'; then
  say db-healthcheck "$(ok q '.services.postgres.healthcheck | .disable != true and ((.test // []) | join(" ") | test("\\|\\| *(true|:|exit 0) *$") | not)')"
else
  say db-healthcheck "$(ok test "$(docker image inspect -f '{{if .Config.Healthcheck}}{{len .Config.Healthcheck.Test}}{{else}}0{{end}}' "$(jq -r '.services.postgres.image' <<<"$cfg")" 2>/dev/null || echo 0)" != 0)"
fi
say depends-healthy "$(ok q '[.services["api-service", "worker-service"].depends_on.postgres.condition] | all(. == "service_healthy")')"
# What the student wrote, not the resolved model: a secret-looking key with a literal value.
literal_secrets() { grep -hiE '(PASSWORD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY)[A-Z0-9_]*(: +|=)["'"'"']?[^$"'"'"' ]' docker-compose*.yml | grep -viE '_FILE(: |=)'; }
say no-plaintext-secrets "$(ok not literal_secrets)"
# Only api-service publishes, and only its 8080.
say worker-unpublished "$(ok q '(.services["worker-service"].ports // [] | length == 0) and ([.services["api-service"].ports[]?.target | tostring] | unique == ["8080"])')"

ps=$(docker compose -p "$project" ps -a --format json)
running=$(jq -rs 'flatten | map(select(.State == "running") | .Service) | .[]' <<<"$ps")
unhealthy=$(jq -rs 'flatten | map(select(.Health != "" and .Health != "healthy")) | length' <<<"$ps")
pg_health=$(jq -rs 'flatten | map(select(.Service == "postgres") | .Health) | first' <<<"$ps")
up=true
for s in postgres api-service worker-service; do grep -qx "$s" <<<"$running" || up=false; done
[ $up = true ] && [ "$unhealthy" = 0 ] && [ "$pg_health" = healthy ] && say stack-healthy pass || say stack-healthy fail

say down-keeps-data "$(ok q '.volumes as $top | .services.postgres.volumes[] | select(.target == "/var/lib/postgresql/data") | .type == "volume" and .source != null and (.source as $v | $top // {} | has($v))')"

# The dev override: what `docker compose config` adds to the base file alone.
base=$(docker compose -p "$project" -f docker-compose.yml config --format json 2>/dev/null)
src_binds='[.services["api-service"].volumes[]? | select(.type == "bind" and (.source | endswith("/api-service")))] | length'
command='.services["api-service"].command'
if [ "$(jq "$src_binds" <<<"$base")" = 0 ] && [ "$(jq "$src_binds" <<<"$cfg")" -ge 1 ] && [ "$(jq -c "$command" <<<"$cfg")" != "$(jq -c "$command" <<<"$base")" ]; then
  say dev-override pass; else say dev-override fail; fi

has_go() {
  local cid found=1
  cid=$(docker create --label io.dojo.temp=1 --entrypoint /x "$1")
  for p in /usr/local/go/bin/go /usr/bin/go /usr/lib/go/bin/go; do docker cp "$cid:$p" - >/dev/null 2>&1 && found=0; done
  docker rm -f "$cid" >/dev/null
  return $found
}
dev_image=$(jq -r '.services["api-service"].image' <<<"$cfg")
prod_image=$(jq -r '.services["api-service"].image' <<<"$base")
has_go "$dev_image" && ! has_go "$prod_image" && say dev-image-has-toolchain pass || say dev-image-has-toolchain fail

say profiles "$(ok q '.services["db-shell"].profiles | index("tools")')"
