// Numbering (ECMA-376 Part 1 §17.9) of a WordprocessingML package: which list a numbered paragraph
// is in, and the number Word prints before it. Offices number their headings this way ("第%1章"
// in chineseCounting, "%1、", "（%1）"): the number is in numbering.xml, not in the paragraph's
// text, and a reader that drops it turns "第一章　总则" into "总则" (issue 11).
#include <algorithm>
#include <cctype>

#include "ingest/docx_internal.h"
#include "normalize/numerals.h"

namespace lh::ingest::docx {
namespace {

// One number in a level's format (ST_NumberFormat §17.18.59). Formats not listed print as decimal,
// as Word does for formats it has no glyphs for.
std::string formatted(int n, const std::string& f) {
  if (f == "none") return "";
  if (f.rfind("chineseCounting", 0) == 0 || f == "taiwaneseCounting" || f == "taiwaneseCountingThousand" ||
      f == "japaneseCounting")
    return normalize::chinese_number(n);
  if (f == "chineseLegalSimplified") {  // 壹 贰 叁 … as on cheques; beyond 10 written as counting
    static const char* const kLegal[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖", "拾"};
    return n >= 0 && n <= 10 ? kLegal[n] : normalize::chinese_number(n);
  }
  if (f == "ideographTraditional" && n >= 1 && n <= 10) {  // the ten heavenly stems 甲 … 癸
    static const char* const kStems[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
    return kStems[n - 1];
  }
  if (f == "ideographZodiac" && n >= 1 && n <= 12) {  // the twelve earthly branches 子 … 亥
    static const char* const kBranches[] = {"子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥"};
    return kBranches[n - 1];
  }
  if ((f == "decimalEnclosedCircle" || f == "decimalEnclosedCircleChinese") && n >= 1 && n <= 20) {
    std::string s = "\xE2\x91\xA0";  // U+2460 ①, ② … ⑳ follow it
    s[2] = static_cast<char>(0xA0 + n - 1);
    return s;
  }
  if ((f == "lowerLetter" || f == "upperLetter") && n >= 1) {  // a … z, aa … zz (§17.18.59)
    const char c = static_cast<char>((f == "lowerLetter" ? 'a' : 'A') + (n - 1) % 26);
    return std::string(static_cast<size_t>((n - 1) / 26 + 1), c);
  }
  if (f == "lowerRoman" || f == "upperRoman") {
    std::string s = normalize::roman_number(n);
    if (f == "upperRoman") std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
    return s;
  }
  if (f == "decimalFullWidth" || f == "decimalFullWidth2") {
    std::string s;
    for (char c : std::to_string(n)) s += "\xEF\xBC" + std::string(1, static_cast<char>(0x90 + (c - '0')));  // U+FF10 ０
    return s;
  }
  if (f == "decimalZero" && n < 10) return "0" + std::to_string(n);
  return std::to_string(n);
}

// What Word prints between the number and the text (w:suff, tab by default). A tab is read as the
// full-width space a clerk types after "第一章" (GB/T 9704-2012 §7.3.3 headings); after a number
// that ends in its own punctuation (一、 （一） 1.) the text follows directly, as §7.3.3 writes it.
std::string follower(const std::string& number, const std::string& suffix) {
  if (suffix == "nothing" || number.empty()) return "";
  for (const char* p : {"、", "）", ")", ".", "．"})
    if (number.size() >= std::char_traits<char>::length(p) &&
        number.compare(number.size() - std::char_traits<char>::length(p), std::string::npos, p) == 0)
      return "";
  return suffix == "space" ? " " : "\xE3\x80\x80";  // U+3000
}

Numbering::Level read_level(const xmlNode* lvl) {
  Numbering::Level l;
  if (xmlNode* f = w_child(lvl, "numFmt")) l.format = w_attr(f, "val").value_or("decimal");
  if (xmlNode* t = w_child(lvl, "lvlText")) l.text = w_attr(t, "val").value_or("");
  if (xmlNode* s = w_child(lvl, "start")) l.start = to_int(w_attr(s, "val").value_or("")).value_or(0);
  if (xmlNode* s = w_child(lvl, "suff")) l.suffix = w_attr(s, "val").value_or("tab");
  return l;
}

}  // namespace

void Numbering::load(const xmlNode* root) {
  for (xmlNode* e : elements(root)) {
    if (is_w(e, "abstractNum")) {
      auto aid = to_int(w_attr(e, "abstractNumId").value_or(""));
      if (!aid) continue;
      auto& levels = levels_[*aid];
      for (xmlNode* lvl : elements(e)) {
        if (!is_w(lvl, "lvl")) continue;
        auto il = to_int(w_attr(lvl, "ilvl").value_or(""));
        if (!il || *il < 0 || *il > 8) continue;
        levels[*il] = read_level(lvl);
      }
    } else if (is_w(e, "num")) {
      auto nid = to_int(w_attr(e, "numId").value_or(""));
      xmlNode* a = w_child(e, "abstractNumId");
      auto aid = a ? to_int(w_attr(a, "val").value_or("")) : std::nullopt;
      if (!nid || !aid) continue;
      num_to_abstract_[*nid] = *aid;
      for (xmlNode* o : elements(e)) {  // w:lvlOverride/w:startOverride (§17.9.27): a list restarted
        if (!is_w(o, "lvlOverride")) continue;
        auto il = to_int(w_attr(o, "ilvl").value_or(""));
        xmlNode* so = w_child(o, "startOverride");
        auto v = so ? to_int(w_attr(so, "val").value_or("")) : std::nullopt;
        if (il && *il >= 0 && *il <= 8 && v) start_overrides_[*nid][*il] = *v;
      }
    }
  }
}

const Numbering::Level* Numbering::level(int num_id, int ilvl) const {
  if (num_id <= 0) return nullptr;  // numId 0 removes numbering (§17.9.18)
  auto n = num_to_abstract_.find(num_id);
  if (n == num_to_abstract_.end()) return nullptr;
  auto a = levels_.find(n->second);
  if (a == levels_.end()) return nullptr;
  auto l = a->second.find(ilvl);
  return l == a->second.end() ? nullptr : &l->second;
}

model::ListKind Numbering::kind(int num_id, int ilvl) const {
  if (num_id <= 0 || !num_to_abstract_.count(num_id)) return model::ListKind::None;
  const Level* l = level(num_id, ilvl);
  if (!l) return model::ListKind::Decimal;
  const std::string& f = l->format;
  if (f == "bullet") return model::ListKind::Bullet;
  if (f == "none") return model::ListKind::None;
  if (f.find("chinese") != std::string::npos || f.find("ideograph") != std::string::npos ||
      f == "japaneseCounting" || f == "taiwaneseCounting" || f == "taiwaneseCountingThousand")
    return model::ListKind::ChineseLevel;
  return model::ListKind::Decimal;
}

bool Numbering::numbers_structure(int num_id, int ilvl) const {
  const Level* l = level(num_id, ilvl);
  if (!l || !l->text || l->format == "bullet" || l->format == "none") return false;
  const std::string& t = *l->text;  // "第%1条": 第, one %k, one unit; nothing else
  if (t.size() != 3 + 2 + 3 || t.compare(0, 3, "第") != 0 || t[3] != '%' || t[4] < '1' || t[4] > '9') return false;
  const std::string unit = t.substr(5);
  return unit == "条" || unit == "章" || unit == "节" || unit == "编";
}

std::string Numbering::next_label(int num_id, int ilvl) {
  if (ilvl < 0 || ilvl > 8 || !level(num_id, ilvl)) return "";
  auto& count = counters_.try_emplace(num_id).first->second;
  auto start_of = [&](int il) {
    auto o = start_overrides_.find(num_id);
    if (o != start_overrides_.end())
      if (auto s = o->second.find(il); s != o->second.end()) return s->second;
    const Level* l = level(num_id, il);
    return l ? l->start : 0;
  };
  count[ilvl] = count[ilvl] ? *count[ilvl] + 1 : start_of(ilvl);
  for (int il = ilvl + 1; il < 9; ++il) count[il].reset();  // a deeper level starts again (w:lvlRestart unset)
  const Level& l = *level(num_id, ilvl);
  if (l.format == "bullet") return "";
  std::string text = l.text.value_or("%" + std::to_string(ilvl + 1) + ".");
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {  // "%k": level k's number in level k's format
    if (text[i] == '%' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9') {
      const int k = text[i + 1] - '1';
      const Level* lk = level(num_id, k);
      out += formatted(count[k].value_or(start_of(k)), lk ? lk->format : "decimal");
      ++i;
    } else {
      out += text[i];
    }
  }
  // An article keeps a space after "第X条" even where Word prints none (w:suff nothing): its number
  // is set off from its text as the 条 style writes it (wave2.md §2.1), and the text alone cannot tell
  // "第一条本制度…" from a sentence that cites an article ("第三条规定的…", normalize/structure.h).
  const bool article = numbers_structure(num_id, ilvl) && l.text->size() >= 3 && l.text->compare(l.text->size() - 3, 3, "条") == 0;
  return out + (article && l.suffix == "nothing" ? std::string("\xE3\x80\x80") : follower(out, l.suffix));
}

}  // namespace lh::ingest::docx
