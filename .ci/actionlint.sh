#!/usr/bin/env bash
# Builds actionlint from the Go module proxy into a cache outside the repository and prints its path.
set -euo pipefail
version="v1.7.12"
cache="${ADMIN_ACCESS_CACHE:-$HOME/.cache/admin-access}/actionlint-$version"
bin="$cache/bin/actionlint"
if [ ! -x "$bin" ]; then
  mkdir -p "$cache/bin"
  GOBIN="$cache/bin" go install "github.com/rhysd/actionlint/cmd/actionlint@$version" >&2
fi
echo "$bin"
