#include "normalize/structure.h"

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <bit>
#include <map>
#include <memory>
#include <mutex>
#include <cstring>
#include <optional>
#include <set>

#include "normalize/doc_facts.h"
#include "normalize/typed_toc.h"
#include "normalize/unicode.h"

namespace lh::normalize {

namespace {

struct Pattern {
  HeadingKind kind;
  const char* regex;
};

// Chinese numerals as written in headings: 一 … 九十九, with 〇/零 and 百.
#define LH_CN "[一二三四五六七八九十百零〇两]+"
constexpr std::array<Pattern, 8> kPatterns{{
    {HeadingKind::Bian, "^第" LH_CN "编(\\s|　|$)"},
    {HeadingKind::Zhang, "^第" LH_CN "章(\\s|　|$)"},
    {HeadingKind::Jie, "^第" LH_CN "节(\\s|　|$)"},
    {HeadingKind::Tiao, "^第" LH_CN "条(\\s|　|$)"},
    {HeadingKind::Yi, "^" LH_CN "、"},
    {HeadingKind::ParenYi, "^[（(]" LH_CN "[）)]"},
    {HeadingKind::ParenArabic, "^[（(][0-9０-９]{1,3}[）)]"},
    // "1、" is not GB/T 9704-2012 §7.3.3's form but offices type it as often as "1." (a generated
    // book, make_book_sources.py seed 1: its 1、 headings came out at the level of their 一、).
    {HeadingKind::Arabic, "^[0-9０-９]{1,3}[.．、](?![0-9０-９])"},
}};
#undef LH_CN

struct Compiled {
  std::array<std::unique_ptr<icu::RegexPattern>, kPatterns.size()> re;
};

const Compiled& compiled() {
  static Compiled c;
  static std::once_flag once;
  std::call_once(once, [] {
    for (size_t i = 0; i < kPatterns.size(); ++i) {
      UErrorCode st = U_ZERO_ERROR;
      UParseError pe;
      c.re[i].reset(icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(kPatterns[i].regex), pe, st));
      if (U_FAILURE(st)) c.re[i].reset();
    }
  });
  return c;
}

std::string_view trim(std::string_view s) {
  auto is_space = [](std::string_view t, size_t i) { return t[i] == ' ' || t[i] == '\t' || t[i] == '\r'; };
  while (!s.empty() && is_space(s, 0)) s.remove_prefix(1);
  while (!s.empty() && is_space(s, s.size() - 1)) s.remove_suffix(1);
  while (s.substr(0, 3) == "\xE3\x80\x80") s.remove_prefix(3);  // U+3000 ideographic space
  return s;
}

// LH_CN's characters (each 3 bytes in UTF-8): the end of the run of them that starts at byte i.
size_t after_numerals(std::string_view line, size_t i) {
  static constexpr std::string_view kNumerals = "一二三四五六七八九十百零〇两";
  // A lead byte never equals a continuation byte, so a 3-byte match is at a character boundary.
  while (i + 3 <= line.size() && kNumerals.find(line.substr(i, 3)) != std::string_view::npos) i += 3;
  return i;
}

// The patterns (bits of kPatterns' indexes) that can match a line, by how it opens: each pattern
// is anchored at the start and opens with 第 (then the character after the numerals picks one of
// 编 章 节 条), a Chinese numeral, a bracket or a digit. A line opening otherwise is no heading.
// This spares the ICU matchers: 4 % of a 300-page compile's instructions went to running eight
// of them over every paragraph.
unsigned patterns_starting_with(std::string_view line) {
  auto starts = [&](const char* p) { return line.substr(0, std::strlen(p)) == p; };
  if (starts("第")) {
    const size_t i = after_numerals(line, 3);
    if (i == 3) return 0;
    const std::string_view unit = line.substr(i, 3);
    return unit == "编" ? 1u : unit == "章" ? 2u : unit == "节" ? 4u : unit == "条" ? 8u : 0u;
  }
  if (after_numerals(line, 0) > 0) return 1u << 4;  // 一、
  if (starts("（") || starts("(")) return (1u << 5) | (1u << 6);  // （一） （1）
  if (!line.empty() && line[0] >= '0' && line[0] <= '9') return 1u << 7;  // 1.
  for (const char* d : {"０", "１", "２", "３", "４", "５", "６", "７", "８", "９"})
    if (starts(d)) return 1u << 7;
  return 0;
}

// For a line that opens 第 + numerals + unit (patterns_starting_with gave one of the first four):
// whether the unit is followed by what the patterns' (\s|　|$) takes (ICU's \s is
// [\t\n\f\r\p{Z}]), where that is certain without ICU: the end of the line, an ASCII character,
// U+3000, or a CJK ideograph (U+4000-U+9FFF, never a space). nullopt: ask the regex.
// A heading's name may follow 编/章/节 with no space at all ("第一章总则", as many offices type it:
// make_book_sources.py seed 12 lost its five chapters and had "第一章总则" for its title); classify()
// still wants such a line short and no sentence. Not after 条: "第三条规定的…" opens a sentence, so
// an article keeps its space. Nor before 节/条/款/项 ("第二章节", "第三章第…" are references).
std::optional<bool> followed_by_space(std::string_view line) {
  const size_t i = after_numerals(line, 3);  // the unit
  const size_t j = i + 3;                    // after the unit
  if (j >= line.size()) return j == line.size();
  const auto c = static_cast<unsigned char>(line[j]);
  if (c < 0x80) return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
  if (line.compare(j, 3, "　") == 0) return true;
  if (c >= 0xE4 && c <= 0xE9) {
    if (line.compare(i, 3, "条") == 0) return false;
    const std::string_view next = line.substr(j, 3);
    return next != "节" && next != "条" && next != "款" && next != "项" && next != "第";
  }
  return std::nullopt;
}

}  // namespace

HeadingKind heading_kind(std::string_view line, int* md_level) {
  line = trim(line);
  if (!line.empty() && line[0] == '#') {
    size_t n = 0;
    while (n < line.size() && line[n] == '#') ++n;
    if (n <= 6 && n < line.size() && line[n] == ' ') {
      if (md_level) *md_level = static_cast<int>(n);
      return HeadingKind::Markdown;
    }
  }
  const unsigned possible = patterns_starting_with(line);
  if (possible == 0) return HeadingKind::None;  // most body lines: no regex, no UTF-16 copy
  if (possible <= 8) {  // one of 第X编/章/节/条: what follows the unit decides, where that is plain
    if (const std::optional<bool> sure = followed_by_space(line))
      return *sure ? kPatterns.at(static_cast<size_t>(std::countr_zero(possible))).kind : HeadingKind::None;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(line.data(), static_cast<int32_t>(line.size())));
  const Compiled& c = compiled();
  for (size_t i = 0; i < kPatterns.size(); ++i) {
    if (!(possible & (1u << i)) || !c.re[i]) continue;
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(c.re[i]->matcher(u, st));
    if (U_SUCCESS(st) && m->lookingAt(st) && U_SUCCESS(st)) return kPatterns[i].kind;
  }
  return HeadingKind::None;
}


namespace {

// Ranks order the kinds from outermost to innermost; levels are ranks renumbered 1, 2, 3 … over
// the ranks present. A style's level L sits where the L-th text level would (Heading 1 ~ 第X章).
constexpr int kRankBian = 0, kRankZhang = 1, kRankJie = 2, kRankYi = 3, kRankParenYi = 4, kRankArabic = 5,
              kRankParenArabic = 6, kRankMarkdown = 20;

int rank_of(HeadingKind k) {
  switch (k) {
    case HeadingKind::Bian: return kRankBian;
    case HeadingKind::Zhang: return kRankZhang;
    case HeadingKind::Jie: return kRankJie;
    case HeadingKind::Yi: return kRankYi;
    case HeadingKind::ParenYi: return kRankParenYi;
    case HeadingKind::Arabic: return kRankArabic;
    case HeadingKind::ParenArabic: return kRankParenArabic;
    default: return -1;
  }
}

const char* kind_name(HeadingKind k) {
  switch (k) {
    case HeadingKind::Bian: return "第X编";
    case HeadingKind::Zhang: return "第X章";
    case HeadingKind::Jie: return "第X节";
    case HeadingKind::Yi: return "一、";
    case HeadingKind::ParenYi: return "（一）";
    case HeadingKind::Arabic: return "1.";
    case HeadingKind::ParenArabic: return "（1）";
    case HeadingKind::Tiao: return "第X条";
    case HeadingKind::Markdown: return "Markdown #";
    default: return "";
  }
}

// A line that reads as a sentence is body text even when it opens with a structure number.
bool reads_as_sentence(std::string_view t) {
  for (const char* end : {"。", "；", "：", "，", ";", ":", ","})
    if (t.size() >= std::strlen(end) && t.substr(t.size() - std::strlen(end)) == end) return true;
  return t.find("。") != std::string_view::npos;
}

bool is_title_style(const std::string& s) { return s == "title" || s == "Title" || s == "标题"; }

struct Para {
  BlockRef at;
  const model::Paragraph* p;
  std::string text;  // trimmed
  size_t chars;
};

// The body size: the run size that covers the most characters (0 when no run states one).
double body_size(const std::vector<Para>& paras) {
  std::map<double, size_t> by_size;
  for (const Para& x : paras)
    for (const auto& r : x.p->runs)
      if (r.size_pt > 0) by_size[r.size_pt] += r.text.size();
  double best = 0;
  size_t most = 0;
  for (const auto& [size, n] : by_size)
    if (n > most) most = n, best = size;
  return best;
}

// Formatting evidence of a heading typed by hand: centred, larger than the body, or all bold.
std::string formatting_reason(const Para& x, double body_pt) {
  bool all_bold = true, larger = false, any = false;
  double size = 0;
  for (const auto& r : x.p->runs) {
    if (r.text.find_first_not_of(" \t\xE3\x80\x80") == std::string::npos) continue;
    any = true;
    all_bold = all_bold && (r.bold || r.role == model::FontRole::Hei || r.role == model::FontRole::Title);
    if (body_pt > 0 && r.size_pt >= body_pt + 1.5) larger = true, size = r.size_pt;
  }
  std::string why;
  if (x.p->align == model::Align::Center) why += "居中";
  if (any && larger) why += (why.empty() ? "" : "、") + std::string("字号 ") + std::to_string(static_cast<int>(size)) + " pt";
  if (any && all_bold) why += (why.empty() ? "" : "、") + std::string("加粗");
  return why;
}

struct Candidate {
  Role role = Role::Heading;
  int rank = -1;  // -1: body text
  HeadingKind kind = HeadingKind::None;
  int md_level = 0;
  std::string reason;
};

// 发文字号 ("南市监处罚〔2024〕12号", GB/T 9704-2012 §7.2.5): centred and short, never a heading.
bool is_document_number(std::string_view t) {
  return t.find("〔") != std::string_view::npos && t.size() >= 3 && t.substr(t.size() - 3) == "号";
}

// A line wholly in brackets under a rule's title, "（2024年3月1日所务会议审议通过）", is its 题注: when
// and by whom it was adopted (《立法技术规范（试行）（一）》, 题注), centred but never a heading (a
// generated book, make_book_sources.py seed 1, listed it in the 目录 as a chapter).
bool is_bracketed(std::string_view t) {
  const bool opens = t.substr(0, 3) == "（" || t.substr(0, 1) == "(";
  const bool closes = (t.size() >= 3 && t.substr(t.size() - 3) == "）") || (!t.empty() && t.back() == ')');
  return opens && closes;
}

// `styled`: the document has headings from Word styles or outline levels; then formatting is no
// evidence (a styled 公文's centred 发文机关 and 文号 lines are not headings).
Candidate classify(const Para& x, bool has_articles, bool markdown, bool styled, double body_pt,
                   const StructureOptions& opt) {
  Candidate c;
  int md = 0;
  const HeadingKind k = heading_kind(x.text, &md);
  const bool short_line = x.chars <= opt.max_heading_chars;
  const bool sentence = reads_as_sentence(x.text);
  c.kind = k;
  // "第一章　总则…………1": a line of a typed 目录 (a title, a leader, a page number) points at a
  // heading; it is none itself, in render as in a book (normalize/typed_toc.h).
  if (k != HeadingKind::Tiao && k != HeadingKind::Markdown && is_typed_toc_entry(x.text)) return c;
  if (k == HeadingKind::Tiao) {
    c.role = Role::Article;
    c.reason = "文字编号 第X条（条文，不作标题）";
    return c;
  }
  if (k == HeadingKind::Markdown && markdown) {
    c.rank = kRankMarkdown + md;
    c.md_level = md;
    c.reason = "Markdown " + std::string(static_cast<size_t>(md), '#');
    return c;
  }
  if (k == HeadingKind::Bian || k == HeadingKind::Zhang || k == HeadingKind::Jie) {
    if (short_line && !sentence) c.rank = rank_of(k), c.reason = std::string("文字编号 ") + kind_name(k);
    return c;
  }
  if (k != HeadingKind::None && k != HeadingKind::Markdown) {
    // In a text of articles, （一） 1. （1） number the items of an article.
    if (short_line && !sentence && !(has_articles && k != HeadingKind::Yi))
      c.rank = rank_of(k), c.reason = std::string("文字编号 ") + kind_name(k);
    return c;
  }
  if (x.p->heading_level > 0 && !sentence) {
    c.rank = kRankZhang + x.p->heading_level - 1;
    c.reason = x.p->style.empty() ? "大纲级别 " + std::to_string(x.p->heading_level)
                                  : "样式 " + x.p->style + "（级别 " + std::to_string(x.p->heading_level) + "）";
    return c;
  }
  if (short_line && !sentence && !styled && !is_document_number(x.text) && !is_bracketed(x.text) && !is_caption(x.text)) {
    const std::string why = formatting_reason(x, body_pt);
    if (!why.empty()) {
      const bool display = x.p->align == model::Align::Center || why.find("字号") != std::string::npos;
      c.rank = display ? kRankZhang : kRankYi;
      c.reason = "格式 " + why;
    }
  }
  return c;
}

// The number an item "2." / "２．" / "2、" opens with (heading_kind Arabic), 0 when none.
int item_number(std::string_view t) {
  int n = 0;
  for (size_t i = 0, digits = 0; i < t.size() && digits < 3; ++digits) {
    if (t[i] >= '0' && t[i] <= '9') {
      n = n * 10 + (t[i] - '0'), i += 1;
    } else if (t.substr(i, 2) == "\xEF\xBC" && i + 2 < t.size() && static_cast<unsigned char>(t[i + 2]) >= 0x90 &&
               static_cast<unsigned char>(t[i + 2]) <= 0x99) {  // ０-９, U+FF10-U+FF19
      n = n * 10 + (static_cast<unsigned char>(t[i + 2]) - 0x90), i += 3;
    } else {
      break;
    }
  }
  return n;
}

// GB/T 9704-2012 §7.3.4 附件说明: "附件：1.XXXXX", the further attachments "2.XXXXX" on lines of
// their own, their numbers under the first. Those lines name attachments, they head nothing: a
// rule without 条 (its sections 一、 （一）) got "2.《…统计表》" as a heading in its 目录. Also where
// "附件：" stands alone above "1.…" (as many offices type the list). The items must count on from
// the first (1, 2, 3 …): a "1." heading after an 附件 line that names one attachment opens a section.
void attachment_items_are_body(const std::vector<Para>& paras, std::vector<Candidate>& cand) {
  for (size_t i = 0; i < paras.size(); ++i) {
    std::string_view t = paras[i].text;
    if (t.substr(0, 6) != "附件") continue;
    t.remove_prefix(6);
    if (t.substr(0, 3) == "：") t.remove_prefix(3);
    else if (t.substr(0, 1) == ":") t.remove_prefix(1);
    else continue;
    t = trim(t);
    int expected = t.empty() ? 1 : item_number(t) == 1 && heading_kind(t) == HeadingKind::Arabic ? 2 : 0;
    for (size_t j = i + 1; expected > 0 && j < paras.size(); ++j, ++expected) {
      if (cand[j].kind != HeadingKind::Arabic || item_number(paras[j].text) != expected) break;
      cand[j].rank = -1;
      cand[j].reason.clear();
      i = j;
    }
  }
}

}  // namespace

bool is_title_note(std::string_view line) {
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  for (bool trimmed = true; trimmed && !line.empty();) {
    trimmed = true;
    if (line.front() == ' ' || line.front() == '\t') line.remove_prefix(1);
    else if (line.substr(0, 3) == kIdeographicSpace) line.remove_prefix(3);
    else if (line.back() == ' ' || line.back() == '\t') line.remove_suffix(1);
    else if (line.size() >= 3 && line.substr(line.size() - 3) == kIdeographicSpace) line.remove_suffix(3);
    else trimmed = false;
  }
  return line.size() > 6 && is_bracketed(line);
}

bool is_caption(std::string_view line) {
  std::string_view t = trim(line);
  if (t.substr(0, 3) == "附") t.remove_prefix(3);
  if (t.substr(0, 3) != "图" && t.substr(0, 3) != "表") return false;
  t = trim(t.substr(3));
  const size_t digits_at = t.size();
  for (bool more = true; more && !t.empty();) {  // 1, 2-1, 1.2, ２, 一
    more = false;
    for (std::string_view d : {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "-", ".", "０", "１", "２", "３", "４",
                               "５", "６", "７", "８", "９", "－", "．", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"})
      if (t.substr(0, d.size()) == d) {
        t.remove_prefix(d.size());
        more = true;
        break;
      }
  }
  if (t.size() == digits_at) return false;  // no number
  const bool set_off = t.empty() || t.front() == ' ' || t.front() == '\t' || t.front() == ':' ||
                       t.substr(0, 3) == "\xE3\x80\x80" || t.substr(0, 3) == "：";
  constexpr size_t kMaxCaptionChars = 40;
  return set_off && !reads_as_sentence(trim(line)) && code_points(trim(line)) <= kMaxCaptionChars;
}

bool Outline::has_title() const { return title() != nullptr; }

const OutlineLine* Outline::title() const {
  for (const auto& l : lines)
    if (l.role == Role::Title) return &l;
  return nullptr;
}

Outline detect_outline(const model::Document& doc, const StructureOptions& opt) {
  std::vector<Para> paras;
  size_t count = 0;
  for (size_t s = 0; s < doc.sections.size(); ++s)
    for (size_t b = 0; b < doc.sections[s].blocks.size(); ++b)
      if (const auto* p = std::get_if<model::Paragraph>(&doc.sections[s].blocks[b].value)) {
        ++count;
        std::string text = p->plain_text();
        std::string t(trim(text));
        if (t.empty()) continue;
        paras.push_back({{s, b, count}, p, t, code_points(t)});
      }
  bool has_articles = false, markdown = false, styled = false;
  for (const Para& x : paras) {
    styled = styled || x.p->heading_level > 0;
    const HeadingKind k = heading_kind(x.text);
    has_articles = has_articles || k == HeadingKind::Tiao;
    markdown = markdown || k == HeadingKind::Markdown;
  }
  const double body_pt = body_size(paras);
  std::vector<Candidate> cand;
  cand.reserve(paras.size());
  for (const Para& x : paras) cand.push_back(classify(x, has_articles, markdown, styled, body_pt, opt));
  attachment_items_are_body(paras, cand);

  Outline out;
  // The title: a paragraph styled as one, else the first paragraph when it is short, no heading by
  // its numbering and no sentence.
  std::optional<size_t> title;
  for (size_t i = 0; i < paras.size() && !title; ++i)
    if (is_title_style(paras[i].p->style)) title = i, cand[i].reason = "样式 " + paras[i].p->style;
  if (!title && opt.detect_title && !paras.empty()) {
    // A 公文 (an 印发通知 in front of a manual) opens with its 发文机关标志 and 发文字号 above the title
    // (GB/T 9704-2012 §7.2.4, §7.2.5): neither is the title, the paragraph after them may be.
    size_t first = 0;
    while (first + 1 < paras.size() && first < 3 &&
           (is_organisation_line(paras[first].text) || !find_own_number(paras[first].text).empty()))
      ++first;
    const Para& x = paras[first];
    Candidate& c = cand[first];
    const bool numbered = c.kind != HeadingKind::None && c.kind != HeadingKind::Markdown;
    // A first line set off only by its formatting (a hand-typed title: centred, 22 pt, bold) is the
    // title, not a heading.
    const bool by_formatting = c.rank >= 0 && c.reason.rfind("格式", 0) == 0;
    if ((c.rank < 0 || by_formatting) && !numbered && x.chars <= 60 && x.text.find("。") == std::string::npos) {
      title = first;
      const std::string why = formatting_reason(x, body_pt);
      c.reason = (first == 0 ? std::string("首段") : "发文机关标志后的首段（GB/T 9704-2012 §7.2.3）") +
                 (why.empty() ? std::string() : "，" + why);
    }
  }
  std::set<int> ranks;
  for (size_t i = 0; i < cand.size(); ++i)
    if (cand[i].rank >= 0 && (!title || *title != i)) ranks.insert(cand[i].rank);
  int previous = 0;
  for (size_t i = 0; i < paras.size(); ++i) {
    const Candidate& c = cand[i];
    OutlineLine l{paras[i].at, c.role, 0, c.kind, paras[i].text, c.reason};
    if (c.kind == HeadingKind::Markdown && c.md_level > 0)  // the text without its "## " marker
      l.text = std::string(trim(std::string_view(l.text).substr(static_cast<size_t>(c.md_level))));
    if (title && *title == i) {
      l.role = Role::Title;
    } else if (c.role == Role::Article) {
    } else if (c.rank >= 0) {
      l.level = static_cast<int>(std::distance(ranks.begin(), ranks.find(c.rank))) + 1;
      if (l.level > previous + 1)
        out.warnings.push_back("第" + std::to_string(l.at.paragraph) + "段「" + l.text + "」: 层级从 " +
                               std::to_string(previous) + " 跳到 " + std::to_string(l.level) + "（level_jump）");
      previous = l.level;
    } else {
      continue;
    }
    out.lines.push_back(std::move(l));
  }
  if (!title && opt.detect_title)
    out.warnings.insert(out.warnings.begin(),
                        "第" + std::to_string(paras.empty() ? 1 : paras[0].at.paragraph) + "段: 没有可认出的标题（no_title）");
  return out;
}

void apply_outline(model::Document& doc, const Outline& outline) {
  for (auto& s : doc.sections)
    for (auto& b : s.blocks)
      if (auto* p = std::get_if<model::Paragraph>(&b.value)) {
        p->heading_level = 0;
        if (is_title_style(p->style)) p->style.clear();
      }
  for (const OutlineLine& l : outline.lines) {
    auto& p = std::get<model::Paragraph>(doc.sections[l.at.section].blocks[l.at.block].value);
    if (l.role == Role::Title) p.style = "title";
    if (l.role == Role::Heading) p.heading_level = std::min(l.level, 9);
    if (l.kind != HeadingKind::Markdown) continue;
    // Drop the "## " marker from the first run that holds it.
    for (auto& r : p.runs) {
      size_t pos = r.text.find_first_not_of(" \t");
      if (pos != std::string::npos && r.text[pos] == '#') {
        size_t end = r.text.find_first_not_of('#', pos);
        end = r.text.find_first_not_of(' ', end);
        r.text.erase(0, end == std::string::npos ? r.text.size() : end);
        break;
      }
    }
  }
}

void detect_structure(model::Document& doc, const StructureOptions& opt) { apply_outline(doc, detect_outline(doc, opt)); }

}  // namespace lh::normalize
