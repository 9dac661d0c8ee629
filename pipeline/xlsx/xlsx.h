// XLSX tables with libxlsxwriter (issue 5 §2: 归档文件目录 as a spreadsheet). libxlsxwriter writes to
// a file, so the workbook goes to a private temporary file that is read back and removed.
// Deterministic: the document properties carry the given time, never the clock.
// Printed as an office prints a register (issue 14 §5): A4 landscape, fit to one page wide, the
// header row repeated on every printed page and frozen on screen, an autofilter over the table;
// counts are numbers (they sum and sort), dates stay text YYYYMMDD as DA/T 22-2015 §6.8 writes them.
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
  std::vector<bool> numeric_columns;             // true: a cell holding a plain decimal number is
                                                 // written as a number (序号, 页数); others are text
  bool landscape = true;
};

struct Workbook {
  std::vector<Sheet> sheets;
  std::string title, author, subject;
  int64_t created = 0;                           // seconds since 1970 (UTC) for docProps/core.xml
};

std::string write_xlsx(const Workbook& wb);

}  // namespace lh::xlsx
