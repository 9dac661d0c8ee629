#!/usr/bin/env bash
# Places the fonts lianghua's font roles name (fonts/roles.json, fonts/README.md) into DIR (default
# fonts/): the Fandol fonts taken out of Debian's texlive-lang-chinese package without installing TeX,
# and the Noto CJK SC faces cut to the GBK repertoire with hb-subset. Idempotent: what is there and
# newer than its source is kept. Needs the packages scripts/setup.sh installs (fonts-noto-cjk,
# libharfbuzz-bin) and, the first time, Debian's package archive for texlive-lang-chinese.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dest=$(mkdir -p "${1:-$here/fonts}" && cd "${1:-$here/fonts}" && pwd)
# FandolFang: the only free simplified 仿宋 in Debian. Take the four Fandol fonts out of the
# texlive-lang-chinese package without installing TeX (libraries.md §0b).
if [ ! -f "$dest/FandolFang-Regular.otf" ]; then
  tmp=$(mktemp -d)
  ( cd "$tmp" && apt-get download -qq -o APT::Sandbox::User=root texlive-lang-chinese >/dev/null && dpkg-deb -x texlive-lang-chinese_*.deb x )
  for f in FandolFang-Regular FandolSong-Regular FandolSong-Bold FandolHei-Regular FandolHei-Bold FandolKai-Regular; do
    src=$(find "$tmp/x" -name "$f.otf" | head -n 1)
    [ -n "$src" ] && cp "$src" "$dest/$f.otf"
  done
  rm -rf "$tmp"
  [ -f "$dest/FandolFang-Regular.otf" ] || { echo "make-fonts: FandolFang not found in texlive-lang-chinese" >&2; exit 3; }
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
  local src="$1" idx="$2" out="$dest/$3"
  [ -f "$out" ] && [ "$out" -nt "$src" ] && [ "$out" -nt "$here/scripts/make-fonts.sh" ] && return 0
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
