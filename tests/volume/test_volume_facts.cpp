// Issue 9 §3, "Wrong facts on the documents", through an archive run as a clerk meets them: the
// manifest's 题名 and date with the rule that gave each (title_by, date_by), the 文号 of the
// catalogues, and the volume's cover and 备考表 as Poppler reads them from 案卷.pdf. The case is
// written here (another city, party and layout than samples/), never copied from samples/.
#include <gtest/gtest.h>
#include <poppler.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "ingest/inspect.h"
#include "package/archive.h"
#include "package/files.h"
#include "test_support.h"

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace lh;

namespace {

std::string page_text(const std::string& pdf, int i) {
  GBytes* gb = g_bytes_new(pdf.data(), pdf.size());
  PopplerDocument* doc = poppler_document_new_from_bytes(gb, nullptr, nullptr);
  g_bytes_unref(gb);
  if (!doc) return {};
  int n = poppler_document_get_n_pages(doc);
  std::string out;
  if (i < 0) i += n;
  if (i >= 0 && i < n) {
    PopplerPage* p = poppler_document_get_page(doc, i);
    char* t = poppler_page_get_text(p);
    out = t ? t : "";
    g_free(t);
    g_object_unref(p);
  }
  g_object_unref(doc);
  std::string o;  // white space out: table cells wrap
  for (size_t k = 0; k < out.size(); ++k) {
    unsigned char c = static_cast<unsigned char>(out[k]);
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') continue;
    if (out.compare(k, 3, "\u3000") == 0) { k += 2; continue; }
    o += out[k];
  }
  return o;
}

// Another office's penalty case (潮州, a tea shop), without its 送达回证, and a 文书 with a letterhead.
struct FactsArchive {
  fs::path base, archive;
  json manifest, derived;
  std::map<std::string, json> by_source;  // inbox path → manifest item
  std::string error;
};

// The inbox `texts` (path → content) archived by one run.
FactsArchive archive_of(const std::string& name, const std::map<std::string, std::string>& texts) {
  FactsArchive s;
  s.base = test::temp_dir(name);
  s.archive = s.base / "ARCHIVE";
  const fs::path inbox = s.base / "INBOX";
  std::vector<model::InspectedFile> files;
  int64_t clock = 1717200000LL * 1000000000LL;
  for (const auto& [rel, text] : texts) {
    test::write_file(inbox / rel, text);
    model::InspectedFile f = ingest::inspect_bytes(rel, text, {});
    f.source_path = (inbox / rel).string();
    f.mtime_ns = (clock += 60LL * 1000000000LL);
    files.push_back(std::move(f));
  }
  package::ArchiveOptions o;
  o.in_dir = inbox;
  o.out_dir = s.archive;
  o.scheme = test::source_dir() / "templates/scheme/default.xml";
  o.office = test::source_dir() / "samples/office.xml";
  o.run_started_at = "2024-06-01T02:00:00+0800";
  auto r = package::run_archive(files, o);
  if (!r.ok()) { s.error = r.error; return s; }
  s.manifest = json::parse(test::read_file(s.archive / "manifest.json"));
  s.derived = json::parse(test::read_file(s.archive / "derived.json"));
  for (const auto& it : s.manifest["items"])
    for (const auto& src : it["sources"]) s.by_source[src.get<std::string>()] = it;
  return s;
}

const FactsArchive& facts_archive() {
  static FactsArchive a = [] {
    const std::string c = "案卷/潮市监处罚〔2024〕31号/";
    const std::map<std::string, std::string> texts = {
        {c + "01 立案.txt",
         "潮州市市场监督管理局\n立案审批表\n案号：潮市监处罚〔2024〕31号\n"
         "案件名称\t潮州市某某茶行销售不合格茶叶案\n当事人：潮州市某某茶行\n案　　由：涉嫌销售不合格茶叶\n"
         "承办人意见：建议立案。\n二〇二四年三月一日\n"},
        {c + "02 现场.txt",
         "现场笔录\n案号：潮市监处罚〔2024〕31号\n当事人：潮州市某某茶行\n检查时间：2024-03-02 10:00至10:40\n"
         "检查情况：货架上陈列的散装乌龙茶经抽检不合格。\n处理：责令于2024年3月9日前改正。\n"},
        {c + "03 询问.txt",
         "询 问 笔 录\n案号：潮市监处罚〔2024〕31号\n询问时间：２０２４年３月５日９时１０分至１０时\n被询问人：黄某某\n"
         "问：这批茶叶何时进货？\n答：2024年2月18日从安溪一家茶厂进的。\n"},
        {c + "04 决定.txt",
         "潮州市市场监督管理局\n行政处罚决定书\n潮市监处罚〔2024〕31号\n当事人：潮州市某某茶行\n"
         "经查，当事人销售不合格茶叶。本局决定对当事人作出如下行政处罚：\n一、警告；\n二、罚款人民币叁仟元整。\n"
         "当事人应当自收到本决定书之日起十五日内缴纳罚款，逾期不缴纳罚款的，每日按罚款数额的3%加处罚款。\n"
         "如不服本处罚决定，可以在收到本决定书之日起六十日内申请行政复议，也可以在六个月内提起行政诉讼。\n"
         "潮州市市场监督管理局\n2024年4月10日\n"},
        {"综合/小结.txt",
         "汕头市澄海区市场监督管理局\n\n2024年第一季度工作小结\n一、主要工作\n开展节前检查12次。\n二〇二四年四月二日\n"},
    };
    return archive_of("vol-facts", texts);
  }();
  return a;
}

#define REQUIRE_FACTS(a)                      \
  const FactsArchive& a = facts_archive();    \
  ASSERT_TRUE(a.error.empty()) << a.error

const json& item(const FactsArchive& a, const std::string& src) {
  static const json none;
  auto it = a.by_source.find(src);
  return it == a.by_source.end() ? none : it->second;
}

std::string volume_pdf(const FactsArchive& a, const std::string& case_number = "潮市监处罚〔2024〕31号") {
  for (auto& [folder, v] : a.derived["volumes"].items())
    if (v["case_number"] == case_number) return test::read_file(a.archive / folder / "案卷.pdf");
  return {};
}

}  // namespace

// 询问笔录 dated by a purchase date in its answers (and so sorted before the 现场笔录).
TEST(VolumeFacts, InterviewRecordIsDatedByItsInterviewTime) {
  REQUIRE_FACTS(a);
  const json& q = item(a, "案卷/潮市监处罚〔2024〕31号/03 询问.txt");
  ASSERT_TRUE(q.is_object());
  EXPECT_EQ(q["date"], "2024-03-05");
  EXPECT_NE(q["date_by"].get<std::string>().find("询问时间"), std::string::npos) << q["date_by"];
}

// Inspection records dated a week off (by the 整改期限).
TEST(VolumeFacts, SiteRecordIsDatedByItsInspectionTimeNotTheDeadline) {
  REQUIRE_FACTS(a);
  const json& x = item(a, "案卷/潮市监处罚〔2024〕31号/02 现场.txt");
  ASSERT_TRUE(x.is_object());
  EXPECT_EQ(x["date"], "2024-03-02");
  EXPECT_NE(x["date_by"].get<std::string>().find("检查时间"), std::string::npos) << x["date_by"];
  const json& d = item(a, "案卷/潮市监处罚〔2024〕31号/04 决定.txt");
  EXPECT_EQ(d["date"], "2024-04-10");  // 落款日期
  EXPECT_NE(d["date_by"].get<std::string>().find("落款"), std::string::npos) << d["date_by"];
}

// A text document titled by its letterhead (the agency's name) in the manifest and the file name.
TEST(VolumeFacts, LetterheadIsNeverTheTitle) {
  REQUIRE_FACTS(a);
  const json& w = item(a, "综合/小结.txt");
  ASSERT_TRUE(w.is_object());
  EXPECT_EQ(w["title"], "2024年第一季度工作小结");
  EXPECT_NE(w["title_by"].get<std::string>().find("标题行"), std::string::npos) << w["title_by"];
  EXPECT_EQ(w["date"], "2024-04-02");
  for (const auto& f : w["files"])
    EXPECT_EQ(f["path"].get<std::string>().find("监督管理局"), std::string::npos) << f["path"];
}

// 题名 without the party: every decision of a year reads "行政处罚决定书".
TEST(VolumeFacts, FormTitlesCarryTheParty) {
  REQUIRE_FACTS(a);
  EXPECT_EQ(item(a, "案卷/潮市监处罚〔2024〕31号/04 决定.txt")["title"], "潮州市某某茶行行政处罚决定书");
  // The 询问笔录 names no 当事人 of its own: the case's is used.
  const json& q = item(a, "案卷/潮市监处罚〔2024〕31号/03 询问.txt");
  EXPECT_EQ(q["title"], "潮州市某某茶行询问笔录");
  EXPECT_NE(q["title_by"].get<std::string>().find("本案当事人"), std::string::npos) << q["title_by"];
}

// 文号 filled with the 案号 for every document of the case.
TEST(VolumeFacts, OnlyTheDecisionHasADocNumber) {
  REQUIRE_FACTS(a);
  for (const auto& [src, it] : a.by_source) {
    const std::string code = it["archival_code"];
    ASSERT_TRUE(a.derived["items"].contains(code)) << code;
    const std::string want = src.find("决定") != std::string::npos ? "潮市监处罚〔2024〕31号" : "";
    EXPECT_EQ(a.derived["items"][code].value("doc_number", "?"), want) << src;
  }
}

// A cover with an empty 案由 and a 处罚结果 that is the 复议/诉讼 boilerplate.
TEST(VolumeFacts, CoverHasCauseCaseNameAndShortPenalty) {
  REQUIRE_FACTS(a);
  const std::string pdf = volume_pdf(a);
  ASSERT_FALSE(pdf.empty());
  const std::string cover = page_text(pdf, 0);
  EXPECT_NE(cover.find("销售不合格茶叶"), std::string::npos) << cover;
  EXPECT_NE(cover.find("潮州市某某茶行销售不合格茶叶案"), std::string::npos) << cover;
  EXPECT_NE(cover.find("警告；罚款3000元"), std::string::npos) << cover;
  EXPECT_EQ(cover.find("复议"), std::string::npos) << cover;
  EXPECT_EQ(cover.find("诉讼"), std::string::npos) << cover;
}

// 备考表 silent about a missing 送达回证 (第七十八条: 行政处罚决定书及送达回证).
TEST(VolumeFacts, NotesSheetRecordsTheMissingServiceReceipt) {
  REQUIRE_FACTS(a);
  const std::string pdf = volume_pdf(a);
  ASSERT_FALSE(pdf.empty());
  const std::string notes = page_text(pdf, -1);
  EXPECT_NE(notes.find("卷内备考表"), std::string::npos) << notes;
  EXPECT_NE(notes.find("缺送达回证"), std::string::npos) << notes;
  EXPECT_NE(notes.find("第七十八条"), std::string::npos) << notes;
}

// Defect: the cover of a 当场处罚 case (one 当场行政处罚决定书, 简易程序) had 案由, 案件名称, 立案日期 and
// 结案日期 blank, as if forgotten. By law the case has no 立案 and no 结案审批表 (《行政处罚法》第五十一条、
// 第五十二条; 程序规定第六十六条至第七十条, 第七十七条): 立案日期 says so, 结案日期 is the decision's date,
// 案由 the 违法行为 the decision states, and the 备考表 gives each reason. Another wording than
// samples/ (fact and law in one sentence).
TEST(VolumeFacts, AnOnTheSpotCaseCoverHasItsCauseAndSaysWhyThereIsNoFilingDate) {
  static const FactsArchive a = archive_of(
      "vol-facts-spot",
      {{"案卷/潮市监当罚〔2024〕8号/当场处罚决定书.txt",
        "潮州市市场监督管理局\n当场行政处罚决定书\n潮市监当罚〔2024〕8号\n当事人：潮州市某某小吃店\n"
        "经查，当事人于2024年5月6日销售标签不符合规定的预包装食品，违反了《中华人民共和国食品安全法》第七十一条第一款的规定，"
        "依据《中华人民共和国食品安全法》第一百二十五条第二款的规定，决定给予如下行政处罚：警告。\n"
        "如不服本决定，可以在收到本决定书之日起六十日内申请行政复议。\n执法人员：林某、陈某\n潮州市市场监督管理局\n2024年5月6日\n"}});
  ASSERT_TRUE(a.error.empty()) << a.error;
  const std::string pdf = volume_pdf(a, "潮市监当罚〔2024〕8号");
  ASSERT_FALSE(pdf.empty());
  const std::string cover = page_text(pdf, 0);
  EXPECT_NE(cover.find("潮州市某某小吃店销售标签不符合规定的预包装食品案"), std::string::npos) << cover;
  EXPECT_NE(cover.find("立案日期不适用（简易程序）"), std::string::npos) << cover;
  EXPECT_NE(cover.find("结案日期2024年5月6日"), std::string::npos) << cover;
  const std::string notes = page_text(pdf, -1);
  EXPECT_NE(notes.find("立案日期不适用"), std::string::npos) << notes;
  EXPECT_NE(notes.find("第五十一条"), std::string::npos) << notes;
  EXPECT_NE(notes.find("结案日期取当场行政处罚决定书的作出日期"), std::string::npos) << notes;
  for (auto& [folder, v] : a.derived["volumes"].items())
    for (const auto& p : v.value("problems", json::array()))
      EXPECT_EQ(p.get<std::string>().find("日期留空"), std::string::npos) << folder << ": " << p;
}

// Wrong fact: a revoked case (撤销立案, no decision in it) had a cover charging the party —
// "聚福楼经营超过保质期的食品原料案" — because 涉嫌 was dropped as if the case had been decided.
TEST(VolumeFacts, ACaseWithoutADecisionKeepsItsSuspicionOnTheCover) {
  const std::string c = "案件/桐市监罚字〔2024〕31号/";
  static const FactsArchive a = archive_of(
      "vol-facts-revoked",
      {{c + "立案审批表.txt",
        "桐溪县市场监督管理局\n立案审批表\n案号：桐市监罚字〔2024〕31号\n当事人：桐溪县聚福楼餐馆\n"
        "案由：涉嫌经营超过保质期的食品原料\n承办人意见：建议立案。\n2024年11月20日\n"}});
  ASSERT_TRUE(a.error.empty()) << a.error;
  const std::string cover = page_text(volume_pdf(a, "桐市监罚字〔2024〕31号"), 0);
  EXPECT_NE(cover.find("桐溪县聚福楼餐馆涉嫌经营超过保质期的食品原料案"), std::string::npos) << cover;
}

// Wrong fact: a cover's 案件名称 "青禾县白沙镇惠民超市惠民超市销售超过保质期的食品案" — the 立案审批表's
// 案由 opened with the shop's name, and the party went in front of it again (another office's case,
// found by a hand-made inbox). The 案件名称 is 当事人 + 违法行为 + 案 (domain.md §2), the party once.
TEST(VolumeFacts, ACauseOpeningWithTheShopNameDoesNotRepeatThePartyOnTheCover) {
  const std::string c = "案件/青市监处罚〔2025〕12号/";
  static const FactsArchive a = archive_of(
      "vol-facts-shop-name",
      {{c + "立案审批表.txt",
        "青禾县市场监督管理局\n立案审批表\n案号：青市监处罚〔2025〕12号\n当事人：青禾县白沙镇惠民超市\n"
        "案由：惠民超市销售超过保质期的食品\n承办人意见：建议立案。\n2025年1月6日\n"},
       {c + "行政处罚决定书.txt",
        "青禾县市场监督管理局\n行政处罚决定书\n青市监处罚〔2025〕12号\n当事人：青禾县白沙镇惠民超市\n"
        "经查，当事人销售超过保质期的食品。本局决定对当事人作出如下行政处罚：\n一、警告；\n二、罚款人民币伍仟元整。\n"
        "青禾县市场监督管理局\n2025年2月10日\n"}});
  ASSERT_TRUE(a.error.empty()) << a.error;
  const std::string pdf = volume_pdf(a, "青市监处罚〔2025〕12号");
  ASSERT_FALSE(pdf.empty());
  const std::string cover = page_text(pdf, 0);
  EXPECT_NE(cover.find("青禾县白沙镇惠民超市销售超过保质期的食品案"), std::string::npos) << cover;
  EXPECT_EQ(cover.find("惠民超市惠民超市"), std::string::npos) << cover;
  // A cause whose first word only ends like the party (two characters: "超市…") keeps it.
  static const FactsArchive b = archive_of(
      "vol-facts-shop-word",
      {{c + "立案审批表.txt",
        "青禾县市场监督管理局\n立案审批表\n案号：青市监处罚〔2025〕12号\n当事人：青禾县白沙镇惠民超市\n"
        "案由：超市内销售超过保质期的食品\n承办人意见：建议立案。\n2025年1月6日\n"}});
  ASSERT_TRUE(b.error.empty()) << b.error;
  EXPECT_NE(page_text(volume_pdf(b, "青市监处罚〔2025〕12号"), 0).find("青禾县白沙镇惠民超市超市内销售超过保质期的食品案"),
            std::string::npos);
}

#undef REQUIRE_FACTS  // file-local: the next file of a unity batch does not see it
