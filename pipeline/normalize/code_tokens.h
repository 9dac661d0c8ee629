// Internal: finds 18-character code tokens (统一社会信用代码 GB 32100-2015, 居民身份证号 GB 11643-1999)
// in running text and decides which is which. Not part of the public interface.
//
// Decision order for one maximal run of ASCII letters/digits (after width folding and upper-casing)
// that is exactly 18 characters long:
//   17 digits + [0-9X]:  valid ID (checksum and birth date) → ID;  else valid credit code → credit code;
//                        else a plausible ID (region 1–8, real birth date) → ID with valid=false;
//                        else shaped like a credit code → credit code with valid=false; else nothing.
//   anything else:       characters 1–17 in the GB 32100 set (the 18th may be any letter or digit)
//                        and the first a registration authority code (1–9, A, N, Y) → credit code
//                        (valid or not); else nothing.
// So "a string that is a valid ID is an ID", and an 18-digit credit code such as 914403001922038216
// (birth date 0019-22-03 impossible) stays a credit code.
#pragma once
#include <string>
#include <vector>

#include <unicode/unistr.h>

namespace lh::normalize::detail {

enum class CodeKind { Id, CreditCode };

struct CodeToken {
  CodeKind kind;
  int32_t start;   // UTF-16 offsets into the text that was scanned
  int32_t end;
  std::string code;  // folded: half-width, upper case
  bool valid;
};

// `folded` must come from fold_field_width(text, /*upper=*/true).
std::vector<CodeToken> find_code_tokens(const icu::UnicodeString& folded);

// The two checks separately (GB 32100-2015 §4 check character; GB 11714 check of positions 9–17).
bool credit_check_char_ok(std::string_view code18);
bool credit_org_code_ok(std::string_view code18);
bool in_credit_charset(char c);
// GB 11643-1999 checksum alone, and checksum plus a real birth date (1880–2100; GB 11643 own example is 1880).
bool id_checksum_ok(std::string_view id18);
bool id_birth_date_ok(std::string_view id18);

}  // namespace lh::normalize::detail
