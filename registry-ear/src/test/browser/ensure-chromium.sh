#!/usr/bin/env bash
# The browser tests (*UiIT) drive Debian's chromium through chromedriver. The test command installs both when they
# are missing (about a minute), so that `./mvnw verify` alone passes on a fresh machine; nothing is downloaded by
# Selenium itself (SE_OFFLINE).
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
echo "ensure-chromium: installing chromium and chromium-driver with apt-get"
if [ "$(id -u)" = 0 ]; then
  sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "ensure-chromium: /usr/bin/chromium or /usr/bin/chromedriver is missing and this user cannot install" \
    "packages; run: sudo apt-get install -y chromium chromium-driver" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y -q chromium chromium-driver; then
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q chromium chromium-driver
fi
test -x /usr/bin/chromium && test -x /usr/bin/chromedriver
