#!/usr/bin/env bash
# Runs the time-sensitive suites (Publishing, Reporting, Web, Dashboard by default) with the clock a year ahead (Debian's
# faketime, LD_PRELOAD of libfaketime), on the build the test command made. A test that passes today only because of
# today's date — a fixture time that the machine's clock overtakes, a release stamped by the real clock — fails here
# a year before it would fail for everyone. Usage: scripts/test-future-clock.sh [OFFSET] [TEST PROJECT...]
# (OFFSET as faketime reads it, default +365d).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
offset="${1:-+365d}"
shift || true
projects=("$@")
if ((${#projects[@]} == 0)); then
  projects=(tests/Barometer.Publishing.Tests tests/Barometer.Reporting.Tests tests/Barometer.Web.Tests tests/Barometer.Dashboard.Tests)
fi
lib="$(compgen -G '/usr/lib/*/faketime/libfaketime.so.1' | head -n 1 || true)"
if ! command -v faketime >/dev/null 2>&1 || [[ -z "$lib" ]]; then
  echo "test-future-clock: faketime (libfaketime) is missing; scripts/install-system-deps.sh installs it" >&2
  exit 1
fi
echo "test-future-clock: the tests' clock reads $(faketime -f "$offset" date -u '+%Y-%m-%d %H:%M UTC') (real: $(date -u '+%Y-%m-%d %H:%M UTC'))"
# Only the test host and what it starts (Node, Chromium) run on the moved clock, through vstest's
# RunConfiguration.EnvironmentVariables: with the runner on it too, runner and host fail to connect. The monotonic
# clocks move by the same offset (FAKETIME_DONT_FAKE_MONOTONIC=0): with them left real, libfaketime 0.9.10's timed
# waits return at once and every Process.WaitForExit(timeout) times out immediately.
export BAROMETER_REQUIRE_NODE=1
status=0
for project in "${projects[@]}"; do
  echo "test-future-clock: $project"
  dotnet test "$project" --no-build --nologo -- \
    "RunConfiguration.EnvironmentVariables.LD_PRELOAD=$lib" \
    "RunConfiguration.EnvironmentVariables.FAKETIME=$offset" \
    "RunConfiguration.EnvironmentVariables.FAKETIME_DONT_FAKE_MONOTONIC=0" || status=1
done
exit "$status"
