#!/usr/bin/env bash
# Installs what the load benchmark (bench/load/run.sh) needs beyond the project's system packages: Debian's `wrk`
# (an HTTP load generator) and curl. Not part of CI. Idempotent.
set -euo pipefail
need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v curl >/dev/null 2>&1 || need+=(curl)
if ((${#need[@]} == 0)); then
  echo "bench packages: all present"
  exit 0
fi
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
echo "bench packages: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
