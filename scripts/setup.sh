#!/usr/bin/env bash
# Installs every Debian 12 package lianghua needs and places the fonts in fonts/.
# Idempotent: a package already installed is not touched; nothing is downloaded at run time.
#   scripts/setup.sh          build + run dependencies
#   scripts/setup.sh --test   also the tools the tests use to check our output like a user would
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

build_pkgs=(
  build-essential cmake pkg-config git ca-certificates
  libxml2-dev libpoppler-glib-dev poppler-data libzip-dev libicu-dev libgtest-dev
  libcairo2-dev libpango1.0-dev libqpdf-dev qpdf libsqlite3-dev
  libopencc-dev opencc nlohmann-json3-dev libxlsxwriter-dev libuchardet-dev libexif-dev
  libfontconfig-dev libglib2.0-dev
  libpng-dev libjpeg-dev libtiff-dev
  fonts-noto-cjk fonts-arphic-ukai
)
test_pkgs=( poppler-utils libxml2-utils xsltproc sqlite3 )
office_pkgs=( libreoffice-writer-nogui libreoffice-calc-nogui )

want=("${build_pkgs[@]}")
if [ "${1:-}" = "--test" ]; then
  want+=("${test_pkgs[@]}")
  # LibreOffice is large; tests use it where installed. LIANGHUA_NO_OFFICE=1 skips it.
  [ "${LIANGHUA_NO_OFFICE:-0}" = 1 ] || want+=("${office_pkgs[@]}")
fi

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# FandolFang: the only free simplified 仿宋 in Debian. Take the four Fandol fonts out of the
# texlive-lang-chinese package without installing TeX (libraries.md §0b).
if [ ! -f "$here/fonts/FandolFang-Regular.otf" ]; then
  tmp=$(mktemp -d)
  ( cd "$tmp" && apt-get download -qq texlive-lang-chinese >/dev/null && dpkg-deb -x texlive-lang-chinese_*.deb x )
  for f in FandolFang-Regular FandolSong-Regular FandolSong-Bold FandolHei-Regular FandolHei-Bold FandolKai-Regular; do
    src=$(find "$tmp/x" -name "$f.otf" | head -n 1)
    [ -n "$src" ] && cp "$src" "$here/fonts/$f.otf"
  done
  rm -rf "$tmp"
  [ -f "$here/fonts/FandolFang-Regular.otf" ] || { echo "setup: FandolFang not found in texlive-lang-chinese" >&2; exit 3; }
fi
echo "setup: ok"
