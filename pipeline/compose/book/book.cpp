// The book as one Document (book.h).
#include "compose/book/book.h"

#include <map>

#include "compose/book/book_style.h"
#include "compose/book/duty_table.h"
#include "flow/flow.h"
#include "layout/layout.h"
#include "normalize/numerals.h"
#include "normalize/unicode.h"

namespace lh::compose::book {

using model::Align;
using model::FontRole;

namespace {

// A landscape page for 权责清单 tables: A4 turned (GB/T 9704-2012 §10: 表格横排 A4 纸型); the
// margins keep the portrait page's 版心 proportions (office practice, no clause fixes them).
model::PageSetup landscape_page() { return {297, 210, 28, 26, 30, 30}; }
constexpr double kTablePt = 10.5;  // 五号: the size 权责清单 sheets are printed in (office practice)
constexpr uint32_t kPlaceholderRed = 0xC00000;
// Room kept on a flowchart's page for the title above it (小二 heading and its spacing).
constexpr double kFlowTitleMm = 40;

// The running header: the book's title and the 篇 a page is in, on one line of the page's 版心 in
// 五号. When both do not fit (a long office name in the title), the 篇 alone: a header that wraps
// to a second line pushed into the text and looked like a misprint (another office's book).
model::HeaderFooter running_header(const std::string& book, const std::string& part, const model::PageSetup& page) {
  constexpr double kHeaderPt = 10.5;
  constexpr double kMmPerPt = 25.4 / 72;
  const double line_mm = page.width_mm - page.left_mm - page.right_mm;
  const size_t fits = static_cast<size_t>(line_mm / (kHeaderPt * kMmPerPt));  // full-width characters
  const std::string both = book + "\xE3\x80\x80\xE3\x80\x80" + part;
  const std::string text = part.empty() ? book : normalize::code_points(both) <= fits ? both : part;
  model::HeaderFooter h;
  h.paragraphs.push_back(plain(text, FontRole::Song, kHeaderPt, Align::Center));
  return h;
}

model::HeaderFooter no_page_number() {
  model::HeaderFooter f;
  f.paragraphs.push_back(plain("", FontRole::Body, 10.5, Align::Center));  // a footer without {PAGE}
  return f;
}

// Builds the sections in order; knows the current 篇 for the running header.
class Builder {
 public:
  Builder(const BookContent& book, const layout::FontSet* fonts) : book_(book), fonts_(fonts) {}

  model::Document take() {
    model::Document d;
    for (auto& s : sections_)
      if (!s.blocks.empty()) d.sections.push_back(std::move(s));
    return d;
  }

  void cover() {
    model::Section& s = open(false);
    s.footer = no_page_number();
    s.page_label = "封面";
    for (int i = 0; i < 5; ++i) add(plain("", FontRole::Body, 16, Align::Center));
    add(plain(book_.spec.title, FontRole::Title, 26, Align::Center));
    if (!book_.spec.subtitle.empty()) add(plain(book_.spec.subtitle, FontRole::Kai, 18, Align::Center));
    for (int i = 0; i < 8; ++i) add(plain("", FontRole::Body, 16, Align::Center));
    add(plain(book_.office, FontRole::Hei, 18, Align::Center));
    std::string when = cover_date(book_.spec.date);
    if (!book_.spec.edition.empty()) when = book_.spec.edition + "\xE3\x80\x80" + when;
    add(plain(when, FontRole::Body, 16, Align::Center));
  }

  void front_matter() {
    model::Section& s = open(false);
    s.restart_numbering = true;
    s.numbering = model::Section::Numbering::LowerRoman;
    s.page_label = "";
    for (const auto* piece : {&book_.notice, &book_.preface}) {
      if (!*piece) continue;
      add(book_heading(BookHeading::Part, 1, (*piece)->title));
      put_source_body(**piece, 1);
      add(model::PageBreak{});
    }
    add(model::TableOfContents{book_.spec.toc_levels, "目\xE3\x80\x80\xE3\x80\x80录"});
  }

  void parts() {
    for (size_t i = 0; i < book_.parts.size(); ++i) {
      const LoadedPart& part = book_.parts[i];
      const std::string title = part_label(i) + "\xE3\x80\x80" + part.title;
      model::Section& s = open(true, part.title);
      s.restart_numbering = i == 0;
      part_title_page(title);
      chapters(part, 1);
    }
  }

  void appendices() {
    if (book_.appendices.empty()) return;
    open(true, "附录");
    part_title_page("附\xE3\x80\x80\xE3\x80\x80录");
    for (size_t i = 0; i < book_.appendices.size(); ++i) {
      LoadedPart a = book_.appendices[i];
      const std::string title = "附录" + normalize::chinese_number(static_cast<long>(i + 1)) + "\xE3\x80\x80" + a.title;
      LoadedChapter all;
      all.title = title;
      for (auto& ch : a.chapters)
        for (auto& src : ch.sources) all.sources.push_back(std::move(src));
      a.chapters = {std::move(all)};
      chapters(a, 1);
    }
  }

  void revisions() {
    if (book_.spec.revisions.empty()) return;
    open(true, "修订记录");
    add(book_heading(BookHeading::Part, 1, "修订记录"));
    model::Table t;
    t.col_widths_mm = {28, 34, 66, 28};  // 156 mm 版心 (GB/T 9704-2012 §5.2.1)
    auto cell = [](const std::string& text, bool bold) {
      model::TableCell c;
      c.blocks.push_back({plain(text, FontRole::Body, 14, bold ? Align::Center : Align::Start, bold)});
      return c;
    };
    model::TableRow head;
    head.header = true;
    for (const char* h : {"版次", "日期", "修订内容", "修订人"}) head.cells.push_back(cell(h, true));
    t.rows.push_back(std::move(head));
    for (const auto& r : book_.spec.revisions) {
      model::TableRow row;
      for (const std::string* v : {&r.edition, &r.date, &r.text, &r.by}) row.cells.push_back(cell(*v, false));
      t.rows.push_back(std::move(row));
    }
    add(std::move(t));
  }

 private:
  model::Section& open(bool body, const std::string& part = {}) {
    sections_.emplace_back();
    model::Section& s = sections_.back();
    if (body) {
      s.header = running_header(book_.spec.title, part, s.page);
      s.start_on_odd_page = book_.spec.parts_on_recto;
      part_ = part;
    }
    fresh_page_ = true;
    return s;
  }

  template <class T>
  void add(T value) {
    sections_.back().blocks.push_back(model::Block{std::move(value)});
    fresh_page_ = std::holds_alternative<model::PageBreak>(sections_.back().blocks.back().value);
  }

  // The 篇's title alone on its opening page, a third of the way down.
  void part_title_page(const std::string& title) {
    for (int i = 0; i < 5; ++i) add(plain("", FontRole::Body, 16, Align::Center));
    add(book_heading(BookHeading::Part, 1, title));
    add(model::PageBreak{});
  }

  void chapters(const LoadedPart& part, int level) {
    for (const LoadedChapter& ch : part.chapters) {
      int source_level = level + 1;
      if (!ch.title.empty()) {
        new_page();
        add(book_heading(BookHeading::Chapter, level + 1, ch.title));
        source_level = level + 2;
        chapter_open_ = true;
      }
      for (const LoadedSource& src : ch.sources) source(src, source_level);
    }
  }

  void new_page() {
    if (!fresh_page_ && !chapter_open_) add(model::PageBreak{});
    chapter_open_ = false;
  }

  void source(const LoadedSource& src, int level) {
    if (!src.error.empty()) {
      new_page();
      add(book_heading(BookHeading::Policy, level, src.title));
      add(plain("【缺】此处应收《" + src.title + "》（" + src.name + "），未能读入：" + src.error + "。请补正后重新编印。",
                FontRole::Hei, 16, Align::Justify, false, kPlaceholderRed));
      return;
    }
    if (src.kind == SourceKind::Table) {
      table_source(src, level);
      return;
    }
    if (src.flow) {
      flow_source(src, level);
      return;
    }
    new_page();
    add(book_heading(BookHeading::Policy, level, src.title));
    put_source_body(src, level);
  }

  // A 业务流程图 on a page of its own, drawn by the flow module to fit the 版心 under its title.
  void flow_source(const LoadedSource& src, int level) {
    new_page();
    add(book_heading(BookHeading::Policy, level, src.title));
    const model::PageSetup& pg = sections_.back().page;
    const double w = pg.width_mm - pg.left_mm - pg.right_mm;
    const double h = pg.height_mm - pg.top_mm - pg.bottom_mm - kFlowTitleMm;
    try {
      if (!fonts_) throw flow::FlowError("no fonts to measure the flowchart");
#ifdef LH_FLOW_DRAWS  // sources.cpp: set by CMake once the flow module is built
      flow::Flow chart = *src.flow;  // the book's heading above carries the title; the basis stays
      chart.title.clear();
      add(flow::draw_flow(chart, *fonts_, w, h));
#else
      (void)w, (void)h;
#endif
    } catch (const flow::FlowError& e) {
      add(plain("【缺】流程图《" + src.title + "》（" + src.name + "）未能画出：" + e.what() + "。",
                FontRole::Hei, 16, Align::Justify, false, kPlaceholderRed));
    }
  }

  void put_source_body(const LoadedSource& src, int level) {
    const std::string prefix = "src" + std::to_string(++sources_put_) + ".";
    for (auto& b : book_blocks(src.body, level, prefix)) sections_.back().blocks.push_back(std::move(b));
    fresh_page_ = false;
  }

  // A table in a landscape section of its own, then the 篇 goes on in portrait.
  void table_source(const LoadedSource& src, int level) {
    const std::string part = part_;
    // A chapter heading just put ("附录一　权责清单") goes with its table, not alone on a portrait page.
    auto& before = sections_.back().blocks;
    std::optional<model::Block> chapter_heading;
    if (chapter_open_ && !before.empty()) {
      chapter_heading = std::move(before.back());
      before.pop_back();
    }
    // The section break starts a new page: a page break just before it would leave a blank page.
    if (!before.empty() && std::holds_alternative<model::PageBreak>(before.back().value)) before.pop_back();
    model::Section& s = sections_.emplace_back();
    s.page = landscape_page();
    s.header = running_header(book_.spec.title, part, s.page);
    if (chapter_heading) s.blocks.push_back(std::move(*chapter_heading));
    add(book_heading(BookHeading::Policy, level, src.title));
    const double width = s.page.width_mm - s.page.left_mm - s.page.right_mm;
    for (const model::Table& t : src.tables) {
      if (auto bt = book_table(t, width, kTablePt)) add(std::move(bt->table));
    }
    model::Section& next = sections_.emplace_back();
    next.header = running_header(book_.spec.title, part, next.page);
    fresh_page_ = true;
    chapter_open_ = false;
  }

  const BookContent& book_;
  const layout::FontSet* fonts_;
  std::vector<model::Section> sections_;
  std::string part_;
  bool fresh_page_ = true, chapter_open_ = false;
  size_t sources_put_ = 0;  // numbers each source's own anchors (book_blocks)
};

void outline_source(const LoadedSource& src, int level, std::string& out) {
  const std::string indent(static_cast<size_t>(level - 1) * 2, ' ');
  out += indent + src.title + "    [" + src.name + "; 题名: " + (src.title_reason.empty() ? "—" : src.title_reason) + "]\n";
  if (!src.error.empty()) {
    out += indent + "  ！未能读入: " + src.error + "\n";
    return;
  }
  if (src.kind == SourceKind::Table) {
    out += indent + "  （表格，横排）\n";
    return;
  }
  size_t articles = 0;
  for (const auto& l : src.outline.lines) {
    if (l.role == normalize::Role::Article) ++articles;
    if (l.role != normalize::Role::Heading) continue;
    out += std::string(static_cast<size_t>(level + l.level - 1) * 2, ' ') + l.text + "    [级别 " +
           std::to_string(level + l.level) + "; " + l.reason + "; 第" + std::to_string(l.at.paragraph) + "段]\n";
  }
  if (articles) out += indent + "  （条文 " + std::to_string(articles) + " 条）\n";
  // book_blocks leaves a source's own table of contents out: its page numbers are the source's.
  for (const auto& s : src.body.sections)
    for (const auto& b : s.blocks)
      if (std::holds_alternative<model::TableOfContents>(b.value))
        out += indent + "  （原文自带目录，不收入：页码以本书目录为准）\n";
  for (const auto& w : src.warnings) out += indent + "  ！" + w + "\n";
}

}  // namespace

std::string part_label(size_t index) { return "第" + normalize::chinese_number(static_cast<long>(index + 1)) + "篇"; }

namespace {

// Two sources of one title (an old and a revised 档案管理制度 side by side in a folder, a rule copied
// into two chapters): both are printed, as the spec asks, but their 目录 entries cannot be told
// apart, so each later one says which source it repeats.
void flag_repeated_titles(BookContent& b) {
  std::map<std::string, const LoadedSource*> first;
  for (auto* parts : {&b.parts, &b.appendices})
    for (auto& p : *parts)
      for (auto& c : p.chapters)
        for (auto& s : c.sources) {
          if (!s.error.empty() || s.title.empty()) continue;
          auto [at, fresh] = first.emplace(s.title, &s);
          if (!fresh)
            s.warnings.push_back("与 " + at->second->name + " 题名相同（《" + s.title +
                                 "》），书中两篇同名、目录无法区分；如是新旧两版，请只收入现行的一版（repeated_title）");
        }
}

}  // namespace

BookContent load_book(const BookSpec& spec, const std::string& office_name, const ingest::InspectOptions& opt) {
  BookContent b;
  b.spec = spec;
  b.office = spec.office.empty() ? office_name : spec.office;
  auto one = [&](const std::optional<SourceRef>& ref, const char* fallback) -> std::optional<LoadedSource> {
    if (!ref) return std::nullopt;
    std::vector<LoadedSource> v = load_sources(*ref, opt);
    if (v.empty()) return std::nullopt;
    if (ref->title.empty() && v[0].title_reason.rfind("文件名", 0) == 0) v[0].title = fallback;
    return std::move(v[0]);
  };
  b.notice = one(spec.notice, "印发通知");
  b.preface = one(spec.preface, "编制说明");
  auto parts = [&](const std::vector<Part>& in, std::vector<LoadedPart>& out) {
    for (const Part& p : in) {
      LoadedPart lp{p.title, {}};
      for (const Chapter& c : p.chapters) {
        LoadedChapter lc{c.title, {}};
        for (const SourceRef& r : c.sources)
          for (auto& s : load_sources(r, opt)) lc.sources.push_back(std::move(s));
        lp.chapters.push_back(std::move(lc));
      }
      out.push_back(std::move(lp));
    }
  };
  parts(spec.parts, b.parts);
  parts(spec.appendices, b.appendices);
  flag_repeated_titles(b);
  return b;
}

std::vector<const LoadedSource*> all_sources(const BookContent& book) {
  std::vector<const LoadedSource*> out;
  if (book.notice) out.push_back(&*book.notice);
  if (book.preface) out.push_back(&*book.preface);
  for (const auto* parts : {&book.parts, &book.appendices})
    for (const auto& p : *parts)
      for (const auto& c : p.chapters)
        for (const auto& s : c.sources) out.push_back(&s);
  return out;
}

model::Document build_book(const BookContent& book, const layout::FontSet* fonts) {
  Builder b(book, fonts);
  b.cover();
  b.front_matter();
  b.parts();
  b.appendices();
  b.revisions();
  return b.take();
}

std::string outline_text(const BookContent& book) {
  std::string out = "《" + book.spec.title + "》\n";
  for (const auto* piece : {&book.notice, &book.preface})
    if (*piece) outline_source(**piece, 1, out);
  out += "目录\n";
  auto parts = [&](const std::vector<LoadedPart>& in, bool appendix) {
    for (size_t i = 0; i < in.size(); ++i) {
      out += (appendix ? "附录" + normalize::chinese_number(static_cast<long>(i + 1)) : part_label(i)) + "\xE3\x80\x80" +
             in[i].title + "    [级别 " + (appendix ? "2" : "1") + "; 书目说明]\n";
      const int base = appendix ? 2 : 1;
      for (const auto& c : in[i].chapters) {
        int level = base + 1;
        if (!c.title.empty()) {
          out += std::string(static_cast<size_t>(base) * 2, ' ') + c.title + "    [级别 " + std::to_string(base + 1) + "; 书目说明]\n";
          level = base + 2;
        }
        for (const auto& s : c.sources) outline_source(s, level, out);
      }
    }
  };
  parts(book.parts, false);
  if (!book.appendices.empty()) out += "附录\n";
  parts(book.appendices, true);
  if (!book.spec.revisions.empty()) out += "修订记录\n";
  return out;
}

}  // namespace lh::compose::book
