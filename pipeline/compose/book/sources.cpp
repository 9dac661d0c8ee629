// Reading a book's sources (sources.h).
#include "compose/book/sources.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "compose/book/duty_table.h"
#include "filing/junk.h"
#include "filing/xml_safe.h"
#include "ingest/problem_text.h"
#include "model/paths.h"
#include "normalize/markdown.h"
#include "normalize/typed_toc.h"

namespace lh::compose::book {

namespace fs = std::filesystem;

namespace {

constexpr uint64_t kMaxSourceBytes = 512ull << 20;  // the reader's own max_file_bytes default (ingest/reader.h)

SourceKind kind_of(const model::InspectedFile& f) {
  if (f.meta.format == model::Format::Csv || f.meta.format == model::Format::Xlsx) return SourceKind::Table;
  return SourceKind::Document;
}

std::string stem_of(const std::string& name) {
  std::string s = fs::path(name).stem().string();
  // "03 会议制度" / "03-会议制度" / "03_会议制度": the order prefix a clerk adds is not the title.
  size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i > 0 && i < s.size() && (s[i] == ' ' || s[i] == '-' || s[i] == '_' || s[i] == '.')) s.erase(0, i + 1);
  return s;
}

// What office software leaves in a folder beside the documents and hides (a Word or WPS owner file
// "~$会议制度.docx" while the rule is open, Thumbs.db, desktop.ini): never a rule, as a dot file is
// not. The patterns are the scheme's <junk> (templates/scheme/default.xml), the list `archive`
// sweeps by; a 0-byte file is not among them here: a rule saved empty is reported, not skipped.
// The leftover "~$所务会议事规则.docx" in another office's folder was printed as a red 【缺】 page.
bool is_office_leftover(const std::string& leaf) {
  static const std::optional<filing::Scheme> kDefault = [] {
    filing::SchemeLoad l = filing::load_scheme(model::templates_dir() / "scheme" / "default.xml");
    return l.scheme;
  }();
  return kDefault && filing::classify_junk(leaf, UINT64_MAX, *kDefault).has_value();
}

// The flow description's namespace (templates/flow/flow.xsd) near the top of the file.
bool is_flow_xml(std::string_view bytes) {
  return bytes.substr(0, 4096).find("urn:lianghua:flow:1") != std::string_view::npos;
}

// LH_FLOW_DRAWS is defined by CMake once pipeline/flow/ has its implementation (flow.h is the
// contract; the module is built on its own branch). Until then a flow source is a placeholder.
void read_flow_source(LoadedSource& out, std::string_view bytes, const std::string& title_override) {
  out.title = title_override.empty() ? stem_of(out.name) : title_override;
  out.title_reason = title_override.empty() ? "文件名" : "书目说明 title";
#ifdef LH_FLOW_DRAWS
  try {
    out.flow = flow::read_flow(bytes, out.name);
    if (title_override.empty() && !out.flow->title.empty()) out.title = out.flow->title, out.title_reason = "流程说明 title";
  } catch (const flow::FlowError& e) {
    out.error = std::string("flow_invalid: ") + e.what();
  }
#else
  (void)bytes;
  out.error = "flow_pending: 流程图模块尚未并入本版本，流程图未画出";
#endif
}

// A lone top heading opening the text (Markdown "# 标题", a Word "Heading 1" used as a title) is the
// title when no paragraph is one. Lone by its own evidence: no other heading at level 1 has the same
// kind and reason. Numbered chapters typed in Heading 2 under a title in Heading 1 sit at level 1
// too (text numbering outranks the style: normalize/structure.h), yet the title is still alone in
// its style (a generated book, make_book_sources.py seed 5, listed its title as a chapter).
void title_from_lone_top_heading(normalize::Outline& o) {
  if (o.has_title() || o.lines.empty() || o.lines[0].role != normalize::Role::Heading || o.lines[0].level != 1) return;
  const auto k = o.lines[0].kind;
  if (k == normalize::HeadingKind::Bian || k == normalize::HeadingKind::Zhang || k == normalize::HeadingKind::Jie) return;
  for (size_t i = 1; i < o.lines.size(); ++i)
    if (o.lines[i].role == normalize::Role::Heading && o.lines[i].level == 1 && o.lines[i].kind == k &&
        o.lines[i].reason == o.lines[0].reason)
      return;
  o.lines[0].role = normalize::Role::Title;
  o.lines[0].level = 0;
  o.lines[0].reason += "，唯一的一级标题作题名";
  // The levels left are renumbered 1, 2, … in order, as the detector numbers ranks.
  std::set<int> levels;
  for (const auto& l : o.lines)
    if (l.role == normalize::Role::Heading) levels.insert(l.level);
  for (auto& l : o.lines)
    if (l.role == normalize::Role::Heading) l.level = static_cast<int>(std::distance(levels.begin(), levels.find(l.level))) + 1;
  // The "no title" warning no longer applies.
  o.warnings.erase(std::remove_if(o.warnings.begin(), o.warnings.end(),
                                  [](const std::string& w) { return w.find("no_title") != std::string::npos; }),
                   o.warnings.end());
}

// Removes the title paragraph (it becomes the book entry) and empty paragraphs.
void take_title_out(model::Document& doc, const normalize::Outline& o) {
  const normalize::OutlineLine* t = o.title();
  for (size_t s = 0; s < doc.sections.size(); ++s) {
    auto& blocks = doc.sections[s].blocks;
    std::vector<model::Block> kept;
    for (size_t b = 0; b < blocks.size(); ++b) {
      if (t && t->at.section == s && t->at.block == b) continue;
      if (const auto* p = std::get_if<model::Paragraph>(&blocks[b].value);
          p && p->plain_text().find_first_not_of(" \t\r\n") == std::string::npos)
        continue;
      kept.push_back(std::move(blocks[b]));
    }
    blocks = std::move(kept);
  }
}

// A text file named .md is Markdown even without the "#" heading or front matter the content test
// looks for: a rule of bare articles, "**第一条**　…", printed its asterisks and lost its articles
// (make_book_sources.py seed 27).
bool named_markdown(const std::string& name, const model::InspectedFile& f) {
  std::string ext = fs::path(name).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return f.meta.format == model::Format::Text && (ext == ".md" || ext == ".markdown");
}

void read_document(LoadedSource& out, const model::Document& read, const std::string& title_override,
                   const std::string& fallback_title, bool markdown) {
  model::Document doc = read;
  normalize::FrontMatter fm;
  if (markdown || normalize::looks_like_markdown(doc)) fm = normalize::apply_markdown(doc);
  normalize::replace_typed_toc(doc);  // its page numbers are the source's: the book has its own 目录
  out.outline = normalize::detect_outline(doc);
  title_from_lone_top_heading(out.outline);
  normalize::apply_outline(doc, out.outline);
  if (!title_override.empty()) {
    out.title = title_override, out.title_reason = "书目说明 title";
  } else if (const auto* t = out.outline.title()) {
    out.title = t->text, out.title_reason = t->reason;
  } else {
    out.title = fallback_title, out.title_reason = "文件名（正文中没有可认出的标题）";
  }
  if (!fm.title.empty() && title_override.empty()) out.title_reason = "YAML title";
  if (out.outline.title()) take_title_out(doc, out.outline);
  out.warnings = out.outline.warnings;
  if (!title_override.empty())
    out.warnings.erase(std::remove_if(out.warnings.begin(), out.warnings.end(),
                                      [](const std::string& w) { return w.find("no_title") != std::string::npos; }),
                       out.warnings.end());
  out.body = std::move(doc);
}

}  // namespace

LoadedSource load_source_bytes(const std::string& name, std::string_view bytes, SourceKind kind,
                               const std::string& title_override, const ingest::InspectOptions& opt) {
  LoadedSource out;
  out.name = name;
  ingest::InspectOptions document_only = opt;
  document_only.extract_fields = false;  // a book prints the text; it has no use for case numbers or parties
  document_only.read.list_numbers_as_text = true;  // a source's "一、" as Word shows it, counted in that source alone
  const model::InspectedFile f = ingest::inspect_bytes(name, bytes, document_only, true);
  out.sha256 = f.sha256;
  // A flow description is the flow module's to read (it refuses a DOCTYPE and validates itself).
  if (kind == SourceKind::Flow || (kind == SourceKind::Auto && is_flow_xml(bytes))) {
    out.kind = SourceKind::Flow;
    read_flow_source(out, bytes, title_override);
    return out;
  }
  if (f.error) {
    out.error = std::string(model::error_kind_name(f.error->kind)) + ": " + f.error->message;
    out.title = title_override.empty() ? stem_of(name) : title_override;
    return out;
  }
  out.kind = kind == SourceKind::Auto ? kind_of(f) : kind;
  // What the reader could not read (a chart, a picture missing from the package, bytes not valid in
  // the text's encoding) is missing from the book too: each is a warning on the source.
  const auto read_problems = [&f](LoadedSource& s) {
    for (const auto& p : f.meta.problems) s.warnings.push_back("读取时的问题：" + ingest::read_problem_text(p) + "（read_problem）");
  };
  if (!f.doc) {
    out.error = "unsupported: 读不出正文";
    out.title = title_override.empty() ? stem_of(name) : title_override;
    return out;
  }
  if (out.kind == SourceKind::Table) {
    for (const auto& s : f.doc->sections)
      for (const auto& b : s.blocks)
        if (const auto* t = std::get_if<model::Table>(&b.value)) out.tables.push_back(*t);
    out.title = title_override.empty() ? stem_of(name) : title_override;
    out.title_reason = title_override.empty() ? "文件名" : "书目说明 title";
    if (out.tables.empty()) out.error = "no_table: 表格文件里没有表格";
    for (const auto& t : out.tables)
      if (auto bt = book_table(t, 1, 1))
        for (const auto& c : bt->dropped_columns)
          out.warnings.push_back("列「" + c + "」不在权责清单的栏目中，未印出（dropped_column）");
    read_problems(out);
    return out;
  }
  read_document(out, *f.doc, title_override, stem_of(name), named_markdown(name, f));
  read_problems(out);
  if (out.body.plain_text().find_first_not_of(" \t\r\n") == std::string::npos && out.title.empty())
    out.error = "empty: 没有可排版的文字";
  return out;
}

std::vector<LoadedSource> load_sources(const SourceRef& ref, const ingest::InspectOptions& opt) {
  std::vector<std::pair<std::string, fs::path>> files;  // (name for messages, path)
  std::vector<LoadedSource> out;
  std::error_code ec;
  if (fs::is_directory(ref.path, ec)) {
    std::vector<fs::path> found, folders;
    for (const auto& e : fs::directory_iterator(ref.path, ec)) {
      const std::string leaf = e.path().filename().string();
      if (leaf[0] == '.' || is_office_leftover(leaf)) continue;
      if (e.is_directory(ec)) folders.push_back(e.path());
      else if (e.is_regular_file(ec)) found.push_back(e.path());
    }
    std::sort(found.begin(), found.end());  // name order (byte order of UTF-8 names)
    std::sort(folders.begin(), folders.end());
    for (const auto& p : found) files.emplace_back((fs::path(ref.written) / p.filename()).generic_string(), p);
    // A folder inside the folder is not read (it may hold a 旧版 the clerk keeps out, or rules the
    // clerk wants in): named, with a placeholder and exit 1, so its files do not vanish unseen.
    for (const auto& f : folders) {
      LoadedSource sub;
      sub.name = (fs::path(ref.written) / f.filename()).generic_string() + "/";
      sub.title = f.filename().string();
      sub.error = "folder_not_read: 文件夹里的子文件夹不收入，要收入其中的制度请在书目说明中另列 <source src=\"" + sub.name + "\"/>";
      out.push_back(std::move(sub));
    }
  } else {
    files.emplace_back(ref.written, ref.path);
  }
  std::vector<LoadedSource> read;
  for (const auto& [name, path] : files) {
    std::string bytes, err;
    if (!filing::read_config_file(path.string(), bytes, err, kMaxSourceBytes)) {
      LoadedSource bad;
      bad.name = name;
      bad.title = ref.title.empty() ? stem_of(name) : ref.title;
      bad.error = "unreadable: " + err;
      read.push_back(std::move(bad));
      continue;
    }
    read.push_back(load_source_bytes(name, bytes, ref.kind, files.size() == 1 ? ref.title : std::string(), opt));
  }
  read.insert(read.end(), std::make_move_iterator(out.begin()), std::make_move_iterator(out.end()));
  return read;
}

}  // namespace lh::compose::book
