// XLSX tables with libxlsxwriter (issue 5 §2: 归档文件目录 as a spreadsheet). libxlsxwriter writes to
// a file, so the workbook goes to a private temporary file that is read back and removed.
// Deterministic: the document properties carry the given time, never the clock.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace lh::xlsx {

struct XlsxError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Sheet {
  std::string name;                              // ≤ 31 characters, no []:*?/\ (Excel)
  std::vector<std::string> title_lines;          // merged rows above the table (e.g. 全宗号 …)
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;    // text cells; a cell of digits only stays text
  std::vector<double> col_widths;                // in characters; empty: 12
  bool landscape = true;
};

struct Workbook {
  std::vector<Sheet> sheets;
  std::string title, author, subject;
  int64_t created = 0;                           // seconds since 1970 (UTC) for docProps/core.xml
};

std::string write_xlsx(const Workbook& wb);

}  // namespace lh::xlsx
