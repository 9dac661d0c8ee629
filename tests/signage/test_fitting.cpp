// Fitting a sign maker trusts (issue 10 item 3), on seeded random text: the lines of a fitted text
// box never break the Chinese line-breaking rules (GB/T 15834-2011 §5.1), never leave the box, a
// balanced two-line title has lines of about equal length, and a text that does not fit even at
// the minimum size says by how much.
#include <gtest/gtest.h>
#include <pango/pango.h>

#include <random>

#include "layout/layout.h"
#include "layout/style.h"
#include "layout_fixtures.h"

namespace {

using namespace lh;

using lh::test::fonts;

layout::Laid lay_out_box(const model::TextBox& tb, double page_w = 200, double page_h = 200) {
  model::Document doc;
  model::Section s;
  s.page.width_mm = page_w;
  s.page.height_mm = page_h;
  s.page.top_mm = s.page.bottom_mm = s.page.left_mm = s.page.right_mm = 0;
  s.fixed_pages.push_back({tb});
  doc.sections.push_back(std::move(s));
  static const layout::Style style = layout::load_style("plain");
  return layout::lay_out(doc, style, fonts());
}

std::vector<std::string> lines_of(const layout::Laid& laid) {
  std::vector<std::string> out;
  for (const auto& it : laid.pages.at(0).items)
    if (const auto* g = std::get_if<layout::GlyphLine>(&it)) out.push_back(g->text);
  return out;
}

const std::vector<std::string> kStartForbidden = {"，", "。", "、", "；", "：", "？", "！", "）", "》", "」"};
const std::vector<std::string> kEndForbidden = {"（", "《", "「"};

bool starts_with(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }
bool ends_with(std::string s, const std::string& p) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.pop_back();
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

std::string random_text(std::mt19937& rng) {
  static const std::vector<std::string> han = {"市", "场", "监", "督", "管", "理", "所", "综", "合", "执", "法", "调",
                                               "解", "室", "档", "案", "制", "度", "服", "务", "大", "厅", "岗", "位"};
  static const std::vector<std::string> punct = {"，", "。", "、", "；", "：", "？", "！", "（", "）", "《", "》", "「", "」"};
  std::uniform_int_distribution<int> len(4, 60), pick(0, 99);
  std::string t;
  const int n = len(rng);
  for (int i = 0; i < n; ++i) {
    if (pick(rng) < 22) {
      const std::string& p = punct[pick(rng) % punct.size()];
      if (p == "（" || p == "《" || p == "「") t += p + han[pick(rng) % han.size()];  // an opening mark opens something
      else t += p;
    } else {
      t += han[pick(rng) % han.size()];
    }
  }
  return t;
}

}  // namespace

TEST(Fitting, NoLineBreaksTheChineseLineBreakingRulesOnRandomText) {
  std::mt19937 rng(20261205);
  std::uniform_real_distribution<double> w(12, 90), h(8, 60);
  int laid_boxes = 0, multi_line = 0;
  for (int i = 0; i < 300; ++i) {
    model::TextBox tb{5, 5, w(rng), h(rng), {}, model::FontRole::Hei, 6, 48, model::Align::Center};
    tb.runs.push_back({random_text(rng)});
    layout::Laid laid;
    try {
      laid = lay_out_box(tb);
    } catch (const layout::TextOverflow&) {
      continue;
    }
    ++laid_boxes;
    const auto lines = lines_of(laid);
    if (lines.size() > 1) ++multi_line;
    for (size_t k = 0; k < lines.size(); ++k) {
      if (k > 0) {
        for (const auto& m : kStartForbidden) {
          EXPECT_FALSE(starts_with(lines[k], m)) << "line " << k << " of " << tb.runs[0].text;
        }
      }
      if (k + 1 < lines.size()) {
        for (const auto& m : kEndForbidden) {
          EXPECT_FALSE(ends_with(lines[k], m)) << "line " << k << " of " << tb.runs[0].text;
        }
      }
    }
    // every line inside the box
    for (const auto& it : laid.pages[0].items)
      if (const auto* g = std::get_if<layout::GlyphLine>(&it)) {
        PangoRectangle logical;
        pango_layout_line_get_extents(pango_layout_get_line_readonly(g->layout.get(), g->line), nullptr, &logical);
        const double left = g->x, right = g->x + double(logical.width) / PANGO_SCALE;
        EXPECT_GE(left, tb.x_mm * 72 / 25.4 - 0.05) << tb.runs[0].text;
        EXPECT_LE(right, (tb.x_mm + tb.w_mm) * 72 / 25.4 + 0.05) << tb.runs[0].text;
      }
  }
  EXPECT_GT(laid_boxes, 150);
  EXPECT_GT(multi_line, 50);
}

TEST(Fitting, ABalancedTwoLineTitleHasLinesOfAboutEqualLength) {
  model::TextBox tb{10, 10, 120, 40, {}, model::FontRole::Title, 28, 28, model::Align::Center};
  tb.runs.push_back({"南岭县市场监督管理局石门市场监督管理所"});  // 20 characters: two lines at 28 pt in 120 mm
  const auto plain = lines_of(lay_out_box(tb));
  ASSERT_EQ(plain.size(), 2u);
  tb.balance = true;
  const auto balanced = lines_of(lay_out_box(tb));
  ASSERT_EQ(balanced.size(), 2u);
  auto chars = [](const std::string& s) { return static_cast<int>(s.size() / 3); };
  EXPECT_GT(chars(plain[0]) - chars(plain[1]), 4);                 // unbalanced: one full line, one short
  EXPECT_LE(std::abs(chars(balanced[0]) - chars(balanced[1])), 1);  // balanced: 10 + 10
}

TEST(Fitting, TextThatDoesNotFitSaysByHowMuch) {
  model::TextBox tb{0, 0, 50, 10, {}, model::FontRole::Hei, 20, 40, model::Align::Center};
  tb.runs.push_back({"市场监督管理所综合执法大队"});
  tb.max_lines = 1;
  try {
    layout::fit_text_size(tb, fonts());
    FAIL() << "should not fit";
  } catch (const layout::TextOverflow& e) {
    EXPECT_GT(e.lines, 1);
    EXPECT_EQ(e.max_lines, 1);
    // one line of 13 characters at 20 pt is about 92 mm: 42 mm too long for the 50 mm region
    EXPECT_NEAR(e.over_width_mm, 13 * 20 / 72.0 * 25.4 - 50, 3);
    EXPECT_NE(std::string(e.what()).find("mm too wide"), std::string::npos) << e.what();
  }
}

TEST(Fitting, MaxLinesIsKeptByShrinking) {
  model::TextBox tb{0, 0, 100, 40, {}, model::FontRole::Hei, 8, 60, model::Align::Center};
  tb.runs.push_back({"依法行政执法为民"});
  const double free = layout::fit_text_size(tb, fonts());
  tb.max_lines = 1;
  const double one_line = layout::fit_text_size(tb, fonts());
  EXPECT_LT(one_line, free);
  EXPECT_EQ(lines_of(lay_out_box(tb)).size(), 1u);
}

// Runs kept together (a 法定名称's organisations) are the lines when the text fits so, even at a
// smaller size than free breaking would give; a run that cannot fit whole at the minimum size lets
// the text break anywhere the rules allow instead of failing.
TEST(Fitting, RunsKeptTogetherAreTheLinesWhereTheyFitElseTheTextBreaksFreely) {
  model::TextBox tb{0, 0, 150, 60, {}, model::FontRole::Title, 12, 60, model::Align::Center};
  tb.max_lines = 3;
  tb.balance = true;
  model::Run a{"南岭县市场监督管理局"}, b{"石门市场监督管理所"};
  a.keep_together = b.keep_together = true;
  tb.runs = {a, b};
  EXPECT_EQ(lines_of(lay_out_box(tb)), (std::vector<std::string>{a.text, b.text}));
  model::TextBox loose = tb;
  for (auto& r : loose.runs) r.keep_together = false;
  EXPECT_GE(layout::fit_text_size(loose, fonts()), layout::fit_text_size(tb, fonts()));

  tb.w_mm = 40;  // "南岭县市场监督管理局" is 42 mm at 12 pt: it cannot stay whole
  tb.max_lines = 0;
  const auto free = lines_of(lay_out_box(tb));
  ASSERT_GE(free.size(), 3u);
  EXPECT_NE(free[0], a.text);
}
