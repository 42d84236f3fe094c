#!/usr/bin/env bash
# Dashboard performance: start-page transfer size (compressed) and time to the first chart drawn in headless
# Chromium against a local server, and the profile and map pages of the local level (server time, transfer, charts
# drawn). Writes bench/results/dashboard.md and bench/results/dashboard-local.md. Needs /usr/bin/chromium
# (scripts/install-system-deps.sh). Not part of ./test.
set -euo pipefail
cd "$(dirname "$0")/../.."
BAROMETER_DASHBOARD_BENCH=1 dotnet test tests/Barometer.Dashboard.Tests --filter "FullyQualifiedName~StartPageBenchmark|FullyQualifiedName~AreaPageBenchmark" "$@"
cat bench/results/dashboard.md bench/results/dashboard-local.md
