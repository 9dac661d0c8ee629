// The OFD reader (issue 2 §4): GB/T 33190-2016 《电子文件存储与交换格式 版式文档》.
// An OFD file is a ZIP package (§7.2):
//   OFD.xml (§7.4, ofd:OFD / DocBody / DocInfo §7.4 table 4, DocRoot)
//   -> Document.xml (§7.5: CommonData/PageArea §7.6 table 7, TemplatePage §7.6 table 8, Pages/Page)
//   -> Pages/Page_N/Content.xml (§7.7: Page/Template, Content/Layer; text objects §11: TextObject
//      Boundary §8.5 table 16, TextCode X/Y table 53).
// Text is extracted per page in order: template text (background) and page text, sorted into lines
// by baseline (y) and then by x, one paragraph per line; a PageBreak between pages.
// Locations in the package (ST_Loc, §7.3): relative to the referring file's folder, "/" = package root.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "ingest/reader.h"
#include "ingest/safe_xml.h"
#include "ingest/zip_part.h"

namespace lh::ingest {
using model::ErrorKind;
using model::Format;

namespace ofd {
namespace {

struct TextItem {
  double x = 0, y = 0, size = 3;
  std::string text;
};

std::vector<double> numbers(std::string_view s, size_t max = 8) {
  std::vector<double> out;
  size_t i = 0;
  while (i < s.size() && out.size() < max) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
    if (i >= s.size()) break;
    double v = 0;
    auto r = std::from_chars(s.data() + i, s.data() + s.size(), v);
    if (r.ec != std::errc()) break;
    if (!std::isfinite(v)) break;
    out.push_back(v);
    i = static_cast<size_t>(r.ptr - s.data());
  }
  return out;
}

std::string folder_of(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash + 1));
}

// ST_Loc (§7.3): "/x" from the root, else relative to `base_folder`; ".." and "." resolved.
std::string resolve_loc(std::string_view base_folder, std::string_view loc) {
  std::string t = trim(loc);
  std::replace(t.begin(), t.end(), '\\', '/');
  return normalize_part_path((!t.empty() && t[0] == '/') ? t : std::string(base_folder) + t);
}

// White space that contains a line break is layout of the XML file, not text: one space.
std::string clean_text(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      size_t j = i;
      bool newline = false;
      while (j < s.size() && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\n')) newline |= s[j++] == '\n';
      out += newline ? std::string(" ") : std::string(s.substr(i, j - i));
      i = j;
    } else {
      out += c;
      ++i;
    }
  }
  return trim(out);
}

struct Reader {
  ZipPackage zip;
  const Limits* limits = nullptr;
  std::vector<std::string> problems;

  XmlParse parse(const std::string& part) {
    ZipMember m = zip.read(part, limits->max_xml_bytes + 1);
    if (m.error) return XmlParse{nullptr, m.error};
    return parse_xml(m.bytes, part, limits->max_xml_bytes);
  }
};

// TextObject (§11.2) and its TextCode children; other objects are walked for nested text.
void collect_text(const xmlNode* n, std::vector<TextItem>& out, int depth) {
  if (depth > 64 || out.size() > 200000) return;
  for (xmlNode* c : elements(n)) {
    if (local_is(c, "TextObject")) {
      auto box = numbers(attr(c, "Boundary"), 4);
      double bx = box.size() >= 2 ? box[0] : 0, by = box.size() >= 2 ? box[1] : 0;
      double size = numbers(attr(c, "Size"), 1).empty() ? 3.0 : numbers(attr(c, "Size"), 1)[0];
      for (xmlNode* tc : elements(c)) {
        if (!local_is(tc, "TextCode")) continue;
        TextItem it;
        auto x = numbers(attr(tc, "X"), 1), y = numbers(attr(tc, "Y"), 1);
        it.x = bx + (x.empty() ? 0 : x[0]);
        it.y = by + (y.empty() ? 0 : y[0]);
        it.size = size;
        it.text = clean_text(own_text(tc));
        if (!it.text.empty()) out.push_back(std::move(it));
      }
    } else {
      collect_text(c, out, depth + 1);
    }
  }
}

// Group items into lines by baseline, left to right; one line per paragraph.
std::vector<std::string> to_lines(std::vector<TextItem> items) {
  std::stable_sort(items.begin(), items.end(), [](const TextItem& a, const TextItem& b) { return a.y < b.y; });
  std::vector<std::vector<TextItem>> lines;
  for (auto& it : items) {
    double tol = std::max(0.8, it.size * 0.4);
    if (!lines.empty() && std::fabs(lines.back().front().y - it.y) <= tol) lines.back().push_back(std::move(it));
    else lines.push_back({std::move(it)});
  }
  std::vector<std::string> out;
  for (auto& line : lines) {
    std::stable_sort(line.begin(), line.end(), [](const TextItem& a, const TextItem& b) { return a.x < b.x; });
    std::string s;
    for (size_t i = 0; i < line.size(); ++i) s += (i ? " " : "") + line[i].text;
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<model::ReadError> read_page(Reader& rd, const std::string& part, const std::map<std::string, std::string>& templates,
                                          std::vector<model::Block>& out, int& text_items) {
  XmlParse p = rd.parse(part);
  if (p.error) return p.error;
  const xmlNode* root = xmlDocGetRootElement(p.doc.get());
  std::vector<TextItem> items;
  for (xmlNode* t : elements(root)) {  // Page/Template (§7.7 table 11)
    if (!local_is(t, "Template")) continue;
    auto it = templates.find(trim(attr(t, "TemplateID")));
    if (it == templates.end()) continue;
    XmlParse tp = rd.parse(it->second);
    if (tp.error) {
      if (tp.error->kind == ErrorKind::UnsafeXml || tp.error->kind == ErrorKind::ZipBomb) return tp.error;
      rd.problems.push_back(tp.error->message);
      continue;
    }
    if (xmlNode* content = first_element(xmlDocGetRootElement(tp.doc.get()), "Content")) collect_text(content, items, 0);
  }
  if (xmlNode* content = first_element(root, "Content")) collect_text(content, items, 0);
  text_items += static_cast<int>(items.size());
  for (auto& line : to_lines(std::move(items))) {
    model::Paragraph para;
    para.runs.push_back(model::Run{std::move(line)});
    out.push_back(model::Block{std::move(para)});
  }
  return std::nullopt;
}

std::string child_text(const xmlNode* n, std::string_view local) {
  if (xmlNode* c = first_element(n, local)) return trim(text_content(c, 4096));
  return {};
}

void read_doc_info(const xmlNode* info, model::Metadata& meta) {  // §7.4 table 4
  meta.title = child_text(info, "Title");
  meta.author = child_text(info, "Author");
  meta.subject = child_text(info, "Subject");
  meta.created = child_text(info, "CreationDate");
  meta.modified = child_text(info, "ModDate");
  std::string creator = child_text(info, "Creator"), version = child_text(info, "CreatorVersion");
  meta.application = version.empty() || creator.empty() ? creator : creator + " " + version;
}

ReadResult read_package(const Input& in) {
  Reader rd;
  rd.limits = &in.options->limits;
  if (auto e = rd.zip.open(in.bytes, in.options->limits)) return failed(Format::Ofd, e->kind, e->message);
  if (auto bad = find_doctype_member(rd.zip))
    return failed(Format::Ofd, ErrorKind::UnsafeXml, *bad + "：含 DOCTYPE（文档类型声明），lianghua 从不处理 DTD");
  XmlParse ofd = rd.parse("OFD.xml");
  if (ofd.error) return failed(Format::Ofd, ofd.error->kind, ofd.error->message);
  ReadResult r;
  r.meta.format = Format::Ofd;
  const xmlNode* root = xmlDocGetRootElement(ofd.doc.get());
  xmlNode* body = first_element(root, "DocBody");
  if (!local_is(root, "OFD") || !body) return failed(Format::Ofd, ErrorKind::Damaged, "OFD.xml 无 DocBody");
  int bodies = 0;
  for (xmlNode* b : elements(root)) bodies += local_is(b, "DocBody");
  if (bodies > 1) r.meta.problems.push_back("OFD holds " + std::to_string(bodies) + " documents; only the first was read");
  if (xmlNode* info = first_element(body, "DocInfo")) read_doc_info(info, r.meta);

  std::string doc_part = resolve_loc("", child_text(body, "DocRoot"));
  if (doc_part.empty()) return failed(Format::Ofd, ErrorKind::Damaged, "OFD.xml 未指明 DocRoot");
  XmlParse doc = rd.parse(doc_part);
  if (doc.error) return failed(Format::Ofd, doc.error->kind, doc.error->message);
  const xmlNode* droot = xmlDocGetRootElement(doc.doc.get());
  const std::string folder = folder_of(doc_part);

  model::Section section;
  std::map<std::string, std::string> templates;
  if (xmlNode* common = first_element(droot, "CommonData")) {
    if (xmlNode* area = first_element(common, "PageArea")) {
      auto box = numbers(child_text(area, "PhysicalBox"), 4);
      if (box.size() == 4 && box[2] > 0 && box[3] > 0 && box[2] < 10000 && box[3] < 10000) {
        section.page.width_mm = box[2];
        section.page.height_mm = box[3];
      }
    }
    for (xmlNode* t : elements(common))
      if (local_is(t, "TemplatePage")) templates[trim(attr(t, "ID"))] = resolve_loc(folder, attr(t, "BaseLoc"));
  }
  int pages = 0, text_items = 0;
  if (xmlNode* list = first_element(droot, "Pages"))
    for (xmlNode* pg : elements(list)) {
      if (!local_is(pg, "Page")) continue;
      if (pages > 0) section.blocks.push_back(model::Block{model::PageBreak{}});
      ++pages;
      std::string part = resolve_loc(folder, attr(pg, "BaseLoc"));
      if (auto e = read_page(rd, part, templates, section.blocks, text_items)) {
        if (e->kind == ErrorKind::UnsafeXml || e->kind == ErrorKind::ZipBomb || e->kind == ErrorKind::TooLarge)
          return failed(Format::Ofd, e->kind, e->message);
        rd.problems.push_back("page " + std::to_string(pages) + ": " + e->message);
      }
    }
  r.meta.pages = pages;
  if (pages > 0 && text_items == 0) r.meta.scanned_pages = pages;  // no text at all: probably images
  for (auto& p : rd.problems) r.meta.problems.push_back(std::move(p));
  r.doc.sections.push_back(std::move(section));
  return r;
}

}  // namespace
}  // namespace ofd

ReadResult read_ofd(const Input& in) {
  return guarded(Format::Ofd, "OFD", [&]() -> ReadResult {
    return ofd::read_package(in);
  });
}

}  // namespace lh::ingest
