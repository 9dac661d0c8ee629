#include "filing/scheme.h"

#include <algorithm>
#include <charconv>
#include <functional>
#include <set>
#include <sstream>

#include "filing/xml_safe.h"

namespace lh::filing {
namespace {

int to_int(const std::string& s, int fallback) {
  int v = fallback;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return fallback;
  return v;
}

std::vector<int> int_list(const std::string& s) {
  std::vector<int> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
    size_t j = i;
    while (j < s.size() && !(s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r')) ++j;
    if (j > i) {
      int v = to_int(s.substr(i, j - i), 0);
      if (v > 0) out.push_back(v);
    }
    i = j;
  }
  return out;
}

bool to_bool(const std::string& s) { return s == "true" || s == "1"; }

std::optional<Segment> segment_from(const std::string& s) {
  if (s == "fonds") return Segment::Fonds;
  if (s == "category") return Segment::Category;
  if (s == "year") return Segment::Year;
  if (s == "retention") return Segment::Retention;
  if (s == "organisation") return Segment::Organisation;
  if (s == "item") return Segment::Item;
  return std::nullopt;
}

// Reports a load error at a node (its line in the scheme file).
using ErrorAt = std::function<void(xmlNode*, const std::string&)>;

int line_of(xmlNode* n) { return n ? static_cast<int>(xmlGetLineNo(n)) : 0; }

std::vector<std::string> bar_list(const std::string& s) {  // "a|b" → {a, b}
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= s.size()) {
    size_t bar = s.find('|', at);
    if (bar == std::string::npos) bar = s.size();
    if (bar > at) out.push_back(s.substr(at, bar - at));
    at = bar + 1;
  }
  return out;
}

// <document-facts>: each <type names=… date-labels=… own-number=… clause=…/>; every name must be a
// document of <documents> (name or alias) or 检查记录, so a misspelt type is a load error.
void load_fact_rules(xmlNode* facts, Scheme& s, const ErrorAt& err) {
  for (xmlNode* t : child_elements(facts, "type")) {
    FactRule r{bar_list(attr(t, "names")), bar_list(attr(t, "date-labels")), to_bool(attr(t, "own-number")), attr(t, "clause")};
    for (const auto& n : r.types) {
      bool known = n == "检查记录";
      for (const auto& d : s.documents)
        known = known || d.name == n || std::find(d.aliases.begin(), d.aliases.end(), n) != d.aliases.end();
      if (!known) err(t, "document-facts names an unknown document type " + n);
    }
    s.fact_rules.push_back(std::move(r));
  }
}

// <derived-outputs>: each <output kind=… public=… preservation=…/> once; public="true" puts it in
// public_outputs; preservation is a space-separated list of pdf-a-2b and ofd-a.
void load_public_outputs(xmlNode* outputs, Scheme& s, const ErrorAt& err) {
  std::set<DerivedOutput> seen;
  for (xmlNode* o : child_elements(outputs, "output")) {
    auto kind = derived_output_from(attr(o, "kind"));
    if (!kind) { err(o, "unknown derived output " + attr(o, "kind")); continue; }
    if (!seen.insert(*kind).second) err(o, std::string("derived output ") + derived_output_name(*kind) + " appears twice");
    if (to_bool(attr(o, "public"))) s.public_outputs.insert(*kind);
    std::istringstream formats(attr(o, "preservation"));
    for (std::string f; formats >> f;) {
      if (f == "pdf-a-2b") s.pdfa_outputs.insert(*kind);
      else if (f == "ofd-a") s.ofd_outputs.insert(*kind);
      else err(o, "unknown preservation format " + f + " (pdf-a-2b or ofd-a)");
    }
  }
}

// <archival-code> (the 档号's segments, DA/T 22-2015) and <sequence-scope> (the segments a 件号
// run is counted within).
void load_archival_code(xmlNode* root, Scheme& s, const ErrorAt& err) {
  xmlNode* ac = first_child(root, "archival-code");
  s.item_digits = to_int(attr(ac, "item-digits"), 4);
  if (s.item_digits < 1 || s.item_digits > 9) err(ac, "item-digits must be 1..9");
  std::set<Segment> seen;
  for (xmlNode* seg : child_elements(ac, "segment")) {
    auto sg = segment_from(attr(seg, "name"));
    if (!sg) { err(seg, "unknown segment"); continue; }
    if (!seen.insert(*sg).second) err(seg, std::string("segment ") + segment_name(*sg) + " appears twice");
    s.code_segments.push_back({*sg, attr(seg, "separator")});
  }
  for (Segment need : {Segment::Fonds, Segment::Category, Segment::Year, Segment::Retention, Segment::Item})
    if (!seen.count(need)) err(ac, std::string("archival-code lacks the ") + segment_name(need) + " segment (DA/T 22-2015)");
  if (!s.code_segments.empty() && s.code_segments.back().name != Segment::Item)
    err(ac, "the item segment (件号) must come last");

  for (xmlNode* seg : child_elements(first_child(root, "sequence-scope"), "segment")) {
    auto sg = segment_from(attr(seg, "name"));
    if (!sg || *sg == Segment::Item) { err(seg, "a sequence scope cannot contain the item segment"); continue; }
    s.sequence_scope.push_back(*sg);
  }
}

// <documents>: the 范本's numbered documents, each number once.
void load_documents(xmlNode* documents, Scheme& s, const ErrorAt& err) {
  for (xmlNode* d : child_elements(documents, "doc")) {
    DocumentType t{to_int(attr(d, "n"), 0), attr(d, "name"), {}};
    for (xmlNode* a : child_elements(d, "alias")) t.aliases.push_back(text_of(a));
    if (s.document(t.number)) err(d, "document number " + std::to_string(t.number) + " appears twice");
    s.documents.push_back(std::move(t));
  }
}

// The rules of a category refer to documents and retention periods by number and code: each must
// be one the scheme defines (so <documents> and <retention-periods> are loaded first).
void check_docs(const Scheme& s, xmlNode* n, const std::vector<int>& v, const ErrorAt& err) {
  for (int x : v) if (!s.document(x)) err(n, "unknown document number " + std::to_string(x));
}
void check_retention(const Scheme& s, xmlNode* n, const std::string& code, const ErrorAt& err) {
  if (!code.empty() && !s.period(code)) err(n, "unknown retention code " + code);
}

// A category's <retention-rule>s and its <case-retention> (one period for the whole case).
void load_retention_rules(xmlNode* c, const Scheme& s, Category& cat, const ErrorAt& err) {
  for (xmlNode* r : child_elements(c, "retention-rule")) {
    RetentionRule rr{int_list(attr(r, "docs")), attr(r, "title-contains"), attr(r, "retention"), attr(r, "note"),
                     attr(r, "result-contains")};
    check_docs(s, r, rr.docs, err);
    check_retention(s, r, rr.retention, err);
    cat.retention_rules.push_back(std::move(rr));
  }
  if (xmlNode* cr = first_child(c, "case-retention")) {
    cat.case_retention_default = attr(cr, "default");
    check_retention(s, cr, *cat.case_retention_default, err);
    for (xmlNode* r : child_elements(cr, "rule")) {
      CaseRetentionRule rule{int_list(attr(r, "when-any")), int_list(attr(r, "when-none")), attr(r, "retention"),
                             attr(r, "note")};
      check_docs(s, r, rule.when_any, err);
      check_docs(s, r, rule.when_none, err);
      check_retention(s, r, rule.retention, err);
      cat.case_retention_rules.push_back(std::move(rule));
    }
  }
}

// A category's <volume>s (正卷/副卷), their slots in order.
void load_volumes(xmlNode* c, const Scheme& s, Category& cat, const ErrorAt& err) {
  for (xmlNode* v : child_elements(c, "volume")) {
    Volume vol{attr(v, "code"), attr(v, "name"), {}};
    for (xmlNode* sl : child_elements(v, "slot")) {
      Slot slot{to_int(attr(sl, "order"), 0), attr(sl, "name"), to_bool(attr(sl, "other")), {}};
      for (xmlNode* d : child_elements(sl, "doc")) {
        DocRef ref{to_int(attr(d, "n"), 0), attr(d, "title-contains"), attr(d, "format")};
        if (ref.number) check_docs(s, d, {ref.number}, err);
        slot.docs.push_back(std::move(ref));
      }
      vol.slots.push_back(std::move(slot));
    }
    std::stable_sort(vol.slots.begin(), vol.slots.end(), [](const Slot& a, const Slot& b) { return a.order < b.order; });
    cat.volumes.push_back(std::move(vol));
  }
}

// A category's <completeness> rules.
void load_completeness(xmlNode* c, const Scheme& s, Category& cat, const ErrorAt& err) {
  for (xmlNode* r : child_elements(first_child(c, "completeness"), "rule")) {
    CompletenessRule rule;
    rule.id = attr(r, "id");
    rule.message = attr(r, "message");
    rule.clause = attr(r, "clause");
    rule.when_any = int_list(attr(r, "when-any"));
    rule.when_none = int_list(attr(r, "when-none"));
    rule.requires_any = int_list(attr(r, "requires-any"));
    rule.min_officers = to_int(attr(r, "min-officers"), 0);
    rule.require_certificate = to_bool(attr(r, "require-certificate"));
    check_docs(s, r, rule.when_any, err);
    check_docs(s, r, rule.when_none, err);
    check_docs(s, r, rule.requires_any, err);
    cat.completeness.push_back(std::move(rule));
  }
}

// One <category>: what it is, how documents are matched into it, and its rule families.
Category load_category(xmlNode* c, const Scheme& s, const ErrorAt& err) {
  Category cat;
  cat.code = attr(c, "code");
  cat.name = attr(c, "name");
  std::string kind = attr(c, "kind");
  cat.kind = kind == "case" ? CategoryKind::Case : kind == "inspection" ? CategoryKind::Inspection : CategoryKind::Documents;
  cat.colour = attr(c, "colour");
  cat.colour_name = attr(c, "colour-name");
  cat.box_capacity = to_int(attr(c, "box-capacity"), 50);
  cat.retention = attr(c, "retention");
  check_retention(s, c, cat.retention, err);
  if (s.category(cat.code)) err(c, "category " + cat.code + " appears twice");
  for (xmlNode* m : child_elements(c, "match")) {
    CategoryMatch cm{to_bool(attr(m, "records")), to_int(attr(m, "min-records"), 0), to_bool(attr(m, "case-number")),
                     int_list(attr(m, "docs")), attr(m, "title-contains"), to_int(attr(m, "priority"), 100)};
    check_docs(s, m, cm.docs, err);
    cat.matches.push_back(std::move(cm));
  }
  load_retention_rules(c, s, cat, err);
  load_volumes(c, s, cat, err);
  if (cat.kind == CategoryKind::Case && cat.volumes.empty()) err(c, "a case category needs at least one volume");
  load_completeness(c, s, cat, err);
  return cat;
}

// <categories>: every category, and the default one, which must be among them.
void load_categories(xmlNode* cats, Scheme& s, const ErrorAt& err) {
  s.default_category = attr(cats, "default");
  for (xmlNode* c : child_elements(cats, "category")) s.categories.push_back(load_category(c, s, err));
  if (!s.category(s.default_category)) err(cats, "default category " + s.default_category + " is not defined");
}

// <placement>: the case classes and office-document words, when the scheme gives its own.
void load_placement(xmlNode* place, Scheme& s) {
  if (!place) return;
  auto words = [](xmlNode* n) {
    std::vector<std::string> out;
    std::istringstream in(text_of(n));
    for (std::string w; in >> w;) out.push_back(w);
    return out;
  };
  s.case_classes = words(first_child(place, "case-classes"));
  s.office_document_words = words(first_child(place, "office-document-words"));
}

// <junk> (what is swept out) and <versions> (the markers that tell drafts, copies and finals apart).
void load_junk_and_versions(xmlNode* root, Scheme& s) {
  xmlNode* junk = first_child(root, "junk");
  for (xmlNode* g : child_elements(junk, "name-glob")) s.junk_globs.push_back({attr(g, "glob"), attr(g, "reason")});
  if (xmlNode* e = first_child(junk, "empty-file")) s.empty_file_reason = attr(e, "reason");

  xmlNode* ver = first_child(root, "versions");
  for (xmlNode* m : child_elements(ver, "draft-marker")) s.draft_markers.push_back(text_of(m));
  for (xmlNode* m : child_elements(ver, "copy-marker")) s.copy_markers.push_back(text_of(m));
  for (xmlNode* m : child_elements(ver, "final-marker")) s.final_markers.push_back(text_of(m));
  for (xmlNode* m : child_elements(ver, "generic-name")) s.generic_names.push_back(text_of(m));
  // Longer markers first so 修改稿 is stripped before 稿-like shorter ones.
  auto by_len = [](const std::string& a, const std::string& b) { return a.size() > b.size(); };
  std::stable_sort(s.draft_markers.begin(), s.draft_markers.end(), by_len);
  std::stable_sort(s.copy_markers.begin(), s.copy_markers.end(), by_len);
  std::stable_sort(s.final_markers.begin(), s.final_markers.end(), by_len);
  std::stable_sort(s.generic_names.begin(), s.generic_names.end(), by_len);
}

// <naming> (the filed name's pattern and length) and <location> (柜-列-层-盒).
void load_naming_and_location(xmlNode* root, Scheme& s, const ErrorAt& err) {
  xmlNode* naming = first_child(root, "naming");
  s.naming_pattern = attr(naming, "pattern");
  s.max_name_bytes = to_int(attr(naming, "max-bytes"), 255);
  if (s.naming_pattern.find("{code}") == std::string::npos) err(naming, "naming pattern must contain {code}");
  if (s.max_name_bytes < 64 || s.max_name_bytes > 255) err(naming, "max-bytes must be 64..255 (ext4 NAME_MAX)");

  xmlNode* loc = first_child(root, "location");
  s.location.pattern = attr(loc, "pattern");
  s.location.columns = to_int(attr(loc, "columns"), 4);
  s.location.shelves = to_int(attr(loc, "shelves"), 5);
  s.location.boxes = to_int(attr(loc, "boxes"), 10);
  s.location.digits = std::clamp(to_int(attr(loc, "digits"), 2), 1, 6);
}

}  // namespace

const char* derived_output_name(DerivedOutput o) {
  switch (o) {
    case DerivedOutput::ReadingCopies: return "reading-copies";
    case DerivedOutput::UniformRecords: return "uniform-records";
    case DerivedOutput::Volumes: return "volumes";
    case DerivedOutput::Catalogues: return "catalogues";
  }
  return "?";
}

std::optional<DerivedOutput> derived_output_from(const std::string& name) {
  for (DerivedOutput o : {DerivedOutput::ReadingCopies, DerivedOutput::UniformRecords, DerivedOutput::Volumes,
                          DerivedOutput::Catalogues})
    if (name == derived_output_name(o)) return o;
  return std::nullopt;
}

const char* segment_name(Segment s) {
  switch (s) {
    case Segment::Fonds: return "fonds";
    case Segment::Category: return "category";
    case Segment::Year: return "year";
    case Segment::Retention: return "retention";
    case Segment::Organisation: return "organisation";
    case Segment::Item: return "item";
  }
  return "?";
}

const Category* Scheme::category(const std::string& code) const {
  for (const auto& c : categories) if (c.code == code) return &c;
  return nullptr;
}
const RetentionPeriod* Scheme::period(const std::string& code) const {
  for (const auto& p : periods) if (p.code == code) return &p;
  return nullptr;
}
const DocumentType* Scheme::document(int number) const {
  for (const auto& d : documents) if (d.number == number) return &d;
  return nullptr;
}
const FactRule* Scheme::fact_rule(int number, const std::string& type_name) const {
  const DocumentType* d = document(number);
  for (const auto& r : fact_rules)
    for (const auto& t : r.types) {
      if (!type_name.empty() && t == type_name) return &r;
      if (d && (t == d->name || std::find(d->aliases.begin(), d->aliases.end(), t) != d->aliases.end())) return &r;
    }
  return nullptr;
}

int Scheme::retention_rank(const std::string& code) const {
  const RetentionPeriod* p = period(code);
  if (!p) return -1;
  return p->years == 0 ? 1000000 : p->years;
}

std::filesystem::path default_scheme_path(const std::filesystem::path& root) {
  return root / "templates" / "scheme" / "default.xml";
}

int match_document_type(const Scheme& s, std::string_view title) {
  int best = 0;
  size_t best_len = 0;
  for (const auto& d : s.documents) {
    auto consider = [&](const std::string& name) {
      if (name.empty() || name.find('/') != std::string::npos) return;
      if (title.find(name) != std::string_view::npos && name.size() > best_len) {
        best = d.number;
        best_len = name.size();
      }
    };
    consider(d.name);
    for (const auto& a : d.aliases) consider(a);
  }
  return best;
}

SchemeLoad load_scheme_text(const std::string& xml, const std::string& xsd, const std::string& name) {
  SchemeLoad out;
  std::vector<XmlProblem> problems;
  XmlDocPtr doc = parse_xml_safely(xml, problems);
  if (doc && !validate_with_xsd(doc.get(), xsd, problems)) doc.reset();
  if (!doc) {
    for (auto& p : problems) out.errors.push_back(p.text(name));
    return out;
  }
  const ErrorAt err = [&](xmlNode* n, const std::string& m) { out.errors.push_back(XmlProblem{line_of(n), m}.text(name)); };

  Scheme s;
  xmlNode* root = xmlDocGetRootElement(doc.get());
  s.name = attr(root, "name");
  s.version = attr(root, "version");
  load_archival_code(root, s, err);
  for (xmlNode* p : child_elements(first_child(root, "retention-periods"), "period"))
    s.periods.push_back({attr(p, "code"), attr(p, "name"), to_int(attr(p, "years"), 0)});
  load_documents(first_child(root, "documents"), s, err);
  load_fact_rules(first_child(root, "document-facts"), s, err);
  load_categories(first_child(root, "categories"), s, err);
  load_placement(first_child(root, "placement"), s);
  load_junk_and_versions(root, s);
  load_naming_and_location(root, s, err);
  load_public_outputs(first_child(root, "derived-outputs"), s, err);

  if (out.errors.empty()) out.scheme = std::move(s);
  return out;
}

SchemeLoad load_scheme(const std::filesystem::path& xml, const std::filesystem::path& xsd_in) {
  SchemeLoad out;
  std::filesystem::path xsd = xsd_in.empty() ? xml.parent_path() / "scheme.xsd" : xsd_in;
  std::string xml_text, xsd_text, e;
  if (!read_config_file(xml.string(), xml_text, e)) { out.errors.push_back(e); return out; }
  if (!read_config_file(xsd.string(), xsd_text, e)) { out.errors.push_back(e); return out; }
  return load_scheme_text(xml_text, xsd_text, xml.string());
}

}  // namespace lh::filing
