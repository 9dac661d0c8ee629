// The Typst side of bench_signs (issues 10 item 11, 12 item 5): the very signs lianghua composed,
// written as a Typst 0.14 document, one page per sign, every frame placed where lianghua placed it
// (bands, outlines, rules, the QR code's module runs, the emblem SVG) and every text at the size
// lianghua's fitting chose. Typst has no fit-to-box, so it is given the sizes instead of searching
// for them: the comparison favours Typst. Typst breaks the lines of a multi-line region itself.
#pragma once
#include <string>
#include <vector>

#include "layout/fonts.h"
#include "model/document.h"

namespace lh::bench {

// sections: one fixed page each (compose_sign's output). emblem_path: the file name the document
// refers to for a PlacedImage (the caller writes the SVG beside the .typ).
std::string signs_as_typst(const std::vector<model::Section>& sections, const layout::FontSet& fonts,
                           const std::string& emblem_path);

}  // namespace lh::bench
