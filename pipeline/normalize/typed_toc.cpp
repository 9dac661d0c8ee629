// Hand-typed tables of contents (see typed_toc.h).
#include "normalize/typed_toc.h"

#include <array>

namespace lh::normalize {
namespace {

constexpr size_t kMaxGroupChars = 90;  // a group line ("第一篇　党建工作") between entries: short
constexpr size_t kMaxGroupLines = 3;   // ... and few in a row

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// Strips blanks (ASCII, U+3000) from the end of `s`, and tabs unless `keep_tabs`.
std::string_view rtrim(std::string_view s, bool keep_tabs = false) {
  for (;;) {
    if (!s.empty() && (s.back() == ' ' || (s.back() == '\t' && !keep_tabs) || s.back() == '\r')) s.remove_suffix(1);
    else if (ends_with(s, "\xE3\x80\x80")) s.remove_suffix(3);
    else return s;
  }
}

// Strips a page number from the end of `s`: ASCII or full-width digits, or a roman numeral (front
// matter i, ii, …). False when there is none.
bool strip_page_number(std::string_view& s) {
  const size_t before = s.size();
  for (;;) {
    if (!s.empty() && s.back() >= '0' && s.back() <= '9') s.remove_suffix(1);
    else if (s.size() >= 3 && s[s.size() - 3] == '\xEF' && s[s.size() - 2] == '\xBC' &&
             static_cast<unsigned char>(s.back()) >= 0x90 && static_cast<unsigned char>(s.back()) <= 0x99)
      s.remove_suffix(3);  // U+FF10..FF19
    else break;
  }
  if (s.size() < before) return true;
  size_t roman = 0;
  while (roman < s.size() && roman < 6 && std::string_view("ivxlcIVXLC").find(s[s.size() - 1 - roman]) != std::string_view::npos)
    ++roman;
  if (roman == 0) return false;
  s.remove_suffix(roman);
  return true;
}

// Strips the leader before the page number: a tab, or a run of dot-like characters (two or more,
// or one ellipsis). False when there is none: "第一章 总则 1" alone is no entry, "1" may be text.
bool strip_leader(std::string_view& s) {
  static constexpr std::array<std::string_view, 10> kDots = {
      ".", "\xC2\xB7", "\xE2\x80\xA2", "\xEF\xBC\x8E", "-", "_", "\xE2\x80\x94", "\xE2\x80\xA6", "\xE2\x8B\xAF", "\xE3\x80\x82"};
  //  .  ·  •  ．  -  _  —  …  ⋯  。
  s = rtrim(s, true);
  if (!s.empty() && s.back() == '\t') {
    s = rtrim(s);
    return true;
  }
  size_t dots = 0;
  bool ellipsis = false;
  for (bool more = true; more;) {
    more = false;
    for (std::string_view d : kDots)
      if (ends_with(s, d)) {
        s.remove_suffix(d.size());
        ++dots;
        ellipsis = ellipsis || d == kDots[7] || d == kDots[8];
        more = true;
        break;
      }
  }
  if (dots >= 2 || ellipsis) {
    s = rtrim(s);
    return true;
  }
  return false;
}

const model::Paragraph* paragraph_at(const model::Section& s, size_t i) {
  return std::get_if<model::Paragraph>(&s.blocks[i].value);
}

// The index of the last entry of a typed TOC whose "目录" line is block `at`, or 0 when none.
size_t typed_toc_end(const model::Section& s, size_t at) {
  size_t entries = 0, last = 0, groups = 0;
  for (size_t i = at + 1; i < s.blocks.size(); ++i) {
    const model::Paragraph* p = paragraph_at(s, i);
    if (!p) break;
    const std::string text = p->plain_text();
    if (rtrim(text).empty()) continue;
    if (is_typed_toc_entry(text)) {
      ++entries, last = i, groups = 0;
      continue;
    }
    // A group line is short and no sentence (。); more than a few in a row: the body has begun.
    if (++groups > kMaxGroupLines || text.size() > kMaxGroupChars || text.find("\xE3\x80\x82") != std::string::npos)
      break;
  }
  return entries >= 2 ? last : 0;
}

}  // namespace

bool names_a_toc(std::string_view line) {
  std::string t;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == ' ' || line[i] == '\t') continue;
    if (line.substr(i, 3) == "\xE3\x80\x80") {  // U+3000 ideographic space
      i += 2;
      continue;
    }
    t += line[i];
  }
  return t == "目录" || t == "目次";
}

model::TableOfContents toc_named(std::string_view line) {
  model::TableOfContents toc;
  if (line.find("次") != std::string_view::npos) toc.title = "目\xE3\x80\x80\xE3\x80\x80次";
  return toc;
}

bool is_typed_toc_entry(std::string_view line) {
  std::string_view s = rtrim(line);
  if (!strip_page_number(s) || !strip_leader(s)) return false;
  return !rtrim(s).empty();
}

int replace_typed_toc(model::Document& doc) {
  int replaced = 0;
  for (auto& s : doc.sections)
    for (size_t i = 0; i < s.blocks.size(); ++i) {
      const model::Paragraph* p = paragraph_at(s, i);
      if (!p || !names_a_toc(p->plain_text())) continue;
      const size_t last = typed_toc_end(s, i);
      if (last == 0) continue;
      model::TableOfContents toc = toc_named(p->plain_text());
      s.blocks.erase(s.blocks.begin() + static_cast<std::ptrdiff_t>(i) + 1, s.blocks.begin() + static_cast<std::ptrdiff_t>(last) + 1);
      s.blocks[i] = model::Block{std::move(toc)};
      ++replaced;
    }
  return replaced;
}

}  // namespace lh::normalize
