// The OFD-A rules (check.h): each a function that reads the package back and records one result
// under its GB/T 42133-2022 clause. The clause list is wave2.md §3.2's (ofdrw-archive README and
// zc310/ofd ofd-validator codes); the DA/T 46 element names are DA/T 46-2009 table 1's.
#include <algorithm>
#include <cstdlib>

#include "ofd/check_internal.h"

namespace lh::ofd {
namespace {

using namespace lh::ingest;
using check::Package;
using check::find_all;

// DA/T 46-2009 《文书类电子文件元数据方案》 element names an archive's custom data uses (6.2.1 b).
const char* const kDaT46Names[] = {"档号", "题名", "责任者", "日期", "文件编号", "全宗号", "年度",
                                   "保管期限", "密级", "件号", "机构或问题", "页数", "主题词"};

struct Walk {
  Package pkg;
  CheckReport report;
  std::string entry_root;                          // OFD.xml
  std::string doc_part, doc_folder;                // Doc_0/Document.xml
  std::vector<std::pair<std::string, bool>> res_parts;  // (part, is PublicRes)
  std::vector<std::string> page_parts, annot_parts;
  std::string annot_list;                          // Annots/Annotations.xml
  std::set<std::string> page_ids;
  std::map<std::string, std::string> font_files;   // Font ID → part ("" if none embedded)
  std::map<std::string, std::string> image_files;  // MultiMedia ID → part
  std::set<std::string> used_fonts;

  void result(const char* clause, const char* rule, const std::string& failure) {
    report.rules.push_back({std::string("GB/T 42133-2022 ") + clause, rule, failure.empty(), failure});
  }
};

std::string first(const std::vector<std::string>& v) {
  if (v.empty()) return {};
  return v.front() + (v.size() > 1 ? " (and " + std::to_string(v.size() - 1) + " more)" : "");
}

// --- 6.2.1, 6.13, 6.16: the entry file ------------------------------------------------------------
void check_entry(Walk& w, xmlNode* ofd) {
  int bodies = 0;
  for (xmlNode* b : elements(ofd)) bodies += local_is(b, "DocBody");
  w.result("6.2.1 a", "DocType is OFD-A",
           attr(ofd, "DocType") == "OFD-A" ? "" : "OFD.xml DocType is '" + attr(ofd, "DocType") + "'");
  xmlNode* body = first_element(ofd, "DocBody");
  xmlNode* info = body ? first_element(body, "DocInfo") : nullptr;
  std::vector<xmlNode*> custom;
  if (info) find_all(info, "CustomData", custom);
  bool named = false;
  for (xmlNode* c : custom)
    for (const char* n : kDaT46Names) named = named || (attr(c, "Name") == n && !trim(text_content(c, 4096)).empty());
  w.result("6.2.1 b", "metadata as custom data named per DA/T 46 (档号, 题名, 责任者, 日期, …)",
           named ? "" : info ? "DocInfo has no CustomData named per DA/T 46" : "OFD.xml has no DocInfo");
  w.result("6.2.1 c", "a single document", bodies == 1 ? "" : "OFD.xml holds " + std::to_string(bodies) + " DocBody elements");
  w.result("6.13", "no digital signatures kept without GB/T 38540 organisation (去技术化)",
           body && first_element(body, "Signatures") ? "DocBody has Signatures; lianghua cannot verify their certificates" : "");
  if (xmlNode* sigs = body ? first_element(body, "Signatures") : nullptr) {  // GB/T 33190 §18: followed, so 6.1 sees them
    const std::string list = w.pkg.refer("", text_content(sigs, 4096), "Signatures");
    std::vector<xmlNode*> each;
    if (xmlNode* r = list.empty() ? nullptr : w.pkg.root(list)) find_all(r, "Signature", each);
    for (xmlNode* s : each) {
      const std::string part = w.pkg.refer(check::folder_of(list), attr(s, "BaseLoc"), "Signature");
      std::vector<xmlNode*> files;
      if (xmlNode* r = part.empty() ? nullptr : w.pkg.root(part)) find_all(r, "SignedValue", files);
      for (xmlNode* f : files) w.pkg.refer(check::folder_of(part), text_content(f, 4096), "SignedValue");
    }
  }
  xmlNode* doc_root = body ? first_element(body, "DocRoot") : nullptr;
  if (doc_root) w.doc_part = w.pkg.refer("", text_content(doc_root, 4096), "DocRoot");
  w.doc_folder = check::folder_of(w.doc_part);
}

// Every Action under `n` that is not a Goto (6.2.2 c, 6.2.3 c, 6.2.5).
std::vector<std::string> non_goto(xmlNode* n, const std::string& where) {
  std::vector<xmlNode*> actions;
  find_all(n, "Action", actions);
  std::vector<std::string> out;
  for (xmlNode* a : actions)
    for (xmlNode* c : elements(a))
      if (!local_is(c, "Goto") && !local_is(c, "Region")) out.push_back(where + ": a " + std::string(cstr(c->name)) + " action");
  return out;
}

// --- 6.2.2, 6.2.5: Document.xml ------------------------------------------------------------------
void check_document(Walk& w, xmlNode* doc) {
  for (auto [el, clause, rule] : {std::tuple{"Permissions", "6.2.2 a", "no Permissions"},
                                  std::tuple{"VPreferences", "6.2.2 b", "no VPreferences"},
                                  std::tuple{"Extensions", "6.2.2 e", "no Extensions"}})
    w.result(clause, rule, first_element(doc, el) ? w.doc_part + " has " + el : "");
  xmlNode* actions = first_element(doc, "Actions");
  w.result("6.2.2 c", "document actions are Goto only", actions ? first(non_goto(actions, w.doc_part)) : "");
  if (xmlNode* common = first_element(doc, "CommonData")) {
    for (xmlNode* c : elements(common))
      if (local_is(c, "PublicRes") || local_is(c, "DocumentRes")) {
        const std::string part = w.pkg.refer(w.doc_folder, text_content(c, 4096), cstr(c->name));
        if (!part.empty()) w.res_parts.emplace_back(part, local_is(c, "PublicRes"));
      } else if (local_is(c, "TemplatePage")) {
        const std::string part = w.pkg.refer(w.doc_folder, attr(c, "BaseLoc"), "TemplatePage");
        if (!part.empty()) w.page_parts.push_back(part);
      }
  }
  if (xmlNode* pages = first_element(doc, "Pages"))
    for (xmlNode* p : elements(pages)) {
      w.page_ids.insert(trim(attr(p, "ID")));
      const std::string part = w.pkg.refer(w.doc_folder, attr(p, "BaseLoc"), "Page");
      if (!part.empty()) w.page_parts.push_back(part);
    }
  std::vector<std::string> bad;
  if (xmlNode* outlines = first_element(doc, "Outlines")) {
    bad = non_goto(outlines, w.doc_part + " Outlines");
    std::vector<xmlNode*> dests;
    find_all(outlines, "Dest", dests);
    for (xmlNode* d : dests)
      if (!w.page_ids.count(trim(attr(d, "PageID")))) bad.push_back("an outline goes to page ID " + attr(d, "PageID") + ", which does not exist");
  }
  w.result("6.2.5", "outline actions are Goto only, to pages that exist", first(bad));
  if (xmlNode* a = first_element(doc, "Annotations")) {
    const std::string list = w.annot_list = w.pkg.refer(w.doc_folder, text_content(a, 4096), "Annotations");
    if (xmlNode* r = list.empty() ? nullptr : w.pkg.root(list))
      for (xmlNode* p : elements(r))
        if (xmlNode* loc = first_element(p, "FileLoc")) {
          const std::string part = w.pkg.refer(check::folder_of(list), text_content(loc, 4096), "annotation FileLoc");
          if (!part.empty()) w.annot_parts.push_back(part);
        }
  }
  if (xmlNode* c = first_element(doc, "Extensions")) w.pkg.refer(w.doc_folder, text_content(c, 4096), "Extensions");
  for (const char* el : {"CustomTags", "Attachments"})  // and the files they list (§16, §20)
    if (xmlNode* c = first_element(doc, el)) {
      const std::string list = w.pkg.refer(w.doc_folder, text_content(c, 4096), el);
      std::vector<xmlNode*> files;
      if (xmlNode* r = list.empty() ? nullptr : w.pkg.root(list)) find_all(r, "FileLoc", files);
      for (xmlNode* f : files) w.pkg.refer(check::folder_of(list), text_content(f, 4096), std::string(el) + " FileLoc");
    }
}

// --- 6.2.6 a, 6.3.1 b: resource files -------------------------------------------------------------
void check_resources(Walk& w) {
  std::vector<std::string> misplaced, colours;
  for (const auto& [part, is_public] : w.res_parts) {
    xmlNode* res = w.pkg.root(part);
    if (!res) continue;
    std::string base = check::resolve_loc(check::folder_of(part), attr(res, "BaseLoc"));
    if (!base.empty()) base += '/';
    for (xmlNode* group : elements(res)) {
      const std::string g = cstr(group->name);
      if (is_public && (g == "MultiMedias" || g == "CompositeGraphicUnits" || g == "DrawParams"))
        misplaced.push_back(part + " holds " + g + " (DocumentRes)");
      if (!is_public && (g == "Fonts" || g == "ColorSpaces")) misplaced.push_back(part + " holds " + g + " (PublicRes)");
      for (xmlNode* item : elements(group)) {
        if (local_is(item, "ColorSpace")) {
          const std::string t = attr(item, "Type");
          if (t != "GRAY" && t != "RGB" && t != "CMYK") colours.push_back(part + ": colour space " + t);
        }
        const char* file_el = local_is(item, "Font") ? "FontFile" : local_is(item, "MultiMedia") ? "MediaFile" : nullptr;
        if (!file_el) continue;
        xmlNode* f = first_element(item, file_el);
        const std::string file = f ? w.pkg.refer(base, text_content(f, 4096), file_el) : "";
        (local_is(item, "Font") ? w.font_files : w.image_files)[trim(attr(item, "ID"))] = file;
      }
    }
  }
  w.result("6.2.6 a", "fonts and colour spaces in PublicRes; multimedia, composite graphics and draw parameters in DocumentRes", first(misplaced));
  w.result("6.3.1 b", "colour spaces are Gray, RGB or CMYK", first(colours));
}

// --- 6.2.3, 6.2.4, 6.10.1: pages and annotations ----------------------------------------------------
int block_depth(xmlNode* n, int depth) {
  int deepest = depth;
  for (xmlNode* c : elements(n))
    deepest = std::max(deepest, block_depth(c, depth + (local_is(c, "PageBlock") ? 1 : 0)));
  return depth > 64 ? depth : deepest;
}

// keep_parsed: the XSD check reads the pages again; otherwise each page's tree goes once read (a
// 2,000-row catalogue's 224 pages held ~60 MB until the end: issue 12 §4, workers < 150 MiB).
void check_pages(Walk& w, bool keep_parsed) {
  std::vector<std::string> actions, deep, layers, annots;
  for (const std::string& part : w.page_parts) {
    xmlNode* page = w.pkg.root(part);
    if (!page) continue;
    for (const std::string& a : non_goto(page, part)) actions.push_back(a);
    if (block_depth(page, 0) > 3) deep.push_back(part + ": PageBlocks nested deeper than 3");
    std::vector<xmlNode*> text, ls;
    find_all(page, "TextObject", text);
    for (xmlNode* t : text) w.used_fonts.insert(trim(attr(t, "Font")));
    find_all(page, "Layer", ls);
    for (xmlNode* l : ls) {
      const std::string type = attr(l, "Type");
      if (!type.empty() && type != "Body" && type != "Background") layers.push_back(part + ": a " + type + " layer");
    }
    if (!keep_parsed) w.pkg.parsed.erase(part);
  }
  for (const std::string& part : w.annot_parts) {
    xmlNode* r = w.pkg.root(part);
    if (!r) continue;
    for (xmlNode* a : elements(r)) {
      std::vector<xmlNode*> text, blocks;
      find_all(a, "TextObject", text);
      for (xmlNode* t : text) w.used_fonts.insert(trim(attr(t, "Font")));
      find_all(a, "PageBlock", blocks);
      if (attr(a, "ReadOnly") == "false" || attr(a, "NoZoom") != "true" || attr(a, "NoRotate") != "true" || !blocks.empty())
        annots.push_back(part + ": annotation " + attr(a, "ID") + " is not ReadOnly, NoZoom and NoRotate without PageBlocks");
    }
  }
  w.result("6.2.3 c", "page and object actions are Goto only", first(actions));
  w.result("6.2.3 e", "PageBlocks nested at most 3 deep", first(deep));
  w.result("6.2.4", "content in Body and Background layers", first(layers));
  w.result("6.10.1", "annotations ReadOnly, NoZoom, NoRotate, without nested PageBlocks", first(annots));
}

// --- 6.2.6 b, c, e: embedded files ------------------------------------------------------------------
void check_files(Walk& w) {
  std::vector<std::string> missing, outlines, formats;
  for (const std::string& id : w.used_fonts) {
    auto it = w.font_files.find(id);
    if (it == w.font_files.end() || it->second.empty()) missing.push_back("font " + id + " is used but not embedded");
  }
  for (const auto& [id, part] : w.font_files) {
    if (part.empty()) continue;
    // One read for the header and a directory of up to 32 tables (ours have 10): a second only
    // for a font with more.
    constexpr size_t kFirstRead = 12 + 16 * 32;
    std::string directory = w.pkg.head(part, kFirstRead);
    if (const size_t need = check::font_directory_bytes(directory); directory.size() == kFirstRead && need > kFirstRead)
      directory = w.pkg.head(part, need);
    if (const std::string p = check::font_problem(directory); !p.empty()) outlines.push_back(part + ": " + p);
  }
  for (const auto& [id, part] : w.image_files)
    if (!part.empty() && check::image_format(w.pkg.head(part, 16)).empty()) formats.push_back(part + ": not BMP, JPEG, PNG, JBIG2, JPEG2000 or TIFF");
  w.result("6.2.6 b", "every font the pages use is embedded", first(missing));
  w.result("6.2.6 c", "embedded fonts are TrueType with cmap, loca, glyf, head, hhea, hmtx, maxp, name, OS/2, post", first(outlines));
  w.result("6.2.6 e", "raster images are BMP, JPEG, PNG, JBIG2, JPEG2000 or TIFF", first(formats));
}

// --- 6.1, 6.16: the package as a whole --------------------------------------------------------------
void check_package(Walk& w) {
  std::vector<std::string> stray;
  for (const std::string& n : w.pkg.zip.names()) {
    if (n.empty() || n.back() == '/') continue;
    if (w.pkg.zip.encrypted(n)) w.pkg.encrypted.push_back(n);
    const std::string part = normalize_part_path(n);
    if (part != "OFD.xml" && !w.pkg.referenced.count(part)) stray.push_back(n + " is not referenced");
  }
  std::vector<xmlNode*> uris;
  for (auto& [part, parse] : w.pkg.parsed)
    if (parse.doc) find_all(xmlDocGetRootElement(parse.doc.get()), "URI", uris);
  std::vector<std::string> external = w.pkg.broken_refs;
  if (!uris.empty()) external.push_back(std::to_string(uris.size()) + " URI action(s) pointing outside the package");
  for (const std::string& s : stray) external.push_back(s);
  w.result("6.1", "everything needed is inside the package, nothing unreferenced", first(external));
  bool declared = w.pkg.zip.has("Encryptions.xml");
  std::vector<std::string> enc = w.pkg.encrypted;
  std::sort(enc.begin(), enc.end());
  enc.erase(std::unique(enc.begin(), enc.end()), enc.end());
  if (declared) enc.insert(enc.begin(), "Encryptions.xml is present");
  w.result("6.16", "no encryption", first(enc));
}

// --- GB/T 33190-2016 XSD -------------------------------------------------------------------------
void check_schemas(Walk& w, const std::string& dir) {
  if (dir.empty()) {
    w.report.notes.push_back("XSD validation skipped: no schema folder (check-ofd --schemas DIR or LIANGHUA_OFD_SCHEMAS)");
    return;
  }
  std::vector<std::pair<std::string, std::vector<std::string>>> sets = {
      {"OFD.xsd", {"OFD.xml"}}, {"Document.xsd", {w.doc_part}}, {"Res.xsd", {}},
      {"Page.xsd", w.page_parts}, {"Annotations.xsd", {w.annot_list}}, {"Annotation.xsd", w.annot_parts}};
  for (const auto& r : w.res_parts) sets[2].second.push_back(r.first);
  for (auto& [xsd, parts] : sets) {
    std::string error;
    XmlSchemaPtr schema = check::load_ofd_schema(dir, xsd, &error);
    std::string failure;
    if (!schema) failure = "schema " + xsd + ": " + error;
    for (const std::string& part : parts) {
      if (!schema || part.empty() || !failure.empty()) continue;
      xmlDoc* d = w.pkg.doc(part);
      if (!d) continue;
      auto problems = ingest::validate(*schema, d);
      if (!problems.empty()) failure = part + " line " + std::to_string(problems[0].line) + ": " + problems[0].message;
    }
    w.report.rules.push_back({"GB/T 33190-2016 " + xsd, "parts valid against " + xsd, failure.empty(), failure});
  }
}

}  // namespace

CheckReport check_ofd(std::string_view bytes, const CheckOptions& options) {
  Walk w;
  auto opened = w.pkg.zip.open(bytes, w.pkg.limits);
  xmlNode* entry = opened ? nullptr : w.pkg.root("OFD.xml");
  if (!entry || !local_is(entry, "OFD")) {
    const std::string why = opened ? opened->message : w.pkg.broken_refs.empty() ? "no OFD.xml" : w.pkg.broken_refs.front();
    w.report.rules.push_back({"GB/T 33190-2016 7.2", "a ZIP package with the entry file OFD.xml", false, why});
    return w.report;
  }
  w.pkg.referenced.insert("OFD.xml");
  check_entry(w, entry);
  if (xmlNode* doc = w.doc_part.empty() ? nullptr : w.pkg.root(w.doc_part)) check_document(w, doc);
  check_resources(w);
  check_pages(w, !options.schema_dir.empty());
  check_files(w);
  check_package(w);
  check_schemas(w, options.schema_dir);
  return w.report;
}

}  // namespace lh::ofd
