#include "compose/volume_forms.h"

#include <charconv>

namespace lh::compose::forms {

model::Paragraph para(const std::string& text, model::Align align, double size_pt, bool bold, model::FontRole role,
                      double indent_chars) {
  model::Paragraph p;
  model::Run r;
  r.text = text;
  r.size_pt = size_pt;
  r.bold = bold;
  r.role = role;
  p.runs.push_back(std::move(r));
  p.align = align;
  p.first_line_indent_chars = indent_chars;
  return p;
}

model::Paragraph title(const std::string& text, double size_pt) {
  model::Paragraph p = para(text, model::Align::Center, size_pt, false, model::FontRole::Title, 0);
  p.keep_with_next = true;
  return p;
}

model::Block block(model::Paragraph p) { return model::Block{std::move(p)}; }
model::Block block(model::Table t) { return model::Block{std::move(t)}; }

model::TableCell cell(const std::string& text, model::Align align, double size_pt, bool bold, int col_span) {
  model::TableCell c;
  c.blocks.push_back(block(para(text, align, size_pt, bold, bold ? model::FontRole::Hei : model::FontRole::Song, 0)));
  c.col_span = col_span;
  return c;
}

model::TableRow row(const std::vector<std::string>& texts, double size_pt, bool header, model::Align align) {
  model::TableRow r;
  for (const auto& t : texts) r.cells.push_back(cell(t, header ? model::Align::Center : align, size_pt, header));
  r.header = header;
  r.cant_split = true;
  return r;
}

model::Section section(const model::PageSetup& page) {
  model::Section s;
  s.page = page;
  return s;
}

std::optional<int> decimal(std::string_view s) {
  int v = 0;
  if (s.empty() || s.front() < '0' || s.front() > '9') return std::nullopt;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string chinese_date(const std::string& iso) {
  if (iso.size() < 7 || iso[4] != '-') return iso;
  auto m = decimal(std::string_view(iso).substr(5, 2));
  if (!m) return iso;  // not a date we can vouch for: shown as written
  std::string out = iso.substr(0, 4) + "年" + std::to_string(*m) + "月";
  if (iso.size() >= 10) {
    auto d = decimal(std::string_view(iso).substr(8, 2));
    if (!d) return iso;
    out += std::to_string(*d) + "日";
  }
  return out;
}

}  // namespace lh::compose::forms
