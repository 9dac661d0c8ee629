# Install layout and the Debian package (issue 14 §1–2). The program finds its data relative to
# itself (model/paths.h): <prefix>/bin/lianghua reads <prefix>/share/lianghua/{templates,fonts}.
# A Debian program lives in /usr with its configuration in /etc (Debian policy §9.1, §10.7.2): the
# default prefix is /usr, as the .deb installs it. A staged install: DESTDIR=DIR cmake --install build.
if(CMAKE_INSTALL_PREFIX_INITIALIZED_TO_DEFAULT)
  set(CMAKE_INSTALL_PREFIX /usr CACHE PATH "install prefix" FORCE)
endif()
include(GNUInstallDirs)
# `cmake --install` / cpack install what is built; they do not first build every target (the test
# executables are not installed, and building them all would make the install test rebuild the
# suite). scripts/package-deb.sh builds the program first.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

# The fonts are a build step whose results are installed, not redone on the target:
#   cmake --build build --target fonts   (scripts/make-fonts.sh, also run by scripts/setup.sh)
add_custom_target(fonts COMMAND ${CMAKE_SOURCE_DIR}/scripts/make-fonts.sh ${CMAKE_SOURCE_DIR}/fonts
                  COMMENT "fonts: Fandol from texlive-lang-chinese, Noto CJK SC subsets" VERBATIM)

set(LH_BINDIR ${CMAKE_INSTALL_FULL_BINDIR})
set(LH_DOCDIR ${CMAKE_INSTALL_FULL_DOCDIR})
# /etc, not <prefix>/etc, for a /usr install (Debian policy §10.7.2); a test prefix keeps its own.
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(LH_SYSCONFDIR /etc)
  set(LH_UNITDIR /lib/systemd/system)  # where Debian 12 packages put units (merged /usr: same as /usr/lib)
else()
  set(LH_SYSCONFDIR ${CMAKE_INSTALL_FULL_SYSCONFDIR})
  set(LH_UNITDIR lib/systemd/system)
endif()
configure_file(${CMAKE_SOURCE_DIR}/scripts/systemd/lianghua-archive.service.in
               ${CMAKE_BINARY_DIR}/systemd/lianghua-archive.service @ONLY)

install(TARGETS lianghua RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The PDF vector reader, opened on first use from <program dir>/../lib/lianghua (package/vector_page.cpp).
install(TARGETS lh_pdfvec LIBRARY DESTINATION lib/lianghua)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/templates/ DESTINATION ${CMAKE_INSTALL_DATADIR}/lianghua/templates)
install(FILES ${CMAKE_SOURCE_DIR}/fonts/roles.json ${CMAKE_SOURCE_DIR}/fonts/README.md
        DESTINATION ${CMAKE_INSTALL_DATADIR}/lianghua/fonts)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/fonts/ DESTINATION ${CMAKE_INSTALL_DATADIR}/lianghua/fonts
        FILES_MATCHING PATTERN "*.otf")
install(FILES ${CMAKE_BINARY_DIR}/systemd/lianghua-archive.service
              ${CMAKE_SOURCE_DIR}/scripts/systemd/lianghua-archive.timer
        DESTINATION ${LH_UNITDIR})
install(FILES ${CMAKE_SOURCE_DIR}/samples/office.xml ${CMAKE_SOURCE_DIR}/templates/scheme/default.xml
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${CMAKE_SOURCE_DIR}/scripts/packaging/office.xml ${CMAKE_SOURCE_DIR}/scripts/packaging/lianghua.conf
        DESTINATION ${LH_SYSCONFDIR}/lianghua)

# CPack's DEB generator: runtime dependencies computed from the shared libraries (dpkg-shlibdeps),
# the maintainer scripts create the user and hold the timer until the configuration passes.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME lianghua)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "lianghua maintainers <lianghua@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "standardizes the paperwork of market-supervision offices (两化)")
set(CPACK_PACKAGE_DESCRIPTION "Nightly archive normalization (DA/T 22 档号, 第七十八条 case volumes), signage packs and manual compilation for China's market-supervision offices.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The Adobe CMaps poppler needs for non-embedded CJK fonts, the system fonts the roles name (the 楷体
# face, and DejaVu Sans, every role's last face for the check boxes ☑ ☒ ☐: fonts/roles.json), and
# the sRGB ICC profile of the PDF/A-2b OutputIntent (/usr/share/color/icc/sRGB.icc, pdf/pdfa.h).
# poppler-glib, librsvg, libtiff, libexif and libqrencode are opened on first use (pipeline/lazylib),
# not linked, so dpkg-shlibdeps cannot see them: named here.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "poppler-data, fonts-arphic-ukai, fonts-dejavu-core, fonts-liberation2, icc-profiles-free, adduser, libpoppler-glib8, librsvg2-2, libtiff6, libexif12, libqrencode4")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_SOURCE_DIR}/scripts/packaging/postinst ${CMAKE_SOURCE_DIR}/scripts/packaging/prerm
    ${CMAKE_SOURCE_DIR}/scripts/packaging/postrm ${CMAKE_SOURCE_DIR}/scripts/packaging/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)  # the debug info stays in the build tree
include(CPack)

add_test(NAME Install.DebIntoAThrowAwayRootRunsWithoutTheSourceTree
         COMMAND ${CMAKE_SOURCE_DIR}/tests/install/deb_install_test.sh ${CMAKE_BINARY_DIR} ${CMAKE_SOURCE_DIR})
set_tests_properties(Install.DebIntoAThrowAwayRootRunsWithoutTheSourceTree PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
