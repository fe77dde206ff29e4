#!/usr/bin/env bash
# Installs what is missing, builds the app and serves it on http://127.0.0.1:8080/
# (a built-in synthetic sample data set is one click away: "Load sample data").
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
exec trunk serve --release "$@"
