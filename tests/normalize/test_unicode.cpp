// sanitize, nfc, fold_width, to_simplified (OpenCC tw2s), normalize_document, clean_line.
#include <gtest/gtest.h>
#include <opencc/opencc.h>

#include <string>
#include <thread>
#include <vector>

#include "normalize/unicode.h"

using namespace lh::normalize;
using namespace lh::model;

namespace {
Paragraph paragraph_of_runs(std::initializer_list<const char*> runs) {
  Paragraph p;
  for (const char* r : runs) p.runs.push_back(lh::model::Run{r});
  return p;
}
}  // namespace

TEST(Unicode, SanitizeRemovesControlCharacters) {
  const std::string in = std::string("案\x01号\x0B：\x1F") + '\0' + "1\t2\r\n3\x7F";
  EXPECT_EQ(sanitize(in), "案号：1\t2\r\n3\x7F");
  EXPECT_EQ(sanitize("a\xEF\xBF\xBE" "b\xEF\xBF\xBF" "c"), "abc");  // U+FFFE, U+FFFF
  EXPECT_EQ(sanitize("a\xED\xA0\x80" "b"), "ab");                   // a lone surrogate
  EXPECT_EQ(sanitize("a\xFF\xC3" "b"), "ab");                       // invalid bytes
  EXPECT_EQ(sanitize("市场监管 \xF0\xA0\x84\x8C"), "市场监管 \xF0\xA0\x84\x8C");
}

TEST(Unicode, NfcComposes) {
  EXPECT_EQ(nfc("e\xCC\x81"), "\xC3\xA9");         // e + U+0301 → é
  EXPECT_EQ(nfc("\xEF\xA4\x80"), "\xE8\xB1\x88");  // U+F900 (compatibility ideograph) → U+8C48 豈
  EXPECT_EQ(nfc("档案"), "档案");
}

TEST(Unicode, FullWidthDigitsFolded) {
  EXPECT_EQ(fold_width("２０２４年第１２号"), "2024年第12号");
  EXPECT_EQ(fold_width("ＡＢＣ－１２３　ｘ"), "ABC-123 x");
  EXPECT_EQ(fold_width("（一）"), "(一)");
  EXPECT_EQ(fold_width("〔2024〕"), "〔2024〕");  // not in the folded range
}

TEST(Unicode, Tw2sGovernmentPhrase) {
  EXPECT_EQ(to_simplified("市場監管所標準化規範化建設"), "市场监管所标准化规范化建设");
}

TEST(Unicode, Tw2sKeepsVocabulary) {
  EXPECT_EQ(to_simplified("檔案"), "档案");  // not 文件 (that is tw2sp)
  EXPECT_EQ(to_simplified("乾隆"), "乾隆");
  EXPECT_EQ(to_simplified("瀋陽鄉鎮"), "沈阳乡镇");
}

TEST(Unicode, Tw2sParticleZhe) {
  EXPECT_EQ(to_simplified("看著"), "看着");
  EXPECT_EQ(to_simplified("著作"), "著作");
}

TEST(Unicode, LooksTraditional) {
  EXPECT_TRUE(looks_traditional("行政處罰決定書"));
  EXPECT_FALSE(looks_traditional("行政处罚决定书"));
  EXPECT_FALSE(looks_traditional("No. 12"));
}

// Issue 11 §9: 核 (in 审核, half the paragraphs of a rule book) is one of the characters tw2s turns
// into a variant and straight back (核 → 覈 → 核); text whose only such characters go there and back
// is not sent to OpenCC. Every CJK character the pre-check lets past must come out of OpenCC itself
// unchanged, alone and next to each other.
TEST(Unicode, Tw2sSkipsOnlyTextOpenCcLeavesAlone) {
  EXPECT_FALSE(tw2s_may_change("审核把关，存档备查"));
  EXPECT_TRUE(tw2s_may_change("覈實"));
  EXPECT_EQ(to_simplified("覈實"), "核实");
  EXPECT_TRUE(tw2s_may_change("檔案"));
  opencc_t raw = opencc_open("tw2s.json");
  ASSERT_NE(raw, reinterpret_cast<opencc_t>(-1));
  auto convert = [&](const std::string& s) {
    char* out = opencc_convert_utf8(raw, s.data(), s.size());
    std::string r = out ? out : "";
    opencc_convert_utf8_free(out);
    return r;
  };
  std::string joined, lines;
  size_t skipped = 0;
  for (char32_t c = 0x4E00; c <= 0x9FFF; ++c) {
    std::string u;
    u += static_cast<char>(0xE0 | (c >> 12));
    u += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    u += static_cast<char>(0x80 | (c & 0x3F));
    if (tw2s_may_change(u)) continue;
    ++skipped;
    joined += u;
    lines += "审" + u + "实\n";
  }
  EXPECT_GT(skipped, 15000u);
  // The converter to_simplified holds is the one opencc_convert_utf8 wraps: same answers.
  for (const std::string t : {"市場監管所檔案，看著乾隆年間的瀋陽鄉鎮。", "審覈實際情況，覈實後存檔備查。"})
    EXPECT_EQ(to_simplified(t), convert(t));
  EXPECT_EQ(convert(joined), joined);
  EXPECT_EQ(convert(lines), lines);
  opencc_close(raw);
}

TEST(Unicode, Tw2sFromManyThreads) {
  std::vector<std::thread> ts;
  std::vector<std::string> results(8);
  for (size_t i = 0; i < results.size(); ++i)
    ts.emplace_back([&, i] {
      for (int k = 0; k < 50; ++k) results[i] = to_simplified("市場監管所檔案");
    });
  for (auto& t : ts) t.join();
  for (const auto& r : results) EXPECT_EQ(r, "市场监管所档案");
}

TEST(Unicode, NormalizeDocumentWalksEverything) {
  Document doc;
  Section s;
  s.blocks.push_back(Block{paragraph_of_runs({"行政處罰", "決定書\x01"})});
  s.blocks.push_back(Block{paragraph_of_runs({"檔", "案"})});  // a phrase split across runs

  Table inner;
  TableRow irow;
  TableCell icell;
  icell.blocks.push_back(Block{paragraph_of_runs({"e\xCC\x81 檢查"})});
  irow.cells.push_back(icell);
  inner.rows.push_back(irow);
  Table outer;
  TableRow orow;
  TableCell ocell;
  ocell.blocks.push_back(Block{inner});
  orow.cells.push_back(ocell);
  outer.rows.push_back(orow);
  s.blocks.push_back(Block{outer});

  HeaderFooter h;
  h.paragraphs.push_back(paragraph_of_runs({"監管所"}));
  s.header = h;
  HeaderFooter f;
  f.paragraphs.push_back(paragraph_of_runs({"第{PAGE}頁"}));
  s.footer = f;
  TextBox tb{10, 10, 50, 20};
  tb.runs.push_back(lh::model::Run{"標誌標識"});
  s.fixed_pages.push_back({Frame{tb}});
  doc.sections.push_back(s);

  normalize_document(doc);
  const Section& r = doc.sections[0];
  const auto& p0 = std::get<Paragraph>(r.blocks[0].value);
  EXPECT_EQ(p0.runs[0].text, "行政处罚");
  EXPECT_EQ(p0.runs[1].text, "决定书");
  const auto& p1 = std::get<Paragraph>(r.blocks[1].value);
  EXPECT_EQ(p1.runs[0].text + "|" + p1.runs[1].text, "档|案");
  const auto& t = std::get<Table>(r.blocks[2].value);
  const auto& it = std::get<Table>(t.rows[0].cells[0].blocks[0].value);
  EXPECT_EQ(std::get<Paragraph>(it.rows[0].cells[0].blocks[0].value).runs[0].text, "\xC3\xA9 检查");
  EXPECT_EQ(r.header->paragraphs[0].runs[0].text, "监管所");
  EXPECT_EQ(r.footer->paragraphs[0].runs[0].text, "第{PAGE}页");
  EXPECT_EQ(std::get<TextBox>(r.fixed_pages[0][0]).runs[0].text, "标志标识");
}

TEST(Unicode, NormalizeDocumentWithoutSimplify) {
  Document doc;
  Section s;
  s.blocks.push_back(Block{paragraph_of_runs({"檔案\x02"})});
  doc.sections.push_back(s);
  normalize_document(doc, NormalizeOptions{.simplify = false});
  EXPECT_EQ(std::get<Paragraph>(doc.sections[0].blocks[0].value).runs[0].text, "檔案");
}

TEST(Unicode, CleanLine) {
  EXPECT_EQ(clean_line("  关于开展\r\n试点工作的通知\t "), "关于开展 试点工作的通知");
  EXPECT_EQ(clean_line("\xE3\x80\x80\xE3\x80\x80目  录\x01"), "目  录");
  EXPECT_EQ(clean_line(""), "");
}
