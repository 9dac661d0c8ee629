#include "normalize/structure.h"

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <array>
#include <memory>
#include <mutex>

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
    {HeadingKind::Arabic, "^[0-9０-９]{1,3}[.．](?![0-9０-９])"},
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

size_t code_points(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string_view trim(std::string_view s) {
  auto is_space = [](std::string_view t, size_t i) { return t[i] == ' ' || t[i] == '\t' || t[i] == '\r'; };
  while (!s.empty() && is_space(s, 0)) s.remove_prefix(1);
  while (!s.empty() && is_space(s, s.size() - 1)) s.remove_suffix(1);
  while (s.substr(0, 3) == "\xE3\x80\x80") s.remove_prefix(3);  // U+3000 ideographic space
  return s;
}

// Order of kinds from outermost to innermost, for relative levels.
constexpr std::array<HeadingKind, 9> kOrder{HeadingKind::Bian, HeadingKind::Zhang, HeadingKind::Jie,
                                             HeadingKind::Yi,   HeadingKind::ParenYi, HeadingKind::Arabic,
                                             HeadingKind::ParenArabic, HeadingKind::Tiao, HeadingKind::None};

bool has_headings(const model::Document& doc) {
  for (const auto& s : doc.sections)
    for (const auto& b : s.blocks)
      if (const auto* p = std::get_if<model::Paragraph>(&b.value); p && (p->heading_level > 0 || p->style == "title"))
        return true;
  return false;
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
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(line.data(), static_cast<int32_t>(line.size())));
  const Compiled& c = compiled();
  for (size_t i = 0; i < kPatterns.size(); ++i) {
    if (!c.re[i]) continue;
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(c.re[i]->matcher(u, st));
    if (U_SUCCESS(st) && m->lookingAt(st) && U_SUCCESS(st)) return kPatterns[i].kind;
  }
  return HeadingKind::None;
}

void detect_structure(model::Document& doc, const StructureOptions& opt) {
  if (has_headings(doc)) return;
  // Pass 1: which kinds occur on short lines.
  std::array<bool, kOrder.size()> present{};
  bool markdown = false;
  for (const auto& s : doc.sections)
    for (const auto& b : s.blocks)
      if (const auto* p = std::get_if<model::Paragraph>(&b.value)) {
        std::string text = p->plain_text();
        if (code_points(trim(text)) > opt.max_heading_chars) continue;
        HeadingKind k = heading_kind(text);
        if (k == HeadingKind::Markdown) markdown = true;
        for (size_t i = 0; i < kOrder.size(); ++i)
          if (kOrder[i] == k) present[i] = true;
      }
  auto level_of = [&](HeadingKind k) {
    int level = 0;
    for (size_t i = 0; i < kOrder.size(); ++i) {
      if (present[i]) ++level;
      if (kOrder[i] == k) return present[i] ? level : 0;
    }
    return 0;
  };
  // Pass 2: mark. The title is the first non-empty short line that is no heading.
  bool title_done = !opt.detect_title;
  for (auto& s : doc.sections)
    for (auto& b : s.blocks) {
      auto* p = std::get_if<model::Paragraph>(&b.value);
      if (!p) continue;
      std::string text = p->plain_text();
      std::string_view t = trim(text);
      if (t.empty()) continue;
      int md = 0;
      HeadingKind k = code_points(t) <= opt.max_heading_chars ? heading_kind(t, &md) : HeadingKind::None;
      if (k == HeadingKind::Markdown && markdown) {
        p->heading_level = md;
        // Drop the "## " marker from the first run that holds it.
        for (auto& r : p->runs) {
          size_t pos = r.text.find_first_not_of(" \t");
          if (pos != std::string::npos && r.text[pos] == '#') {
            size_t end = r.text.find_first_not_of('#', pos);
            end = r.text.find_first_not_of(' ', end);
            r.text.erase(0, end == std::string::npos ? r.text.size() : end);
            break;
          }
        }
        title_done = true;
        continue;
      }
      if (k != HeadingKind::None && k != HeadingKind::Markdown) {
        p->heading_level = level_of(k);
        title_done = true;
        continue;
      }
      if (!title_done) {
        title_done = true;
        if (code_points(t) <= opt.max_heading_chars && t.find("。") == std::string_view::npos) p->style = "title";
      }
    }
}

}  // namespace lh::normalize
