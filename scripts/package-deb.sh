#!/usr/bin/env bash
# Builds the Debian package (issue 14 §2): build/lianghua_<version>_<arch>.deb.
#   sudo apt install ./build/lianghua_*.deb       installs it (README "Installing on an office server")
# Runtime dependencies are computed from the program's shared libraries by dpkg-shlibdeps.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh" >/dev/null
# The package's layout is /usr, /etc, /lib/systemd/system (an older build folder may say /usr/local).
cmake -S "$here" -B "$here/build" -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
"$here/scripts/build.sh" --target lianghua >/dev/null
cmake --build "$here/build" --target fonts >/dev/null
( cd "$here/build" && cpack -G DEB >/dev/null )
ls "$here"/build/lianghua_*.deb
