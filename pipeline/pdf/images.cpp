// Images for cairo: PNG decoded by cairo; JPEG handed over untouched as mime data (cairo's PDF
// surface embeds it with /DCTDecode, no re-encoding). The writer keeps one surface per content hash
// (image_content_id), so an image used on many pages (a logo on 200 signs) is written once. No
// CAIRO_MIME_TYPE_UNIQUE_ID: cairo 1.16 then writes a page's XObject key once per use, and a page
// with the same emblem twice (an imposed sheet) gets duplicated keys.
#include <cairo.h>
#include <librsvg/rsvg.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "codec/png_chunks.h"
#include "pdf/internal.h"

namespace lh::pdf::detail {
namespace {

struct Reader { const std::string* s; size_t pos; };

cairo_status_t read_png(void* closure, unsigned char* data, unsigned int length) {
  auto* r = static_cast<Reader*>(closure);
  if (r->pos + length > r->s->size()) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, r->s->data() + r->pos, length);
  r->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::string image_content_id(const std::string& bytes) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a 64
  for (unsigned char c : bytes) { h ^= c; h *= 1099511628211ull; }
  char buf[40];
  std::snprintf(buf, sizeof buf, "lh-%016llx-%zu", static_cast<unsigned long long>(h), bytes.size());
  return buf;
}


cairo_surface_t* image_surface(const model::Image& img) {
  const std::string& b = img.bytes;
  if (b.size() >= 8 && b.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0) {
    // A chunk declaring more than the file holds would have libpng allocate that much first: the
    // file is decoded up to it (codec/png_chunks.h).
    const std::optional<std::string> closed = codec::png_closed_before_overlong_chunk(b);
    Reader r{closed ? &*closed : &b, 0};
    cairo_surface_t* s = cairo_image_surface_create_from_png_stream(read_png, &r);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
      cairo_surface_destroy(s);
      return nullptr;
    }
    return s;
  }
  if (b.size() >= 4 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8) {
    auto [w, h] = layout::image_pixel_size(img);
    if (w <= 0 || h <= 0 || w > 30000 || h > 30000) return nullptr;
    // The pixels are never used by the PDF surface when JPEG mime data is attached; keep the
    // placeholder small by making it 1×1 and scaling at draw time would change the geometry, so
    // it has the JPEG's size but stays blank.
    cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
      cairo_surface_destroy(s);
      return nullptr;
    }
    auto* copy = new std::string(b);
    cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, reinterpret_cast<const unsigned char*>(copy->data()),
                                copy->size(), [](void* p) { delete static_cast<std::string*>(p); }, copy);
    return s;
  }
  if (img.media_type == "image/svg+xml" && img.fallback_png && !img.fallback_png->empty()) {  // drawn by draw_svg; this for the rest
    model::Image raster;
    raster.bytes = *img.fallback_png;
    return image_surface(raster);
  }
  return nullptr;  // TIFF and others: the ingest stage converts them (not drawn here)
}

SvgImages::~SvgImages() {
  for (auto& [id, h] : by_content_)
    if (h) g_object_unref(h);
}

bool SvgImages::draw(cairo_t* cr, const model::Image& img, double x, double y, double w, double h) {
  if (img.media_type != "image/svg+xml") return false;
  auto known = by_ptr_.find(&img);
  if (known == by_ptr_.end()) {
    const std::string id = image_content_id(img.bytes);
    auto c = by_content_.find(id);
    if (c == by_content_.end()) {
      GError* err = nullptr;
      RsvgHandle* parsed =
          rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(img.bytes.data()), img.bytes.size(), &err);
      if (err) g_error_free(err);
      c = by_content_.emplace(id, parsed).first;
    }
    known = by_ptr_.emplace(&img, c->second).first;
  }
  if (!known->second) return false;
  GError* err = nullptr;
  RsvgRectangle viewport{x, y, w, h};
  cairo_save(cr);
  const bool ok = rsvg_handle_render_document(known->second, cr, &viewport, &err);
  cairo_restore(cr);
  if (err) g_error_free(err);
  return ok;
}

}  // namespace lh::pdf::detail
