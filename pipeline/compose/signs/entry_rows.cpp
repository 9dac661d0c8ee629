#include "compose/signs/entry_rows.h"

#include <algorithm>
#include <cmath>

namespace lh::compose::signs {
namespace {

constexpr double kPtPerMm = 72.0 / 25.4;

struct Entry {
  std::string label, name;
};

std::vector<Entry> split_entries(const std::string& text) {
  std::vector<Entry> out;
  for (size_t from = 0; from <= text.size();) {
    size_t to = text.find('\n', from);
    if (to == std::string::npos) to = text.size();
    const std::string line = text.substr(from, to - from);
    const size_t tab = line.find('\t');
    if (!line.empty())
      out.push_back(tab == std::string::npos ? Entry{"", line} : Entry{line.substr(0, tab), line.substr(tab + 1)});
    from = to + 1;
  }
  return out;
}

// A box of the region's role, colour and run style holding `text` alone.
model::TextBox cell(const model::TextBox& box, const std::string& text, double x, double w, double min_pt,
                    double max_pt, int max_lines) {
  model::TextBox b = box;
  model::Run r = box.runs.empty() ? model::Run{} : box.runs.front();
  r.text = text;
  r.keep_together = false;
  b.runs = {r};
  b.x_mm = x;
  b.w_mm = w;
  b.min_pt = min_pt;
  b.max_pt = max_pt;
  b.max_lines = max_lines;
  b.balance = false;
  return b;
}

struct Name {
  model::TextBox box;   // its size range pinned to the size found, so the layout sets it the same
  double height_pt = 0;
};

// One line at the list's size, else one line shrunk down to min-pt, else as many lines as it takes
// at min-pt (they hang under the names: the box is the names column). Throws TextOverflow.
Name fit_name(const model::TextBox& box, const std::string& name, double x, double w, double size,
              const layout::FontSet& fonts) {
  model::TextBox one = cell(box, name, x, w, box.min_pt, size, 1);
  one.h_mm = size / kPtPerMm;
  try {
    const layout::FittedText f = layout::fit_text(one, fonts);
    one.min_pt = one.max_pt = f.size_pt;
    return {one, f.size_pt};
  } catch (const layout::TextOverflow&) {
  }
  model::TextBox more = cell(box, name, x, w, box.min_pt, box.min_pt, 0);
  const layout::FittedText f = layout::fit_text(more, fonts);
  return {more, f.height_mm * kPtPerMm};
}

double label_column_mm(const std::vector<Entry>& entries, const model::TextBox& box, double size,
                       const layout::FontSet& fonts) {
  double w = 0;
  for (const Entry& e : entries)
    if (!e.label.empty()) w = std::max(w, layout::fit_text(cell(box, e.label, box.x_mm, box.w_mm, size, size, 1), fonts).width_mm);
  return w;
}

}  // namespace

std::string entry_line(const std::string& label, const std::string& name) {
  return label.empty() ? name : label + "\t" + name;
}

EntryRows entry_rows(const std::string& text, const model::TextBox& box, const std::string& region,
                     const layout::FontSet& fonts) {
  const std::vector<Entry> entries = split_entries(text);
  const double spacing = box.line_spacing, h_pt = box.h_mm * kPtPerMm;
  const double n = static_cast<double>(std::max<size_t>(1, entries.size()));
  // The largest size at which every entry on one line fills the height: n em boxes, n − 1 leadings.
  double size = std::max(box.min_pt, std::min(box.max_pt, h_pt / (1 + (n - 1) * spacing)));
  for (;;) {
    const double label_w = label_column_mm(entries, box, size, fonts);
    const double gap = label_w > 0 ? size / kPtPerMm : 0;  // one em, the 　 a written entry has there
    const double name_x = box.x_mm + label_w + gap, name_w = box.w_mm - label_w - gap;
    if (name_w < box.min_pt / kPtPerMm)  // not one character of a name beside the labels
      throw layout::TextOverflow("entries: the labels leave no room for the names", label_w + gap - box.w_mm + box.min_pt / kPtPerMm, 0, 1, 1);
    std::vector<Name> names;
    double total = (n - 1) * size * (spacing - 1);
    for (const Entry& e : entries) {
      names.push_back(fit_name(box, e.name, name_x, name_w, size, fonts));
      total += std::max(size, names.back().height_pt);
    }
    if (total > h_pt + 0.01) {
      if (size <= box.min_pt) throw layout::TextOverflow("entries: the rows are too tall", 0, (total - h_pt) / kPtPerMm, 0, 0);
      size = std::max(box.min_pt, std::min(size - 0.1, std::floor(size * h_pt / total * 10) / 10));
      continue;
    }
    EntryRows out;
    double y = box.y_mm + (box.vertical_center ? (h_pt - total) / 2 / kPtPerMm : 0);
    for (size_t i = 0; i < entries.size(); ++i) {
      const double row = std::max(size, names[i].height_pt) / kPtPerMm;
      const std::string k = std::to_string(i + 1);
      if (!entries[i].label.empty()) {
        model::TextBox label = cell(box, entries[i].label, box.x_mm, label_w + gap, size, size, 1);
        label.y_mm = y;
        label.h_mm = row;
        out.regions.push_back({region + "-label-" + k, entries[i].label, label.x_mm, y, label.w_mm, row});
        out.frames.push_back(std::move(label));
      }
      model::TextBox name = names[i].box;
      name.y_mm = y;
      name.h_mm = row;
      out.regions.push_back({region + "-" + k, entries[i].name, name.x_mm, y, name.w_mm, row});
      out.frames.push_back(std::move(name));
      y += row + size * (spacing - 1) / kPtPerMm;
    }
    return out;
  }
}

}  // namespace lh::compose::signs
