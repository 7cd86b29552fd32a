#!/usr/bin/env bash
# fetch-trixie.sh <package>... : downloads Debian trixie packages and unpacks each one (dpkg -x)
# under $DOJO_TRIXIE_CACHE/<package>/ (default ~/.cache/dojo/trixie). Nothing is installed and the
# system's own apt state is untouched: a separate source list and lists folder are used.
# Prints one line per package: "<package> <unpacked dir>". Cached: a package unpacked before is
# not downloaded again (delete its folder to refresh).
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: fetch-trixie.sh <package>..." >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
cache=${DOJO_TRIXIE_CACHE:-$HOME/.cache/dojo/trixie}
state=$cache/.apt
mkdir -p "$state/lists/partial" "$state/archives/partial"
opts=(-o "Dir::Etc::sourcelist=$here/trixie.sources" -o Dir::Etc::sourceparts=/nonexistent
      -o "Dir::State::Lists=$state/lists" -o "Dir::Cache::Archives=$state/archives"
      -o "Dir::State::status=$state/status" -o APT::Get::List-Cleanup=0 -o APT::Sandbox::User=root -qq)
touch "$state/status"

updated=0
for pkg in "$@"; do
  dest=$cache/$pkg
  if [ ! -f "$dest/.unpacked" ]; then
    if [ $updated = 0 ]; then
      # The lists are refreshed at most once a day.
      if [ -z "$(find "$state/lists" -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -1)" ]; then
        apt-get "${opts[@]}" update >&2
      fi
      updated=1
    fi
    rm -rf "$dest" && mkdir -p "$dest"
    (cd "$state/archives" && rm -f "${pkg}"_*.deb && apt-get "${opts[@]}" download "$pkg" >&2)
    dpkg -x "$(ls "$state/archives/${pkg}"_*.deb | head -1)" "$dest"
    touch "$dest/.unpacked"
  fi
  echo "$pkg $dest"
done
