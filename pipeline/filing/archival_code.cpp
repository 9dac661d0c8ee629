#include "filing/archival_code.h"

#include <charconv>

namespace lh::filing {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

std::string pad(int v, int digits) {
  std::string s = std::to_string(v);
  if (static_cast<int>(s.size()) < digits) s.insert(0, static_cast<size_t>(digits) - s.size(), '0');
  return s;
}

bool all_of(std::string_view s, bool (*pred)(char)) {
  for (char c : s) if (!pred(c)) return false;
  return true;
}

bool is_code_char(char c) { return is_digit(c) || is_upper(c) || (c >= 'a' && c <= 'z'); }

}  // namespace

bool valid_fonds(std::string_view s) {
  if (s.size() != 4) return false;
  if (!(is_digit(s[0]) || is_upper(s[0]))) return false;
  return all_of(s.substr(1), is_digit);
}
bool valid_category_code(std::string_view s) { return s.size() == 2 && all_of(s, is_upper); }
bool valid_retention_code(std::string_view s) {
  if (s == "Y") return true;
  return s.size() >= 2 && s.size() <= 4 && s[0] == 'D' && all_of(s.substr(1), is_digit) && s[1] != '0';
}
bool valid_organisation_code(std::string_view s) {
  if (s.empty() || s.size() > 8) return false;
  for (char c : s) if (!(is_upper(c) || is_digit(c))) return false;
  return true;
}

const std::vector<CodeSegment>& dat22_layout() {
  static const std::vector<CodeSegment> layout = {
      {Segment::Fonds, ""},           {Segment::Category, "-"},
      {Segment::Year, std::string(kInterpunct)}, {Segment::Retention, "-"},
      {Segment::Organisation, "-"},   {Segment::Item, "-"},
  };
  return layout;
}

std::string ArchivalCode::segment(Segment s, int item_digits) const {
  switch (s) {
    case Segment::Fonds: return fonds;
    case Segment::Category: return category;
    case Segment::Year: return year > 0 ? pad(year, 4) : std::string();
    case Segment::Retention: return retention;
    case Segment::Organisation: return organisation;
    case Segment::Item: return item > 0 ? pad(item, item_digits) : std::string();
  }
  return {};
}

std::string ArchivalCode::format(const std::vector<CodeSegment>& layout, int item_digits) const {
  if (!valid_fonds(fonds) || !valid_category_code(category) || year < 1000 || year > 9999 ||
      !valid_retention_code(retention) || item < 1)
    return {};
  if (item > largest_item_number(item_digits)) return {};
  std::string out;
  for (const auto& seg : layout) {
    if (seg.name == Segment::Organisation && organisation.empty()) continue;  // 选择项
    if (seg.name == Segment::Organisation && !valid_organisation_code(organisation)) return {};
    if (!out.empty()) out += seg.separator;
    out += segment(seg.name, item_digits);
  }
  return out;
}

long largest_item_number(int item_digits) {
  long limit = 1;
  for (int i = 0; i < item_digits && i < 9; ++i) limit *= 10;
  return limit - 1;
}

std::string ArchivalCode::prefix(const std::vector<CodeSegment>& layout) const {
  std::string out;
  for (const auto& seg : layout) {
    if (seg.name == Segment::Item || (seg.name == Segment::Organisation && organisation.empty())) continue;
    if (!out.empty()) out += seg.separator;
    out += segment(seg.name);
  }
  return out;
}

std::string ArchivalCode::format() const { return format(dat22_layout(), 4); }

std::string ArchivalCode::scope_key(const std::vector<Segment>& scope) const {
  std::string out;
  for (size_t i = 0; i < scope.size(); ++i) {
    if (i) out += '|';
    out += segment(scope[i]);
  }
  return out;
}

std::optional<ArchivalCode> parse_archival_code(std::string_view s, const std::vector<CodeSegment>& layout,
                                                int item_digits, std::string* why) {
  auto fail = [&](const std::string& m) -> std::optional<ArchivalCode> {
    if (why) *why = m;
    return std::nullopt;
  };
  ArchivalCode c;
  size_t pos = 0;
  bool first = true;
  for (const auto& seg : layout) {
    if (!first) {
      if (s.substr(pos, seg.separator.size()) != seg.separator) {
        if (seg.name == Segment::Organisation) continue;  // optional 机构(问题)
        return fail(std::string("expected \"") + seg.separator + "\" before " + segment_name(seg.name));
      }
      // An organisation segment is optional: if what follows is the last (item) segment, skip it.
      if (seg.name == Segment::Organisation) {
        size_t e = pos + seg.separator.size();
        while (e < s.size() && is_code_char(s[e])) ++e;
        if (e == s.size()) continue;  // only the 件号 remains
      }
      pos += seg.separator.size();
    }
    first = false;
    size_t end = pos;
    while (end < s.size() && is_code_char(s[end])) ++end;
    std::string_view tok = s.substr(pos, end - pos);
    pos = end;
    switch (seg.name) {
      case Segment::Fonds:
        if (!valid_fonds(tok)) return fail("全宗号 must be 4 characters: 4 digits or a letter and 3 digits");
        c.fonds = tok;
        break;
      case Segment::Category:
        if (!valid_category_code(tok)) return fail("门类代码 must be 2 capital letters");
        c.category = tok;
        break;
      case Segment::Year: {
        if (tok.size() != 4 || !all_of(tok, is_digit)) return fail("年度 must be 4 digits");
        std::from_chars(tok.data(), tok.data() + tok.size(), c.year);
        if (c.year < 1000) return fail("年度 out of range");
        break;
      }
      case Segment::Retention:
        if (!valid_retention_code(tok)) return fail("保管期限代码 must be Y or D<years>");
        c.retention = tok;
        break;
      case Segment::Organisation:
        if (!valid_organisation_code(tok)) return fail("机构(问题)代码 must be 1-8 capital letters or digits");
        c.organisation = tok;
        break;
      case Segment::Item: {
        if (static_cast<int>(tok.size()) != item_digits || !all_of(tok, is_digit))
          return fail("件号 must be " + std::to_string(item_digits) + " digits");
        std::from_chars(tok.data(), tok.data() + tok.size(), c.item);
        if (c.item < 1) return fail("件号 starts at 1");
        break;
      }
    }
  }
  if (pos != s.size()) return fail("unexpected text after the 件号");
  if (why) why->clear();
  return c;
}

std::optional<ArchivalCode> parse_archival_code(std::string_view s, std::string* why) {
  return parse_archival_code(s, dat22_layout(), 4, why);
}

}  // namespace lh::filing
