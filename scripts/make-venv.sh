#!/usr/bin/env bash
# Create the project's virtualenv. Debian ships venv support as a separate package
# (python3-venv); when it is missing and we may install packages, install it first.
set -euo pipefail
python=${1:-python3}
venv=${2:-.venv}

if "$python" -m venv "$venv" 2>/dev/null; then
    exit 0
fi
rm -rf "$venv"
version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    echo "Cannot create a virtualenv: install python${version}-venv (apt-get install python3-venv)." >&2
    exit 1
fi
$sudo apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "python${version}-venv" >/dev/null
"$python" -m venv "$venv"
