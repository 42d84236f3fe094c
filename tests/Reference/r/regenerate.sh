#!/usr/bin/env bash
# Regenerates every reference case: inputs (data.csv, design.yaml) from generate_cases.R, then the golden values
# (expected.csv or expected_error.txt, and provenance.txt) from estimate_reference.R. Run from anywhere.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cases="$here/../cases"
rm -rf "$cases"
Rscript "$here/generate_cases.R" "$cases"
Rscript "$here/estimate_reference.R" "$cases"
