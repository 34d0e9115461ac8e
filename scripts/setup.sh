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
apt_test=(chromium poppler-utils zbar-tools nodejs npm default-jre-headless)
packages=("${apt_build[@]}")
if [[ $profile == test ]]; then packages+=("${apt_test[@]}"); fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo=sudo; fi

missing=()
if [[ $profile == test ]] && command -v node >/dev/null && command -v npm >/dev/null; then
  # Node.js is already there (it may not come from Debian): do not ask apt for it.
  packages=("${packages[@]/nodejs}")
  packages=("${packages[@]/npm}")
fi
if [[ $profile == test ]] && command -v java >/dev/null; then
  # A Java runtime is already there (the Nu Html Checker, vnu.jar, needs one).
  packages=("${packages[@]/default-jre-headless}")
fi
for pkg in "${packages[@]}"; do
  [[ -n $pkg ]] || continue
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  echo "setup: creating .venv"
  if ! "$python" -m venv .venv 2>/dev/null; then
    rm -rf .venv
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

# Browser-side test tools (axe-core, Lighthouse, the Nu Html Checker) from the npm registry,
# pinned by package-lock.json.
if [[ $profile == test ]]; then
  npm_stamp=node_modules/.kyr-installed
  npm_want=$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)
  if [[ ! -f $npm_stamp || $(cat "$npm_stamp") != "$npm_want" ]]; then
    echo "setup: installing npm packages (package-lock.json)"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
    echo "$npm_want" >"$npm_stamp"
  fi
fi
