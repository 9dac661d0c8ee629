// The office's emblem (局徽) or logo, as the office supplies it (wave2.md §1.1: never redrawn or
// recoloured). An SVG is checked first (the safe XML parser: no DOCTYPE; no reference outside the
// file: only "#…" and "data:" links) and kept as SVG: the PDF writer draws it as vectors through
// librsvg (sharp at any sign size, a few KB per sign instead of a 1600-px raster in every PDF), with
// a PNG raster beside it for DOCX. A PNG is placed as it is. The emblem is placed with uniform
// scaling only (compose_sign).
#include <cairo.h>
#include <librsvg/rsvg.h>

#include <cmath>
#include <cstring>
#include <tuple>

#include "compose/signs/signs.h"
#include "layout/frames.h"
#include "filing/xml_safe.h"

namespace lh::compose::signs {
namespace {

constexpr size_t kMaxEmblemBytes = 4u << 20;  // an emblem is a few hundred kB at most
constexpr int kRasterPx = 1600;               // fallback raster, longer side: ≈ 450 dpi on a 90 mm emblem

// Any href/xlink:href or url(…) that points outside the file.
bool external_reference(xmlNode* n, std::string& what) {
  for (; n; n = n->next) {
    if (n->type == XML_ELEMENT_NODE) {
      const std::string name = reinterpret_cast<const char*>(n->name);
      if (name == "script" || name == "foreignObject") {
        what = "<" + name + ">";
        return true;
      }
      for (xmlAttr* a = n->properties; a; a = a->next) {
        const std::string an = reinterpret_cast<const char*>(a->name);
        xmlChar* v = xmlNodeListGetString(n->doc, a->children, 1);
        const std::string value = v ? reinterpret_cast<const char*>(v) : "";
        xmlFree(v);
        const bool local = value.empty() || value[0] == '#' || value.rfind("data:", 0) == 0;
        if ((an == "href" && !local) || (value.find("url(") != std::string::npos && value.find("url(#") == std::string::npos)) {
          what = an + "=\"" + value.substr(0, 60) + "\"";
          return true;
        }
      }
      if (name == "style") {
        xmlChar* v = xmlNodeGetContent(n);
        const std::string css = v ? reinterpret_cast<const char*>(v) : "";
        xmlFree(v);
        if (css.find("@import") != std::string::npos) {
          what = "@import";
          return true;
        }
      }
    }
    if (external_reference(n->children, what)) return true;
  }
  return false;
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

model::Image vector_svg(const std::string& bytes, const std::string& name) {
  std::vector<filing::XmlProblem> problems;
  filing::XmlDocPtr doc = filing::parse_xml_safely(bytes, problems);
  if (!doc) throw SignageError(name + ": SVG 无法读取" + (problems.empty() ? "" : "：" + problems[0].text(name)) + " (unsafe_xml)");
  std::string what;
  if (external_reference(xmlDocGetRootElement(doc.get()), what))
    throw SignageError(name + ": SVG 引用了文件以外的内容（" + what + "），请提供自包含的文件 (external_reference)");
  GError* err = nullptr;
  RsvgHandle* h = rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(bytes.data()), bytes.size(), &err);
  if (!h) {
    std::string m = err ? err->message : "?";
    if (err) g_error_free(err);
    throw SignageError(name + ": SVG 无法解析：" + m + " (damaged)");
  }
  gdouble w = 0, hgt = 0;
  if (!rsvg_handle_get_intrinsic_size_in_pixels(h, &w, &hgt) || w <= 0 || hgt <= 0) {
    gboolean has_w = FALSE, has_h = FALSE, has_vb = FALSE;
    RsvgLength lw{}, lh{};
    RsvgRectangle vb{};
    rsvg_handle_get_intrinsic_dimensions(h, &has_w, &lw, &has_h, &lh, &has_vb, &vb);
    w = has_vb && vb.width > 0 ? vb.width : 100;  // percentage sizes: the viewBox gives the aspect
    hgt = has_vb && vb.height > 0 ? vb.height : 100;
  }
  const double scale = kRasterPx / std::max(w, hgt);
  const int pw = std::max(1, static_cast<int>(std::lround(w * scale))), ph = std::max(1, static_cast<int>(std::lround(hgt * scale)));
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pw, ph);
  cairo_t* cr = cairo_create(s);
  RsvgRectangle viewport{0, 0, static_cast<double>(pw), static_cast<double>(ph)};
  const bool ok = rsvg_handle_render_document(h, cr, &viewport, &err);
  cairo_destroy(cr);
  g_object_unref(h);
  std::string png;
  if (ok) cairo_surface_write_to_png_stream(s, append, &png);
  cairo_surface_destroy(s);
  if (!ok) {
    std::string m = err ? err->message : "?";
    if (err) g_error_free(err);
    throw SignageError(name + ": SVG 无法绘制：" + m + " (damaged)");
  }
  model::Image img;
  img.media_type = "image/svg+xml";
  img.bytes = bytes;
  img.fallback_png = std::make_shared<const std::string>(std::move(png));
  img.width_px = pw;  // the aspect the writers keep
  img.height_px = ph;
  img.description = "局徽";
  return img;
}

}  // namespace

model::Image load_emblem(const std::string& bytes, const std::string& name) {
  if (bytes.size() > kMaxEmblemBytes)
    throw SignageError(name + ": 徽标文件过大（" + std::to_string(bytes.size() / 1024) + " KB，上限 4096 KB） (too_large)");
  static const char kPng[] = "\x89PNG\r\n\x1a\n";
  if (bytes.size() > 24 && std::memcmp(bytes.data(), kPng, 8) == 0) {
    model::Image img;
    img.media_type = "image/png";
    img.bytes = bytes;
    std::tie(img.width_px, img.height_px) = layout::image_pixel_size(img);  // from the IHDR
    img.description = "局徽";
    return img;
  }
  if (bytes.find("<svg") != std::string::npos) return vector_svg(bytes, name);
  throw SignageError(name + ": 徽标须为 SVG 或 PNG 文件 (unsupported)");
}

}  // namespace lh::compose::signs
