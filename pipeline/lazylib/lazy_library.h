// Shared libraries loaded on first use instead of at start (issue 11 §9, issue 12: a command pays
// for the libraries it uses). The dynamic loader maps and relocates every DT_NEEDED library before
// main(): poppler-glib (with libpoppler, NSS, lcms, openjpeg), librsvg (with gio, gdk-pixbuf),
// libtiff (with six codec libraries), libexif and libqrencode cost ~19 ms of every process, a
// tenth of a 300-page `compile` that reads no PDF, TIFF or photo and draws no SVG or QR code
// (bench/RESULTS.md §6, session 9). Their functions are defined in this stage under their own
// names (one file per library) and forward to the library, opened with dlopen the first time one
// is called. The headers and types are the libraries' own; only the loading moves.
#pragma once

namespace lh::lazylib {

// The address of `name` in the library `soname` ("libpoppler-glib.so.8"), opening it on the first
// call (thread-safe; the library stays loaded). A library or symbol that cannot be found ends the
// process with status 127 and a message naming it, as the loader does at start for a missing
// DT_NEEDED library (the package depends on both: scripts/packaging/install.cmake).
void* symbol(const char* soname, const char* name);

// True once `soname` has been opened by symbol() in this process.
bool loaded(const char* soname);

template <class F>
F resolve(const char* soname, const char* name) {
  return reinterpret_cast<F>(symbol(soname, name));
}

}  // namespace lh::lazylib

// Inside a forwarding function (one file per library): `real`, the library's own function of the
// same name and type, resolved on the first call. Each file binds its library's SONAME once:
//   #define LH_REAL(name) LH_LAZY_REAL(LH_SONAME_TIFF, name)
#define LH_LAZY_REAL(soname, name) static const auto real = ::lh::lazylib::resolve<decltype(&name)>(soname, #name)
