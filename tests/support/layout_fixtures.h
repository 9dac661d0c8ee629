// The project's font roles and the 公文 style, loaded once per test program (loading them is the
// slow part of a layout test).
#pragma once
#include "layout/layout.h"

namespace lh::test {

// Points per millimetre: a style's measures are in mm, a laid-out page's (and Poppler's) in points.
inline constexpr double kMm = 72.0 / 25.4;

inline const layout::FontSet& fonts() {
  static layout::FontSet f = layout::FontSet::load();
  return f;
}

inline const layout::Style& gongwen() {
  static layout::Style s = layout::load_style("gongwen");
  return s;
}

}  // namespace lh::test
