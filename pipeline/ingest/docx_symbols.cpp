// Symbol-font glyphs in Word text (ECMA-376 Part 1 §17.3.3.30 w:sym; §17.3.2.26 w:rFonts): the
// check boxes and ticks of Chinese office forms. Word writes them as a code in a symbol font, not as
// Unicode: Insert Symbol gives <w:sym w:font="Wingdings 2" w:char="F052"/>, and the common way of
// typing a ticked box is the letter R in the font Wingdings 2 (S, T a crossed box, £ an empty box,
// P a tick). Read as plain text they were either dropped (w:sym) or left as the letters ("R符合
// £不符合"), so a reading copy lost which box was ticked and a record's 检查结果 could not be read.
// Codes from the fonts' own glyph tables (Microsoft Wingdings, Wingdings 2), mapped to the Unicode
// characters of the same meaning; an empty box as ☐, so that it matches the ☑ and ☒ beside it (all
// three drawn by the roles' last face, DejaVu Sans: fonts/roles.json). A code not listed has no
// meaning a reader needs and is left out.
#include <string>
#include <string_view>

#include <unicode/utf8.h>

#include "ingest/docx_internal.h"

namespace lh::ingest::docx {
namespace {

struct SymbolChar {
  unsigned code;  // the font's code (0x20..0xFF; w:sym adds 0xF000)
  const char* text;
};

// Wingdings: o □, n ■, l ●, ¡ ○, ¨ ◻, q ❑, x ⌧, ü ✓, û ✗, ý ☒, þ ☑.
constexpr SymbolChar kWingdings[] = {{0x6F, "☐"}, {0x6E, "■"}, {0x6C, "●"}, {0xA1, "○"}, {0xA8, "☐"}, {0x71, "☐"},
                                     {0x78, "☒"}, {0xFC, "✓"}, {0xFB, "✗"}, {0xFD, "☒"}, {0xFE, "☑"}};
// Wingdings 2: R ☑, S ☒, T ☒, Q ☒, £ □, * □, P ✓, O ✗, ™ ●, š ○.
constexpr SymbolChar kWingdings2[] = {{0x52, "☑"}, {0x53, "☒"}, {0x54, "☒"}, {0x51, "☒"}, {0xA3, "☐"},
                                      {0x2A, "☐"}, {0x50, "✓"}, {0x4F, "✗"}, {0x99, "●"}, {0x9A, "○"}};

template <size_t N>
std::string look_up(const SymbolChar (&table)[N], unsigned code) {
  for (const SymbolChar& s : table)
    if (s.code == code) return s.text;
  return {};
}

// "Wingdings 2", "wingdings2": the font's name without case and spaces.
std::string folded(std::string_view font) {
  std::string out;
  for (char c : font)
    if (c != ' ') out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

}  // namespace

bool is_symbol_font(std::string_view font) {
  const std::string f = folded(font);
  return f == "wingdings" || f == "wingdings2";
}

std::string symbol_text(std::string_view font, unsigned code) {
  if (code >= 0xF000 && code <= 0xF0FF) code -= 0xF000;
  if (code > 0xFF) return {};
  const std::string f = folded(font);
  if (f == "wingdings") return look_up(kWingdings, code);
  if (f == "wingdings2") return look_up(kWingdings2, code);
  return {};
}

std::string symbol_run_text(std::string_view font, std::string_view text) {
  std::string out;
  // A code above 0x7F reaches us as U+0080..U+00FF (£ is U+00A3) or U+F080..U+F0FF; symbol_text
  // takes both and gives nothing for any other character.
  for (int32_t i = 0, n = static_cast<int32_t>(text.size()); i < n;) {
    UChar32 c = 0;
    U8_NEXT(text.data(), i, n, c);
    if (c > 0) out += symbol_text(font, static_cast<unsigned>(c));
  }
  return out;
}

}  // namespace lh::ingest::docx
