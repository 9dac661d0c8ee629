// Shared between the PDF writer files.
#pragma once
#include <cairo.h>

#include <string>

#include "layout/frames.h"

namespace lh::pdf::detail {

// A cairo tag attribute string value: 'text' with ' and \ escaped.
std::string attr_quote(const std::string& s);
void add_outline(cairo_surface_t* surface, const layout::Laid& laid, int open_levels);
// An image surface for an image (PNG decoded; JPEG passed through as mime data); nullptr if unsupported.
cairo_surface_t* image_surface(const model::Image& img);

}  // namespace lh::pdf::detail
