// Shared between the PDF writer files.
#pragma once
#include <cairo.h>

#include <map>
#include <string>

#include "layout/frames.h"
#include "pdf/pdf.h"

// librsvg's handle (rsvg.h's RsvgHandle), declared at global scope as rsvg.h declares it, so this
// header needs no librsvg include.
struct _RsvgHandle;

namespace lh::pdf::detail {

// cairo's write function (cairo_write_func_t) into the std::string given as its closure: the PDF
// and PNG streams cairo writes to memory.
cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length);

// A cairo tag attribute string value: 'text' with ' and \ escaped.
std::string attr_quote(const std::string& s);
void add_outline(cairo_surface_t* surface, const layout::Laid& laid, int open_levels);
// An image surface for an image (PNG decoded; JPEG passed through as mime data); nullptr if unsupported.
cairo_surface_t* image_surface(const model::Image& img);
// SVG images (media type image/svg+xml) drawn as vectors by librsvg into their box (aspect as the
// SVG's own preserveAspectRatio). Each SVG is parsed once per PDF however often it is placed (an
// emblem on every sign of a pack). draw() is false when the image is not SVG or librsvg cannot draw it.
class SvgImages {
 public:
  SvgImages() = default;
  SvgImages(const SvgImages&) = delete;
  SvgImages& operator=(const SvgImages&) = delete;
  ~SvgImages();
  bool draw(cairo_t* cr, const model::Image& img, double x, double y, double w, double h);

 private:
  std::map<const model::Image*, _RsvgHandle*> by_ptr_;
  std::map<std::string, _RsvgHandle*> by_content_;  // owns the handles (nullptr: unreadable)
};
// A content hash of an image's bytes: the writer keeps one surface per hash, so cairo writes the
// image once however often it is placed.
std::string image_content_id(const std::string& bytes);
// finalize_with_qpdf, plus the print boxes (TrimBox, BleedBox) of the laid pages that have them.
std::string finalize_pages(const std::string& bytes, const FinalizeOptions& options, const layout::Laid* laid);

}  // namespace lh::pdf::detail
