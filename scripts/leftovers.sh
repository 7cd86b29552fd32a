# Sourced by scripts/test.sh and scripts/test-engine26.sh: the objects dojo marks as its own
# throwaways (io.dojo.temp=1, dojo-probe/* images), and which of them a suite left behind. Only
# objects that were not there before the suite count: an engine may hold leftovers of an earlier
# run that was killed half-way (issue 14: the suite judges only what it and dojo created).
temp_objects() {
  { docker ps -aq --no-trunc --filter label=io.dojo.temp=1
    docker images -aq --no-trunc --filter label=io.dojo.temp=1
    docker images -q --no-trunc 'dojo-probe/*'; } | sort -u
}

# new_leftovers <ids before the suite>: prints the ids that are new, one per line.
new_leftovers() {
  comm -13 <(printf '%s\n' "$1" | sed '/^$/d' | sort -u) <(temp_objects)
}

# check_leftovers <ids before> <engine name>: says what the suite left and returns 1, else 0.
check_leftovers() {
  local left
  left=$(new_leftovers "$1")
  [ -z "$left" ] && return 0
  echo "test: $(printf '%s\n' "$left" | wc -l) dojo-created object(s) left in $2 after the suite:" >&2
  docker ps -a --filter label=io.dojo.temp=1 >&2; docker images -a --filter label=io.dojo.temp=1 >&2; docker images 'dojo-probe/*' >&2
  return 1
}
