#!/usr/bin/env bash
# Installs whatever the project needs that is missing, and skips what is already
# there at the right version. Safe to run again and again.
#
#   scripts/setup.sh            what serving the app needs
#   scripts/setup.sh --tests    plus Chromium, ChromeDriver and the test packages (also Java,
#                               PostgreSQL, DuckDB and PySpark for the warehouse SQL check)
#
# Only package registries are used: crates.io, Debian's archive, npm and PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130   # keep equal to the wasm-bindgen pin in Cargo.toml
WITH_TESTS=false
[[ "${1:-}" == "--tests" ]] && WITH_TESTS=true

export PATH="$HOME/.cargo/bin:$PATH"
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

apt_updated=false
apt_install() {
  if ! $apt_updated; then as_root apt-get update -qq; apt_updated=true; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

if ! have cargo; then
  echo "Rust is not installed: see https://rustup.rs (the project needs rustup's cargo)." >&2
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -qF " $TRUNK_VERSION"; then
  say "Installing Trunk $TRUNK_VERSION (takes several minutes once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -qF " $WASM_BINDGEN_VERSION"; then
  say "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its lock file does not resolve; the version itself is pinned.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if ! have node || ! have npm; then
  say "Installing Node.js and npm from Debian"
  apt_install nodejs npm
fi

if $WITH_TESTS && { ! have chromium || ! have chromedriver; }; then
  say "Installing Chromium and ChromeDriver from Debian"
  apt_install chromium chromium-driver
fi

# pdftotext reads back the printed report (tests/e2e/print.test.mjs).
if $WITH_TESTS && ! have pdftotext; then
  say "Installing poppler-utils (pdftotext) from Debian"
  apt_install poppler-utils
fi

# npm packages from the committed lock file: binaryen (wasm-opt for Trunk) and,
# for the tests, playwright-core (which drives Debian's Chromium; it downloads no browser).
if ! npm ls --depth=0 >/dev/null 2>&1 || [[ ! -x node_modules/.bin/wasm-opt ]]; then
  say "Installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
fi

# The warehouse SQL check (tests/warehouse/check.py): a Java runtime for Spark and
# PostgreSQL from Debian, DuckDB and PySpark from PyPI in a virtual environment
# (RETENTION_VENV, default /work/venv), each only when missing.
if $WITH_TESTS; then
  VENV="${RETENTION_VENV:-/work/venv}"
  if ! have java; then
    say "Installing a Java runtime (for Spark SQL) from Debian"
    apt_install default-jre-headless
  fi
  if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    say "Installing PostgreSQL from Debian"
    apt_install postgresql
  fi
  if [[ ! -x "$VENV/bin/python" ]]; then
    if ! python3 -c 'import ensurepip' >/dev/null 2>&1; then
      say "Installing python3-venv from Debian"
      apt_install python3-venv
    fi
    say "Making the Python virtual environment $VENV"
    python3 -m venv "$VENV"
  fi
  # Each pinned package at its version, or pip installs the requirements.
  if ! "$VENV/bin/python" - tests/warehouse/requirements.txt <<'PY'
import sys
from importlib.metadata import version, PackageNotFoundError
for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if line:
        name, pinned = line.split("==")
        try:
            assert version(name) == pinned
        except (PackageNotFoundError, AssertionError):
            sys.exit(1)
PY
  then
    say "Installing DuckDB and PySpark from PyPI into $VENV"
    "$VENV/bin/pip" install -q -r tests/warehouse/requirements.txt
  fi
fi

# Crates for both targets, so that the builds themselves can run offline.
cargo fetch --locked -q
