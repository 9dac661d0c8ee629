#include "compose/catalogue_doc.h"

#include <algorithm>

#include "normalize/fields.h"
#include "render/render_document.h"
#include "compose/render_kit.h"
#include "compose/volume_forms.h"
#include "xlsx/xlsx.h"

namespace lh::compose {

namespace {
const std::vector<std::string> kHeader = {"序号", "档号", "文号", "责任者", "题名", "日期", "密级", "页数", "备注"};
const std::vector<double> kWidthsMm = {12, 52, 38, 34, 80, 20, 12, 12, 20};  // proportions, scaled to the text block
}  // namespace

CatalogueFiles build_catalogue(CatalogueSpec spec) {
  const RenderKit& k = render_kit();
  std::sort(spec.rows.begin(), spec.rows.end(),
            [](const CatalogueRow& a, const CatalogueRow& b) { return a.archival_code < b.archival_code; });
  auto mask = [](const std::string& s) { return normalize::mask_personal_numbers(s); };
  for (auto& r : spec.rows) {
    r.doc_number = mask(r.doc_number);
    r.author = mask(r.author);
    r.title = mask(r.title);
    r.remark = mask(r.remark);
  }
  // A4 landscape: 297 × 210, margins 20/20/25/20 (the binding edge left).
  model::PageSetup page;
  page.width_mm = 297;
  page.height_mm = 210;
  page.top_mm = 20;
  page.bottom_mm = 20;
  page.left_mm = 25;
  page.right_mm = 20;
  const double text_w = page.width_mm - page.left_mm - page.right_mm;
  double sum = 0;
  for (double w : kWidthsMm) sum += w;
  std::vector<double> widths;
  for (double w : kWidthsMm) widths.push_back(w * text_w / sum);

  model::Document d;
  model::Section cover = forms::section(page);
  cover.page_label = "封面";
  for (int i = 0; i < 3; ++i) cover.blocks.push_back(forms::block(forms::para(" ")));
  cover.blocks.push_back(forms::block(forms::title("归档文件目录", 28)));
  cover.blocks.push_back(forms::block(forms::para(" ")));
  model::Table ct;
  ct.col_widths_mm = {50, 110};
  auto add = [&](const std::string& a, const std::string& b) { ct.rows.push_back(forms::row({a, b}, 14)); };
  add("全 宗 号", spec.fonds);
  add("全宗名称", spec.fonds_name);
  add("年　　度", spec.year);
  add("保管期限", spec.retention);
  add("机构（问题）", spec.organisation);
  add("门　　类", spec.category_name);
  model::Table wrap;  // centre the cover table
  wrap.borders = false;
  wrap.col_widths_mm = {(text_w - 160) / 2, 160, (text_w - 160) / 2};
  model::TableRow wr;
  wr.cells.push_back(forms::cell(""));
  model::TableCell mid;
  mid.blocks.push_back(forms::block(std::move(ct)));
  wr.cells.push_back(std::move(mid));
  wr.cells.push_back(forms::cell(""));
  wrap.rows.push_back(std::move(wr));
  cover.blocks.push_back(forms::block(std::move(wrap)));
  for (int i = 0; i < 2; ++i) cover.blocks.push_back(forms::block(forms::para(" ")));
  cover.blocks.push_back(forms::block(forms::para(spec.office, model::Align::Center, 16)));
  d.sections.push_back(std::move(cover));

  model::Section list = forms::section(page);
  list.blocks.push_back(forms::block(forms::title("归档文件目录", 18)));
  list.blocks.push_back(forms::block(forms::para("全宗号：" + spec.fonds + "　　年度：" + spec.year + "　　门类：" +
                                                 spec.category_name + "　　保管期限：" + spec.retention,
                                             model::Align::Center, 10.5)));
  model::Table t;
  t.col_widths_mm = widths;
  t.rows.push_back(forms::row(kHeader, 10.5, true));
  int n = 0;
  std::vector<std::vector<std::string>> xrows;
  for (const auto& r : spec.rows) {
    std::vector<std::string> cells = {std::to_string(++n), r.archival_code, r.doc_number, r.author, r.title,
                                      r.date8, r.secrecy, r.pages, r.remark};
    t.rows.push_back(forms::row(cells, 9));
    xrows.push_back(std::move(cells));
  }
  list.blocks.push_back(forms::block(std::move(t)));
  d.sections.push_back(std::move(list));

  layout::Style st = k.form;
  st.page = page;
  render::RenderOptions ro;
  ro.date = spec.date;
  ro.title = spec.year + "年度" + spec.category_name + "归档文件目录";
  ro.author = spec.office;
  ro.keep_laid = true;  // an OFD-A copy is written from the same pages where the scheme asks
  auto r = render::render_document(d, st, k.fonts, ro);
  CatalogueFiles out;
  out.laid = std::move(r.laid);
  out.pdf = std::move(r.pdf);
  out.docx = std::move(r.docx);
  out.pdf_pages = r.pages;

  xlsx::Workbook wb;
  wb.title = ro.title;
  wb.author = spec.office;
  if (auto t2 = render::parse_iso_date(spec.date)) wb.created = *t2;
  xlsx::Sheet sh;
  sh.name = "归档文件目录";
  sh.title_lines = {ro.title, "全宗号：" + spec.fonds + "　全宗名称：" + spec.fonds_name + "　年度：" + spec.year +
                                  "　保管期限：" + spec.retention + "　机构（问题）：" + spec.organisation};
  sh.header = kHeader;
  sh.rows = std::move(xrows);
  sh.col_widths = {6, 30, 22, 20, 48, 10, 6, 6, 14};
  sh.numeric_columns = {true, false, false, false, false, false, false, true, false};  // 序号, 页数
  wb.sheets.push_back(std::move(sh));
  out.xlsx = xlsx::write_xlsx(wb);
  return out;
}

}  // namespace lh::compose
