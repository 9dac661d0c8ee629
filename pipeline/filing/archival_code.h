// 档号 (archival code) of DA/T 22-2015《归档文件整理规则》:
//   全宗号-档案门类代码·年度-保管期限代码-机构(问题)代码-件号       e.g. Z109-WS·2011-Y-BGS-0001
// "-" separates a higher from a lower level, "·" (U+00B7) codes of the same level. 全宗号 4 characters
// (digits, or a letter then digits); 门类代码 2 letters; 年度 4 digits; 件号 zero-padded to 4 digits,
// restarting at 0001 in the lowest category (the sequence scope). The layout comes from the scheme.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "filing/scheme.h"

namespace lh::filing {

inline constexpr std::string_view kInterpunct = "\u00B7";  // "·"

struct ArchivalCode {
  std::string fonds;         // 全宗号
  std::string category;      // 门类代码
  int year = 0;              // 年度
  std::string retention;     // 保管期限代码 Y / D30 / D10
  std::string organisation;  // 机构(问题)代码 (may be empty when the layout has none)
  int item = 0;              // 件号 (1-based)

  // Formats with the given layout (DA/T 22 default). Empty string if a segment is invalid or the
  // 件号 does not fit item_digits.
  std::string format(const std::vector<CodeSegment>& layout, int item_digits = 4) const;
  std::string format() const;
  // The value of one segment as written (件号 zero-padded).
  std::string segment(Segment s, int item_digits = 4) const;
  // The sequence-scope key: the scope's segments joined as they would be in the code.
  std::string scope_key(const std::vector<Segment>& scope) const;
  // The 档号 without its 件号, as a clerk reads a sequence scope: "Z109-WS·2024-D10".
  std::string prefix(const std::vector<CodeSegment>& layout) const;

  bool operator==(const ArchivalCode&) const = default;
};

// The largest 件号 a width of item_digits holds: 9,999 for the 4 digits of DA/T 22-2015's 编号 clause
// (档号结构: 件号 4 Arabic digits, zero-padded, numbered within the lowest category of the scheme;
// domain.md §1); the scheme's item-digits may set another width. A sequence that reaches it is full:
// no further item of its scope is numbered (package/archive.cpp sets such items aside).
long largest_item_number(int item_digits);

// The DA/T 22-2015 layout: fonds, -category, ·year, -retention, -organisation, -item.
const std::vector<CodeSegment>& dat22_layout();

// Parses a 档号 written in the layout; nullopt (and why) when any segment breaks its rule.
std::optional<ArchivalCode> parse_archival_code(std::string_view s, const std::vector<CodeSegment>& layout,
                                                int item_digits = 4, std::string* why = nullptr);
std::optional<ArchivalCode> parse_archival_code(std::string_view s, std::string* why = nullptr);

// Segment rules (DA/T 22-2015).
bool valid_fonds(std::string_view s);          // 4 chars: 4 digits or 1 letter + 3 digits
bool valid_category_code(std::string_view s);  // 2 upper-case letters
bool valid_retention_code(std::string_view s); // Y or D + 1..3 digits
bool valid_organisation_code(std::string_view s);  // 1..8 upper-case letters/digits

}  // namespace lh::filing
