#include "xlsx/xlsx.h"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

#include <xlsxwriter.h>

namespace lh::xlsx {

namespace {

struct Formats {
  lxw_format* head;
  lxw_format* text;
  lxw_format* number;
  lxw_format* title;
};

Formats add_formats(lxw_workbook* book) {
  Formats f{};
  f.head = workbook_add_format(book);
  format_set_bold(f.head);
  format_set_border(f.head, LXW_BORDER_THIN);
  format_set_align(f.head, LXW_ALIGN_CENTER);
  format_set_align(f.head, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap(f.head);
  format_set_font_name(f.head, "宋体");
  f.text = workbook_add_format(book);
  format_set_border(f.text, LXW_BORDER_THIN);
  format_set_text_wrap(f.text);
  format_set_align(f.text, LXW_ALIGN_VERTICAL_CENTER);
  format_set_num_format(f.text, "@");  // a 档号 or a date like 20240305 must not turn into a number
  format_set_font_name(f.text, "宋体");
  f.number = workbook_add_format(book);
  format_set_border(f.number, LXW_BORDER_THIN);
  format_set_align(f.number, LXW_ALIGN_CENTER);
  format_set_align(f.number, LXW_ALIGN_VERTICAL_CENTER);
  format_set_num_format(f.number, "0");
  format_set_font_name(f.number, "宋体");
  f.title = workbook_add_format(book);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  format_set_align(f.title, LXW_ALIGN_CENTER);
  format_set_font_name(f.title, "宋体");
  return f;
}

// A plain decimal number (digits, at most one point, no sign, no leading zero but "0"): the only
// cells written as numbers. "007" or "2024-03" stay text, as a clerk typed them.
std::optional<double> plain_number(const std::string& s) {
  if (s.empty() || s.size() > 15) return std::nullopt;
  if (s.size() > 1 && s[0] == '0' && s[1] != '.') return std::nullopt;
  int points = 0;
  for (char c : s) {
    if (c == '.') ++points;
    else if (c < '0' || c > '9') return std::nullopt;
  }
  if (points > 1 || s.front() == '.' || s.back() == '.') return std::nullopt;
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

void write_cell(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& v, bool numeric,
                const Formats& f) {
  if (numeric) {
    if (auto n = plain_number(v)) {
      worksheet_write_number(ws, r, c, *n, f.number);
      return;
    }
  }
  worksheet_write_string(ws, r, c, v.c_str(), f.text);
}

// Lines a wrapped cell needs: Excel does not grow a row for wrapped text written by a program
// (the height is stored, not computed on opening), so a long 题名 would be cut off on paper. Widths
// are in the column unit (one '0' of the default font); a CJK character takes two.
int wrapped_lines(const std::string& text, double col_width) {
  double usable = std::max(1.0, col_width - 1.0);  // cell padding
  double line = 0;
  int lines = 1;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char b = static_cast<unsigned char>(text[i]);
    if ((b & 0xC0) == 0x80) continue;  // continuation byte
    if (b == '\n') {
      ++lines;
      line = 0;
      continue;
    }
    double w = b >= 0xE0 ? 2.0 : 1.0;  // 3- and 4-byte sequences: CJK and wider
    if (line + w > usable) {
      ++lines;
      line = 0;
    }
    line += w;
  }
  return lines;
}

constexpr double kLineHeightPt = 14.25;  // one line of 11 pt 宋体, Excel's default row height

// One sheet: title lines merged across the table, the header row, the rows; set up for printing.
void write_sheet(lxw_workbook* book, const Sheet& s, const Formats& f) {
  lxw_worksheet* ws = workbook_add_worksheet(book, s.name.c_str());
  if (!ws) throw XlsxError("libxlsxwriter: cannot add the sheet " + s.name);
  if (s.landscape) worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);           // A4
  worksheet_fit_to_pages(ws, 1, 0);     // one page wide, as many pages tall as the rows need
  worksheet_center_horizontally(ws);
  lxw_col_t ncol = static_cast<lxw_col_t>(std::max<size_t>(1, s.header.size()));
  for (lxw_col_t c = 0; c < ncol; ++c)
    worksheet_set_column(ws, c, c, c < s.col_widths.size() ? s.col_widths[c] : 12, nullptr);
  lxw_row_t r = 0;
  for (const auto& t : s.title_lines) {
    if (ncol > 1) worksheet_merge_range(ws, r, 0, r, ncol - 1, t.c_str(), f.title);
    else worksheet_write_string(ws, r, 0, t.c_str(), f.title);
    ++r;
  }
  const lxw_row_t header_row = r;
  for (lxw_col_t c = 0; c < s.header.size(); ++c) worksheet_write_string(ws, r, c, s.header[c].c_str(), f.head);
  worksheet_repeat_rows(ws, header_row, header_row);
  worksheet_freeze_panes(ws, header_row + 1, 0);
  ++r;
  auto width = [&](size_t c) { return c < s.col_widths.size() ? s.col_widths[c] : 12.0; };
  for (const auto& row : s.rows) {
    int lines = 1;
    for (lxw_col_t c = 0; c < row.size(); ++c) {
      write_cell(ws, r, c, row[c], c < s.numeric_columns.size() && s.numeric_columns[c], f);
      lines = std::max(lines, wrapped_lines(row[c], width(c)));
    }
    if (lines > 1) worksheet_set_row(ws, r, kLineHeightPt * lines, nullptr);
    ++r;
  }
  if (!s.header.empty()) worksheet_autofilter(ws, header_row, 0, r - 1, ncol - 1);
}

}  // namespace

std::string write_xlsx(const Workbook& wb) {
  char path[] = "/tmp/lh-xlsx-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) throw XlsxError("cannot create a temporary file");
  close(fd);
  lxw_workbook_options opt{};
  opt.constant_memory = LXW_FALSE;
  lxw_workbook* book = workbook_new_opt(path, &opt);
  if (!book) {
    std::remove(path);
    throw XlsxError("libxlsxwriter: cannot start a workbook");
  }
  lxw_doc_properties props{};
  props.title = const_cast<char*>(wb.title.c_str());
  props.author = const_cast<char*>(wb.author.c_str());
  props.subject = const_cast<char*>(wb.subject.c_str());
  props.created = static_cast<time_t>(wb.created > 0 ? wb.created : 315532800);  // 1980-01-01
  workbook_set_properties(book, &props);
  const Formats f = add_formats(book);
  try {
    for (const auto& s : wb.sheets) write_sheet(book, s, f);
  } catch (...) {
    workbook_close(book);
    std::remove(path);
    throw;
  }
  lxw_error err = workbook_close(book);
  if (err != LXW_NO_ERROR) {
    std::remove(path);
    throw XlsxError(std::string("libxlsxwriter: ") + lxw_strerror(err));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  std::remove(path);
  return ss.str();
}

}  // namespace lh::xlsx
