// Unit conversions shared by the part writers. ECMA-376 Part 1: twips (1/1440 in) for page geometry
// and indents, half-points for w:sz (§17.3.2.38), EMU for DrawingML (§20.1.2.1: 36000 per mm).
#include <cmath>
#include <cstdio>

#include "docx/parts.h"

namespace lh::docx::detail {

int64_t twips_from_mm(double mm) { return std::llround(mm * 1440.0 / 25.4); }
int64_t twips_from_pt(double pt) { return std::llround(pt * 20.0); }
int64_t emu_from_mm(double mm) { return std::llround(mm * 36000.0); }
int64_t half_points(double pt) { return std::llround(pt * 2.0); }

std::string hex_rgb(uint32_t rgb) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%06X", static_cast<unsigned>(rgb & 0xFFFFFFu));
  return buf;
}

int64_t text_width_twips(const model::PageSetup& p) {
  return twips_from_mm(p.width_mm) - twips_from_mm(p.left_mm) - twips_from_mm(p.right_mm);
}

int64_t text_height_twips(const model::PageSetup& p) {
  return twips_from_mm(p.height_mm) - twips_from_mm(p.top_mm) - twips_from_mm(p.bottom_mm);
}

// GB/T 9704-2012 §5.2.3: 22 lines in the 225 mm text block. Rounded down so that 22 lines of
// exactly this pitch fit (225 mm = 12756 twips → 579; rounding to 580 would push line 22 over).
int64_t line_pitch_twips(const layout::Style& s) {
  int lines = s.lines_per_page > 0 ? s.lines_per_page : 22;
  return std::max<int64_t>(1, text_height_twips(s.page) / lines);
}

// GB/T 9704-2012 §5.2.3: 28 characters in the 156 mm line. The character grid is made with
// character spacing (w:spacing, §17.3.2.35) on body-size text, not with docGrid linesAndChars:
// 156 mm = 8845 twips / 28 = 315.9 twips a character, 3号 = 320 → −5 twips (−0.25 pt), rounded
// down so 28 characters fit (−4 would give 27). layout/flow.cpp letter-spaces by the same amount.
// Zero when the style has no character grid.
int64_t grid_char_spacing(const layout::Style& s) {
  if (!s.char_grid) return 0;
  const int chars = s.chars_per_line > 0 ? s.chars_per_line : 28;
  const double size_pt = s.body.font.size_pt > 0 ? s.body.font.size_pt : 16;
  const double pitch_twips = static_cast<double>(text_width_twips(s.page)) / chars;
  return std::min<int64_t>(0, static_cast<int64_t>(std::floor(pitch_twips - size_pt * 20.0)));
}

}  // namespace lh::docx::detail
