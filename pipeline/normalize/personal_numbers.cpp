// Masking of personal numbers in running text (issue 5 §5): 居民身份证号 (GB 11643-1999) keep the
// first 4 and last 4 characters; mobile numbers (1[3-9] + 9 digits, the mainland numbering plan)
// keep the first 3 and last 4. Separators (138-1234-5678, 138 1234 5678) and a +86 prefix are kept.
// Digits in the output are half-width; the rest of the text is returned untouched.
// Mobile numbers inside an 18-character 统一社会信用代码 are not numbers of persons and stay as written.
#include <algorithm>
#include <memory>
#include <string>

#include "normalize/code_tokens.h"
#include "normalize/field_text.h"
#include "normalize/fields.h"

namespace lh::normalize {
namespace {

using detail::to_utf8;

const icu::RegexPattern& mobile_re() {
  static const icu::RegexPattern* p = detail::compile_regex(
      u"(?<![0-9])((?:\\+?86[- ]?)?)(1[3-9][0-9])([- ]?)([0-9]{4})\\3([0-9]{4})(?![0-9])");
  return *p;
}

struct Span {
  int32_t start, end;
  std::string replacement;
};

// Mobile spans in folded text; the replacement is the masked number.
std::vector<Span> mobile_spans(const icu::UnicodeString& f) {
  std::vector<Span> out;
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(mobile_re().matcher(f, st));
  if (U_FAILURE(st)) return out;
  while (m->find(st) && U_SUCCESS(st)) {
    const std::string sep = to_utf8(m->group(3, st));
    std::string masked = to_utf8(m->group(1, st)) + to_utf8(m->group(2, st)) + sep + "****" + sep +
                         to_utf8(m->group(5, st));
    if (U_FAILURE(st)) break;
    out.push_back({m->start(st), m->end(st), std::move(masked)});
  }
  return out;
}

}  // namespace

std::string mask_mobile(std::string_view phone) {
  const icu::UnicodeString f = detail::trim(detail::fold_field_width(detail::from_utf8(phone)));
  auto spans = mobile_spans(f);
  if (spans.size() == 1 && spans[0].start == 0 && spans[0].end == f.length()) return spans[0].replacement;
  return std::string(phone);  // not a mobile number: unchanged
}

std::string mask_personal_numbers(std::string_view text) {
  const icu::UnicodeString raw = detail::from_utf8(text);
  const icu::UnicodeString f = detail::fold_field_width(raw, /*upper=*/true);
  std::vector<Span> spans;
  const auto tokens = detail::find_code_tokens(f);
  for (auto& t : tokens)
    if (t.kind == detail::CodeKind::Id) spans.push_back({t.start, t.end, mask_id_number(t.code)});
  for (auto& s : mobile_spans(f)) {
    bool inside_code = std::any_of(tokens.begin(), tokens.end(),
                                   [&](const auto& t) { return s.start < t.end && t.start < s.end; });
    if (!inside_code) spans.push_back(std::move(s));
  }
  if (spans.empty()) return std::string(text);
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
  std::string out;
  out.reserve(text.size());
  int32_t at = 0;
  for (auto& s : spans) {
    if (s.start < at) continue;  // overlapping spans cannot occur; be safe anyway
    out += to_utf8(raw, at, s.start);
    out += s.replacement;
    at = s.end;
  }
  out += to_utf8(raw, at, raw.length());
  return out;
}

}  // namespace lh::normalize
