#!/usr/bin/env bash
# Installs the Debian packages the project needs beyond the .NET SDK and Node: R with the survey package (the
# reference oracle for the estimation engine) and Chromium (the dashboard's browser tests). Idempotent: does nothing when everything is present.
set -euo pipefail
need=()
if ! command -v Rscript >/dev/null 2>&1 || ! Rscript -e 'suppressMessages({library(survey); library(yaml)})' >/dev/null 2>&1; then
  need+=(r-base-core r-cran-survey r-cran-yaml)
fi
# Debian's Chromium: the browser the dashboard's Playwright tests drive (no Playwright browser download).
if [[ ! -x /usr/bin/chromium ]]; then
  need+=(chromium)
fi
# Debian's PostgreSQL server: scripts/start-postgres.sh runs a throwaway cluster for the PostgreSQL backend's tests.
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  need+=(postgresql)
fi
# poppler-utils: pdftoppm turns the yearly report's PDF pages into the PNG examples (docs/report-examples/).
if ! command -v pdftoppm >/dev/null 2>&1; then
  need+=(poppler-utils)
fi
if ((${#need[@]} == 0)); then
  echo "system packages: all present"
  exit 0
fi
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
echo "system packages: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
