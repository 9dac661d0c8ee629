// A small raster proof of a PDF page we wrote (poppler-glib renders it, cairo writes the PNG): what
// the print shop's RIP will see, not what we meant to draw. Deterministic (no time chunks in PNG).
#pragma once
#include <string>

namespace lh::pdf {

// Page `page` of `pdf` rendered on white, cropped to the box inset by `inset_pt` on every side (the
// TrimBox of a sign), scaled so its longer side is `max_px` pixels. Throws PdfError.
std::string preview_png(const std::string& pdf, int page, double inset_pt, int max_px);

}  // namespace lh::pdf
