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

std::string catalogue_title(const CatalogueSpec& spec) { return spec.year + "年度" + spec.category_name + "归档文件目录"; }

// The rows (sorted and masked) as one sheet.
std::string catalogue_xlsx(const CatalogueSpec& spec) {
  xlsx::Workbook wb;
  wb.title = catalogue_title(spec);
  wb.author = spec.office;
  if (auto t = render::parse_iso_date(spec.date)) wb.created = *t;
  xlsx::Sheet sh;
  sh.name = "归档文件目录";
  sh.title_lines = {wb.title, "全宗号：" + spec.fonds + "　全宗名称：" + spec.fonds_name + "　年度：" + spec.year +
                                  "　保管期限：" + spec.retention + "　机构（问题）：" + spec.organisation};
  sh.header = kHeader;
  int n = 0;
  for (const CatalogueRow& r : spec.rows)
    sh.rows.push_back({std::to_string(++n), r.archival_code, r.doc_number, r.author, r.title, r.date8, r.secrecy, r.pages, r.remark});
  sh.col_widths = {6, 30, 22, 20, 48, 10, 6, 6, 14};
  sh.numeric_columns = {true, false, false, false, false, false, false, true, false};  // 序号, 页数
  wb.sheets.push_back(std::move(sh));
  return xlsx::write_xlsx(wb);
}

// The cover: 全宗号、全宗名称、年度、保管期限、机构(问题)、门类 in a centred table, the office below.
model::Section cover_section(const CatalogueSpec& spec, const model::PageSetup& page, double text_w) {
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
  return cover;
}

}  // namespace

int write_catalogue(CatalogueSpec spec, const CatalogueSink& sink) {
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
  // First, from the rows alone: its bytes are gone before the pages are laid out.
  if (sink.xlsx) sink.xlsx(catalogue_xlsx(spec));
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
  d.sections.push_back(cover_section(spec, page, text_w));

  model::Section list = forms::section(page);
  list.blocks.push_back(forms::block(forms::title("归档文件目录", 18)));
  list.blocks.push_back(forms::block(forms::para("全宗号：" + spec.fonds + "　　年度：" + spec.year + "　　门类：" +
                                                 spec.category_name + "　　保管期限：" + spec.retention,
                                             model::Align::Center, 10.5)));
  model::Table t;
  t.col_widths_mm = widths;
  t.rows.push_back(forms::row(kHeader, 10.5, true));
  int n = 0;
  for (CatalogueRow& r : spec.rows) {
    t.rows.push_back(forms::row({std::to_string(++n), r.archival_code, r.doc_number, r.author, r.title, r.date8, r.secrecy,
                                 r.pages, r.remark}, 9));
    r = CatalogueRow{};  // the table holds it now
  }
  list.blocks.push_back(forms::block(std::move(t)));
  d.sections.push_back(std::move(list));

  layout::Style st = k.form;
  st.page = page;
  render::RenderOptions ro;
  ro.date = spec.date;
  ro.title = catalogue_title(spec);
  ro.author = spec.office;
  ro.keep_laid = static_cast<bool>(sink.laid);  // an OFD-A copy is written from the same pages where the scheme asks
  ro.pdf = static_cast<bool>(sink.pdf);
  ro.docx = static_cast<bool>(sink.docx);
  render::RenderSink rs;
  rs.pdf = sink.pdf;
  rs.laid = sink.laid;
  rs.docx = sink.docx;
  return render::render_document_to(d, st, k.fonts, ro, rs);
}

}  // namespace lh::compose
