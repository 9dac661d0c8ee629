// A document style: the numbers that govern a page, held as data (templates/styles/*.json) so an
// office can change them. The 公文 style follows GB/T 9704-2012; each value cites its clause there.
// Shared by layout (which measures with it) and every writer (which must agree with it).
#pragma once
#include <array>
#include <cstdint>
#include <string>

#include "model/document.h"

namespace lh::layout {

struct FontSpec {
  model::FontRole role = model::FontRole::Body;
  double size_pt = 16;          // 3号 = 16 pt (GB/T 9704-2012 §5.2.2; see templates/styles/gongwen.json)
  bool bold = false;
};

struct ParagraphStyle {
  FontSpec font;
  model::Align align = model::Align::Justify;
  double first_line_indent_chars = 2;  // §7.3.3: each paragraph indented two characters
  double space_before_lines = 0, space_after_lines = 0;
  bool keep_with_next = false;
  // Added for layout (additive): the colour of the text, 0xRRGGBB.
  uint32_t color_rgb = 0x000000;
};

struct PageNumberStyle {
  bool enabled = true;
  std::string format = "— {n} —";    // §7.5: 一字线 on each side
  FontSpec font{model::FontRole::Song, 14, false};  // 4号半角宋体
  double below_text_block_mm = 7;     // §7.5: 7 mm below the 版心
  bool outside = true;                // odd pages right, even pages left
  double inset_chars = 1;             // one character in from the edge of the 版心
};

struct Style {
  std::string name;                   // "gongwen", "plain"
  model::PageSetup page;
  int lines_per_page = 22;            // §5.2.4: 22 lines × 28 characters
  int chars_per_line = 28;
  ParagraphStyle body;
  ParagraphStyle title;               // the document title (小标宋 22 pt, centred)
  std::array<ParagraphStyle, 4> headings;  // 一、 （一） 1. （1）: 黑体, 楷体, 仿宋, 仿宋 (§7.3.3)
  ParagraphStyle table_text;
  ParagraphStyle header_footer;
  PageNumberStyle page_number;

  // --- added by layout (additive; the DOCX writer may ignore them) -----------------------------
  bool char_grid = true;              // letter-space body-size text so chars_per_line fill a line (§5.2.3)
  double line_height_em = 1.2;        // a line of size s takes ceil(s × this / pitch) grid lines
  double table_line_spacing = 1.2;    // table cells: baseline distance = size × this (no grid)
  double table_cell_padding_mm = 1.5;
  double table_border_mm = 0.25;
  double header_distance_mm = 20;     // page top edge → header baseline
  double footer_distance_mm = 15;     // page bottom edge → footer baseline (when a footer is given)
  std::string source;                 // the file the style was loaded from

  double line_pitch_pt() const {      // 225 mm / 22 lines = 28.95 pt in the 公文 style
    return (page.height_mm - page.top_mm - page.bottom_mm) / lines_per_page * 72.0 / 25.4;
  }
  double char_pitch_pt() const {      // 156 mm / 28 characters = 15.8 pt
    return (page.width_mm - page.left_mm - page.right_mm) / chars_per_line * 72.0 / 25.4;
  }
};

// Load templates/styles/<name>.json (or a path). Throws std::runtime_error naming the file and key.
Style load_style(const std::string& name_or_path);

}  // namespace lh::layout
