// 权责清单 / 岗位职责 tables (duty_table.h).
#include "compose/book/duty_table.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace lh::compose::book {

namespace {

struct Synonym {
  DutyColumn column;
  const char* header;
};

// wave2.md §2.2 (column vocabulary of real 权责清单 sheets). Longer names first where one contains
// another ("责任事项依据" before "责任事项").
constexpr std::array<Synonym, 33> kSynonyms{{
    {DutyColumn::SequenceNo, "序号"},           {DutyColumn::SequenceNo, "编号"},
    {DutyColumn::ItemName, "事项名称"},         {DutyColumn::ItemName, "权责事项名称"},
    {DutyColumn::ItemName, "权力事项名称"},     {DutyColumn::ItemName, "职权名称"},
    {DutyColumn::ItemName, "权力名称"},         {DutyColumn::SubitemName, "子项名称"},
    {DutyColumn::SubitemName, "子项"},          {DutyColumn::SubitemName, "实施事项"},
    {DutyColumn::PowerType, "权力类型"},        {DutyColumn::PowerType, "权力类别"},
    {DutyColumn::PowerType, "职权类型"},        {DutyColumn::PowerType, "事项类型"},
    {DutyColumn::PowerType, "权责类型"},        {DutyColumn::PowerType, "职权类别"},
    {DutyColumn::Basis, "实施依据"},            {DutyColumn::Basis, "设定依据"},
    {DutyColumn::Basis, "法律依据"},            {DutyColumn::Body, "行使主体"},
    {DutyColumn::Body, "实施主体"},             {DutyColumn::Body, "责任主体"},
    {DutyColumn::Unit, "承办机构"},             {DutyColumn::Unit, "责任科室"},
    {DutyColumn::ResponsibilityBasis, "责任事项依据"}, {DutyColumn::ResponsibilityBasis, "追责依据"},
    {DutyColumn::ResponsibilityContent, "责任事项内容"}, {DutyColumn::ResponsibilityContent, "责任事项"},
    {DutyColumn::AccountabilitySituation, "追责情形"}, {DutyColumn::AccountabilitySituation, "问责情形"},
    {DutyColumn::AccountabilitySituation, "责任追究情形"}, {DutyColumn::AccountabilitySituation, "追责情形及追责依据"},
    {DutyColumn::Remark, "备注"},
}};

// The recommended 所-level order and the names printed (wave2.md §2.2).
struct Canonical {
  DutyColumn column;
  const char* header;
};
// 子项名称 is printed only when the sheet fills it (one 事项 with several 子项, each its own row).
constexpr std::array<Canonical, 9> kCanonical{{
    {DutyColumn::SequenceNo, "序号"}, {DutyColumn::ItemName, "事项名称"}, {DutyColumn::SubitemName, "子项名称"},
    {DutyColumn::PowerType, "事项类型"},
    {DutyColumn::Basis, "实施依据"},   {DutyColumn::Body, "责任主体"},     {DutyColumn::ResponsibilityContent, "责任事项"},
    {DutyColumn::AccountabilitySituation, "追责情形"}, {DutyColumn::Remark, "备注"},
}};

std::string cleaned_header(std::string_view h) {
  std::string out;
  for (size_t i = 0; i < h.size();) {
    if (h[i] == ' ' || h[i] == '\t' || h[i] == '\r' || h[i] == '\n') { ++i; continue; }
    if (h.substr(i, 3) == "\xE3\x80\x80") { i += 3; continue; }             // U+3000
    if (h.substr(i, 3) == "（" || h[i] == '(') break;                         // a note in brackets
    out += h[i++];
  }
  return out;
}

std::string cell_text(const model::TableCell& c) {
  std::string out;
  for (const auto& b : c.blocks)
    if (const auto* p = std::get_if<model::Paragraph>(&b.value)) {
      if (!out.empty()) out += '\n';
      out += p->plain_text();
    }
  return out;
}

size_t code_points(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

model::TableCell text_cell(const std::string& text, double pt, bool bold) {
  model::TableCell c;
  size_t start = 0;
  do {  // one paragraph per line of the cell (multi-paragraph 实施依据)
    const size_t nl = text.find('\n', start);
    model::Paragraph p;
    p.first_line_indent_chars = 0;
    p.runs.push_back({.text = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start),
                      .size_pt = pt, .bold = bold});
    if (bold) p.align = model::Align::Center;
    c.blocks.push_back({std::move(p)});
    start = nl == std::string::npos ? text.size() + 1 : nl + 1;
  } while (start <= text.size());
  return c;
}

// True when some row below the header has text in source column `c`.
bool column_filled(const model::Table& source, size_t head, std::optional<size_t> c) {
  if (!c) return false;
  for (size_t r = head + 1; r < source.rows.size(); ++r)
    if (*c < source.rows[r].cells.size() && !cell_text(source.rows[r].cells[*c]).empty()) return true;
  return false;
}

// The header row: the first of the first five rows with two or more non-empty cells;
// source.rows.size() when there is none.
size_t header_row(const model::Table& source) {
  size_t head = source.rows.size();
  for (size_t r = 0; r < source.rows.size() && r < 5 && head == source.rows.size(); ++r) {
    size_t filled = 0;
    for (const auto& c : source.rows[r].cells) filled += !cell_text(c).empty();
    if (filled >= 2) head = r;
  }
  return head;
}

// Which source column holds each canonical field (from[k] for kCanonical[k]); *known: how many do.
std::vector<std::optional<size_t>> canonical_sources(const model::TableRow& header, size_t* known) {
  const auto& hcells = header.cells;
  std::vector<std::optional<size_t>> from(kCanonical.size());
  for (size_t c = 0; c < hcells.size(); ++c) {
    const DutyColumn d = duty_column(cell_text(hcells[c]));
    for (size_t k = 0; k < kCanonical.size(); ++k)
      if (kCanonical[k].column == d && !from[k]) from[k] = c, ++*known;
  }
  return from;
}

// The rows below the header, with the source columns `pick` (none: an empty cell) in that order;
// a row that has neither text nor a merged cell there is left out. Each cell's text is added to
// its column of `columns` (for the widths).
void add_data_rows(const model::Table& source, size_t head, const std::vector<std::optional<size_t>>& pick,
                   double text_pt, std::vector<model::TableRow>& rows,
                   std::vector<std::vector<std::string>>& columns) {
  for (size_t r = head + 1; r < source.rows.size(); ++r) {
    const auto& src = source.rows[r].cells;
    model::TableRow row;
    bool any = false;
    for (size_t k = 0; k < pick.size(); ++k) {
      if (!pick[k] || *pick[k] >= src.size()) {
        row.cells.push_back(text_cell("", text_pt, false));
        continue;
      }
      const model::TableCell& sc = src[*pick[k]];
      const std::string t = cell_text(sc);
      any = any || !t.empty() || sc.covered;
      model::TableCell c = sc.covered ? model::TableCell{} : text_cell(t, text_pt, false);
      c.covered = sc.covered;
      c.row_span = sc.row_span;
      columns[k].push_back(t);
      row.cells.push_back(std::move(c));
    }
    if (any) rows.push_back(std::move(row));
  }
}

// A CSV cannot merge cells: an empty 序号 / 事项名称 under a filled one continues that 事项
// (columns 0 and 1 of the 所-level layout, kCanonical).
void merge_continued_items(std::vector<model::TableRow>& rows) {
  for (size_t k : {size_t{0}, size_t{1}})
    for (size_t r = 1; r < rows.size();) {
      size_t end = r + 1;
      while (end < rows.size() && !rows[end].cells[k].covered && rows[end].cells[k].row_span == 1 &&
             cell_text(rows[end].cells[k]).empty())
        ++end;
      if (end - r > 1 && !cell_text(rows[r].cells[k]).empty()) {
        rows[r].cells[k].row_span = static_cast<int>(end - r);
        for (size_t x = r + 1; x < end; ++x) rows[x].cells[k] = model::TableCell{{}, 1, 1, true};
      }
      r = end;
    }
}

}  // namespace

DutyColumn duty_column(std::string_view header) {
  const std::string h = cleaned_header(header);
  for (const Synonym& s : kSynonyms)
    if (h == s.header) return s.column;
  return DutyColumn::None;
}

std::vector<double> widths_from_content(const std::vector<std::vector<std::string>>& columns, double width_mm,
                                       double text_pt) {
  // Each column first gets its header's width on one line (characters of text_pt, plus the cell's
  // padding), then the rest of the line in proportion to the square root of its longest cell.
  constexpr double kMmPerPt = 25.4 / 72, kPaddingMm = 2.5;
  std::vector<double> floor_mm, weight;
  for (const auto& col : columns) {
    size_t longest = 1;
    for (size_t i = 1; i < col.size(); ++i) longest = std::max(longest, code_points(col[i]));
    const double header = col.empty() ? 1 : static_cast<double>(code_points(col[0]));
    floor_mm.push_back(header * text_pt * kMmPerPt + kPaddingMm);
    weight.push_back(std::sqrt(static_cast<double>(longest)));
  }
  const double floors = std::accumulate(floor_mm.begin(), floor_mm.end(), 0.0);
  const double total = std::accumulate(weight.begin(), weight.end(), 0.0);
  const double rest = std::max(0.0, width_mm - floors);
  const double scale = floors > width_mm ? width_mm / floors : 1.0;  // too many columns: shrink all
  std::vector<double> mm;
  for (size_t i = 0; i < weight.size(); ++i) mm.push_back(std::round((floor_mm[i] * scale + rest * weight[i] / total) * 10) / 10);
  return mm;
}

std::optional<BookTable> book_table(const model::Table& source, double width_mm, double text_pt) {
  const size_t head = header_row(source);
  if (head == source.rows.size()) return std::nullopt;
  const auto& hcells = source.rows[head].cells;
  size_t known = 0;
  const std::vector<std::optional<size_t>> from = canonical_sources(source.rows[head], &known);
  BookTable out;
  out.duty_list = from[1] && known >= 3;  // 事项名称 and two more fields
  std::vector<std::string> headers;
  std::vector<std::optional<size_t>> pick;
  if (out.duty_list) {
    for (size_t k = 0; k < kCanonical.size(); ++k) {
      if (kCanonical[k].column == DutyColumn::SubitemName && !column_filled(source, head, from[k])) continue;
      headers.push_back(kCanonical[k].header), pick.push_back(from[k]);
    }
    // A column of the sheet that the 所-level layout has no place for is named, never dropped silently.
    for (size_t c = 0; c < hcells.size(); ++c)
      if (std::find(pick.begin(), pick.end(), std::optional<size_t>(c)) == pick.end() && column_filled(source, head, c))
        out.dropped_columns.push_back(cell_text(hcells[c]));
  } else {
    for (size_t c = 0; c < hcells.size(); ++c) headers.push_back(cell_text(hcells[c])), pick.push_back(c);
  }
  std::vector<std::vector<std::string>> columns(headers.size());
  for (size_t k = 0; k < headers.size(); ++k) columns[k].push_back(headers[k]);
  std::vector<model::TableRow> rows;
  model::TableRow hr;
  hr.header = true;
  hr.cant_split = true;
  for (const auto& h : headers) hr.cells.push_back(text_cell(h, text_pt, true));
  rows.push_back(std::move(hr));
  add_data_rows(source, head, pick, text_pt, rows, columns);
  if (out.duty_list) merge_continued_items(rows);
  out.data_rows = rows.size() - 1;
  out.table.rows = std::move(rows);
  out.table.col_widths_mm = widths_from_content(columns, width_mm, text_pt);
  return out;
}

}  // namespace lh::compose::book
