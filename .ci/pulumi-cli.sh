#!/usr/bin/env bash
# Builds the real Pulumi CLI from the Go module proxy into a cache outside the repository and prints its path.
# The version is stamped so `pulumi version` answers and the Automation API's version check passes.
# About 5 minutes cold on 2 cores; seconds when the Go caches are warm.
set -euo pipefail
version="v3.274.1"
cache="${ADMIN_ACCESS_CACHE:-$HOME/.cache/admin-access}/pulumi-$version"
bin="$cache/bin/pulumi"
mkdir -p "$cache/mod" "$cache/bin"
# One build at a time: parallel test runs wait for the first build instead of racing it.
exec 9>"$cache/.lock"
flock 9
if [ ! -x "$bin" ]; then
  cd "$cache/mod"
  [ -f go.mod ] || go mod init pulumi-cli-build >/dev/null 2>&1
  go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@$version" "github.com/pulumi/pulumi/sdk/v3@$version" >&2
  go build -o "$bin.tmp" \
    -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
    github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
  mv "$bin.tmp" "$bin"
fi
echo "$bin"
