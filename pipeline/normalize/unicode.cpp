// 清扫 and 清洁 of text (issue 2 §5): what no writer may see is dropped (XML 1.0 §2.2 Char, which
// Word enforces, libraries.md §6), text is put in Unicode NFC (UAX #15, ICU Normalizer2), and
// 繁体 becomes 简体 with OpenCC tw2s — the only converter that gets the particle 著→着 right and
// leaves vocabulary alone (libraries.md §4: tw2sp rewrites 檔案→文件; t2s keeps 看著).
#include "normalize/unicode.h"

#include <opencc/Config.hpp>
#include <opencc/Conversion.hpp>
#include <opencc/ConversionChain.hpp>
#include <opencc/Converter.hpp>
#include <opencc/Dict.hpp>
#include <opencc/Lexicon.hpp>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "normalize/encoding.h"

namespace lh::normalize {
namespace {

bool is_noncharacter_to_drop(UChar32 c) { return c == 0xFFFE || c == 0xFFFF; }

std::vector<UChar32> code_point_list(std::string_view s) {
  std::vector<UChar32> out;
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c = 0;
    U8_NEXT(s.data(), i, n, c);
    out.push_back(c);
  }
  return out;
}

// What one stage of the conversion chain can do, from its dictionary (sorted vectors: a few
// thousand entries, read once per process).
struct StageKeys {
  std::vector<UChar32> flagged;                        // characters it may change (see below)
  std::vector<UChar32> key_chars;                      // every character of every key, repeats kept
  std::vector<std::pair<UChar32, UChar32>> single;     // one-character entries that change it
  size_t keys_holding(UChar32 c) const {
    const auto r = std::equal_range(key_chars.begin(), key_chars.end(), c);
    return static_cast<size_t>(r.second - r.first);
  }
  bool flags(UChar32 c) const { return std::binary_search(flagged.begin(), flagged.end(), c); }
  const UChar32* single_of(UChar32 c) const {
    const auto it = std::lower_bound(single.begin(), single.end(), std::make_pair(c, UChar32{-1}));
    return it != single.end() && it->first == c ? &it->second : nullptr;
  }
};

StageKeys stage_keys(const opencc::ConversionPtr& conversion) {
  StageKeys s;
  opencc::LexiconPtr lexicon = conversion->GetDict()->GetLexicon();
  for (const auto& entry : *lexicon) {
    const std::string key = entry->Key(), value = entry->GetDefault();
    const auto k = code_point_list(key);
    s.key_chars.insert(s.key_chars.end(), k.begin(), k.end());
    if (key == value) continue;
    const auto v = code_point_list(value);
    for (size_t i = 0; i < k.size(); ++i)
      if (k.size() != v.size() || k[i] != v[i]) s.flagged.push_back(k[i]);
    if (k.size() == 1 && v.size() == 1) s.single.emplace_back(k[0], v[0]);
  }
  std::sort(s.key_chars.begin(), s.key_chars.end());
  std::sort(s.flagged.begin(), s.flagged.end());
  s.flagged.erase(std::unique(s.flagged.begin(), s.flagged.end()), s.flagged.end());
  std::sort(s.single.begin(), s.single.end());
  return s;
}

// A character that one stage changes only as itself (c → x, c in no other key of that stage) and
// the next stage changes straight back (x → c, x in no other key of that stage), and that no other
// stage changes, comes out of the chain as it went in: tw2s turns 核 into 覈 (TWVariantsRev) and
// 覈 back into 核 (TSCharacters), and 核 is in 审核 — half the paragraphs of a rule book.
bool round_trips(const std::vector<StageKeys>& stages, size_t i, UChar32 c, UChar32 x) {
  if (i + 1 >= stages.size() || stages[i].keys_holding(c) != 1) return false;
  const StageKeys& next = stages[i + 1];
  const UChar32* back = next.single_of(x);
  if (!back || *back != c || next.keys_holding(x) != 1) return false;
  for (size_t t = 0; t < stages.size(); ++t)
    if (t != i && stages[t].flags(c)) return false;
  return true;
}

// The code points tw2s can change: for every entry of every dictionary of its conversion chain
// whose value differs from its key, the key's characters where they differ (all of them when the
// lengths differ), less the characters that go there and back (round_trips). Text with none of
// them comes out of OpenCC unchanged (each stage of the chain changes only a match whose value
// differs; a round-tripping character is matched only by its own one-character entries), so it
// need not go in: most of a simplified register is such text, and OpenCC's dictionary matching was
// 60% of reading a 100,000-row CSV (issue 13 §4).
// Empty when the dictionaries cannot be listed: then everything goes through OpenCC, as before.
std::unique_ptr<std::bitset<0x110000>> changeable_code_points(const opencc::Converter& converter) {
  try {
    auto set = std::make_unique<std::bitset<0x110000>>();
    std::vector<StageKeys> stages;
    for (const opencc::ConversionPtr& conversion : converter.GetConversionChain()->GetConversions())
      stages.push_back(stage_keys(conversion));
    for (const StageKeys& s : stages)
      for (UChar32 c : s.flagged)
        if (c >= 0 && c < 0x110000) set->set(static_cast<size_t>(c));
    for (size_t i = 0; i < stages.size(); ++i)
      for (const auto& [c, x] : stages[i].single)
        if (c >= 0 && c < 0x110000 && round_trips(stages, i, c, x)) set->reset(static_cast<size_t>(c));
    return set;
  } catch (...) {
    return nullptr;
  }
}

opencc::ConverterPtr open_tw2s() {
  try {
    return opencc::Config().NewFromFile("tw2s.json");
  } catch (...) {
    return nullptr;
  }
}

// The one tw2s converter of the process: OpenCC's C++ converter, which opencc_convert_utf8 wraps
// (SimpleConverter), opened once and also read for the pre-check (the C handle hid its
// dictionaries, so they were loaded twice). Converting is const and thread-safe; the static
// initialisation is too.
class Tw2s {
 public:
  static const Tw2s& instance() {
    static const Tw2s t;
    return t;
  }
  bool ok() const { return converter_ != nullptr; }
  // False when no character of utf8 is one tw2s changes (then convert() gives utf8 back).
  bool may_change(std::string_view utf8) const {
    if (!changeable_) return true;
    const auto n = static_cast<int32_t>(utf8.size());
    for (int32_t i = 0; i < n;) {
      UChar32 c = 0;
      U8_NEXT(utf8.data(), i, n, c);
      if (c < 0 || changeable_->test(static_cast<size_t>(c))) return true;
    }
    return false;
  }
  std::string convert(std::string_view utf8) const {
    if (!ok() || utf8.empty() || !may_change(utf8)) return std::string(utf8);
    try {
      return converter_->Convert(std::string(utf8));
    } catch (...) {
      return std::string(utf8);  // what opencc_convert_utf8's NULL led to
    }
  }
  Tw2s(const Tw2s&) = delete;
  Tw2s& operator=(const Tw2s&) = delete;

 private:
  Tw2s() : converter_(open_tw2s()), changeable_(converter_ ? changeable_code_points(*converter_) : nullptr) {}
  opencc::ConverterPtr converter_;
  std::unique_ptr<std::bitset<0x110000>> changeable_;
};

// Byte offset of the code point `count` code points into s.
size_t offset_of(std::string_view s, size_t count) {
  size_t i = 0;
  for (; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (count == 0) return i;
      --count;
    }
  return s.size();
}

// 繁→简 over a paragraph's runs as one text, so a phrase split across runs (檔|案) still
// converts as a phrase; tw2s keeps the number of characters in practice, and when it does the
// result is cut back into the runs at the same places. Otherwise each run is converted alone.
// `joined` is the runs' text, `converted` its tw2s form.
void put_back_simplified(std::vector<model::Run>& runs, const std::string& joined, const std::string& converted) {
  if (converted == joined) return;
  if (code_points(converted) == code_points(joined)) {
    size_t start_cp = 0;
    for (auto& r : runs) {
      const size_t n = code_points(r.text);
      const size_t b = offset_of(converted, start_cp), e = offset_of(converted, start_cp + n);
      r.text = converted.substr(b, e - b);
      start_cp += n;
    }
    return;
  }
  for (auto& r : runs) r.text = to_simplified(r.text);
}

std::string joined_text(const std::vector<model::Run>& runs) {
  std::string joined;
  for (const auto& r : runs) joined += r.text;
  return joined;
}

void simplify_runs(std::vector<model::Run>& runs) {
  if (runs.empty()) return;
  const std::string joined = joined_text(runs);
  put_back_simplified(runs, joined, to_simplified(joined));
}

// Many paragraphs through one tw2s call each ~256 KiB, joined by line breaks (no phrase of the
// dictionaries spans one): OpenCC's cost per call dominated a register of 600,000 cells (issue 13:
// a 100,000-row 权责清单 took 42 s in 600,000 calls). A paragraph with a line break of its own,
// or a batch whose pieces do not come back one for one, is converted paragraph by paragraph.
void simplify_paragraphs(const std::vector<std::vector<model::Run>*>& paragraphs) {
  constexpr size_t kBatchBytes = 256u << 10;
  size_t i = 0;
  while (i < paragraphs.size()) {
    std::vector<std::vector<model::Run>*> batch;
    std::vector<std::string> texts;
    std::string joined;
    for (; i < paragraphs.size() && joined.size() < kBatchBytes; ++i) {
      std::string t = joined_text(*paragraphs[i]);
      if (!Tw2s::instance().may_change(t)) continue;  // nothing tw2s would change: not sent at all
      if (t.find('\n') != std::string::npos) {
        simplify_runs(*paragraphs[i]);
        continue;
      }
      if (!batch.empty()) joined += '\n';
      joined += t;
      batch.push_back(paragraphs[i]);
      texts.push_back(std::move(t));
    }
    const std::string converted = to_simplified(joined);
    if (converted == joined) continue;
    std::vector<std::string> pieces;
    for (size_t pos = 0;;) {
      const size_t nl = converted.find('\n', pos);
      pieces.push_back(converted.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos));
      if (nl == std::string::npos) break;
      pos = nl + 1;
    }
    for (size_t k = 0; k < batch.size(); ++k) {
      if (pieces.size() == batch.size()) put_back_simplified(*batch[k], texts[k], pieces[k]);
      else simplify_runs(*batch[k]);
    }
  }
}

struct Cleaner {
  const NormalizeOptions& opt;

  std::string text(std::string_view s) const { return nfc(sanitize(s)); }

  // Runs to be simplified once the walk is over (simplify_paragraphs), in document order.
  std::vector<std::vector<model::Run>*>* to_simplify;

  void runs(std::vector<model::Run>& rs) const {
    for (auto& r : rs) r.text = text(r.text);
    if (opt.simplify && !rs.empty()) to_simplify->push_back(&rs);
  }
  void paragraph(model::Paragraph& p) const { runs(p.runs); }
  void blocks(std::vector<model::Block>& bs) const {
    for (auto& b : bs) block(b);
  }
  void block(model::Block& b) const {
    if (auto* p = std::get_if<model::Paragraph>(&b.value)) {
      paragraph(*p);
    } else if (auto* t = std::get_if<model::Table>(&b.value)) {
      for (auto& row : t->rows)
        for (auto& cell : row.cells) blocks(cell.blocks);
    } else if (auto* img = std::get_if<model::Image>(&b.value)) {
      img->description = simple(text(img->description));
    } else if (auto* toc = std::get_if<model::TableOfContents>(&b.value)) {
      toc->title = simple(text(toc->title));
    } else if (auto* d = std::get_if<model::Drawing>(&b.value)) {
      for (auto& f : d->frames) frame(f);
      d->description = simple(text(d->description));
    }
  }
  void header_footer(std::optional<model::HeaderFooter>& hf) const {
    if (!hf) return;
    for (auto& p : hf->paragraphs) paragraph(p);
  }
  void frame(model::Frame& f) const {
    if (auto* tb = std::get_if<model::TextBox>(&f)) runs(tb->runs);
    else if (auto* pi = std::get_if<model::PlacedImage>(&f)) pi->image.description = simple(text(pi->image.description));
  }
  std::string simple(std::string s) const { return opt.simplify ? to_simplified(s) : s; }
};

}  // namespace

std::string sanitize(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  int64_t i = 0;
  const auto n = static_cast<int64_t>(utf8.size());
  while (i < n) {
    const auto b = static_cast<unsigned char>(utf8[static_cast<size_t>(i)]);
    if (b < 0x80) {  // fast path: ASCII; C0 controls other than \t \n \r are not XML characters
      if (b >= 0x20 || b == '\t' || b == '\n' || b == '\r') out += static_cast<char>(b);
      ++i;
      continue;
    }
    const int64_t start = i;
    UChar32 c = 0;
    U8_NEXT(utf8.data(), i, n, c);  // negative for ill-formed bytes and encoded surrogates
    if (c < 0 || is_noncharacter_to_drop(c)) continue;
    out.append(utf8.data() + start, static_cast<size_t>(i - start));
  }
  return out;
}

std::string nfc(std::string_view utf8) {
  UErrorCode e = U_ZERO_ERROR;
  const icu::Normalizer2* n2 = icu::Normalizer2::getNFCInstance(e);
  if (U_FAILURE(e) || !n2) return std::string(utf8);
  const icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  if (n2->isNormalized(s, e) && U_SUCCESS(e) && is_valid_utf8(utf8)) return std::string(utf8);
  e = U_ZERO_ERROR;
  const icu::UnicodeString r = n2->normalize(s, e);
  if (U_FAILURE(e)) return std::string(utf8);
  std::string out;
  r.toUTF8String(out);
  return out;
}

std::string fold_width(std::string_view utf8) {
  // Written out rather than ICU's Fullwidth-Halfwidth transliterator, which would also widen
  // half-width katakana and narrow Hangul; the interface asks for exactly U+FF01–FF5E and U+3000.
  std::string out;
  out.reserve(utf8.size());
  int64_t i = 0;
  const auto n = static_cast<int64_t>(utf8.size());
  while (i < n) {
    const int64_t start = i;
    UChar32 c = 0;
    U8_NEXT(utf8.data(), i, n, c);
    if (c >= 0xFF01 && c <= 0xFF5E) out += static_cast<char>(c - 0xFEE0);
    else if (c == 0x3000) out += ' ';
    else if (c >= 0) out.append(utf8.data() + start, static_cast<size_t>(i - start));
  }
  return out;
}

std::string to_simplified(std::string_view utf8) {
  const Tw2s& t = Tw2s::instance();
  if (is_valid_utf8(utf8)) return t.convert(utf8);
  return t.convert(sanitize(utf8));  // OpenCC expects well-formed UTF-8
}

bool tw2s_may_change(std::string_view utf8) { return Tw2s::instance().may_change(utf8); }

bool looks_traditional(std::string_view utf8) {
  // Only text with a CJK character can change; skip OpenCC for pure ASCII quickly.
  bool non_ascii = false;
  for (char c : utf8)
    if (static_cast<unsigned char>(c) >= 0x80) { non_ascii = true; break; }
  if (!non_ascii) return false;
  return to_simplified(utf8) != utf8;
}

void normalize_document(model::Document& doc, const NormalizeOptions& opt) {
  std::vector<std::vector<model::Run>*> to_simplify;
  const Cleaner c{opt, &to_simplify};
  for (auto& sec : doc.sections) {
    c.blocks(sec.blocks);
    for (auto& page : sec.fixed_pages)
      for (auto& f : page) c.frame(f);
    c.header_footer(sec.header);
    c.header_footer(sec.footer);
  }
  simplify_paragraphs(to_simplify);
}

std::string clean_line(std::string_view utf8) {
  const std::string s = nfc(sanitize(utf8));
  // Each run of line breaks and tabs becomes one space; spaces inside are kept ("目  录" is
  // spaced on purpose); the ends are trimmed (ASCII space and U+3000).
  std::string out;
  out.reserve(s.size());
  bool in_break = false;
  for (char ch : s) {
    const bool brk = ch == '\n' || ch == '\r' || ch == '\t';
    if (brk && !in_break) out += ' ';
    in_break = brk;
    if (!brk) out += ch;
  }
  static constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  std::string_view v = out;
  for (bool trimmed = true; trimmed;) {
    trimmed = false;
    if (!v.empty() && v.front() == ' ') { v.remove_prefix(1); trimmed = true; }
    if (!v.empty() && v.back() == ' ') { v.remove_suffix(1); trimmed = true; }
    if (v.substr(0, 3) == kIdeographicSpace) { v.remove_prefix(3); trimmed = true; }
    if (v.size() >= 3 && v.substr(v.size() - 3) == kIdeographicSpace) { v.remove_suffix(3); trimmed = true; }
  }
  return std::string(v);
}

}  // namespace lh::normalize
