// The 归档文件目录 spreadsheet as an office prints and sorts it (issue 14 §5): counts stored as
// numbers, dates and 档号 as text (DA/T 22-2015 §6.8 writes dates YYYYMMDD), A4 landscape fitted to
// one page wide with the header row repeated, frozen and filtered. Checked on the parts
// (ECMA-376 Part 1 §18.3.1: c/@t, pageSetup, sheetView/pane, autoFilter, definedName
// _xlnm.Print_Titles) and, where LibreOffice is installed, on its PDF export.
#include <gtest/gtest.h>
#include <glib.h>
#include <poppler.h>
#include <zip.h>

#include <regex>
#include <string>

#include "test_support.h"
#include "xlsx/xlsx.h"

namespace fs = std::filesystem;
using namespace lh;

namespace {

std::string part(const std::string& zip_bytes, const std::string& name) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t* src = zip_source_buffer_create(zip_bytes.data(), zip_bytes.size(), 0, &ze);
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &ze);
  if (!z) {
    zip_source_free(src);
    return "";
  }
  std::string out;
  if (zip_file_t* f = zip_fopen(z, name.c_str(), 0)) {
    char buf[8192];
    zip_int64_t n;
    while ((n = zip_fread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    zip_fclose(f);
  }
  zip_close(z);
  return out;
}

xlsx::Workbook catalogue(int rows) {
  xlsx::Workbook wb;
  wb.title = "2024年度文书档案归档文件目录";
  xlsx::Sheet sh;
  sh.name = "归档文件目录";
  sh.title_lines = {wb.title, "全宗号：Z109　年度：2024　保管期限：D30"};
  sh.header = {"序号", "档号", "文号", "责任者", "题名", "日期", "密级", "页数", "备注"};
  for (int i = 1; i <= rows; ++i)
    sh.rows.push_back({std::to_string(i), "Z109-WS·2024-D30-" + std::string(i < 10 ? "000" : i < 100 ? "00" : "0") +
                                              std::to_string(i),
                       "澄市监函〔2024〕" + std::to_string(i) + "号", "澄海区市场监督管理局",
                       "关于开展第" + std::to_string(i) + "次食品安全专项检查工作情况的报告（含附件及整改清单）",
                       "20240305", "", std::to_string(2 + i % 7), i % 5 == 0 ? "原件存档" : ""});
  sh.col_widths = {6, 30, 22, 20, 48, 10, 6, 6, 14};
  sh.numeric_columns = {true, false, false, false, false, false, false, true, false};
  wb.sheets.push_back(std::move(sh));
  return wb;
}

// The <c> element of a cell, e.g. cell(sheet, "A4").
std::string cell(const std::string& sheet, const std::string& ref) {
  auto at = sheet.find("<c r=\"" + ref + "\"");
  if (at == std::string::npos) return "";
  auto end = sheet.find("</c>", at);
  return sheet.substr(at, end == std::string::npos ? std::string::npos : end + 4 - at);
}

}  // namespace

TEST(XlsxPrint, CountsAreNumbersAndDatesAndCodesStayText) {
  std::string sheet = part(xlsx::write_xlsx(catalogue(12)), "xl/worksheets/sheet1.xml");
  ASSERT_FALSE(sheet.empty());
  // Row 3 is the header (two title lines above); row 4 is the first item.
  EXPECT_EQ(cell(sheet, "A4").find("t=\"s\""), std::string::npos) << cell(sheet, "A4");
  EXPECT_NE(cell(sheet, "A4").find("<v>1</v>"), std::string::npos) << cell(sheet, "A4");
  EXPECT_EQ(cell(sheet, "H4").find("t=\"s\""), std::string::npos) << cell(sheet, "H4");
  EXPECT_NE(cell(sheet, "F4").find("t=\"s\""), std::string::npos) << "date must be text: " << cell(sheet, "F4");
  EXPECT_NE(cell(sheet, "B4").find("t=\"s\""), std::string::npos) << cell(sheet, "B4");
}

TEST(XlsxPrint, NumericColumnKeepsLeadingZeroCodesAsText) {
  xlsx::Workbook wb = catalogue(1);
  wb.sheets[0].rows[0][0] = "007";  // as a clerk typed it: not the number 7
  std::string sheet = part(xlsx::write_xlsx(wb), "xl/worksheets/sheet1.xml");
  EXPECT_NE(cell(sheet, "A4").find("t=\"s\""), std::string::npos) << cell(sheet, "A4");
}

TEST(XlsxPrint, PrintSetupIsLandscapeOnePageWideWithRepeatedFrozenFilteredHeader) {
  std::string bytes = xlsx::write_xlsx(catalogue(30));
  std::string sheet = part(bytes, "xl/worksheets/sheet1.xml");
  std::string book = part(bytes, "xl/workbook.xml");
  EXPECT_NE(sheet.find("orientation=\"landscape\""), std::string::npos);
  EXPECT_NE(sheet.find("paperSize=\"9\""), std::string::npos);
  EXPECT_NE(sheet.find("fitToPage=\"1\""), std::string::npos);
  EXPECT_NE(sheet.find("fitToHeight=\"0\""), std::string::npos);
  EXPECT_TRUE(std::regex_search(sheet, std::regex("<pane [^>]*ySplit=\"3\"[^>]*state=\"frozen\"")));
  EXPECT_NE(sheet.find("<autoFilter ref=\"A3:I33\""), std::string::npos);
  EXPECT_NE(book.find("_xlnm.Print_Titles"), std::string::npos);
  EXPECT_NE(book.find("$3:$3"), std::string::npos) << book;
}

// What the clerk sees on paper: every printed page holds all nine columns (one page wide) and the
// header row again.
TEST(XlsxPrint, LibreOfficePrintsEveryPageOnePageWideWithTheHeader) {
  if (!test::have_program("soffice")) GTEST_SKIP() << "soffice not installed";
  fs::path dir = test::temp_dir("xlsx-print");
  test::write_file(dir / "目录.xlsx", xlsx::write_xlsx(catalogue(150)));
  std::string profile = "file://" + (dir / "lo-profile").string();
  auto r = test::run({"soffice", "-env:UserInstallation=" + profile, "--headless", "--convert-to", "pdf",
                      "--outdir", dir.string(), (dir / "目录.xlsx").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string pdf = test::read_file(dir / "目录.pdf");
  GBytes* b = g_bytes_new(pdf.data(), pdf.size());
  PopplerDocument* doc = poppler_document_new_from_bytes(b, nullptr, nullptr);
  ASSERT_NE(doc, nullptr);
  int pages = poppler_document_get_n_pages(doc);
  EXPECT_GE(pages, 2) << "150 rows should take more than one page";
  for (int i = 0; i < pages; ++i) {
    PopplerPage* p = poppler_document_get_page(doc, i);
    double w = 0, h = 0;
    poppler_page_get_size(p, &w, &h);
    EXPECT_GT(w, h) << "page " << i + 1 << " is not landscape";
    char* t = poppler_page_get_text(p);
    std::string text = t ? t : "";
    g_free(t);
    for (const char* col : {"序号", "题名", "备注"})
      EXPECT_NE(text.find(col), std::string::npos) << "page " << i + 1 << " lacks the header column " << col;
    g_object_unref(p);
  }
  g_object_unref(doc);
  g_bytes_unref(b);
}

// The bug: a 题名 longer than its column was wrapped but the row kept one line's height, so the
// printed catalogue showed half a title.
TEST(XlsxPrint, RowOfALongTitleIsTallEnoughForItsWrappedLines) {
  std::string sheet = part(xlsx::write_xlsx(catalogue(3)), "xl/worksheets/sheet1.xml");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(sheet, m, std::regex("<row r=\"4\"[^>]*ht=\"([0-9.]+)\"[^>]*customHeight=\"1\"")))
      << sheet.substr(0, 2000);
  EXPECT_GE(std::stod(m[1].str()), 2 * 14.25);  // 33 CJK characters in a 48-unit column: 2 lines
}
