// [Content_Types].xml (ECMA-376 Part 2 §10.1.2): a Default per file extension (rels, xml, media),
// an Override per WordprocessingML part.
#include "docx/parts.h"

namespace lh::docx::detail {

static constexpr const char* kNsTypes = "http://schemas.openxmlformats.org/package/2006/content-types";

// --- XML functions ------------------------------------------------------------------------------

// Write the <Default> element.
static void write_default(XmlWriter& x, const std::string& ext, const std::string& type) {
  x.start("Default");
  x.attr("Extension", ext);
  x.attr("ContentType", type);
  x.end();
}

// Write the <Override> element.
static void write_override(XmlWriter& x, const std::string& part_name, const std::string& type) {
  x.start("Override");
  x.attr("PartName", "/" + part_name);
  x.attr("ContentType", type);
  x.end();
}

static std::string media_content_type(const std::string& ext) {
  if (ext == "png") return "image/png";
  if (ext == "jpeg") return "image/jpeg";
  if (ext == "tiff") return "image/tiff";
  if (ext == "gif") return "image/gif";
  if (ext == "bmp") return "image/bmp";
  return "application/octet-stream";
}

// --- XML file assembly functions ----------------------------------------------------------------

std::string content_types_xml(const std::vector<Part>& parts, const std::vector<std::string>& media_ext) {
  XmlWriter x;
  x.start("Types");
  x.ns(nullptr, kNsTypes);
  write_default(x, "rels", "application/vnd.openxmlformats-package.relationships+xml");
  write_default(x, "xml", "application/xml");
  for (const std::string& ext : media_ext) write_default(x, ext, media_content_type(ext));
  for (const Part& p : parts)
    if (!p.content_type.empty()) write_override(x, p.name, p.content_type);
  x.end();
  return x.finish();
}

}  // namespace lh::docx::detail
