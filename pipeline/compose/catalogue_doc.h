// 归档文件目录 (DA/T 22-2015, domain.md §1) of one 年度 and 门类: columns 序号、档号、文号、责任者、
// 题名、日期 (8 digits)、密级、页数、备注, sorted by 档号, A4 landscape, with a cover page showing
// 全宗号、全宗名称、年度、保管期限、机构(问题). Written as XLSX, PDF and DOCX, one at a time. Personal numbers
// (居民身份证号, mobile numbers) are masked in every cell (issue 5 §5).
#pragma once

#include "layout/frames.h"
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace lh::compose {

struct CatalogueRow {
  std::string archival_code, doc_number, author, title, date8, secrecy, pages, remark;
};

struct CatalogueSpec {
  std::string fonds, fonds_name, year, retention, organisation, category_name, office;
  std::vector<CatalogueRow> rows;  // any order: sorted by 档号 here
  std::string date;                // ISO date for the files' properties (deterministic)
};

// The files as they are made, in this order: xlsx, pdf, laid (the pages the PDF was written from,
// for an OFD copy; only when set), docx. Each is released when its callback returns, so a year of
// 2,000 rows never holds its pages, PDF, DOCX and XLSX at once (issue 12 §4: workers < 150 MiB).
struct CatalogueSink {
  std::function<void(std::string&&)> xlsx, pdf, docx;
  std::function<void(layout::Laid&&)> laid;
};

// Returns the PDF's number of pages.
int write_catalogue(CatalogueSpec spec, const CatalogueSink& sink);

}  // namespace lh::compose
