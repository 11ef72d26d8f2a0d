#!/usr/bin/env bash
# Installs moto's server (a second, independent AWS for the live commands' tests) into a virtual environment
# outside the repository and prints its python's path. Pinned exactly; seconds when the venv is there.
set -euo pipefail
version="5.2.5"
venv="${ADMIN_ACCESS_CACHE:-$HOME/.cache/admin-access}/moto-venv"
python="$venv/bin/python"
if ! "$python" -c "import moto, boto3; assert moto.__version__ == '$version'" >/dev/null 2>&1; then
  python3 -m venv "$venv" >&2
  "$python" -m pip install --quiet --disable-pip-version-check "moto[server]==$version" >&2
fi
echo "$python"
