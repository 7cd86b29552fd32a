#!/usr/bin/env bash
# The peer of the whole gate (`dojo checklist --ci`): what an instructor without dojo would run to
# verify all five labs of one student, in sequence. Labs 01-04 are the existing verify scripts (lab 02
# with its two cache builds); lab 05 is docker inspect / image inspect / history / cp and a request to
# each published scenario port. Prints "<lab> <check-id> pass|fail" per check. The lab-01 quiz and
# image-scan have no verdict here (dojo's are left out of the comparison: ungraded and skipped).
# usage: verify-baseline-gate.sh <workspace> <api-image> <api-ctr> <worker-ctr> <pg-ctr> <compose-project> <scenario-prefix>
set -uo pipefail
ws=$1 img=$2 api=$3 worker=$4 pg=$5 project=$6 scn=$7
here=$(cd "$(dirname "$0")" && pwd)
for lab in lab-01 lab-02; do bash "$here/verify-baseline.sh" "$lab" "$ws" "$img" | sed "s/^/$lab /"; done
bash "$here/verify-baseline-stack.sh" lab-03 "$api" "$worker" "$pg" | sed 's/^/lab-03 /'
bash "$here/verify-baseline-stack.sh" lab-04 "$ws" "$project" | sed 's/^/lab-04 /'

say() { echo "lab-05 $1 $2"; }
df="$ws/api-service/Dockerfile"

# non-root-user: the image's user, a name looked up in the image's own /etc/passwd.
user=$(docker image inspect -f '{{.Config.User}}' "$img") u=${user%%:*} verdict=fail
if [[ $u =~ ^[0-9]+$ ]]; then [ "$u" != 0 ] && verdict=pass
elif [ -n "$u" ]; then
  cid=$(docker create --label io.dojo.temp=1 --entrypoint /x "$img")
  uid=$(docker cp "$cid:/etc/passwd" - 2>/dev/null | tar -xO 2>/dev/null | awk -F: -v n="$u" '$1 == n { print $3 }')
  docker rm -f "$cid" >/dev/null
  [ -n "$uid" ] && [ "$uid" != 0 ] && verdict=pass
fi
say non-root-user $verdict

# pinned-base: every FROM that is not a stage or scratch, ARG defaults substituted, names a tag other than latest or a digest.
stages=$(awk 'toupper($1) == "FROM" && toupper($(NF-1)) == "AS" { print tolower($NF) }' "$df")
defaults=$(awk 'toupper($1) == "ARG" && $2 ~ /=/ { print $2 }' "$df")
verdict=pass
while read -r ref; do
  for a in $defaults; do n=${a%%=*} v=${a#*=}; ref=${ref//\$\{$n\}/$v}; ref=${ref//\$$n/$v}; done
  [ "$ref" = scratch ] || grep -qx "${ref,,}" <<<"$stages" || [[ $ref == *@sha256:* ]] && continue
  last=${ref##*/}
  [[ $last == *:* ]] && [ "${last##*:}" != latest ] || verdict=fail
done < <(awk 'toupper($1) == "FROM" { for (i = 2; i <= NF; i++) if ($i !~ /^--/) { print $i; break } }' "$df")
say pinned-base $verdict

# no-secrets: a secret-looking name with a value in the Dockerfile, the image's ENV and labels, its history; key files in the image.
names='[A-Z0-9_]*(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY)[A-Z0-9_]*'
verdict=pass
grep -qiE "^(ENV|ARG) +$names *[= ] *[^ ]" "$df" && verdict=fail
docker image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$img" | grep -qiE "^$names=." && verdict=fail
docker image inspect -f '{{range $k, $v := .Config.Labels}}{{$k}}={{$v}}{{println}}{{end}}' "$img" | grep -qiE "^$names=." && verdict=fail
docker history --no-trunc --format '{{.CreatedBy}}' "$img" | grep -qiE "$names=[^ ]" && verdict=fail
cid=$(docker create --label io.dojo.temp=1 --entrypoint /x "$img")
for p in /.env /app/.env /src/.env /root/.ssh/id_rsa /root/.ssh/id_ed25519 /id_rsa /app/id_rsa /root/.docker/config.json; do
  docker cp "$cid:$p" - >/dev/null 2>&1 && verdict=fail
done
docker rm -f "$cid" >/dev/null
say no-secrets $verdict

# The running api-service container's hardening.
hc() { docker inspect -f "$1" "$api" 2>/dev/null; }
running=$(hc '{{.State.Running}}')
extra=$(hc '{{range .HostConfig.CapAdd}}{{println .}}{{end}}' | grep -viE '^(CAP_)?NET_BIND_SERVICE$' | grep -c .)
if [ "$running" = true ] && hc '{{json .HostConfig.CapDrop}}' | grep -qiE '"(CAP_)?ALL"' && [ "$(hc '{{.HostConfig.Privileged}}')" = false ] \
  && hc '{{json .HostConfig.SecurityOpt}}' | grep -qE '"no-new-privileges(:true|=true)?"' && [ "$extra" = 0 ]; then say caps-dropped pass; else say caps-dropped fail; fi
pids=$(hc '{{.HostConfig.PidsLimit}}')
[ "$running" = true ] && [ "$(hc '{{.HostConfig.Memory}}')" -gt 0 ] && [[ $pids =~ ^[0-9]+$ ]] && [ "$pids" -gt 0 ] && say resource-limits pass || say resource-limits fail
tmp=$(hc '{{range $k, $_ := .HostConfig.Tmpfs}}{{println $k}}{{end}}{{range .Mounts}}{{println .Destination}}{{end}}')
[ "$running" = true ] && [ "$(hc '{{.HostConfig.ReadonlyRootfs}}')" = true ] && grep -qx /tmp <<<"$tmp" && say read-only-rootfs pass || say read-only-rootfs fail

# 5b, the break-fix scenarios: each container running, and doing what its task asks.
up() { [ "$(docker inspect -f '{{.State.Running}}' "$scn$1" 2>/dev/null)" = true ]; }
answers() { local port; port=$(docker port "$scn$1" 8080/tcp 2>/dev/null | head -1); [ -n "$port" ] && curl -fsS -m 3 "http://$port/" >/dev/null; }
logged() { docker logs "$scn$1" 2>&1 | grep -E "$2" | tail -1 | grep -q "$3"; }
up api && docker inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "${scn}api" | grep -q '^DATABASE_URL=.' && answers api && say api-starts pass || say api-starts fail
up report && [ "$(docker inspect -f '{{.HostConfig.Memory}}' "${scn}report")" -gt 0 ] && logged report 'report' 'report ready' && say report-fits-memory pass || say report-fits-memory fail
up worker && logged worker 'database at' 'connected to database' && say worker-reaches-db pass || say worker-reaches-db fail
up web && answers web && say web-answers pass || say web-answers fail
