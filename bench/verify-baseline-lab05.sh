#!/usr/bin/env bash
# The peer dojo must beat for lab 05 (exercise 5a): the verify script an instructor would write, one
# docker CLI call per fact, in sequence; grep/awk over the Dockerfile, `docker image inspect`,
# `docker history --no-trunc`, one throwaway container (created, never started, labelled
# io.dojo.temp=1) for the image's /etc/passwd and file list, `docker inspect` of the running container.
# Prints "<check-id> pass|fail"; image-scan only when trivy is on PATH (dojo skips it otherwise).
# usage: verify-baseline-lab05.sh <workspace> <image> <container>
set -uo pipefail
ws=$1 img=$2 ctr=$3
df=$ws/api-service/Dockerfile
say() { echo "$1 $2"; }
# Names as dojo's redaction reads them (src/checks/redact.ts): secret-looking, minus public halves and file paths.
secret_name() { grep -iE '(PASSWORD|PASSWD|PASSPHRASE|(^|_)PASS($|_)|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL)' | grep -viE "$@" '(PUBLIC|_FILE$|_PATH$|_DIR$|KEY_ALIAS|_URL_TEMPLATE$)'; }

cid=$(docker create --label io.dojo.temp=1 --entrypoint /x "$img" 2>/dev/null)
trap '[ -n "$cid" ] && docker rm -f "$cid" >/dev/null 2>&1' EXIT

# non-root-user: Config.User resolved through the image's own /etc/passwd; unset, 0 or a name with uid 0 is root.
user=$(docker image inspect -f '{{.Config.User}}' "$img")
name=${user%%:*}
if [ -z "$name" ]; then uid=0
elif [[ $name =~ ^[0-9]+$ ]]; then uid=$name
else uid=$(docker cp "$cid:/etc/passwd" - 2>/dev/null | tar -xO 2>/dev/null | awk -F: -v u="$name" '$1 == u { print $3 }'); fi
[ -n "$uid" ] && [ "$uid" != 0 ] && say non-root-user pass || say non-root-user fail

# pinned-base: every external FROM, global ARGs resolved, names a tag other than latest or a digest.
pinned=pass
declare -A args=() stages=()
while read -r kw rest; do
  case ${kw^^} in
    ARG) [[ $rest == *=* ]] && args[${rest%%=*}]=${rest#*=} ;;
    FROM)
      read -r -a w <<<"$rest"
      [[ ${w[0]} == --platform=* ]] && w=("${w[@]:1}")
      ref=${w[0]}
      for k in "${!args[@]}"; do ref=${ref//\$\{$k\}/${args[$k]}}; ref=${ref//\$$k/${args[$k]}}; done
      [ "${#w[@]}" -ge 3 ] && stages[${w[2],,}]=1
      if [ -n "${stages[${ref,,}]:-}" ] || [ "$ref" = scratch ]; then continue; fi
      if [[ $ref != *@sha256:* ]]; then
        last=${ref##*/}
        if [[ $last != *:* ]] || [ "${last##*:}" = latest ]; then pinned=fail; fi
      fi ;;
  esac
done < <(grep -iE '^\s*(ARG|FROM)\s' "$df")
say pinned-base $pinned

# no-secrets: literals in the Dockerfile, the image's ENV and labels, build arguments in the history, credential files in the image.
secrets=pass
grep -iE '^\s*(ENV|ARG|LABEL)\s' "$df" | sed -E 's/^\s*\S+\s+//' | grep -oE '[A-Za-z_][A-Za-z0-9_]*=[^$ ][^ ]*' | cut -d= -f1 | secret_name -q && secrets=fail
docker image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$img" | cut -d= -f1 | secret_name -q && secrets=fail
docker image inspect -f '{{range $k, $v := .Config.Labels}}{{println $k}}{{end}}' "$img" | secret_name -q && secrets=fail
docker history --no-trunc --format '{{.CreatedBy}}' "$img" | grep -E '^(RUN )?\|[0-9]+ ' | grep -oE '[A-Za-z_][A-Za-z0-9_]*=' | tr -d = | secret_name -q && secrets=fail
docker export "$cid" | tar -t 2>/dev/null | grep -vE '\.(example|sample|template|dist|defaults?|pub)$' \
  | grep -qE '(^|/)(\.env(\..*)?|id_(rsa|dsa|ecdsa|ed25519)|[^/]*\.(key|p12|pfx)|\.npmrc|\.pypirc|\.netrc|\.git-credentials|\.pgpass|credentials(\.json)?|[^/]*[-_]key\.pem|key\.pem|private[^/]*\.pem)$' && secrets=fail
say no-secrets $secrets

# The running container: capabilities, limits, read-only root filesystem.
read -r drop add priv sec <<<"$(docker inspect -f '{{json .HostConfig.CapDrop}} {{json .HostConfig.CapAdd}} {{.HostConfig.Privileged}} {{json .HostConfig.SecurityOpt}}' "$ctr")"
extra=$(jq -r '.[]? | ascii_upcase | sub("^CAP_"; "") | select(. != "NET_BIND_SERVICE")' <<<"$add")
if [ "$priv" = false ] && jq -e 'any(.[]?; ascii_upcase == "ALL")' <<<"$drop" >/dev/null && [ -z "$extra" ] \
  && jq -e 'any(.[]?; test("^no-new-privileges([:=]true)?$"; "i"))' <<<"$sec" >/dev/null; then say caps-dropped pass; else say caps-dropped fail; fi
read -r mem pids <<<"$(docker inspect -f '{{.HostConfig.Memory}} {{.HostConfig.PidsLimit}}' "$ctr")"
[ "$mem" != 0 ] && [ "$pids" != "<nil>" ] && [ "$pids" != 0 ] && [ "$pids" != -1 ] && say resource-limits pass || say resource-limits fail
read -r ro tmpfs <<<"$(docker inspect -f '{{.HostConfig.ReadonlyRootfs}} {{json .HostConfig.Tmpfs}}' "$ctr")"
tmp_mount=$(docker inspect -f '{{range .Mounts}}{{if and (eq .Destination "/tmp") .RW}}yes{{end}}{{end}}' "$ctr")
if [ "$ro" = true ] && { jq -e 'has("/tmp")' <<<"$tmpfs" >/dev/null 2>&1 || [ -n "$tmp_mount" ]; }; then say read-only-rootfs pass; else say read-only-rootfs fail; fi

if command -v trivy >/dev/null; then
  trivy image --quiet --offline-scan --skip-db-update --severity CRITICAL --exit-code 1 "$img" >/dev/null 2>&1 && say image-scan pass || say image-scan fail
fi
exit 0
