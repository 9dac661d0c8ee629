// How the picture of a copied source-PDF page is stored in an OFD-A copy (ofd_copy.h), in the forms
// scanned pages are stored (DA/T 31-2017 纸质档案数字化规范): 黑白二值 for a page of black and white
// only, 灰度 for one with grey, 彩色 when it has colour (a red seal, a coloured letterhead).
//   黑白二值: a 1-bit TIFF with CCITT Group 4 coding (ITU-T T.6, the fax and document-scanner
//             coding for two-valued pages), black = 1 (PhotometricInterpretation WhiteIsZero);
//   灰度:     an 8-bit grey PNG;
//   彩色:     a PNG of indexed colour when the page has at most 256 colours (drawn without
//             anti-aliasing it has a few: paper, text, a seal), else an 8-bit RGB PNG.
// Both are raster formats GB/T 42133-2022 6.2.6 e allows in an OFD-A package. A text page's Group 4
// TIFF is about half the bytes of the 1-bit PNG it replaced and is made in a fifth of the time
// (bench/RESULTS.md §8a3): G4 codes the changes along a row against the row above, where deflate
// searches the packed bytes for repeats.
#pragma once
#include <cairo.h>

#include <string>
#include <string_view>

namespace lh::package {

// The surface (RGB24, drawn without anti-aliasing so that black text on white stays two-valued) as
// a stored picture, with its resolution (`dpi`) recorded. Deterministic: the same pixels give the
// same bytes. Throws std::runtime_error when libpng or libtiff fails.
std::string encode_scan(cairo_surface_t* surface, double dpi);

// The media type of a picture encode_scan made: "image/tiff" or "image/png".
const char* scan_media_type(std::string_view picture);

}  // namespace lh::package
