// Generated documents for the layout and PDF tests and the render benchmark: a 公文-like notice
// (headings 一、（一）1.（1）, body prose with heavy punctuation, tables, a TOC) and sign pages.
#pragma once
#include <string>
#include <vector>

#include "model/document.h"

namespace lh::sample {

inline const std::vector<std::string>& sentences() {
  static const std::vector<std::string> s = {
      "为深入贯彻落实市场监督管理所标准化规范化建设的要求，进一步提升基层监管效能，现就有关事项通知如下。",
      "各单位要按照《党政机关公文格式》（GB/T 9704-2012）的规定，统一公文的版面、字体和页码。",
      "档案整理应当遵循文件的形成规律，保持文件之间的有机联系，区分不同价值，便于保管和利用。",
      "执法人员在现场检查时，应当出示执法证件，并制作现场笔录，由当事人签名或者盖章。",
      "对于检查中发现的问题，要建立台账，明确整改责任人和整改时限，做到件件有着落、事事有回音。",
      "请各所于每月五日前报送上月工作情况；逾期未报的，予以通报。",
      "联系人：张三，联系电话：0754-88888888，电子邮箱：scjg@example.gov.cn。",
      "本通知自印发之日起施行，此前有关规定与本通知不一致的，以本通知为准。",
      "“双随机、一公开”监管要覆盖全部市场主体，抽查结果要及时向社会公示。",
      "要坚持问题导向——既要查找存在的不足，又要总结可复制、可推广的经验……",
      "食品生产经营者应当建立进货查验记录制度，如实记录食品的名称、规格、数量和生产日期等内容。",
      "行政处罚案卷应当一案一卷，按照立案审批表、处罚决定书、证据材料的顺序排列。",
  };
  return s;
}

inline std::string prose(int seed, int n_sentences) {
  std::string t;
  const auto& s = sentences();
  for (int i = 0; i < n_sentences; ++i) t += s[(seed * 7 + i * 5) % s.size()];
  return t;
}

inline model::Paragraph para(const std::string& text, int heading = 0) {
  model::Paragraph p;
  p.heading_level = heading;
  p.runs.push_back(model::Run{.text = text});
  if (heading > 0) p.list = model::ListKind::ChineseLevel;
  return p;
}

inline model::Table table(int rows, bool header = true) {
  model::Table t;
  t.col_widths_mm = {20, 60, 46, 30};
  auto cell = [](const std::string& s) {
    model::TableCell c;
    c.blocks.push_back({para(s)});
    return c;
  };
  if (header) {
    model::TableRow h;
    h.header = true;
    h.cells = {cell("序号"), cell("检查事项"), cell("责任单位"), cell("完成时限")};
    t.rows.push_back(h);
  }
  for (int i = 1; i <= rows; ++i) {
    model::TableRow r;
    r.cells = {cell(std::to_string(i)), cell(sentences()[i % sentences().size()].substr(0, 3 * (10 + i % 9))),
               cell("第" + std::to_string(i % 5 + 1) + "市场监管所"), cell("2024年" + std::to_string(i % 12 + 1) + "月")};
    t.rows.push_back(r);
  }
  return t;
}

// A manual of about `pages` A4 pages: title, TOC, headings on four levels, prose, tables.
inline model::Document manual(int pages, bool with_toc = true, bool with_tables = true) {
  model::Document d;
  model::Section s;
  model::Paragraph title = para("关于开展市场监督管理所标准化规范化建设试点工作的通知");
  title.style = "title";
  s.blocks.push_back({title});
  if (with_toc) {
    s.blocks.push_back({model::TableOfContents{2, "目  录"}});
    s.blocks.push_back({model::PageBreak{}});
  }
  // ≈ 22 lines a page, ≈ 2.2 lines a sentence.
  const int chapters = std::max(1, pages / 4);
  int seed = 0;
  for (int c = 0; c < chapters; ++c) {
    s.blocks.push_back({para("总体要求和工作任务第" + std::to_string(c + 1) + "部分", 1)});
    for (int k = 0; k < 2; ++k) {
      s.blocks.push_back({para("重点任务" + std::to_string(k + 1), 2)});
      s.blocks.push_back({para(prose(seed++, 6))});
      s.blocks.push_back({para("具体措施", 3)});
      s.blocks.push_back({para(prose(seed++, 8))});
      s.blocks.push_back({para("工作要求", 4)});
      s.blocks.push_back({para(prose(seed++, 7))});
      if (with_tables && k == 1) s.blocks.push_back({table(6)});
    }
  }
  d.sections.push_back(std::move(s));
  return d;
}

// `n` one-page signs (门牌): a frame, a title box, a subtitle box and a rule.
inline model::Document signs(int n) {
  model::Document d;
  model::Section s;
  s.page.width_mm = 300;
  s.page.height_mm = 120;
  static const char* rooms[] = {"执法装备库", "罚没物品库", "调解室", "执法问询室", "快速检测室", "档案室", "服务大厅"};
  for (int i = 0; i < n; ++i) {
    std::vector<model::Frame> page;
    page.push_back(model::Shape{5, 5, 290, 110, 0x1F4E9A, true, 0, 0, 4});
    page.push_back(model::Shape{10, 10, 280, 100, 0xFFFFFF, true, 0.5, 0x1F4E9A, 3});
    model::TextBox t{20, 20, 260, 50};
    t.runs.push_back(model::Run{.text = std::string(rooms[i % 7]) + (i >= 7 ? std::to_string(i / 7) : "")});
    t.role = model::FontRole::Hei;
    t.min_pt = 24;
    t.max_pt = 120;
    page.push_back(t);
    page.push_back(model::Rule{20, 78, 280, 78, 0.5, 0x1F4E9A});
    model::TextBox sub{20, 82, 260, 18};
    sub.runs.push_back(model::Run{.text = "汕头市市场监督管理局第" + std::to_string(i % 9 + 1) + "市场监督管理所"});
    sub.role = model::FontRole::Song;
    sub.min_pt = 10;
    sub.max_pt = 36;
    page.push_back(sub);
    s.fixed_pages.push_back(std::move(page));
  }
  d.sections.push_back(std::move(s));
  return d;
}

}  // namespace lh::sample
