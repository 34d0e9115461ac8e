#!/usr/bin/env bash
# Install what kyr needs on a fresh Debian machine; fast when everything is already there.
#
#   scripts/setup.sh build   Debian packages for the build (gettext, fonts, Pango) + .venv
#   scripts/setup.sh test    the above + Chromium, poppler and zbar for the test suite
#
# Python packages come from requirements.lock (every version pinned) into .venv/.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=${1:-build}
apt_build=(gettext fonts-noto-core fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
apt_test=(chromium poppler-utils zbar-tools)
packages=("${apt_build[@]}")
if [[ $profile == test ]]; then packages+=("${apt_test[@]}"); fi

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo=sudo; fi
  echo "setup: installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  echo "setup: creating .venv"
  if ! "$python" -m venv .venv 2>/dev/null; then
    rm -rf .venv
    sudo=""; if [[ $(id -u) -ne 0 ]]; then sudo=sudo; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
    "$python" -m venv .venv
  fi
fi

stamp=.venv/.kyr-installed
want=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
  echo "setup: installing Python packages (requirements.lock)"
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.lock
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e .
  echo "$want" >"$stamp"
fi
