#!/usr/bin/env bash
# Installs what the tests need outside Python, only where it is missing (cage: the kiosk
# and board units run in it, and systemd-analyze verify checks that it exists):
# Qt's system libraries and fonts (PySide6 offscreen), Debian's Chromium (Playwright drives
# it; `playwright install` cannot download here), espeak-ng and speech-dispatcher (spoken
# calls), Xvfb, and axe-core from npm (accessibility scans).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0
  libxkbcommon0 libbrotli1 libpulse0 fonts-dejavu-core fonts-noto-core
  chromium espeak-ng speech-dispatcher speech-dispatcher-espeak-ng
  xvfb cage libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing system packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ -f tests/web/package.json ] && [ ! -d tests/web/node_modules/axe-core ]; then
  echo "installing axe-core for the accessibility scans"
  npm ci --prefix tests/web --no-audit --no-fund --silent
fi
