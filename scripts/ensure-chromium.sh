#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the browser tests (tests/e2e). Playwright cannot
# download its own browser here, so the tests drive the distribution's build. Installs it with
# apt-get when we are root (as in CI) or have password-less sudo; otherwise says what to do.
set -euo pipefail
chromium=${CHROMIUM:-/usr/bin/chromium}

if [ -x "$chromium" ]; then
    exit 0
fi
if [ "$(id -u)" = 0 ]; then
    sudo=""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo="sudo"
else
    cat >&2 <<MESSAGE
Chromium is needed for the browser tests and is not at $chromium.
Install it as root with:  apt-get install chromium
(or set CHROMIUM to another Chromium's path), or run every other check with:  make test-fast
MESSAGE
    exit 1
fi
echo "Installing Debian's chromium for the browser tests..."
$sudo apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
if [ ! -x "$chromium" ]; then
    echo "apt-get installed chromium, but $chromium still does not exist: check CHROMIUM." >&2
    exit 1
fi
