#!/usr/bin/env bash
# Install.DebIntoAThrowAwayRootRunsWithoutTheSourceTree (issue 14 §2): builds the .deb with CPack,
# installs it with dpkg into an empty root (the maintainer scripts honour $DPKG_ROOT, so nothing
# outside it changes), and runs the installed program from there: it must find its templates and
# fonts beside itself, never through the source tree. Exit 77 = skipped (no dpkg/cpack here).
set -euo pipefail
build="$1"; src="$2"
for t in dpkg dpkg-deb cpack dpkg-shlibdeps; do
  command -v "$t" >/dev/null || { echo "skipped: $t not installed"; exit 77; }
done
[ -f "$src/fonts/FandolFang-Regular.otf" ] || { echo "skipped: fonts not placed (scripts/setup.sh)"; exit 77; }
# The package installs under /usr with /etc and /lib/systemd/system (scripts/packaging/install.cmake):
# a build configured for another prefix (an old build folder: /usr/local) cannot make it.
prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt")
[ "$prefix" = /usr ] || { echo "skipped: $build is configured for prefix $prefix, not /usr (cmake -S . -B build -DCMAKE_INSTALL_PREFIX=/usr)"; exit 77; }
work=$(mktemp -d); [ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT; echo "work: $work" >&2
# A package of its own, built from this build's configuration into the temp folder.
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/pkg" >/dev/null
deb=$(ls "$work"/pkg/lianghua_*.deb)
dpkg-deb --field "$deb" Depends | grep -q "libpoppler-glib" || { echo "FAIL: Depends lacks the shared libraries: $(dpkg-deb --field "$deb" Depends)"; exit 1; }
dpkg-deb --field "$deb" Depends | grep -q "icc-profiles-free" || { echo "FAIL: Depends lacks icc-profiles-free (the PDF/A sRGB profile)"; exit 1; }
dpkg-deb --info "$deb" conffiles | grep -qx "/etc/lianghua/office.xml" || { echo "FAIL: office.xml is not a conffile"; exit 1; }
root="$work/root"; mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"; : > "$root/var/lib/dpkg/status"
dpkg --root="$root" --force-depends --force-script-chrootless --force-not-root --log=/dev/null -i "$deb" >"$work/dpkg.log" 2>&1 || { echo "FAIL: dpkg -i: $(tail -n 5 "$work/dpkg.log")"; exit 1; }
bin="$root/usr/bin/lianghua"
[ -x "$bin" ] || { echo "FAIL: $bin not installed"; exit 1; }
[ -f "$root/lib/systemd/system/lianghua-archive.timer" ] || { echo "FAIL: timer unit not installed"; exit 1; }
# The PDF vector reader the program opens on first use from <program dir>/../lib/lianghua (package/vector_page.cpp).
[ -f "$root/usr/lib/lianghua/lh_pdfvec.so" ] || { echo "FAIL: lh_pdfvec.so not installed in /usr/lib/lianghua"; exit 1; }
grep -q "^ExecStart=/usr/bin/lianghua archive" "$root/lib/systemd/system/lianghua-archive.service" || { echo "FAIL: unit does not run /usr/bin/lianghua"; exit 1; }
# The source tree is out of reach: no variable points at it, and the program names no source path.
if grep -aq "$src/templates" "$bin"; then echo "FAIL: the installed program names the source tree"; exit 1; fi
run() { env -u LIANGHUA_SOURCE_DIR -u LIANGHUA_TEMPLATES -u LIANGHUA_DATA HOME="$work" "$bin" "$@"; }
cd "$work"
run archive --help | grep -q -- "--office" || { echo "FAIL: archive --help"; exit 1; }
# The unfilled /etc profile is refused, in Chinese, naming the field.
if run check-config --office "$root/etc/lianghua/office.xml" 2> msg.txt; then echo "FAIL: placeholder profile passed"; exit 1; fi
grep -q "全宗号" msg.txt || { echo "FAIL: no Chinese reason: $(cat msg.txt)"; exit 1; }
run init office.xml --fonds Z109 --fonds-name 南岭县市场监督管理局 --name 南岭县市场监督管理局石门市场监督管理所 --organisation-code SMS >/dev/null
run check-config --office office.xml >/dev/null || { echo "FAIL: init wrote a profile check-config refuses"; exit 1; }
# Templates (XSD, scheme, styles) and fonts found in <root>/usr/share/lianghua: a text renders.
printf '关于开展食品安全检查的通知\n\n各单位：请按时报送。\n' > notice.txt
run render notice.txt --out out --quiet >/dev/null
[ -s out/notice.pdf ] && [ -s out/notice.docx ] || { echo "FAIL: installed render made no PDF/DOCX"; exit 1; }
mkdir inbox; cp notice.txt inbox/
run archive --in inbox --out ARCHIVE --office office.xml --quiet --no-documents >/dev/null
[ -s ARCHIVE/manifest.json ] || { echo "FAIL: installed archive wrote no manifest"; exit 1; }
echo "1 passed, 0 failed"
