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
  fonts-noto-cjk fonts-arphic-ukai libharfbuzz-bin
  libgraphviz-dev libqrencode-dev librsvg2-dev
)
test_pkgs=( poppler-utils libxml2-utils xsltproc sqlite3 zbar-tools )
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
# Noto CJK SC subsets (fonts/README.md): cairo 1.16 copies a CFF font's whole CFF table twice per
# font per PDF (23 MB for the Noto CJK TTCs). Cut once, here, to the GBK repertoire (every
# character GBK maps, i.e. all 21 886 of GB18030's two-byte range, incl. 20 902+ hanzi) plus the
# whole URO block, ASCII/Latin, and the symbol blocks official documents use. No locl/vertical
# alternates: the SC face's default glyphs are the SC ones. Redone when the source font changes.
noto=/usr/share/fonts/opentype/noto
subset_unicodes='20-7E,A0-17F,2B0-2FF,391-3C9,401-451,2000-206F,20A0-20CF,2100-218F,2190-21FF,2200-22FF,2300-23FF,2460-24FF,2500-257F,2580-25FF,2600-26FF,2700-27BF,2E80-2EFF,2F00-2FDF,2FF0-2FFF,3000-303F,3040-30FF,3100-312F,31C0-31EF,3200-32FF,3300-33FF,4E00-9FFF,F900-FAFF,FE10-FE1F,FE30-FE4F,FF00-FFEF,FFFD'
codes=""
make_subset() {  # source.ttc face-index output-name
  local src="$1" idx="$2" out="$here/fonts/$3"
  [ -f "$out" ] && [ "$out" -nt "$src" ] && [ "$out" -nt "$here/scripts/setup.sh" ] && return 0
  if [ -z "$codes" ]; then
    codes=$(mktemp)
    # Every two-byte GBK code (lead 81–FE, trail 40–FE except 7F), decoded by glibc (unmapped codes
    # drop out), as hex code points, one a line; then the ranges. One file: hb-subset's later
    # --unicodes option would replace, not extend, the set.
    LC_ALL=C awk 'BEGIN{for(a=129;a<=254;a++)for(b=64;b<=254;b++)if(b!=127)printf "%c%c\n",a,b}' |
      iconv -c -f GBK -t UTF-32LE | od -An -v -tx4 | tr -s ' \n' '\n' | grep -v -e '^0000000a$' -e '^$' > "$codes"
    tr ',' '\n' <<< "$subset_unicodes" >> "$codes"
  fi
  hb-subset --font-file="$src" --face-index="$idx" --unicodes-file="$codes" \
    --name-IDs='*' --name-languages='*' --layout-features-=locl,vert,vrt2,vkrn,vpal,vhal,valt \
    --output-file="$out.tmp"
  mv "$out.tmp" "$out"
}
make_subset "$noto/NotoSerifCJK-Regular.ttc" 2 NotoSerifCJKsc-Regular.subset.otf
make_subset "$noto/NotoSerifCJK-Bold.ttc" 2 NotoSerifCJKsc-Bold.subset.otf
make_subset "$noto/NotoSansCJK-Regular.ttc" 2 NotoSansCJKsc-Regular.subset.otf
make_subset "$noto/NotoSansCJK-Bold.ttc" 2 NotoSansCJKsc-Bold.subset.otf
make_subset "$noto/NotoSansCJK-Regular.ttc" 7 NotoSansMonoCJKsc-Regular.subset.otf
make_subset "$noto/NotoSansCJK-Bold.ttc" 7 NotoSansMonoCJKsc-Bold.subset.otf
[ -z "$codes" ] || rm -f "$codes"
echo "setup: ok"
