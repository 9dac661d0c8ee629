// Images as DrawingML inline pictures (ECMA-376 Part 1 §20.4.2.8 wp:inline, §20.2.2.5 pic:pic)
// inside w:drawing (§17.3.3.9), with their media parts word/media/imageN.<ext> (§15.2.14).
// Identical image bytes share one media part. Sizes: the model's millimetres, or the text block
// width with the pixel aspect ratio, always scaled down to fit the text block.
// wp:docPr ids count up from 1 across the document (they must be unique, §20.4.2.5).
// A model::Drawing is shown as a PNG of its laid-out frames (DocxOptions::render_drawing), its
// description as the picture's alternative text (wp:docPr descr).
#include <algorithm>

#include "codec/png_chunks.h"
#include "docx/parts.h"
#include "layout/frames.h"
#include "docx/properties.h"

namespace lh::docx::detail {

// --- Private functions --------------------------------------------------------------------------

static std::string extension_of(const std::string& media_type) {
  if (media_type == "image/png") return "png";
  if (media_type == "image/jpeg" || media_type == "image/jpg") return "jpeg";
  if (media_type == "image/tiff") return "tiff";
  if (media_type == "image/gif") return "gif";
  if (media_type == "image/bmp") return "bmp";
  return {};
}

struct SizeMm { double w, h; };

// The displayed size: the model's size, else the layout's natural width (layout::natural_width_pt:
// the pixels at 150 dpi, as the PDF shows it), else the text width; the aspect ratio kept, fitted
// to the text block.
static SizeMm display_size(const model::Image& img, const model::PageSetup& page) {
  const double max_w = std::max(10.0, page.width_mm - page.left_mm - page.right_mm);
  const double max_h = std::max(10.0, page.height_mm - page.top_mm - page.bottom_mm);
  const auto [wpx, hpx] = layout::image_pixel_size(img);
  const double aspect = wpx > 0 && hpx > 0 ? static_cast<double>(hpx) / wpx
                                           : (img.width_mm > 0 && img.height_mm > 0 ? img.height_mm / img.width_mm : 0.75);
  const double natural_mm = layout::natural_width_pt(img) * 25.4 / 72.0;
  SizeMm s{img.width_mm > 0 ? img.width_mm : (natural_mm > 0 ? natural_mm : max_w), 0};
  s.h = img.height_mm > 0 ? img.height_mm : s.w * aspect;
  if (img.width_mm <= 0 && img.height_mm > 0) s.w = s.h / aspect;
  const double scale = std::min({1.0, max_w / s.w, max_h / s.h});
  return {s.w * scale, s.h * scale};
}

// The relationship id of the image's media part, creating the part on first use.
static std::string media_rel(const model::Image& img, const std::string& ext, Package& pkg) {
  auto it = pkg.media_by_bytes.find(img.bytes);
  if (it != pkg.media_by_bytes.end()) return it->second;
  const std::string file = "media/image" + std::to_string(pkg.media_by_bytes.size() + 1) + "." + ext;
  // A PNG whose chunk overruns the file goes in up to that chunk (codec/png_chunks.h): Word's or
  // LibreOffice's PNG decoder would meet what ours met.
  std::optional<std::string> closed = codec::png_closed_before_overlong_chunk(img.bytes);
  pkg.extra_parts.push_back({"word/" + file, "", closed ? std::move(*closed) : img.bytes});
  if (std::find(pkg.media_extensions.begin(), pkg.media_extensions.end(), ext) == pkg.media_extensions.end())
    pkg.media_extensions.push_back(ext);
  std::string rid = pkg.add_rel("image", file);
  pkg.media_by_bytes.emplace(img.bytes, rid);
  return rid;
}

// --- XML functions ------------------------------------------------------------------------------

// Write an extent-like element: <name cx=… cy=…/>.
static void write_extent(XmlWriter& x, const char* qname, int64_t cx, int64_t cy) {
  x.start(qname);
  x.attr("cx", cx);
  x.attr("cy", cy);
  x.end();
}

// Write the <pic:pic> element (§20.2.2.5).
static void write_pic(XmlWriter& x, int id, const std::string& rid, int64_t cx, int64_t cy) {
  x.start("pic:pic");
  x.start("pic:nvPicPr");
  x.start("pic:cNvPr");
  x.attr("id", static_cast<int64_t>(id));
  x.attr("name", "Picture " + std::to_string(id));
  x.end();
  x.empty("pic:cNvPicPr");
  x.end();
  x.start("pic:blipFill");
  x.start("a:blip");
  x.attr("r:embed", rid);
  x.end();
  x.start("a:stretch");
  x.empty("a:fillRect");
  x.end();
  x.end();
  x.start("pic:spPr");
  x.start("a:xfrm");
  x.start("a:off");
  x.attr("x", static_cast<int64_t>(0));
  x.attr("y", static_cast<int64_t>(0));
  x.end();
  write_extent(x, "a:ext", cx, cy);
  x.end();
  x.start("a:prstGeom");
  x.attr("prst", "rect");
  x.empty("a:avLst");
  x.end();
  x.end();
  x.end();
}

// Write the <wp:inline> element (§20.4.2.8) for one image.
static void write_inline(XmlWriter& x, const model::Image& img, const std::string& rid, Package& pkg) {
  const SizeMm s = display_size(img, pkg.current_page);
  const int64_t cx = emu_from_mm(s.w), cy = emu_from_mm(s.h);
  const int id = pkg.next_drawing_id++;
  x.start("wp:inline");
  for (const char* d : {"distT", "distB", "distL", "distR"}) x.attr(d, static_cast<int64_t>(0));
  write_extent(x, "wp:extent", cx, cy);
  x.start("wp:effectExtent");
  for (const char* side : {"l", "t", "r", "b"}) x.attr(side, static_cast<int64_t>(0));
  x.end();
  x.start("wp:docPr");
  x.attr("id", static_cast<int64_t>(id));
  x.attr("name", "Picture " + std::to_string(id));
  if (!img.description.empty()) x.attr("descr", img.description);
  x.end();
  x.start("wp:cNvGraphicFramePr");
  x.start("a:graphicFrameLocks");
  x.attr("noChangeAspect", "1");
  x.end();
  x.end();
  x.start("a:graphic");
  x.start("a:graphicData");
  x.attr("uri", kNsPic);
  write_pic(x, id, rid, cx, cy);
  x.end();
  x.end();
  x.end();
}

// --- Public functions ---------------------------------------------------------------------------

model::Image drawing_picture(const model::Drawing& d, const Package& pkg) {
  model::Image img;
  img.media_type = "image/png";
  img.description = d.description;
  img.width_mm = d.width_mm;
  img.height_mm = d.height_mm;
  if (!(d.width_mm > 0) || !(d.height_mm > 0) || !pkg.options || !pkg.options->render_drawing) return img;
  const SizeMm s = display_size(img, pkg.current_page);
  img.bytes = pkg.options->render_drawing(d, s.w / d.width_mm);
  auto [w, h] = layout::image_pixel_size(img);
  img.width_px = w;
  img.height_px = h;
  img.width_mm = s.w;
  img.height_mm = s.h;
  return img;
}

// Write <w:drawing> for an image; an image we cannot embed becomes its description as text.
void write_drawing(XmlWriter& x, const model::Image& svg_or_image, Package& pkg) {
  // An SVG goes in as its PNG raster: Word 2010 and WPS draw no SVG.
  model::Image raster;
  const bool svg = svg_or_image.media_type == "image/svg+xml" && svg_or_image.fallback_png && !svg_or_image.fallback_png->empty();
  if (svg) {
    raster = svg_or_image;
    raster.media_type = "image/png";
    raster.bytes = *svg_or_image.fallback_png;
    raster.fallback_png.reset();
  }
  const model::Image& img = svg ? raster : svg_or_image;
  const std::string ext = extension_of(img.media_type);
  if (ext.empty() || img.bytes.empty()) {
    write_run_text(x, img.description);
    return;
  }
  const std::string rid = media_rel(img, ext, pkg);
  x.start("w:drawing");
  write_inline(x, img, rid, pkg);
  x.end();
}

// Write a centred paragraph holding one image: single line spacing (the body's exact 28.95 pt
// would clip the picture to one line), no first-line indent.
void write_image_paragraph(XmlWriter& x, const model::Image& img, Package& pkg, bool page_break_before) {
  x.start("w:p");
  PPr p;
  p.page_break_before = page_break_before;
  p.snap_to_grid = false;
  Spacing s;
  s.line = 240;
  s.line_rule = "auto";
  p.spacing = s;
  Ind ind;
  ind.first_line = 0;
  ind.first_line_chars = 0;
  p.ind = ind;
  p.jc = "center";
  write_ppr(x, p);
  x.start("w:r");
  write_drawing(x, img, pkg);
  x.end();
  x.end();
}

}  // namespace lh::docx::detail
