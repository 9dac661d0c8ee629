#!/usr/bin/env bash
# Installs every Debian 12 package lianghua needs and places the fonts in fonts/.
# Idempotent: a package already installed is not touched; nothing is downloaded at run time.
#   scripts/setup.sh          build + run dependencies
#   scripts/setup.sh --test   also the tools the tests use to check our output like a user would,
#                             and clang + libFuzzer for the sanitizer suite and the fuzz targets
#                             (scripts/test.sh --sanitize, scripts/fuzz.sh; issue 13)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

build_pkgs=(
  build-essential cmake ninja-build pkg-config git ca-certificates python3 lld
  libxml2-dev libpoppler-glib-dev libpoppler-private-dev poppler-data libzip-dev libicu-dev libgtest-dev
  libcairo2-dev libpango1.0-dev libqpdf-dev qpdf libsqlite3-dev
  libopencc-dev opencc nlohmann-json3-dev libxlsxwriter-dev libuchardet-dev libexif-dev
  libfontconfig-dev libglib2.0-dev
  libpng-dev libjpeg-dev libtiff-dev libdeflate-dev libssl-dev
  fonts-noto-cjk fonts-arphic-ukai fonts-liberation2 fonts-dejavu-core libharfbuzz-bin libharfbuzz-dev libfreetype-dev
  libgraphviz-dev libqrencode-dev librsvg2-dev
  icc-profiles-free
)
# PDFBox Preflight cross-checks the PDF/A copies (wave2.md §3.3): Java 17 dropped javax.activation
# and JAXB, so their Debian jars come along. libtiff-tools: tiffinfo, an independent reader of the
# Group 4 TIFF page pictures in the OFD-A copies (ScanPicture tests).
test_pkgs=( poppler-utils libxml2-utils xsltproc sqlite3 zbar-tools libtiff-tools
  libpdfbox2-java libactivation-java libjaxb-api-java default-jre-headless )
# Debian 12's clang is 14; libFuzzer's runtime (-fsanitize=fuzzer) comes in libfuzzer-14-dev, the
# ASan/UBSan runtimes in libclang-rt-14-dev (only recommended by clang, and we install without
# recommends: without it a fresh machine cannot link the sanitizer build).
fuzz_pkgs=( clang libfuzzer-14-dev libclang-rt-14-dev )
office_pkgs=( libreoffice-writer-nogui libreoffice-calc-nogui )

want=("${build_pkgs[@]}")
if [ "${1:-}" = "--test" ]; then
  want+=("${test_pkgs[@]}" "${fuzz_pkgs[@]}")
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
  # Quiet unless it fails: apt's and the packages' configuration chatter (debconf, LibreOffice's
  # postinst) goes to a log that is shown only when the install does not succeed.
  log=$(mktemp)
  if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
           --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "setup: installing packages failed (above)" >&2
    exit 3
  fi
  rm -f "$log"
fi

# The fonts (FandolFang from texlive-lang-chinese, the Noto CJK subsets): one script, also run by the
# build (`cmake --build build --target fonts`) for an install or a .deb (issue 14).
"$here/scripts/make-fonts.sh" "$here/fonts"
echo "setup: ok"
