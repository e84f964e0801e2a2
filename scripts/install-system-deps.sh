#!/usr/bin/env bash
# Debian packages the test suite needs. Installs only what is missing; needs root (CI runs as
# root). Without root it says what to install and lets the tests skip what needs it.
set -euo pipefail
packages=()
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then packages+=(postgresql); fi
# Headless Chromium for the web page tests (driven by Playwright; never downloaded by it).
if [ ! -x /usr/bin/chromium ]; then packages+=(chromium); fi
if [ ${#packages[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "onrecord: please install Debian packages: ${packages[*]} (tests that need them skip)" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
