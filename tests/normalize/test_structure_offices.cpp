// Heading detection (issue 11 §2) on rule texts written the ways different offices write them,
// generated from a fixed seed so a failure names a reproducible document: hand-typed "第一章" in
// bold 黑体 with 第X条 articles and （一） items; a notice with "一、" / "（一）" / "1." headings and
// run-in items that end like sentences; Word heading styles (English and Chinese names) whose
// numbers come from auto-numbering (the paragraph is a list item: pandoc #9191 turns it into a
// list); unnumbered headings set off only by centring, size or bold; Markdown. Every generated
// heading must get the level it was written at, every article stay body text, and the title be found.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "normalize/structure.h"

using namespace lh::normalize;
using lh::model::Align;
using lh::model::Document;
using lh::model::FontRole;
using lh::model::Paragraph;

namespace {

const char* kCn[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
                     "十六", "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四", "二十五"};
const char* kTopics[] = {"总则", "职责分工", "工作程序", "监督检查", "责任追究", "附则", "组织实施", "工作要求"};
const char* kClauses[] = {"应当建立健全工作台账，做到有据可查", "每月开展一次检查，及时发现问题",
                          "由综合岗负责统计汇总并报所长审定", "对发现的问题及时整改，整改情况书面报告",
                          "执法人员应当出示执法证件，如实记录检查情况"};

enum class Office { HandTyped, Notice, WordStyles, FormattingOnly, Markdown };

struct Expected {
  size_t paragraph;  // index in the document's blocks
  int level;         // 0: title
};

struct Generated {
  Document doc;
  std::vector<Expected> headings;
  size_t articles = 0;
};

struct Gen {
  std::mt19937 rng;
  Generated g;

  explicit Gen(unsigned seed) : rng(seed) { g.doc.sections.emplace_back(); }
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
  std::string clause() { return kClauses[pick(0, 4)]; }

  Paragraph& add(const std::string& text) {
    Paragraph p;
    p.runs.push_back({.text = text, .size_pt = 16});
    g.doc.sections[0].blocks.push_back({p});
    return std::get<Paragraph>(g.doc.sections[0].blocks.back().value);
  }
  Paragraph& heading(const std::string& text, int level) {
    g.headings.push_back({g.doc.sections[0].blocks.size(), level});
    return add(text);
  }
  void body(int n) {
    for (int i = 0; i < n; ++i) add(clause() + "，" + clause() + "。");
  }
};

// A hand-typed rule book: the title centred in 小标宋 22 pt, "第X章" in bold 黑体, articles with items.
Generated hand_typed(unsigned seed) {
  Gen g(seed);
  Paragraph& t = g.heading("石门市场监督管理所档案管理制度", 0);
  t.align = Align::Center, t.runs[0].role = FontRole::Title, t.runs[0].size_pt = 22;
  int article = 0;
  const int chapters = g.pick(2, 5);
  for (int c = 0; c < chapters; ++c) {
    Paragraph& h = g.heading(std::string("第") + kCn[c] + "章　" + kTopics[g.pick(0, 7)], 1);
    h.runs[0].bold = g.pick(0, 1) == 1, h.runs[0].role = FontRole::Hei;
    if (g.pick(0, 1)) h.align = Align::Center;
    for (int a = g.pick(1, 4); a > 0 && article < 24; --a) {
      const bool items = g.pick(0, 2) == 0;
      g.add(std::string("第") + kCn[article++] + "条　" + g.clause() + (items ? "，应当做到：" : "。"));
      ++g.g.articles;
      for (int i = 0; items && i < g.pick(2, 4); ++i) g.add(std::string("（") + kCn[i] + "）" + g.clause() + "；");
    }
  }
  return std::move(g.g);
}

// A notice: 一、 / （一） / 1. headings, with run-in items that end like sentences (body text).
Generated notice(unsigned seed) {
  Gen g(seed);
  g.heading("关于加强食品安全日常监督检查工作的通知", 0);
  g.add("各岗位：");
  const int sections = g.pick(2, 5);
  for (int s = 0; s < sections; ++s) {
    Paragraph& h = g.heading(std::string(kCn[s]) + "、" + kTopics[g.pick(0, 7)], 1);
    h.runs[0].role = FontRole::Hei;
    g.body(g.pick(0, 2));
    for (int k = 0, n = g.pick(0, 3); k < n; ++k) {
      g.heading(std::string("（") + kCn[k] + "）" + kTopics[g.pick(0, 7)], 2).runs[0].role = FontRole::Kai;
      g.body(1);
      for (int m = 0, q = g.pick(0, 2); m < q; ++m) {
        g.heading(std::to_string(m + 1) + "." + kTopics[g.pick(0, 7)], 3);
        g.body(1);
      }
    }
    if (g.pick(0, 1)) g.add(std::string("（") + kCn[sections] + "）" + g.clause() + "。");  // run-in item
  }
  return std::move(g.g);
}

// Word heading styles whose numbers come from auto-numbering: no number in the text, the paragraph
// carries the style's outline level and is a list item. Chinese Word names the styles "标题 1"
// (id "1"), English Word "heading 1".
Generated word_styles(unsigned seed) {
  Gen g(seed);
  Paragraph& t = g.heading("执法装备和执法证件管理制度", 0);
  t.style = g.pick(0, 1) ? "Title" : "标题";
  const bool chinese = g.pick(0, 1) == 1;
  const int chapters = g.pick(2, 4);
  for (int c = 0; c < chapters; ++c) {
    Paragraph& h = g.heading(kTopics[g.pick(0, 7)], 1);
    h.style = chinese ? "标题 1" : "heading 1", h.heading_level = 1;
    h.list = lh::model::ListKind::ChineseLevel;
    g.body(g.pick(1, 2));
    for (int k = 0, n = g.pick(0, 2); k < n; ++k) {
      Paragraph& s = g.heading(kTopics[g.pick(0, 7)], 2);
      s.style = chinese ? "标题 2" : "heading 2", s.heading_level = 2, s.list = lh::model::ListKind::ChineseLevel;
      s.list_level = 1;
      g.body(1);
    }
  }
  return std::move(g.g);
}

// Headings with no number and no style: a short line centred, larger than the body, or all bold.
Generated formatting_only(unsigned seed) {
  Gen g(seed);
  Paragraph& t = g.heading("值班值守制度", 0);
  t.align = Align::Center, t.runs[0].size_pt = 22, t.runs[0].bold = true;
  for (int c = 0, n = g.pick(2, 4); c < n; ++c) {
    Paragraph& h = g.heading(kTopics[g.pick(0, 7)], 1);
    switch (g.pick(0, 2)) {
      case 0: h.runs[0].bold = true; break;
      case 1: h.runs[0].role = FontRole::Hei; break;
      default: h.runs[0].bold = true, h.runs[0].role = FontRole::Hei; break;
    }
    g.body(g.pick(1, 3));
  }
  return std::move(g.g);
}

Generated markdown(unsigned seed) {
  Gen g(seed);
  g.heading("# 公文处理办法", 0);
  for (int c = 0, n = g.pick(2, 4); c < n; ++c) {
    g.heading(std::string("## 第") + kCn[c] + "章 " + kTopics[g.pick(0, 7)], 1);
    g.body(g.pick(1, 2));
  }
  return std::move(g.g);
}

Generated generate(Office o, unsigned seed) {
  switch (o) {
    case Office::HandTyped: return hand_typed(seed);
    case Office::Notice: return notice(seed);
    case Office::WordStyles: return word_styles(seed);
    case Office::FormattingOnly: return formatting_only(seed);
    default: return markdown(seed);
  }
}

}  // namespace

TEST(StructureOffices, GeneratedRuleTextsGetTheOutlineTheyWereWrittenWith) {
  const char* names[] = {"hand-typed", "notice", "word-styles", "formatting-only", "markdown"};
  size_t documents = 0, headings = 0;
  for (Office o : {Office::HandTyped, Office::Notice, Office::WordStyles, Office::FormattingOnly, Office::Markdown})
    for (unsigned seed = 1; seed <= 40; ++seed) {
      const Generated g = generate(o, seed);
      SCOPED_TRACE(std::string(names[static_cast<int>(o)]) + " seed " + std::to_string(seed));
      Outline out = detect_outline(g.doc);
      // The Markdown title is its lone "#" line; compile promotes it (sources.cpp), detect_outline
      // reports it as the one level-1 heading above the 章.
      const bool md = o == Office::Markdown;
      size_t articles = 0, found = 0;
      for (const OutlineLine& l : out.lines) {
        if (l.role == Role::Article) {
          ++articles;
          continue;
        }
        const Expected* e = nullptr;
        for (const Expected& x : g.headings)
          if (x.paragraph == l.at.block) e = &x;
        ASSERT_NE(e, nullptr) << "not written as a heading: 「" << l.text << "」 (" << l.reason << ")";
        ++found;
        if (e->level == 0 && !md) {
          EXPECT_EQ(l.role, Role::Title) << l.text << " (" << l.reason << ")";
        } else {
          EXPECT_EQ(l.role, Role::Heading) << l.text;
          EXPECT_EQ(l.level, e->level + (md ? 1 : 0)) << l.text << " (" << l.reason << ")";
        }
      }
      EXPECT_EQ(found, g.headings.size()) << "a written heading was missed";
      EXPECT_EQ(articles, g.articles);
      if (!md) {
        EXPECT_TRUE(out.warnings.empty()) << out.warnings[0];
      }
      ++documents, headings += g.headings.size();
    }
  EXPECT_EQ(documents, 200u);
  EXPECT_GT(headings, 1000u);
}
