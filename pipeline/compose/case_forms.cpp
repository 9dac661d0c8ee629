#include "compose/case_forms.h"

#include "compose/volume_forms.h"

namespace lh::compose {

model::Document cover_doc(const RenderKit& k, const CaseFacts& f, int items, int pages) {
  model::Section s = forms::section(k.form.page);
  model::Table top;
  top.col_widths_mm = {22, 22, 22};
  top.rows.push_back(forms::row({"全宗号", "目录号", "案卷号"}, 10.5, false, model::Align::Center));
  top.rows.push_back(forms::row({f.fonds, f.catalogue_no, f.volume_no}, 10.5, false, model::Align::Center));
  // Right-aligned small table: pad with an empty first column.
  model::Table head;
  head.borders = false;
  head.col_widths_mm = {90, 66};
  model::TableRow hr;
  hr.cells.push_back(forms::cell(""));
  model::TableCell tc;
  tc.blocks.push_back(forms::block(std::move(top)));
  hr.cells.push_back(std::move(tc));
  head.rows.push_back(std::move(hr));
  s.blocks.push_back(forms::block(std::move(head)));
  s.blocks.push_back(forms::block(forms::para(" ")));
  s.blocks.push_back(forms::block(forms::title(f.office, 18)));
  s.blocks.push_back(forms::block(forms::title("行政处罚案卷", 26)));
  s.blocks.push_back(forms::block(forms::para(" ")));
  model::Table t;
  t.col_widths_mm = {36, 120};
  auto add = [&](const std::string& k2, const std::string& v) { t.rows.push_back(forms::row({k2, v}, 12)); };
  add("案件名称", f.case_name);
  add("案　　号", f.case_number);
  add("案　　由", f.cause);
  add("当 事 人", f.party);
  add("处罚结果", f.result);
  // 简易程序: no 立案 by law, said so rather than left blank as if forgotten (reason in the 备考表).
  add("立案日期", f.opened.empty() && f.simplified ? "不适用（简易程序）" : forms::chinese_date(f.opened));
  add("结案日期", forms::chinese_date(f.closed));
  add("办案机构", f.office);
  add("归档日期", forms::chinese_date(f.archived));
  add("保管期限", f.retention_name);
  add("本卷件数、页数", "共 " + std::to_string(items) + " 件，" + std::to_string(pages) + " 页");
  s.blocks.push_back(forms::block(std::move(t)));
  model::Document d;
  d.sections.push_back(std::move(s));
  return d;
}

model::Document contents_doc(const RenderKit& k, const std::vector<VolumeEntry>& entries) {
  model::Section s = forms::section(k.form.page);
  s.blocks.push_back(forms::block(forms::title("卷内文件目录", 22)));
  s.blocks.push_back(forms::block(forms::para(" ")));
  model::Table t;
  t.col_widths_mm = {10, 30, 24, 48, 18, 12, 14};
  t.rows.push_back(forms::row({"序号", "文号", "责任者", "题名", "日期", "页号", "备注"}, 10.5, true));
  std::string vol;
  for (const auto& e : entries) {
    if (e.volume_name != vol) {
      vol = e.volume_name;
      model::TableRow vr;
      vr.cells.push_back(forms::cell(vol.empty() ? "其他" : vol, model::Align::Start, 10.5, true, 7));
      t.rows.push_back(std::move(vr));
    }
    t.rows.push_back(forms::row({std::to_string(e.seq), e.doc_number, e.author, e.title, e.date, page_range_text(e), e.remark},
                                9));
  }
  s.blocks.push_back(forms::block(std::move(t)));
  model::Document d;
  d.sections.push_back(std::move(s));
  return d;
}

model::Document notes_doc(const RenderKit& k, const CaseFacts& f, size_t items, int numbered, int total,
                          const std::vector<std::string>& notes) {
  model::Section s = forms::section(k.form.page);
  s.blocks.push_back(forms::block(forms::title("卷内备考表", 22)));
  s.blocks.push_back(forms::block(forms::para(" ")));
  model::Table t;
  t.col_widths_mm = {156};
  model::TableRow r;
  model::TableCell c;
  c.blocks.push_back(forms::block(forms::para("本卷情况说明：", model::Align::Start, 14, true, model::FontRole::Hei)));
  c.blocks.push_back(forms::block(forms::para("本卷共有文件材料 " + std::to_string(items) + " 件，共 " + std::to_string(numbered) +
                                                  " 页（不含卷宗封面、卷内文件目录和本表）；连同卷宗封面、卷内文件目录和本表，全卷共 " +
                                                  std::to_string(total) + " 页。",
                                              model::Align::Justify, 12, false, model::FontRole::Song, 2)));
  for (const auto& n : notes)
    c.blocks.push_back(forms::block(forms::para(n, model::Align::Justify, 12, false, model::FontRole::Song, 2)));
  for (int i = 0; i < 3; ++i) c.blocks.push_back(forms::block(forms::para(" ")));
  c.blocks.push_back(forms::block(forms::para("立卷人：", model::Align::Start, 14)));
  c.blocks.push_back(forms::block(forms::para("检查人：", model::Align::Start, 14)));
  c.blocks.push_back(forms::block(forms::para("立卷时间：" + forms::chinese_date(f.archived), model::Align::Start, 14)));
  r.cells.push_back(std::move(c));
  t.rows.push_back(std::move(r));
  s.blocks.push_back(forms::block(std::move(t)));
  model::Document d;
  d.sections.push_back(std::move(s));
  return d;
}

}  // namespace lh::compose
