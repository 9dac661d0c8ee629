#include "ingest/opc.h"

#include <algorithm>
#include <charconv>

namespace lh::ingest::opc {
using model::ErrorKind;
using model::ReadError;

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}
std::string strip_slash(std::string_view s) {
  while (!s.empty() && s.front() == '/') s.remove_prefix(1);
  return std::string(s);
}
// Percent-decoding of part names (ECMA-376 Part 2 §6.2.2.2); invalid escapes stay as written.
std::string percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      unsigned v = 0;
      auto r = std::from_chars(s.data() + i + 1, s.data() + i + 3, v, 16);
      if (r.ec == std::errc() && r.ptr == s.data() + i + 3) {
        out += static_cast<char>(v);
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}
}  // namespace

const Relationship* Rels::by_id(std::string_view id) const {
  for (const auto& r : list)
    if (r.id == id) return &r;
  return nullptr;
}

const Relationship* Rels::by_type(std::string_view suffix) const {
  for (const auto& r : list) {
    std::string_view t = r.type;
    if (t.size() > suffix.size() && t.substr(t.size() - suffix.size()) == suffix && t[t.size() - suffix.size() - 1] == '/')
      return &r;
  }
  return nullptr;
}

std::string rels_name_for(std::string_view part) {
  std::string p = strip_slash(part);
  if (p.empty()) return "_rels/.rels";
  size_t slash = p.rfind('/');
  if (slash == std::string::npos) return "_rels/" + p + ".rels";
  return p.substr(0, slash + 1) + "_rels/" + p.substr(slash + 1) + ".rels";
}

std::string resolve(std::string_view source_part, std::string_view target) {
  std::string t = percent_decode(target);
  std::replace(t.begin(), t.end(), '\\', '/');
  if (size_t hash = t.find('#'); hash != std::string::npos) t.resize(hash);
  std::string base;
  if (!t.empty() && t.front() == '/') {
    t = strip_slash(t);
  } else {
    std::string src = strip_slash(source_part);
    size_t slash = src.rfind('/');
    base = slash == std::string::npos ? "" : src.substr(0, slash + 1);
  }
  return normalize_part_path(base + t);
}

std::string ContentTypes::type_of(std::string_view part) const {
  std::string p = lower(strip_slash(part));
  if (auto it = by_part.find(p); it != by_part.end()) return it->second;
  size_t dot = p.rfind('.');
  if (dot != std::string::npos)
    if (auto it = by_extension.find(p.substr(dot + 1)); it != by_extension.end()) return it->second;
  return {};
}

Package::Part Package::parse(std::string_view part_name) {
  Part out;
  ZipMember m = zip.read(part_name, limits->max_xml_bytes + 1);
  if (m.error) {
    out.missing = m.missing;
    out.error = m.error;
    return out;
  }
  XmlParse p = parse_xml(m.bytes, strip_slash(part_name), limits->max_xml_bytes);
  out.doc = std::move(p.doc);
  out.error = std::move(p.error);
  return out;
}

std::optional<ReadError> Package::rels_of(std::string_view part_name, Rels& out) {
  out.list.clear();
  const std::string rn = rels_name_for(part_name);
  Part p = parse(rn);
  if (p.missing) return std::nullopt;
  if (p.error) return p.error;
  const xmlNode* root = xmlDocGetRootElement(p.doc.get());
  for (xmlNode* r : elements(root)) {
    if (!local_is(r, "Relationship")) continue;
    Relationship rel;
    rel.id = attr(r, "Id");
    rel.type = attr(r, "Type");
    rel.external = attr(r, "TargetMode") == "External";
    std::string target = attr(r, "Target");
    rel.target = rel.external ? target : resolve(part_name, target);
    if (rel.id.empty()) continue;
    out.list.push_back(std::move(rel));
    if (out.list.size() > 100000) break;
  }
  return std::nullopt;
}

bool is_fatal(const ReadError& e) {
  return e.kind == ErrorKind::UnsafeXml || e.kind == ErrorKind::ZipBomb || e.kind == ErrorKind::Encrypted;
}

std::optional<ReadError> open_package(std::string_view bytes, const Limits& limits, Package& pkg) {
  pkg.limits = &limits;
  if (auto e = pkg.zip.open(bytes, limits)) return e;
  if (auto bad = find_doctype_member(pkg.zip))
    return ReadError{ErrorKind::UnsafeXml, *bad + "：含 DOCTYPE（文档类型声明），lianghua 从不处理 DTD"};
  Package::Part ct = pkg.parse("[Content_Types].xml");
  if (ct.error && !ct.missing) return ct.error;
  if (ct.doc) {
    for (xmlNode* n : elements(xmlDocGetRootElement(ct.doc.get()))) {
      if (local_is(n, "Default")) {
        pkg.types.by_extension[lower(attr(n, "Extension"))] = attr(n, "ContentType");
      } else if (local_is(n, "Override")) {
        pkg.types.by_part[lower(strip_slash(attr(n, "PartName")))] = attr(n, "ContentType");
      }
    }
  }
  return std::nullopt;
}

namespace {
std::string child_text(const xmlNode* root, std::string_view local) {
  if (xmlNode* n = first_element(root, local)) return trim(text_content(n, 4096));
  return {};
}
}  // namespace

std::optional<ReadError> read_properties(Package& pkg, const Rels& package_rels, model::Metadata& meta) {
  std::string core = "docProps/core.xml", app = "docProps/app.xml";
  if (const auto* r = package_rels.by_type("core-properties"); r && !r->external) core = r->target;
  if (const auto* r = package_rels.by_type("extended-properties"); r && !r->external) app = r->target;

  Package::Part c = pkg.parse(core);
  if (c.error && is_fatal(*c.error)) return c.error;
  if (c.error && !c.missing) meta.problems.push_back(c.error->message);
  if (c.doc) {
    const xmlNode* root = xmlDocGetRootElement(c.doc.get());
    meta.title = child_text(root, "title");
    meta.author = child_text(root, "creator");
    meta.subject = child_text(root, "subject");
    meta.created = child_text(root, "created");
    meta.modified = child_text(root, "modified");
  }
  Package::Part a = pkg.parse(app);
  if (a.error && is_fatal(*a.error)) return a.error;
  if (a.error && !a.missing) meta.problems.push_back(a.error->message);
  if (a.doc) {
    const xmlNode* root = xmlDocGetRootElement(a.doc.get());
    std::string application = child_text(root, "Application");
    std::string version = child_text(root, "AppVersion");
    meta.application = version.empty() || application.empty() ? application : application + " " + version;
    std::string pages = child_text(root, "Pages");
    int n = 0;
    auto r = std::from_chars(pages.data(), pages.data() + pages.size(), n);
    if (r.ec == std::errc() && n > 0 && n < 10000000) meta.pages = n;
  }
  return std::nullopt;
}

std::string image_media_type(const Package& pkg, std::string_view part, std::string_view b) {
  std::string t = pkg.types.type_of(part);
  if (t.rfind("image/", 0) == 0) return t;
  auto starts = [&](std::string_view m) { return b.substr(0, m.size()) == m; };
  using namespace std::literals;
  if (starts("\x89PNG\r\n\x1A\n")) return "image/png";
  if (starts("\xFF\xD8\xFF")) return "image/jpeg";
  if (starts("GIF8")) return "image/gif";
  if (starts("II*\0"sv) || starts("MM\0*"sv)) return "image/tiff";
  if (starts("BM")) return "image/bmp";
  if (starts("\xD7\xCD\xC6\x9A")) return "image/x-wmf";
  if (b.size() >= 44 && starts("\x01\0\0\0"sv) && b.substr(40, 4) == " EMF") return "image/x-emf";
  return t.empty() ? "application/octet-stream" : t;
}

}  // namespace lh::ingest::opc
