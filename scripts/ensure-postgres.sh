#!/usr/bin/env bash
# The queue's tests run a throwaway PostgreSQL from the machine's server binaries
# (test/helpers/postgres.mjs). Installs them from Debian's packages when they are missing.
set -euo pipefail

if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then
  exit 0
fi

echo "ensure-postgres: no initdb found; installing PostgreSQL from Debian's packages" >&2
sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends postgresql
