// Book spec loading (spec.h).
#include "compose/book/spec.h"

#include "filing/xml_safe.h"

namespace lh::compose::book {

namespace fs = std::filesystem;
using filing::attr;
using filing::child_elements;
using filing::first_child;
using filing::text_of;

namespace {

SourceKind kind_of(const std::string& s) {
  if (s == "document") return SourceKind::Document;
  if (s == "table") return SourceKind::Table;
  if (s == "flow") return SourceKind::Flow;
  return SourceKind::Auto;
}

SourceRef source_of(xmlNode* e, const fs::path& base) {
  SourceRef r;
  r.written = attr(e, "src");
  const fs::path p(r.written);
  r.path = p.is_absolute() ? p : base / p;
  r.kind = kind_of(attr(e, "kind", "auto"));
  r.title = attr(e, "title");
  r.line = static_cast<int>(xmlGetLineNo(e));
  return r;
}

Part part_of(xmlNode* e, const fs::path& base) {
  Part part;
  part.title = attr(e, "title");
  for (xmlNode* c = e->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    const std::string name = reinterpret_cast<const char*>(c->name);
    if (name == "chapter") {
      Chapter ch;
      ch.title = attr(c, "title");
      for (xmlNode* s : child_elements(c, "source")) ch.sources.push_back(source_of(s, base));
      part.chapters.push_back(std::move(ch));
    } else if (name == "source") {
      // Sources outside a chapter hang under the part; consecutive ones share one untitled chapter.
      if (part.chapters.empty() || !part.chapters.back().title.empty()) part.chapters.emplace_back();
      part.chapters.back().sources.push_back(source_of(c, base));
    }
  }
  return part;
}

std::string child_text(xmlNode* root, const char* name) {
  xmlNode* e = first_child(root, name);
  return e ? text_of(e) : std::string();
}

}  // namespace

SpecLoad load_book_spec_text(const std::string& xml, const std::string& xsd, const fs::path& spec_path) {
  SpecLoad out;
  const std::string name = spec_path.filename().string();
  std::vector<filing::XmlProblem> problems;
  filing::XmlDocPtr doc = filing::parse_xml_safely(xml, problems);
  if (doc && !filing::validate_with_xsd(doc.get(), xsd, problems)) doc.reset();
  if (!doc) {
    for (const auto& p : problems) out.errors.push_back(p.text(name));
    if (out.errors.empty()) out.errors.push_back(name + ": 不是可读的书目说明 (book spec)");
    return out;
  }
  xmlNode* root = xmlDocGetRootElement(doc.get());
  const fs::path base = spec_path.parent_path();
  BookSpec s;
  s.spec_path = spec_path;
  s.title = child_text(root, "title");
  s.subtitle = child_text(root, "subtitle");
  s.office = child_text(root, "office");
  s.edition = child_text(root, "edition");
  s.date = child_text(root, "date");
  s.toc_levels = attr(root, "toc-levels", "2") == "3" ? 3 : 2;
  const std::string recto = attr(root, "parts-on-recto", "true");
  s.parts_on_recto = recto == "true" || recto == "1";
  if (xmlNode* fm = first_child(root, "front-matter")) {
    if (xmlNode* n = first_child(fm, "notice")) s.notice = source_of(n, base);
    if (xmlNode* n = first_child(fm, "preface")) s.preface = source_of(n, base);
  }
  for (xmlNode* p : child_elements(root, "part")) s.parts.push_back(part_of(p, base));
  if (xmlNode* apps = first_child(root, "appendices"))
    for (xmlNode* a : child_elements(apps, "appendix")) s.appendices.push_back(part_of(a, base));
  if (xmlNode* revs = first_child(root, "revisions"))
    for (xmlNode* r : child_elements(revs, "revision"))
      s.revisions.push_back({attr(r, "edition"), attr(r, "date"), attr(r, "by"), text_of(r)});
  out.spec = std::move(s);
  return out;
}

SpecLoad load_book_spec(const fs::path& spec, const fs::path& xsd) {
  std::string xml, schema, err;
  if (!filing::read_config_file(spec.string(), xml, err)) return {std::nullopt, {spec.filename().string() + ": " + err}};
  if (!filing::read_config_file(xsd.string(), schema, err)) return {std::nullopt, {xsd.string() + ": " + err}};
  return load_book_spec_text(xml, schema, spec);
}

}  // namespace lh::compose::book
