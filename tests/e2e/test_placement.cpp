// Placement as a night clerk meets it (issue 9 items 1 and 2), on small inboxes made here with names
// unlike samples/: a document joins a case only on evidence (第七十八条 一案一卷); a numbered item never
// moves on a later night (DA/T 22-2015: a 档号 and its place are permanent); new evidence becomes a
// proposed correction that only `lianghua corrections --apply` carries out; `verify` checks the
// manifest against the archive both ways.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../ingest/ooxml_builder.h"
#include "archive_support.h"
#include "charset.h"
#include "filing/catalogue.h"
#include "manifest_json.h"
#include "package/files.h"
#include "test_support.h"

namespace fs = std::filesystem;
using json = nlohmann::json;
using lh::test::fate_of;
using lh::test::FileState;
using lh::test::input_of;
using lh::test::item_by_source;
using lh::test::kRunTime;
using lh::test::program;
using lh::test::read_json;
using lh::test::run;
using lh::test::ScopedEnv;
using lh::test::snapshot;

namespace {

// What a re-run must leave as it was: every file but the bookkeeping.
const std::set<std::string> kBookkeeping = {"catalog.db", "catalog.db-wal", "catalog.db-shm", "reports", ".lock"};

lh::test::CommandResult archive_with(const fs::path& in, const fs::path& out, std::vector<std::string> extra) {
  ScopedEnv t("LIANGHUA_RUN_TIME", kRunTime);
  std::vector<std::string> argv = {program().string(), "archive", "--in", in.string(), "--out", out.string(),
                                   "--office", (lh::test::source_dir() / "samples" / "office.xml").string(),
                                   "--jobs", "2"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return run(argv);
}

std::string text_doc(const std::string& title, const std::string& body) { return title + "\n" + body + "\n"; }

const std::string kDecision12 = text_doc(
    "行政处罚决定书", "南市监处罚〔2024〕12号\n当事人：南岭县鲜丰食品有限公司\n你单位销售过期食品，决定罚款5000元。\n"
                      "南岭县市场监督管理局\n2024年5月6日");

std::string inspection_record(const std::string& party, int day) {
  return text_doc("现场检查笔录", "被检查单位：" + party + "\n检查时间：2024年3月" + std::to_string(day) +
                                      "日\n检查地点：南岭县石门镇\n检查情况：证照齐全，未发现问题。");
}

}  // namespace

// The bug "other businesses' records in a penalty case's volume": a penalty decision at the top of the
// inbox, two routine 现场检查笔录 of other businesses in 检查记录/ (one of them Big5, written in
// traditional characters) and an office's quarterly 工作小结 inside a ZIP all went into the case's
// 正卷. Only the decision carries the 案号: the others are filed by their own type.
TEST(Placement, OtherBusinessesRecordsStayOutOfAPenaltyCasesVolume) {
  auto base = lh::test::temp_dir("place-others");
  fs::path in = base / "夜间收件", out = base / "档案库";
  lh::test::write_file(in / "处罚决定（美味餐馆）.txt",
                       text_doc("行政处罚决定书", "澄市监处罚〔2025〕8号\n当事人：澄海区美味餐馆\n"
                                                  "你单位使用超过保质期的食品原料，决定警告并罚款3000元。\n2025年4月20日"));
  lh::test::write_file(in / "检查记录/海记水产 现场检查笔录.txt",
                       lh::test::encode(text_doc("現場檢查筆錄", "被檢查單位：澄海區海記水產店\n檢查時間：2025年4月3日\n"
                                                                  "檢查內容：進貨查驗記錄、冷藏設施。\n檢查結果：符合要求。"),
                                        "Big5"));
  lh::test::write_file(in / "检查记录/宏达五金 现场检查笔录.txt",
                       text_doc("现场检查笔录", "被检查单位：澄海区宏达五金商行\n检查时间：2025年4月9日\n"
                                                "检查内容：明码标价情况。\n检查结果：基本符合，已当场提醒。"));
  lh::test::write_file(in / "所里材料.zip",
                       lh::ingest::ooxml_test::make_zip(
                           {{"2025年第一季度工作小结.txt",
                             text_doc("澄海区市场监督管理局莲下所2025年第一季度工作小结",
                                      "一、本季度开展日常检查42户次，办理案件3件。\n二、下季度工作安排。\n2025年4月1日")}}));
  auto r = archive_with(in, out, {"--no-documents"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json m = read_json(out / "manifest.json");
  ASSERT_EQ(m["items"].size(), 4u) << m["items"].dump(1);
  const json* decision = item_by_source(m, "处罚决定（美味餐馆）.txt");
  ASSERT_NE(decision, nullptr);
  EXPECT_EQ((*decision)["case_number"], "澄市监处罚〔2025〕8号");
  EXPECT_EQ((*decision)["placed_by"], "本文案号 澄市监处罚〔2025〕8号");
  for (const auto& it : m["items"]) {
    if (&it == decision) continue;
    const std::string why = it["placed_by"];
    EXPECT_EQ(it["case_number"], "") << it["files"][0]["source"] << " sits in the case: " << why;
    EXPECT_NE(it["category"], "AJ") << it["files"][0]["source"];
    EXPECT_EQ(why.find("澄市监处罚"), std::string::npos) << why;
    EXPECT_FALSE(why.empty());
  }
  for (const std::string p : {"检查记录/海记水产 现场检查笔录.txt", "检查记录/宏达五金 现场检查笔录.txt"}) {
    const json* rec = item_by_source(m, p);
    ASSERT_NE(rec, nullptr) << p;
    EXPECT_EQ((*rec)["category"], "JC") << p << ": a routine inspection is a 检查记录, not 范本 No. 9 现场笔录";
    EXPECT_EQ((*rec)["doc_type"], "检查记录") << p;
  }
  const json* summary = item_by_source(m, "所里材料.zip/2025年第一季度工作小结.txt");
  ASSERT_NE(summary, nullptr) << m["items"].dump(1);
  EXPECT_EQ((*summary)["category"], "WS");
  // The report says why each new item is where it is, for the clerk (JSON and HTML).
  json rep = read_json(out / "reports/report.json");
  ASSERT_EQ(rep["placements"].size(), 4u);
  for (const auto& p : rep["placements"]) EXPECT_FALSE(p["placed_by"].get<std::string>().empty()) << p.dump();
  EXPECT_TRUE(rep["corrections"].empty());
  const std::string html = lh::test::read_file(out / "reports/report.html");
  EXPECT_NE(html.find("本文案号 澄市监处罚〔2025〕8号"), std::string::npos);
  EXPECT_NE(html.find("本次新编号文件的位置及依据"), std::string::npos);
  auto v = run({program().string(), "verify", out.string()});
  EXPECT_EQ(v.exit_code, 0) << v.out;
}

// The bug: one new inspection record on night 2 moved four numbered items under "cases" named 检查记录
// and Y, with copies left behind and nothing said by verify. Night 1 files the records by their type
// (the decision at the inbox root makes no case of the root); night 2 moves nothing.
TEST(Placement, NumberedItemsDoNotMoveWhenANewRecordArrives) {
  auto base = lh::test::temp_dir("place-night2");
  fs::path in = base / "inbox", out = base / "ARCHIVE";
  lh::test::write_file(in / "行政处罚决定书.txt", kDecision12);
  lh::test::write_file(in / "检查记录/现场检查笔录（张记餐馆）.txt", inspection_record("南岭县张记餐馆", 5));
  lh::test::write_file(in / "检查记录/现场检查笔录（王记面馆）.txt", inspection_record("南岭县王记面馆", 6));
  lh::test::write_file(in / "Y/现场检查笔录（李记粮油店）.txt", inspection_record("南岭县李记粮油店", 7));
  auto r1 = archive_with(in, out, {"--no-documents"});
  ASSERT_EQ(r1.exit_code, 0) << r1.err;
  json m1 = read_json(out / "manifest.json");
  ASSERT_EQ(m1["items"].size(), 4u);
  for (const std::string p : {"检查记录/现场检查笔录（张记餐馆）.txt", "检查记录/现场检查笔录（王记面馆）.txt", "Y/现场检查笔录（李记粮油店）.txt"}) {
    const json* it = item_by_source(m1, p);
    ASSERT_NE(it, nullptr) << p;
    EXPECT_EQ((*it)["case_number"], "") << p << " sits beside a case, not in it";
    EXPECT_NE((*it)["category"], "AJ") << p;
    EXPECT_FALSE((*it)["placed_by"].get<std::string>().empty()) << p;
  }
  std::map<std::string, FileState> files1 = snapshot(out, kBookkeeping);

  lh::test::write_file(in / "检查记录/现场检查笔录（赵记超市）.txt", inspection_record("南岭县赵记超市", 8));
  auto r2 = archive_with(in, out, {"--no-documents"});
  ASSERT_EQ(r2.exit_code, 0) << r2.err;
  json m2 = read_json(out / "manifest.json");
  ASSERT_EQ(m2["items"].size(), 5u);
  std::map<std::string, json> old_items;
  for (const auto& it : m1["items"]) old_items[it["identity"]] = it;
  for (const auto& it : m2["items"]) {
    EXPECT_NE(it["case_name"], "检查记录");
    EXPECT_NE(it["case_name"], "Y");
    if (old_items.count(it["identity"])) {
      EXPECT_EQ(it, old_items[it["identity"]]) << "a numbered item moved";
    }
  }
  auto files2 = snapshot(out, kBookkeeping);
  for (const auto& [p, st] : files1)
    if (p != "manifest.json") {
      EXPECT_TRUE(files2.count(p) && files2[p] == st) << "moved or touched: " << p;
    }
  EXPECT_EQ(files2.size(), files1.size() + 1) << "one new original, no copies left behind";
  auto v = run({program().string(), "verify", out.string()});
  EXPECT_EQ(v.exit_code, 0) << v.out;
}

namespace {

// Night 1: an on-the-spot record in a folder named by its party, no 案号 anywhere: filed by its type.
// Night 2: the decision arrives in that folder, so the folder is now the case's: the record stays where
// it is and a correction is proposed.
struct LaterEvidence {
  fs::path in, out;
  std::string record = "案件/鲜丰食品有限公司/现场笔录.txt";
};

LaterEvidence night_with_later_evidence(const std::string& tag) {
  auto base = lh::test::temp_dir(tag);
  LaterEvidence e{base / "inbox", base / "ARCHIVE"};
  lh::test::write_file(e.in / e.record,
                       text_doc("现场笔录", "当事人：南岭县鲜丰食品有限公司\n检查时间：2024年3月5日\n现场发现过期食品12箱。"));
  return e;
}

}  // namespace

TEST(Corrections, NewEvidenceIsProposedNotApplied) {
  LaterEvidence e = night_with_later_evidence("corr-propose");
  ASSERT_EQ(archive_with(e.in, e.out, {"--no-documents"}).exit_code, 0);
  json m1 = read_json(e.out / "manifest.json");
  const json* before = item_by_source(m1, e.record);
  ASSERT_NE(before, nullptr);
  EXPECT_EQ((*before)["case_number"], "");
  EXPECT_EQ((*before)["placed_by"].get<std::string>().rfind("无案件证据", 0), 0u) << (*before)["placed_by"];

  lh::test::write_file(e.in / "案件/鲜丰食品有限公司/行政处罚决定书.txt", kDecision12);
  auto r2 = archive_with(e.in, e.out, {"--no-documents"});
  ASSERT_EQ(r2.exit_code, 0) << r2.err;
  json m2 = read_json(e.out / "manifest.json");
  const json* after = item_by_source(m2, e.record);
  ASSERT_NE(after, nullptr);
  EXPECT_EQ(*after, *before) << "new evidence never moves a numbered item";
  json rep = read_json(e.out / "reports/report.json");
  ASSERT_EQ(rep["corrections"].size(), 1u) << rep["corrections"].dump();
  const json& c = rep["corrections"][0];
  EXPECT_EQ(c["id"], "C0001");
  EXPECT_EQ(c["archival_code"], (*before)["archival_code"]);
  EXPECT_EQ(c["current"]["path"], (*before)["files"][0]["path"]);
  EXPECT_EQ(c["proposed"]["category"], "AJ");
  EXPECT_EQ(c["proposed"]["case_number"], "南市监处罚〔2024〕12号");
  // Another 门类: its 件号 there is given only on --apply, so no number is promised (nor one taken).
  EXPECT_NE(c["proposed"]["path"].get<std::string>().find("另编档号"), std::string::npos) << c["proposed"]["path"];
  EXPECT_NE(c["reason"].get<std::string>().find("当事人"), std::string::npos) << c["reason"];

  auto list = run({program().string(), "corrections", e.out.string()});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("C0001"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("建议：AJ 南市监处罚〔2024〕12号"), std::string::npos) << list.out;
  const std::string html = lh::test::read_file(e.out / "reports/report.html");
  EXPECT_NE(html.find("<td>C0001</td>"), std::string::npos) << "the HTML report lists it for a person";

  // The same evidence the next night: the same proposal, not a second one.
  lh::test::write_file(e.in / "通知/关于开展节前安全检查的通知.txt", text_doc("关于开展节前安全检查的通知", "各所：……\n2024年1月2日"));
  ASSERT_EQ(archive_with(e.in, e.out, {"--no-documents"}).exit_code, 0);
  json rep3 = read_json(e.out / "reports/report.json");
  ASSERT_EQ(rep3["corrections"].size(), 1u);
  EXPECT_EQ(rep3["corrections"][0]["id"], "C0001");
}

TEST(Corrections, ApplyMovesTheFileAndLogsTheOldPlace) {
  LaterEvidence e = night_with_later_evidence("corr-apply");
  ASSERT_EQ(archive_with(e.in, e.out, {}).exit_code, 0);
  lh::test::write_file(e.in / "案件/鲜丰食品有限公司/行政处罚决定书.txt", kDecision12);
  ASSERT_EQ(archive_with(e.in, e.out, {}).exit_code, 0);
  json m1 = read_json(e.out / "manifest.json");
  const json before = *item_by_source(m1, e.record);
  const std::string old_path = before["files"][0]["path"];

  EXPECT_EQ(run({program().string(), "corrections", e.out.string(), "--apply", "C0009"}).exit_code, 2);
  auto applied = run({program().string(), "corrections", e.out.string(), "--apply", "C0001"});
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  EXPECT_NE(applied.out.find("已应用 C0001"), std::string::npos) << applied.out;

  json m2 = read_json(e.out / "manifest.json");
  const json* moved = item_by_source(m2, e.record);
  ASSERT_NE(moved, nullptr);
  EXPECT_EQ((*moved)["category"], "AJ");
  EXPECT_EQ((*moved)["case_number"], "南市监处罚〔2024〕12号");
  const std::string new_path = (*moved)["files"][0]["path"];
  EXPECT_EQ(new_path.rfind("AJ/2024/南市监处罚〔2024〕12号/", 0), 0u) << new_path;
  EXPECT_FALSE(fs::exists(e.out / old_path)) << "moved, not copied";
  EXPECT_EQ(lh::package::sha256_file(e.out / new_path).value_or(""), before["files"][0]["sha256"]);
  ASSERT_TRUE(moved->contains("moved_from"));
  EXPECT_EQ((*moved)["moved_from"][0]["paths"][0], old_path);
  EXPECT_EQ((*moved)["moved_from"][0]["archival_code"], before["archival_code"]);
  EXPECT_EQ(fate_of(m2, e.record), "archived");
  EXPECT_EQ((*input_of(m2, e.record))["archival_code"], (*moved)["archival_code"]);
  {  // The log: old and new place, a person's decision.
    lh::filing::Catalogue cat(e.out / "catalog.db");
    auto log = cat.corrections(false);
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].status, "applied");
    EXPECT_NE(log[0].old_paths.find(old_path), std::string::npos);
    EXPECT_NE(log[0].new_paths.find(new_path), std::string::npos);
    EXPECT_EQ(log[0].new_archival_code, (*moved)["archival_code"]);
  }
  EXPECT_EQ(run({program().string(), "corrections", e.out.string(), "--apply", "C0001"}).exit_code, 2) << "applied once";
  auto v = run({program().string(), "verify", e.out.string()});
  EXPECT_EQ(v.exit_code, 0) << v.out;

  // The next night keeps the corrected place and proposes nothing.
  ASSERT_EQ(archive_with(e.in, e.out, {}).exit_code, 0);
  json m3 = read_json(e.out / "manifest.json");
  EXPECT_EQ((*item_by_source(m3, e.record))["files"][0]["path"], new_path);
  EXPECT_TRUE(read_json(e.out / "reports/report.json")["corrections"].empty());
  auto v2 = run({program().string(), "verify", e.out.string()});
  EXPECT_EQ(v2.exit_code, 0) << v2.out;
  EXPECT_NE(run({program().string(), "corrections", e.out.string()}).out.find("没有待处理"), std::string::npos);
}

namespace {

fs::path small_archive(const std::string& tag, json& manifest) {
  auto base = lh::test::temp_dir(tag);
  lh::test::write_file(base / "inbox/通知/关于开展节前安全检查的通知.txt",
                       text_doc("关于开展节前安全检查的通知", "各所：请于1月10日前完成检查。\n2024年1月2日"));
  EXPECT_EQ(archive_with(base / "inbox", base / "ARCHIVE", {"--no-documents"}).exit_code, 0);
  manifest = read_json(base / "ARCHIVE/manifest.json");
  return base / "ARCHIVE";
}

}  // namespace

TEST(Verify, FindsAFileTheManifestDoesNotName) {
  json m;
  fs::path out = small_archive("verify-stray", m);
  ASSERT_EQ(run({program().string(), "verify", out.string()}).exit_code, 0);
  const std::string folder = fs::path(m["items"][0]["files"][0]["path"].get<std::string>()).parent_path().string();
  lh::test::write_file(out / folder / "Z109-WS·2024-D10-SMS-0002 副本.txt", "a copy left behind\n");
  auto v = run({program().string(), "verify", out.string()});
  EXPECT_EQ(v.exit_code, 1) << v.out;
  EXPECT_NE(v.out.find("unlisted-file: " + folder + "/Z109-WS·2024-D10-SMS-0002 副本.txt"), std::string::npos) << v.out;
}

TEST(Verify, FindsAManifestFileThatIsMissing) {
  json m;
  fs::path out = small_archive("verify-missing", m);
  const std::string victim = m["items"][0]["files"][0]["path"];
  fs::remove(out / victim);
  auto v = run({program().string(), "verify", out.string()});
  EXPECT_EQ(v.exit_code, 1) << v.out;
  EXPECT_NE(v.out.find("missing: " + victim), std::string::npos) << v.out;
}
