// The OFD package as the checker reads it back (check_internal.h): members through ingest's ZIP
// reader (limits, encrypted members), parts through its safe XML parser, references resolved as
// GB/T 33190-2016 §7.3 says and remembered, so GB/T 42133 6.1 can ask what is left unreferenced.
#include <algorithm>
#include <cstring>

#include "ofd/check_internal.h"

namespace lh::ofd::check {

using namespace lh::ingest;

std::string folder_of(std::string_view part) {
  const size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

bool is_external(std::string_view loc) {
  const std::string t = trim(loc);
  return t.find("://") != std::string::npos || t.rfind("file:", 0) == 0 || t.rfind("data:", 0) == 0 ||
         (t.size() > 2 && t[1] == ':' && (t[2] == '\\' || t[2] == '/'));
}

std::string resolve_loc(std::string_view base_folder, std::string_view loc) {
  std::string t = trim(loc);
  if (t.empty() || is_external(t)) return {};
  std::replace(t.begin(), t.end(), '\\', '/');
  return normalize_part_path(t[0] == '/' ? t : std::string(base_folder) + t);
}

void find_all(xmlNode* n, std::string_view local, std::vector<xmlNode*>& out, int depth) {
  if (!n || depth > 256) return;
  for (xmlNode* c : elements(n)) {
    if (local_is(c, local)) out.push_back(c);
    find_all(c, local, out, depth + 1);
  }
}

xmlDoc* Package::doc(const std::string& part) {
  auto it = parsed.find(part);
  if (it == parsed.end()) {
    ZipMember m = zip.read(part, limits.max_xml_bytes + 1);
    XmlParse p;
    if (m.error) {
      if (m.error->kind == model::ErrorKind::Encrypted) encrypted.push_back(part);
      p.error = m.error;
    } else {
      p = parse_xml(m.bytes, part, limits.max_xml_bytes);
    }
    if (p.error) broken_refs.push_back(part + ": " + p.error->message);
    it = parsed.emplace(part, std::move(p)).first;
  }
  return it->second.doc.get();
}

xmlNode* Package::root(const std::string& part) {
  xmlDoc* d = doc(part);
  return d ? xmlDocGetRootElement(d) : nullptr;
}

std::string Package::head(const std::string& part, size_t n) {
  if (zip.encrypted(part)) {
    encrypted.push_back(part);
    return {};
  }
  return zip.read_prefix(part, n);
}

std::string Package::refer(std::string_view from_folder, std::string_view loc, const std::string& what) {
  const std::string part = resolve_loc(from_folder, loc);
  if (part.empty() || !zip.has(part)) {
    broken_refs.push_back(what + " '" + trim(loc) + "' is not in the package");
    return {};
  }
  referenced.insert(part);
  return part;
}

namespace {

uint32_t be32(const std::string& b, size_t at) {
  if (at + 4 > b.size()) return 0;
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
  return v;
}

}  // namespace

size_t font_directory_bytes(const std::string& header) {
  const size_t tables = header.size() >= 6 ? (static_cast<unsigned char>(header[4]) << 8 | static_cast<unsigned char>(header[5])) : 0;
  return 12 + 16 * tables;
}

std::string font_problem(const std::string& b) {
  const uint32_t version = be32(b, 0);
  if (version == 0x4F54544F) return "CFF outlines (OpenType 'OTTO'), not glyf";
  if (version != 0x00010000 && version != 0x74727565) return "not a TrueType font file";
  const uint32_t n = b.size() >= 6 ? (static_cast<unsigned char>(b[4]) << 8 | static_cast<unsigned char>(b[5])) : 0;
  std::set<std::string> tags;
  for (uint32_t i = 0; i < n && 12 + 16 * i + 16 <= b.size(); ++i) tags.insert(b.substr(12 + 16 * i, 4));
  std::string missing;
  for (const char* t : {"cmap", "loca", "glyf", "head", "hhea", "hmtx", "maxp", "name", "OS/2", "post"})
    if (!tags.count(t)) missing += (missing.empty() ? "" : ", ") + std::string(t);
  return missing.empty() ? "" : "lacks " + missing;
}

std::string image_format(const std::string& b) {
  auto starts = [&](std::string_view sig) { return b.size() >= sig.size() && b.compare(0, sig.size(), sig) == 0; };
  if (starts("BM")) return "BMP";
  if (starts("\xff\xd8\xff")) return "JPEG";
  if (starts("\x89PNG\r\n\x1a\n")) return "PNG";
  if (starts(std::string_view("\x97JB2\r\n\x1a\n", 8))) return "JBIG2";
  if (starts(std::string_view("\0\0\0\x0cjP  \r\n\x87\n", 12)) || starts("\xff\x4f\xff\x51")) return "JPEG2000";
  if (starts(std::string_view("II*\0", 4)) || starts(std::string_view("MM\0*", 4))) return "TIFF";
  return {};
}

}  // namespace lh::ofd::check
