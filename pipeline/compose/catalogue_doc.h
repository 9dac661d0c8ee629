// 归档文件目录 (DA/T 22-2015, domain.md §1) of one 年度 and 门类: columns 序号、档号、文号、责任者、
// 题名、日期 (8 digits)、密级、页数、备注, sorted by 档号, A4 landscape, with a cover page showing
// 全宗号、全宗名称、年度、保管期限、机构(问题). Written as PDF, DOCX and XLSX. Personal numbers
// (居民身份证号, mobile numbers) are masked in every cell (issue 5 §5).
#pragma once
#include <memory>

#include "layout/frames.h"
#include <cstdint>
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

struct CatalogueFiles {
  std::string pdf, docx, xlsx;
  int pdf_pages = 0;
  std::shared_ptr<const layout::Laid> laid;  // the pages the PDF was written from (the OFD copy's)
};

CatalogueFiles build_catalogue(CatalogueSpec spec);

}  // namespace lh::compose
