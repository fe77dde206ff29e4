#!/usr/bin/env bash
# Installs what is missing, then runs every check and test:
#   formatting and lints (native and wasm32), native unit and integration tests, the
#   warehouse SQL run on DuckDB, Spark SQL and PostgreSQL (tests/warehouse/check.py),
#   wasm-bindgen tests in headless Chromium, the release build, and the end-to-end
#   browser tests (Playwright driving Chromium against the built page).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
source scripts/env.sh

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Formatting"
cargo fmt --check
step "Lints (native and wasm32)"
cargo clippy --locked --all-targets -- -D warnings
cargo clippy --locked --target wasm32-unknown-unknown --all-targets -- -D warnings
step "Native tests"
cargo test --locked
step "Warehouse SQL on DuckDB, Spark SQL and PostgreSQL against the core"
"${RETENTION_VENV:-/work/venv}/bin/python" tests/warehouse/check.py
step "WebAssembly tests in headless Chromium"
cargo test --locked --target wasm32-unknown-unknown
step "Release build"
trunk build --release
step "End-to-end browser tests"
node --test --test-concurrency=1 tests/e2e/
