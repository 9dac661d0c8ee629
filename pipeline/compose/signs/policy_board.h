// A policy (制度) set in columns on a 制度上墙 board: one size for the whole text, the largest in the
// board's range at which every column fits (layout::fit_text_size per column, the smallest wins).
#pragma once
#include <vector>

#include "compose/signs/signs.h"

namespace lh::compose::signs {

struct PolicyColumns {
  bool fits = false;
  double over_mm = 0;                  // when it does not fit: how far the fullest column overflows at the minimum size
  std::vector<model::Frame> frames;
  std::vector<PlacedRegion> regions;   // "body-1", "body-2", …
};

// body: the board's <body> part; offset: the trim origin on the page.
PolicyColumns policy_columns(const std::vector<model::Paragraph>& paragraphs, const Part& body, double offset,
                             const layout::FontSet& fonts);

}  // namespace lh::compose::signs
