#!/usr/bin/env bash
# The single-file build: the release build, then the whole app in one HTML file,
# dist-single/retention-calculator.html, that can be saved and opened from disk
# (scripts/single-file.mjs). Installs what is missing first, as the other scripts do.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
trunk build --release
node scripts/single-file.mjs dist dist-single
