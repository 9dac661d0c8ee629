// 清扫/整理/清洁: junk, duplicates, versions, file names.
#include <gtest/gtest.h>

#include <algorithm>

#include "filing/duplicates.h"
#include "filing/file_name.h"
#include "filing/junk.h"
#include "filing/versions.h"
#include "filing_test_util.h"

using namespace lh::filing;
using lh::filing::testing::default_scheme;

TEST(FilingJunk, OfficeLeftoversAndEmptyFiles) {
  const Scheme& s = default_scheme();
  for (const char* n : {"~$行政处罚决定书.docx", "Thumbs.db", "thumbs.db", ".DS_Store", "desktop.ini", "Desktop.ini",
                        "~WRL0001.tmp", "abc.tmp", ".~lock.询问笔录.docx#", "._照片.jpg"})
    EXPECT_TRUE(classify_junk(n, 100, s)) << n;
  EXPECT_TRUE(classify_junk("空白.docx", 0, s));
  for (const char* n : {"行政处罚决定书.docx", "tmp报告.pdf", "lock.txt", "$预算.xlsx"})
    EXPECT_FALSE(classify_junk(n, 100, s)) << n;
  EXPECT_TRUE(classify_junk("dir/sub/Thumbs.db", 10, s));  // a path: the last component counts
}

namespace {
lh::model::InspectedFile read_file_of(const std::string& path, lh::model::Format format, uint64_t text_chars) {
  lh::model::InspectedFile f;
  f.path = path;
  f.size = 4574;
  f.meta.format = format;
  f.text_chars = text_chars;
  return f;
}
}  // namespace

// Bug: 桌面/新建 Microsoft Word 文档(2).docx, made by Explorer's New menu and never filled, was archived.
TEST(Junk, EmptyNewWordDocumentIsJunk) {
  const Scheme& s = default_scheme();
  using lh::model::Format;
  for (const char* p : {"桌面/新建 Microsoft Word 文档(2).docx", "新建 Microsoft Word 文档.docx", "文档1.docx"}) {
    auto why = classify_empty_document(read_file_of(p, Format::Docx, 0), s);
    ASSERT_TRUE(why) << p;
    EXPECT_NE(why->find("新建"), std::string::npos) << *why;
  }
  EXPECT_TRUE(classify_empty_document(read_file_of("新建 Microsoft Excel 工作表.xlsx", Format::Xlsx, 0), s));
  // A text file that holds no text (a BOM, blank lines) is empty whatever its name: it cannot hold a picture.
  EXPECT_TRUE(classify_empty_document(read_file_of("通知/说明.txt", Format::Text, 0), s));
}

TEST(Junk, DocumentWithContentOrPossiblePicturesIsNotJunk) {
  const Scheme& s = default_scheme();
  using lh::model::Format;
  EXPECT_FALSE(classify_empty_document(read_file_of("新建 Microsoft Word 文档(2).docx", Format::Docx, 12), s));
  // No text in a named Word file may be a pasted photo (the readers count no pictures): kept.
  EXPECT_FALSE(classify_empty_document(read_file_of("现场照片.docx", Format::Docx, 0), s));
  // A page without text still shows what is drawn on it; an image is content.
  EXPECT_FALSE(classify_empty_document(read_file_of("新建 Microsoft Word 文档.pdf", Format::Pdf, 0), s));
  EXPECT_FALSE(classify_empty_document(read_file_of("新建 位图图像.png", Format::Image, 0), s));
  auto with_record = read_file_of("新建文本文档.xml", Format::Xml, 0);
  with_record.records.resize(1);
  EXPECT_FALSE(classify_empty_document(with_record, s));
  // Unreadable is quarantined, never junk.
  auto encrypted = read_file_of("新建 Microsoft Word 文档.docx", Format::Docx, 0);
  encrypted.error = lh::model::ReadError{lh::model::ErrorKind::Encrypted, "password-protected"};
  EXPECT_FALSE(classify_empty_document(encrypted, s));
}

TEST(Duplicates, CopyMarkersInNames) {
  const Scheme& s = default_scheme();
  for (const char* n : {"a/09 行政处罚决定书 - 副本.pdf", "行政处罚决定书副本.pdf", "行政处罚决定书(1).pdf", "行政处罚决定书（1）.pdf",
                        "Copy of report.pdf", "report - Copy.pdf", "复件 通知.docx"})
    EXPECT_TRUE(has_copy_marker(n, s)) << n;
  for (const char* n : {"a/09 行政处罚决定书.pdf", "发文存档/2024/南市监处罚〔2024〕12号.pdf", "(9)行政处罚决定书.pdf"})
    EXPECT_FALSE(has_copy_marker(n, s)) << n;
}

// Bug: of A's three identical decision PDFs, "09 行政处罚决定书 - 副本.pdf" was archived and the 正本's own
// name "09 行政处罚决定书.pdf" became the duplicate.
TEST(Duplicates, KeptCopyIsTheBestNamedNotTheCopyMarkedOne) {
  const Scheme& s = default_scheme();
  const std::string a = "案件/2024/南市监处罚〔2024〕12号 鲜丰公司销售过期食品案/";
  std::vector<HashedPath> in = {{"发文存档/2024/南市监处罚〔2024〕12号.pdf", "aa", false},
                                {a + "09 行政处罚决定书 - 副本.pdf", "aa", true},
                                {a + "09 行政处罚决定书.pdf", "aa", true}};
  auto d = find_duplicates(in, s);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kept, a + "09 行政处罚决定书.pdf");
  // Any order of the inputs gives the same choice.
  std::reverse(in.begin(), in.end());
  EXPECT_EQ(find_duplicates(in, s)[0].kept, a + "09 行政处罚决定书.pdf");
}

TEST(Duplicates, CaseFolderThenNeighboursThenShortestPathThenPathOrder) {
  const Scheme& s = default_scheme();
  // The outbox copy has the shorter path and more neighbours, the case folder's copy wins.
  auto d = find_duplicates({{"发文/决定书.pdf", "aa", false, 9}, {"案件/12号/行政处罚决定书.pdf", "aa", true, 1}}, s);
  EXPECT_EQ(d[0].kept, "案件/12号/行政处罚决定书.pdf");
  // Outside cases, the copy that sits with other documents (a draft of it, say) beats a stray backup.
  d = find_duplicates({{"备份/通知.docx", "aa", false, 0}, {"通知/2024/通知.docx", "aa", false, 1}}, s);
  EXPECT_EQ(d[0].kept, "通知/2024/通知.docx");
  d = find_duplicates({{"备份/旧/决定书.pdf", "aa", false}, {"通知/决定书.pdf", "aa", false}}, s);
  EXPECT_EQ(d[0].kept, "通知/决定书.pdf");
  d = find_duplicates({{"b/决定书.pdf", "aa", false}, {"a/决定书.pdf", "aa", false}}, s);
  EXPECT_EQ(d[0].kept, "a/决定书.pdf");
  // A copy marker loses even against a longer path outside any case.
  d = find_duplicates({{"案件/12号/决定书(1).pdf", "aa", true}, {"收件/微信文件/决定书.pdf", "aa", false}}, s);
  EXPECT_EQ(d[0].kept, "收件/微信文件/决定书.pdf");
}

TEST(FilingDuplicates, SameHashIsOneItemWithEveryPath) {
  const Scheme& s = default_scheme();
  std::vector<HashedPath> in = {{"b/x.pdf", "aa"}, {"a/x.pdf", "aa"}, {"c.pdf", "bb"}, {"z.zip/x.pdf", "aa"}};
  auto d = find_duplicates(in, s);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].sha256, "aa");
  EXPECT_EQ(d[0].kept, "a/x.pdf");
  EXPECT_EQ(d[0].paths, (std::vector<std::string>{"a/x.pdf", "b/x.pdf", "z.zip/x.pdf"}));
  // A path archived on an earlier run keeps that role.
  auto d2 = find_duplicates(in, s, [](const std::string& sha) -> std::optional<std::string> {
    if (sha == "aa") return std::string("b/x.pdf");
    return std::nullopt;
  });
  EXPECT_EQ(d2[0].kept, "b/x.pdf");
}

TEST(FilingVersions, MarkersAreRecognised) {
  const Scheme& s = default_scheme();
  struct Case { const char* stem; const char* base; bool draft, copy; int version, copy_index; };
  for (const Case& c : std::vector<Case>{
           {"关于开展检查的通知（征求意见稿）", "关于开展检查的通知", true, false, 0, 0},
           {"关于开展检查的通知-送审稿", "关于开展检查的通知", true, false, 0, 0},
           {"工作总结初稿", "工作总结", true, false, 0, 0},
           {"工作总结_修改稿", "工作总结", true, false, 0, 0},
           {"工作总结 v2", "工作总结", false, false, 2, 0},
           {"工作总结_V3", "工作总结", false, false, 3, 0},
           {"工作总结 - 副本", "工作总结", false, true, 0, 0},
           {"工作总结(1)", "工作总结", false, true, 0, 1},
           {"工作总结（2）", "工作总结", false, true, 0, 2},
           {"工作总结第2稿", "工作总结", true, false, 2, 0},
           {"工作总结", "工作总结", false, false, 0, 0},
       }) {
    auto m = parse_version_marks(c.stem, s);
    EXPECT_EQ(m.base, c.base) << c.stem;
    EXPECT_EQ(m.draft, c.draft) << c.stem;
    EXPECT_EQ(m.copy, c.copy) << c.stem;
    EXPECT_EQ(m.version, c.version) << c.stem;
    EXPECT_EQ(m.copy_index, c.copy_index) << c.stem;
  }
  EXPECT_TRUE(parse_version_marks("新建 Microsoft Word 文档(2)", s).generic);
  EXPECT_TRUE(parse_version_marks("新建 Microsoft Word 文档", s).generic);
  EXPECT_TRUE(parse_version_marks("定稿", s).generic);  // nothing left: cannot identify by name
  EXPECT_TRUE(parse_version_marks("工作总结（定稿）", s).final_marked);
}

TEST(FilingVersions, FinalIsTheUnmarkedNewestAndDraftsAreItsVersions) {
  const Scheme& s = default_scheme();
  std::vector<VersionCandidate> c = {
      {0, "caseA", "询问笔录初稿", "", 100, "a/询问笔录初稿.docx"},
      {1, "caseA", "询问笔录", "", 300, "a/询问笔录.docx"},
      {2, "caseA", "询问笔录 v2", "", 200, "a/询问笔录 v2.docx"},
      {3, "caseB", "询问笔录", "", 50, "b/询问笔录.docx"},            // another case: not a version
      {4, "caseA", "新建 Microsoft Word 文档(2)", "询问笔录", 10, "a/新建 Microsoft Word 文档(2).docx"},
      {5, "caseA", "现场笔录", "", 10, "a/现场笔录.docx"},
  };
  auto g = find_versions(c, s);
  const VersionGroup* a = nullptr;
  for (const auto& x : g) if (x.final_id == 1) a = &x;
  ASSERT_TRUE(a);
  EXPECT_EQ(a->versions, (std::vector<size_t>{4, 0, 2}));  // oldest first
  size_t total = 0;
  for (const auto& x : g) total += 1 + x.versions.size();
  EXPECT_EQ(total, c.size());
  EXPECT_EQ(g.size(), 3u);
}

TEST(Versions, SequencePrefixIsNotPartOfTheName) {
  const Scheme& s = default_scheme();
  for (const char* stem : {"09 行政处罚决定书", "09-行政处罚决定书", "09_行政处罚决定书", "9.行政处罚决定书", "9、行政处罚决定书",
                           "(9)行政处罚决定书", "（9）行政处罚决定书", "09 行政处罚决定书 - 副本"}) {
    auto m = parse_version_marks(stem, s);
    EXPECT_EQ(m.base, "行政处罚决定书") << stem;
    ASSERT_TRUE(m.sequence) << stem;
    EXPECT_EQ(*m.sequence, 9) << stem;
  }
  // Not a sequence number: a year, a number that is part of the name, a decimal.
  for (const char* stem : {"2024 工作总结", "12315投诉举报登记", "1.5倍罚款的说明", "行政处罚决定书"}) {
    auto m = parse_version_marks(stem, s);
    EXPECT_EQ(m.base, stem) << stem;
    EXPECT_FALSE(m.sequence) << stem;
  }
}

// Bug: 草稿/行政处罚决定书（初稿）.docx and （征求意见稿） were a document of their own, not versions of
// "09 行政处罚决定书" in the case folder above them.
TEST(Versions, DraftsAreVersionsOfTheNumberedFinal) {
  const Scheme& s = default_scheme();
  std::vector<VersionCandidate> c = {
      {0, "case:12", "09 行政处罚决定书", "行政处罚决定书", 300, "A/09 行政处罚决定书.docx"},
      {1, "case:12", "09 行政处罚决定书", "行政处罚决定书", 400, "A/09 行政处罚决定书.pdf"},
      {2, "case:12", "行政处罚决定书（初稿）", "行政处罚决定书", 100, "A/草稿/行政处罚决定书（初稿）.docx"},
      {3, "case:12", "行政处罚决定书（征求意见稿）", "行政处罚决定书", 200, "A/草稿/行政处罚决定书（征求意见稿）.docx"},
      {4, "case:12", "08 行政处罚告知书", "行政处罚告知书", 50, "A/08 行政处罚告知书.pdf"},
  };
  auto g = find_versions(c, s);
  ASSERT_EQ(g.size(), 2u);
  const VersionGroup& decision = g[0].final_id == 4 ? g[1] : g[0];
  EXPECT_EQ(decision.final_id, 1u);
  EXPECT_EQ(decision.versions, (std::vector<size_t>{2, 3, 0}));  // oldest first
}

// A git clone or a copied folder gives the Word file and its PDF the same mtime; path order used to
// decide, so the editable .docx became the original. The issued, fixed-layout form is the final.
TEST(Versions, SameMtimeWordAndPdfThePdfIsTheFinal) {
  const Scheme& s = default_scheme();
  std::vector<VersionCandidate> c = {
      {0, "case:12", "09 行政处罚决定书", "行政处罚决定书", 100, "A/09 行政处罚决定书.docx"},
      {1, "case:12", "09 行政处罚决定书", "行政处罚决定书", 100, "A/09 行政处罚决定书.pdf"},
  };
  auto g = find_versions(c, s);
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].final_id, 1u);
  EXPECT_EQ(g[0].versions, (std::vector<size_t>{0}));
}

TEST(Versions, DifferentlyNumberedDocumentsAreNotVersionsOfEachOther) {
  const Scheme& s = default_scheme();
  // Two interviews in one case folder, and a draft that could be of either: three documents.
  std::vector<VersionCandidate> c = {
      {0, "case:12", "04 询问笔录", "询问笔录", 100, "A/04 询问笔录.docx"},
      {1, "case:12", "05 询问笔录", "询问笔录", 200, "A/05 询问笔录.docx"},
      {2, "case:12", "询问笔录（初稿）", "询问笔录", 50, "A/草稿/询问笔录（初稿）.docx"},
  };
  auto g = find_versions(c, s);
  ASSERT_EQ(g.size(), 3u);
  for (const auto& x : g) EXPECT_TRUE(x.versions.empty()) << x.key;
}

TEST(FilingVersions, OlderMtimeIsTheVersionWhenNamesAgree) {
  const Scheme& s = default_scheme();
  std::vector<VersionCandidate> c = {{0, "k", "报告", "", 500, "x/报告.docx"}, {1, "k", "报告(1)", "", 900, "x/报告(1).docx"}};
  auto g = find_versions(c, s);
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].final_id, 0u);  // the copy "(1)" is never the final while the plain name exists
}

TEST(FilingFileName, ForbiddenCharactersAndControlsAreReplaced) {
  EXPECT_EQ(clean_file_name("a\\b/c:d*e?f\"g<h>i|j.pdf"), "a_b_c_d_e_f_g_h_i_j.pdf");
  EXPECT_EQ(clean_file_name(std::string("报告\x01\x1F", 8) + ".pdf"), "报告__.pdf");
  EXPECT_EQ(clean_file_name("  行政处罚   决定书 .docx  "), "行政处罚 决定书 .docx");
  EXPECT_EQ(clean_file_name("...hidden.txt"), "hidden.txt");
  EXPECT_EQ(clean_file_name(""), "_");
  EXPECT_EQ(clean_file_name("CON.txt"), "_CON.txt");
}

TEST(FilingFileName, ChineseIsKeptNeverTransliterated) {
  EXPECT_EQ(clean_file_name("张喆 询问笔录（第一次）.docx"), "张喆 询问笔录（第一次）.docx");
  EXPECT_EQ(clean_file_name("關於市場監管的報告.pdf"), "關於市場監管的報告.pdf");  // not even 繁→简
}

TEST(FilingFileName, IsNfc) {
  // "é" as e + combining acute becomes U+00E9.
  EXPECT_EQ(clean_file_name("caf\x65\xCC\x81.txt"), "caf\xC3\xA9.txt");
}

TEST(FilingFileName, CutAt255BytesWithoutSplittingACharacter) {
  std::string stem;
  for (int i = 0; i < 100; ++i) stem += "档";  // 300 bytes
  std::string n = clean_file_name(stem + ".docx");
  EXPECT_LE(n.size(), 255u);
  EXPECT_EQ(n.substr(n.size() - 5), ".docx");
  EXPECT_EQ((n.size() - 5) % 3, 0u);  // whole characters only
  EXPECT_EQ(n.size(), 5u + 250u / 3u * 3u);
  std::string mixed = "a" + stem + ".pdf";
  std::string m = clean_file_name(mixed);
  EXPECT_LE(m.size(), 255u);
  EXPECT_EQ(m.substr(m.size() - 4), ".pdf");
}

TEST(FilingFileName, StandardNameKeepsCodeAndExtensionWhenCut) {
  const Scheme& s = default_scheme();
  std::string title;
  for (int i = 0; i < 120; ++i) title += "长";
  std::string code = "Z109-WS\u00B72024-D30-CDS-0001";
  std::string n = standard_name(s, code, title, "pdf");
  EXPECT_LE(n.size(), 255u);
  EXPECT_EQ(n.rfind(code + " ", 0), 0u);
  EXPECT_EQ(n.substr(n.size() - 4), ".pdf");
  EXPECT_TRUE(is_standard_name(n));
  EXPECT_EQ(standard_name(s, code, "关于a/b的通知", "docx"), code + " 关于a_b的通知.docx");
}

TEST(FilingFileName, IsStandardName) {
  EXPECT_TRUE(is_standard_name("Z109-WS\u00B72011-Y-BGS-0001 关于年度工作的总结.pdf"));
  EXPECT_FALSE(is_standard_name("关于年度工作的总结.pdf"));
  EXPECT_FALSE(is_standard_name("Z109-WS\u00B72011-Y-BGS-0001.pdf"));
  EXPECT_FALSE(is_standard_name("Z109-WS\u00B72011-Y-BGS-0001 .pdf"));
  EXPECT_FALSE(is_standard_name("Z109-WS\u00B72011-Y-BGS-0001 总结"));
  EXPECT_EQ(title_of_standard_name("Z109-WS\u00B72011-Y-BGS-0001 总结.pdf"), "总结");
}
