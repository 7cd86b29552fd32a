#!/usr/bin/env bash
# engine26-images.sh : copies the offline fixture images (dojo-fixture/*, dojo-test/*) from the 20.10
# engine (/var/run/docker.sock) into the engine DOCKER_HOST points at (the 26 leg), with one
# `docker save | docker load`. Only images whose id differs are copied, so a second run copies nothing.
# Why not build them there: the 26 engine's network namespace has no way out (debootstrap and apt
# need one), and measured here a save|load of all of them (~1.7 GB base + 27 test images) takes
# ~2 min once, where a single BuildKit build of the FlowForge image took 3 min 17 s cold.
set -euo pipefail
: "${DOCKER_HOST:?DOCKER_HOST must point at the 26 engine}"
FROM=unix:///var/run/docker.sock
[ "$DOCKER_HOST" != "$FROM" ] || { echo "engine26-images: DOCKER_HOST is the 20.10 engine itself" >&2; exit 2; }

id_on() { DOCKER_HOST=$1 docker image inspect -f '{{.Id}}' "$2" 2>/dev/null || true; }
want=()
while read -r ref; do
  [ -n "$ref" ] || continue
  [ "$(id_on "$FROM" "$ref")" = "$(id_on "$DOCKER_HOST" "$ref")" ] || want+=("$ref")
done < <(DOCKER_HOST=$FROM docker images --format '{{.Repository}}:{{.Tag}}' | grep -E '^dojo-(fixture|test)/' | grep -v ':<none>$')

if [ ${#want[@]} = 0 ]; then echo "engine26-images: all fixture images already there" >&2; exit 0; fi
started=$(date +%s)
DOCKER_HOST=$FROM docker save "${want[@]}" | docker load -q >/dev/null
echo "engine26-images: copied ${#want[@]} image(s) in $(( $(date +%s) - started )) s" >&2
