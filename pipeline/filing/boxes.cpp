#include "filing/boxes.h"

namespace lh::filing {
namespace {
std::string pad(long v, int digits) {
  std::string s = std::to_string(v);
  if (static_cast<int>(s.size()) < digits) s.insert(0, static_cast<size_t>(digits) - s.size(), '0');
  return s;
}
}  // namespace

int box_number_for(int item_number, int capacity) {
  if (capacity < 1) capacity = 1;
  if (item_number < 1) return 0;
  return (item_number - 1) / capacity + 1;
}

int first_item_in_box(int box_number, int capacity) {
  if (capacity < 1) capacity = 1;
  return (box_number - 1) * capacity + 1;
}

std::string box_label(const ArchivalCode& code, int box_number, const std::vector<CodeSegment>& layout) {
  std::string out;
  for (const auto& seg : layout) {
    if (seg.name == Segment::Item) continue;
    std::string v = code.segment(seg.name);
    if (v.empty()) continue;
    if (!out.empty()) out += seg.separator;
    out += v;
  }
  return out + "-B" + pad(box_number, 3);
}

std::string format_location(const LocationRule& r, long index) {
  if (index < 0) return {};
  long boxes = r.boxes < 1 ? 1 : r.boxes, shelves = r.shelves < 1 ? 1 : r.shelves, columns = r.columns < 1 ? 1 : r.columns;
  long box = index % boxes + 1;
  long shelf = (index / boxes) % shelves + 1;
  long column = (index / (boxes * shelves)) % columns + 1;
  long cabinet = index / (boxes * shelves * columns) + 1;
  std::string out;
  const std::string& p = r.pattern;
  for (size_t i = 0; i < p.size();) {
    auto tok = [&](const char* t, long v) {
      size_t n = std::char_traits<char>::length(t);
      if (p.compare(i, n, t) == 0) { out += pad(v, r.digits); i += n; return true; }
      return false;
    };
    if (tok("{cabinet}", cabinet) || tok("{column}", column) || tok("{shelf}", shelf) || tok("{box}", box)) continue;
    out += p[i++];
  }
  return out;
}

}  // namespace lh::filing
