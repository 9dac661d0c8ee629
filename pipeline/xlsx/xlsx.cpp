#include "xlsx/xlsx.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <xlsxwriter.h>

namespace lh::xlsx {

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
  lxw_format* head = workbook_add_format(book);
  format_set_bold(head);
  format_set_border(head, LXW_BORDER_THIN);
  format_set_align(head, LXW_ALIGN_CENTER);
  format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap(head);
  format_set_font_name(head, "宋体");
  lxw_format* body = workbook_add_format(book);
  format_set_border(body, LXW_BORDER_THIN);
  format_set_text_wrap(body);
  format_set_align(body, LXW_ALIGN_VERTICAL_CENTER);
  format_set_num_format(body, "@");
  format_set_font_name(body, "宋体");
  lxw_format* title = workbook_add_format(book);
  format_set_bold(title);
  format_set_font_size(title, 14);
  format_set_align(title, LXW_ALIGN_CENTER);
  format_set_font_name(title, "宋体");
  for (const auto& s : wb.sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(book, s.name.c_str());
    if (!ws) continue;
    if (s.landscape) worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);  // A4
    lxw_col_t ncol = static_cast<lxw_col_t>(std::max<size_t>(1, s.header.size()));
    for (lxw_col_t c = 0; c < ncol; ++c)
      worksheet_set_column(ws, c, c, c < s.col_widths.size() ? s.col_widths[c] : 12, nullptr);
    lxw_row_t r = 0;
    for (const auto& t : s.title_lines) {
      if (ncol > 1) worksheet_merge_range(ws, r, 0, r, ncol - 1, t.c_str(), title);
      else worksheet_write_string(ws, r, 0, t.c_str(), title);
      ++r;
    }
    for (lxw_col_t c = 0; c < s.header.size(); ++c) worksheet_write_string(ws, r, c, s.header[c].c_str(), head);
    worksheet_repeat_rows(ws, r, r);
    ++r;
    for (const auto& row : s.rows) {
      for (lxw_col_t c = 0; c < row.size(); ++c) worksheet_write_string(ws, r, c, row[c].c_str(), body);
      ++r;
    }
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
