#!/usr/bin/env bash
# Installs the Debian packages the project's tests need beyond the .NET SDK and Node, each only when it is missing:
#   r-base-core, r-cran-survey, r-cran-yaml  R and its survey package, the oracle the estimation engine is checked against
#   r-cran-sampling                          R's sampling package: the oracle of the stratified srswor draws (PRN sampling)
#   r-cran-metafor                           R's metafor package: the oracle of the Fay–Herriot small-area model (REML, BLUP)
#   chromium                                 the browser of the dashboard's Playwright tests and the report's PDF printer
#   postgresql                               the server of the PostgreSQL backend's tests (scripts/start-postgres.sh)
#   poppler-utils                            pdftotext/pdftoppm: the report tests read the PDF back; report examples as PNG
#   faketime                                 CI runs the time-sensitive suites again with the clock a year ahead
#   fonts-noto-core                          Noto fonts of every script the questionnaire is translated into (Arabic and
#                                            Persian: Noto Naskh/Sans Arabic; Tigrinya: Noto Sans Ethiopic; Latin and
#                                            Cyrillic: Noto Sans) for the field host's browser tests and the PDFs
# Idempotent: prints "all present" and does nothing when everything is there. Installing needs root or sudo; without
# either, or when apt fails, it exits 1 naming what is missing and the command that installs it — never a silent skip.
set -euo pipefail
need=()
if ! command -v Rscript >/dev/null 2>&1 || ! Rscript -e 'suppressMessages({library(survey); library(yaml)})' >/dev/null 2>&1; then
  need+=(r-base-core r-cran-survey r-cran-yaml)
fi
if command -v Rscript >/dev/null 2>&1 && ! Rscript -e 'suppressMessages(library(sampling))' >/dev/null 2>&1; then
  need+=(r-cran-sampling)
elif ! command -v Rscript >/dev/null 2>&1; then
  need+=(r-cran-sampling)
fi
if ! command -v Rscript >/dev/null 2>&1 || ! Rscript -e 'suppressMessages(library(metafor))' >/dev/null 2>&1; then
  need+=(r-cran-metafor)
fi
if [[ ! -x /usr/bin/chromium ]]; then
  need+=(chromium)
fi
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  need+=(postgresql)
fi
if ! command -v pdftoppm >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
  need+=(poppler-utils)
fi
if ! command -v faketime >/dev/null 2>&1; then
  need+=(faketime)
fi
if [[ ! -f /usr/share/fonts/truetype/noto/NotoSansEthiopic-Regular.ttf || ! -f /usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf ]]; then
  need+=(fonts-noto-core)
fi
if ((${#need[@]} == 0)); then
  echo "system packages: all present"
  exit 0
fi

missing() {
  echo "system packages: missing ${need[*]}: $1" >&2
  echo "  install them with: sudo apt-get update && sudo apt-get install --no-install-recommends ${need[*]}" >&2
  exit 1
}
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo_cmd=(sudo -n)
  else
    missing "installing them needs root or passwordless sudo"
  fi
fi
command -v apt-get >/dev/null 2>&1 || missing "there is no apt-get on this machine"
echo "system packages: installing ${need[*]} (apt, a few minutes the first time)"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq || missing "apt-get update failed"
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || missing "apt-get install failed"
echo "system packages: installed ${need[*]}"
