// A document's own table of contents, ECMA-376 Part 1 (5th edition):
//   the TOC field §17.16.5.68 (instruction "TOC \o "1-3" \h \z \u"; switches \o outline levels,
//   \c and \a a list of captioned items, \f TC entries), complex fields §17.16.18 (fldChar begin /
//   separate / end, which may span paragraphs) and §17.16.23 (instrText), the block content
//   control Word and WPS put around one (§17.5.2.13 docPartGallery "Table of Contents"), and the
//   entries an unlinked field leaves in the built-in styles "toc 1" … "toc 9" (§17.7.4.1).
// What a source holds there is the result Word last computed: entries with Word's page numbers.
// lianghua lays the document out anew, so those numbers would be wrong, an entry "一、总则 1" would
// read as a heading, and "目录" as the document's title. The region becomes one
// model::TableOfContents instead: `render` generates it again from the headings with its own page
// numbers, and a book leaves it out (it prints one 目录 for the whole book).
#include <algorithm>

#include "ingest/docx_internal.h"
#include "normalize/typed_toc.h"

namespace lh::ingest::docx {
namespace {

// A field mark in document order: fldChar begin / separate / end, or instruction text.
struct FieldMark {
  enum Kind { Begin, Separate, End, Instr } kind;
  std::string text;
};

// The field marks under `n` in document order. A deletion (w:del, §17.13.5.14) and a markup
// compatibility fallback (only the Choice is read, as the body reader does) hold none that count.
void field_marks(const xmlNode* n, std::vector<FieldMark>& out, int depth) {
  if (depth > kMaxDepth || out.size() > 4096) return;
  for (const xmlNode* c : elements(n)) {
    if (is_w(c, "del") || el_is(c, kMc, "Fallback")) continue;
    if (is_w(c, "fldChar")) {
      const std::string type = w_attr(c, "fldCharType").value_or("");
      if (type == "begin") out.push_back({FieldMark::Begin, {}});
      else if (type == "separate") out.push_back({FieldMark::Separate, {}});
      else if (type == "end") out.push_back({FieldMark::End, {}});
    } else if (is_w(c, "instrText")) {
      out.push_back({FieldMark::Instr, own_text(c)});
    } else {
      field_marks(c, out, depth + 1);
    }
  }
}

// Whether a TOC field lists headings: \c and \a build a list of captioned figures or tables, \f
// one of TC entries; none of them is the document's table of contents.
bool lists_headings(std::string_view instr) {
  if (field_kind(instr) != "TOC") return false;
  for (std::string_view sw : {"\\c", "\\a", "\\f", "\\C", "\\A", "\\F"})
    if (instr.find(sw) != std::string_view::npos) return false;
  return true;
}

// The deepest level a TOC field lists: the upper bound of \o "1-3"; Word's default 3 without one.
int listed_levels(std::string_view instr) {
  const size_t o = instr.find("\\o");
  if (o == std::string_view::npos) return 3;
  const size_t dash = instr.find('-', o);
  if (dash == std::string_view::npos || dash > o + 12) return 3;
  size_t e = dash + 1;
  while (e < instr.size() && instr[e] >= '0' && instr[e] <= '9') ++e;
  const auto n = to_int(instr.substr(dash + 1, e - dash - 1));
  return n ? std::clamp(*n, 1, 9) : 3;
}

// Walks a field's marks, one element after another, keeping the instructions of the open fields.
struct FieldWalk {
  std::vector<std::string> open;  // instruction text of each open field, outermost first
  int toc_depth = 0;              // 0: no TOC field found yet; else its nesting depth
  std::string toc_instr;

  // Feeds one element's marks; true when the TOC field found earlier ends in it.
  bool feed(const std::vector<FieldMark>& marks) {
    for (const auto& m : marks) {
      switch (m.kind) {
        case FieldMark::Begin: open.emplace_back(); break;
        case FieldMark::Instr:
          if (!open.empty() && open.back().size() < 4096) open.back() += m.text;
          break;
        case FieldMark::Separate: note(open.size()); break;
        case FieldMark::End:
          if (open.empty()) break;
          note(open.size());
          if (toc_depth == static_cast<int>(open.size())) return true;
          open.pop_back();
          break;
      }
    }
    return false;
  }
  // How deep the TOC field found lists headings.
  int levels() const { return listed_levels(toc_instr); }
  // At a field's separate or end: the instruction is complete.
  void note(size_t depth) {
    if (toc_depth == 0 && depth > 0 && lists_headings(open[depth - 1])) {
      toc_depth = static_cast<int>(depth);
      toc_instr = open[depth - 1];
    }
  }
};

// The N of a paragraph in Word's built-in style "toc N" (ECMA-376 Part 1 §17.7.4.1: built-in styles
// are matched by name, "toc 1" … "toc 9"), else 0.
int toc_style_level(const xmlNode* p, const Styles& styles) {
  if (!is_w(p, "p")) return 0;
  const xmlNode* ppr = w_child(p, "pPr");
  const xmlNode* ps = ppr ? w_child(ppr, "pStyle") : nullptr;
  if (!ps) return 0;
  std::string name = styles.display_name(w_attr(ps, "val").value_or(""));
  for (char& c : name)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  if (name.size() != 5 || name.compare(0, 4, "toc ") != 0 || name[4] < '1' || name[4] > '9') return 0;
  return name[4] - '0';
}

}  // namespace

bool is_toc_content_control(const xmlNode* sdt) {
  const xmlNode* pr = w_child(sdt, "sdtPr");
  const xmlNode* part = pr ? w_child(pr, "docPartObj") : nullptr;
  const xmlNode* gallery = part ? w_child(part, "docPartGallery") : nullptr;
  return gallery && w_attr(gallery, "val").value_or("") == "Table of Contents";
}

int toc_content_control_levels(const xmlNode* sdt) {
  FieldWalk walk;
  std::vector<FieldMark> marks;
  field_marks(sdt, marks, 0);
  walk.feed(marks);
  return walk.toc_depth > 0 ? walk.levels() : model::TableOfContents{}.max_level;
}

std::optional<SourceToc> toc_field_at(const std::vector<const xmlNode*>& els, size_t i) {
  if (i >= els.size() || !is_w(els[i], "p")) return std::nullopt;
  FieldWalk walk;
  std::vector<FieldMark> marks;
  for (size_t k = i; k < els.size(); ++k) {
    marks.clear();
    field_marks(els[k], marks, 0);
    const bool ends_here = walk.feed(marks);
    if (walk.toc_depth == 0) return std::nullopt;  // the field must start in els[i]
    if (ends_here) return SourceToc{k, walk.levels()};
  }
  return std::nullopt;  // never ends: read as the text it is
}

std::optional<SourceToc> toc_styled_at(const std::vector<const xmlNode*>& els, size_t i, const Styles& styles) {
  const int first = i < els.size() ? toc_style_level(els[i], styles) : 0;
  if (first == 0) return std::nullopt;
  SourceToc toc{i, first};
  for (int level; toc.last + 1 < els.size() && (level = toc_style_level(els[toc.last + 1], styles)) > 0; ++toc.last)
    toc.levels = std::max(toc.levels, level);
  return toc;
}

void add_source_toc(int levels, std::vector<model::Block>& out) {
  model::TableOfContents toc;
  if (!out.empty())
    if (const auto* p = std::get_if<model::Paragraph>(&out.back().value);
        p && p->heading_level == 0 && normalize::names_a_toc(p->plain_text())) {
      toc = normalize::toc_named(p->plain_text());
      out.pop_back();
    }
  toc.max_level = levels;
  out.push_back(model::Block{std::move(toc)});
}

}  // namespace lh::ingest::docx
