// Faults of the inputs a nightly run meets (issue 13 §3, §4), each with its expected outcome:
//   - an inbox file deleted, truncated or rewritten while the run reads it (LIANGHUA_TEST_STOP_AT,
//     package/test_hooks.h): set aside with a reason, exit 1; filed the next night it is whole;
//   - the clock set back a year: 件号 continue, 年度 and dates come from the documents;
//   - a scheme edit between nights: numbered items do not move, corrections are proposed;
//   - a 100,000-row CSV 权责清单: read within the default 30 s timeout, every row a record.
#include <chrono>
#include <fstream>
#include <set>

#include "charset.h"
#include "faults_support.h"
#include "filing/catalogue.h"
#include "package/files.h"

namespace lh::faults {

namespace {

std::string slurp_err(const fs::path& p) { return fs::exists(p) ? lh::test::read_file(p) : std::string(); }

// One night stopped at `point` where `fault` happens to 通知/第2次.txt; then the next night with the
// file as `restore` leaves it. Returns both nights' manifests.
struct TwoNights { int rc1 = -1, rc2 = -1; std::string err1; json m1, m2; bool stopped = false; };

TwoNights night_with_fault(const std::string& tag, const std::string& point, const std::function<void(const fs::path&)>& fault,
                           const std::function<void(const fs::path&)>& restore) {
  auto base = lh::test::temp_dir(tag);
  fs::path in = base / "inbox", out = base / "ARCHIVE";
  lh::test::write_file(in / "通知/第1次.txt", notice(1));
  lh::test::write_file(in / "通知/第2次.txt", notice(2, "2024年1月3日"));
  const fs::path victim = in / "通知/第2次.txt";
  TwoNights t;
  t.rc1 = run_stopped_at(point, archive_argv(in, out, {"--no-documents"}), base / "err1.txt", [&] { fault(victim); }, t.stopped);
  t.err1 = slurp_err(base / "err1.txt");
  if (fs::exists(out / "manifest.json")) t.m1 = read_json(out / "manifest.json");
  restore(victim);
  auto r2 = archive(in, out, {"--no-documents"});
  t.rc2 = r2.exit_code;
  if (fs::exists(out / "manifest.json")) t.m2 = read_json(out / "manifest.json");
  EXPECT_EQ(verify(out).exit_code, 0) << verify(out).out;
  return t;
}

void expect_set_aside_then_filed(const TwoNights& t, const std::string& reason_code) {
  ASSERT_TRUE(t.stopped) << "the hook point was not reached";
  EXPECT_EQ(t.rc1, 1) << t.err1;
  EXPECT_NE(t.err1.find("set aside: 通知/第2次.txt: "), std::string::npos) << t.err1;
  EXPECT_NE(t.err1.find("(" + reason_code + ")"), std::string::npos) << t.err1;
  ASSERT_TRUE(t.m1.is_object());
  ASSERT_NE(input_of(t.m1, "通知/第2次.txt"), nullptr);
  EXPECT_EQ((*input_of(t.m1, "通知/第2次.txt"))["fate"], "quarantined");
  EXPECT_EQ(item_by_source(t.m1, "通知/第2次.txt"), nullptr) << "nothing of it is filed";
  EXPECT_EQ(t.m1["items"].size(), 1u);
  // The next night it is whole again: filed, 件号 2.
  EXPECT_EQ(t.rc2, 0);
  ASSERT_TRUE(t.m2.is_object());
  const json* it = item_by_source(t.m2, "通知/第2次.txt");
  ASSERT_NE(it, nullptr) << t.m2.dump(1);
  EXPECT_EQ((*it)["item_number"], 2);
}

void write_keeping_mtime(const fs::path& p, const std::string& bytes) {
  auto mtime = fs::last_write_time(p);
  lh::test::write_file(p, bytes);
  fs::last_write_time(p, mtime);
}

}  // namespace

TEST(FaultsInputs, FileDeletedBetweenListingAndReadingIsSetAsideThenFiledWhenItIsBack) {
  std::string saved;
  auto t = night_with_fault(
      "fault-deleted", "listed", [&](const fs::path& p) { saved = lh::test::read_file(p); fs::remove(p); },
      [&](const fs::path& p) { lh::test::write_file(p, saved); });
  expect_set_aside_then_filed(t, "unreadable");
  EXPECT_NE(t.err1.find("被删除或移走"), std::string::npos) << t.err1;
}

TEST(FaultsInputs, FileDeletedAfterReadingBeforeCopyingIsSetAsideThenFiledWhenItIsBack) {
  std::string saved;
  auto t = night_with_fault(
      "fault-vanished", "inspected", [&](const fs::path& p) { saved = lh::test::read_file(p); fs::remove(p); },
      [&](const fs::path& p) { lh::test::write_file(p, saved); });
  expect_set_aside_then_filed(t, "vanished_while_read");
}

// Truncated after it was read (a copy onto the share restarted): the bytes copied are not the bytes
// read, so nothing of it is filed; the next night, whole again, it is.
TEST(FaultsInputs, FileTruncatedWhileReadIsSetAsideThenFiledWhenWhole) {
  std::string saved;
  auto t = night_with_fault(
      "fault-truncated", "inspected",
      [&](const fs::path& p) { saved = lh::test::read_file(p); fs::resize_file(p, saved.size() / 2); },
      [&](const fs::path& p) { lh::test::write_file(p, saved); });
  expect_set_aside_then_filed(t, "changed_while_read");
}

// Rewritten after it was read with other bytes of the same size and the old mtime (nothing a listing
// can see): set aside; the next night, with the inbox listing exactly as before, it is read again
// and filed with the bytes it now has.
TEST(FaultsInputs, FileRewrittenWhileReadIsSetAsideThenFiledNextNightThoughItsListingIsUnchanged) {
  const std::string other = notice(2, "2024年1月4日");
  auto t = night_with_fault(
      "fault-rewritten", "inspected",
      [&](const fs::path& p) {
        ASSERT_EQ(other.size(), fs::file_size(p));
        write_keeping_mtime(p, other);
      },
      [](const fs::path&) {});
  expect_set_aside_then_filed(t, "changed_while_read");
  const json* it = item_by_source(t.m2, "通知/第2次.txt");
  ASSERT_NE(it, nullptr);
  EXPECT_EQ((*it)["files"][0]["sha256"], lh::package::sha256_hex(other)) << "the bytes it has now";
}

// Cut short between the listing and the read (a copy onto the share restarted): what was read is not
// the file the listing saw, so it is not filed; the next night, whole again, it is.
TEST(FaultsInputs, FileTruncatedBetweenListingAndReadingIsSetAsideThenFiledWhenWhole) {
  std::string saved;
  auto t = night_with_fault(
      "fault-truncated-early", "listed",
      [&](const fs::path& p) { saved = lh::test::read_file(p); fs::resize_file(p, saved.size() / 2); },
      [&](const fs::path& p) { lh::test::write_file(p, saved); });
  expect_set_aside_then_filed(t, "unreadable");
  EXPECT_NE(t.err1.find("大小改变"), std::string::npos) << t.err1;
}

// The server's clock set back a year between two nights (a replaced CMOS battery, a bad NTP server).
// 件号 continue from the catalogue (not from any date), and every 年度 and date is the document's own:
// the second night's notice, dated 2025, is filed under 2025 with 件号 0002, and a document without a
// date of its own takes its file's modification time, not the clock.
TEST(FaultsInputs, ClockSetBackAYearLeavesNumbersAndDatesRight) {
  auto base = lh::test::temp_dir("fault-clock");
  fs::path in = base / "inbox", out = base / "ARCHIVE";
  lh::test::write_file(in / "通知/第1次.txt", notice(1, "2025年3月2日"));
  auto r1 = archive(in, out, {"--no-documents"}, "2025-06-01T02:00:00+0800");
  ASSERT_EQ(r1.exit_code, 0) << r1.err;
  lh::test::write_file(in / "通知/第2次.txt", notice(2, "2025年4月8日"));
  lh::test::write_file(in / "通知/无日期.txt", text_doc("关于报送安全检查情况的通知", "各所：请报送检查情况。"));
  const std::chrono::sys_seconds may_2025{std::chrono::sys_days{std::chrono::year{2025} / 5 / 20}};
  fs::last_write_time(in / "通知/无日期.txt", std::chrono::file_clock::from_sys(may_2025 + std::chrono::hours{4}));
  auto r2 = archive(in, out, {"--no-documents"}, "2024-06-01T02:00:00+0800");  // a year back
  ASSERT_EQ(r2.exit_code, 0) << r2.err;
  json m = read_json(out / "manifest.json");
  ASSERT_EQ(m["items"].size(), 3u);
  const json* first = item_by_source(m, "通知/第1次.txt");
  const json* second = item_by_source(m, "通知/第2次.txt");
  const json* undated = item_by_source(m, "通知/无日期.txt");
  ASSERT_TRUE(first && second && undated) << m.dump(1);
  EXPECT_EQ((*first)["item_number"], 1);
  EXPECT_EQ((*second)["year"], 2025);
  EXPECT_EQ((*second)["date"], "2025-04-08");
  EXPECT_EQ((*second)["archival_code"].get<std::string>().find("2024"), std::string::npos) << (*second)["archival_code"];
  EXPECT_EQ((*undated)["year"], 2025) << (*undated)["date_by"];
  EXPECT_EQ((*undated)["date"].get<std::string>().substr(0, 7), "2025-05") << (*undated)["date_by"];
  std::set<int> numbers;  // one sequence for 2025 WS D10: 1, 2, 3 — none twice, none skipped
  for (const auto& it : m["items"]) numbers.insert(it["item_number"].get<int>());
  EXPECT_EQ(numbers, (std::set<int>{1, 2, 3}));
  EXPECT_EQ(verify(out).exit_code, 0);
}

// The office edits its scheme between nights (notices now kept 30 years, not 10). What is numbered
// stays where it is with its 档号; each such item gets a proposed correction that a person applies or
// not (`lianghua corrections`); a new notice is filed under the new rule.
TEST(FaultsInputs, SchemeEditBetweenNightsProposesCorrectionsAndMovesNothing) {
  auto base = lh::test::temp_dir("fault-scheme");
  fs::path in = base / "inbox", out = base / "ARCHIVE", scheme_dir = base / "scheme";
  fs::create_directories(scheme_dir);
  for (const char* f : {"default.xml", "scheme.xsd", "office.xsd"})
    fs::copy_file(lh::test::source_dir() / "templates/scheme" / f, scheme_dir / f);
  const fs::path scheme = scheme_dir / "default.xml";
  lh::test::write_file(in / "通知/第1次.txt", notice(1));
  lh::test::write_file(in / "通知/第2次.txt", notice(2, "2024年1月3日"));
  ASSERT_EQ(archive(in, out, {"--no-documents", "--scheme", scheme.string()}).exit_code, 0);
  json m1 = read_json(out / "manifest.json");
  ASSERT_EQ(m1["items"].size(), 2u);
  for (const auto& it : m1["items"]) ASSERT_EQ(it["retention"], "D10") << it.dump();
  std::map<std::string, std::string> files1;
  for (const auto& it : m1["items"]) files1[it["files"][0]["path"]] = it["files"][0]["sha256"];

  std::string xml = lh::test::read_file(scheme);
  const std::string rule = "title-contains=\"通知|报表|统计|简报|台账\" retention=\"D10\"";
  ASSERT_NE(xml.find(rule), std::string::npos);
  xml.replace(xml.find(rule), rule.size(), "title-contains=\"通知|报表|统计|简报|台账\" retention=\"D30\"");
  lh::test::write_file(scheme, xml);
  lh::test::write_file(in / "通知/第3次.txt", notice(3, "2024年1月4日"));
  auto r2 = archive(in, out, {"--no-documents", "--scheme", scheme.string()});
  ASSERT_EQ(r2.exit_code, 0) << r2.err;
  json m2 = read_json(out / "manifest.json");
  ASSERT_EQ(m2["items"].size(), 3u);
  for (const auto& it : m1["items"]) {
    const json* now = item_by_source(m2, it["files"][0]["source"]);
    ASSERT_NE(now, nullptr);
    EXPECT_EQ((*now)["archival_code"], it["archival_code"]) << "a 档号 is permanent";
    EXPECT_EQ((*now)["files"], it["files"]) << "nothing moves";
  }
  for (const auto& [p, sha] : files1) EXPECT_EQ(lh::package::sha256_file(out / p).value_or(""), sha) << p;
  const json* third = item_by_source(m2, "通知/第3次.txt");
  ASSERT_NE(third, nullptr);
  EXPECT_EQ((*third)["retention"], "D30") << "a new item follows the new rule";
  EXPECT_EQ((*third)["item_number"], 1) << "first of its own sequence";
  json rep = read_json(out / "reports/report.json");
  ASSERT_EQ(rep["corrections"].size(), 2u) << rep["corrections"].dump(1);
  for (const auto& c : rep["corrections"]) EXPECT_NE(c["proposed"].dump().find("D30"), std::string::npos) << c.dump();
  auto list = lh::test::run({lh::test::program().string(), "corrections", out.string()});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("C0001"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("C0002"), std::string::npos) << list.out;
  EXPECT_EQ(verify(out).exit_code, 0);
}

// A 100,000-row CSV 权责清单 (GBK, 15 MB, simplified text as offices write it) in the inbox: read
// within the default per-file timeout (30 s) with 繁→简 on, every row one record. It took ~38 s on a
// loaded 2-core machine before 繁→简 skipped text with nothing to change (README "Limits").
TEST(FaultsInputs, CsvDutyListOfOneHundredThousandRowsIsReadWithinTheTimeout) {
  auto base = lh::test::temp_dir("fault-csv");
  const std::string kChars = "市场监督管理所负责辖区食品安全生产经营许可监督检查投诉举报处理广告价格计量标准化特种设备";
  std::string csv = "岗位,主要职责,对应业务流程\r\n";
  uint32_t x = 88172645u;
  for (int i = 0; i < 100000; ++i) {
    std::string duty;
    for (int k = 0; k < 65; ++k) {
      x ^= x << 13; x ^= x >> 17; x ^= x << 5;
      duty += kChars.substr((x % (kChars.size() / 3)) * 3, 3);
    }
    csv += "岗位" + std::to_string(i) + "," + duty + "。,流程" + std::to_string(i % 97) + "\r\n";
  }
  lh::test::write_file(base / "岗位职责.csv", lh::test::encode(csv, "GB18030"));
  auto t0 = std::chrono::steady_clock::now();
  auto r = lh::test::run({lh::test::program().string(), "inspect", "--json", (base / "岗位职责.csv").string()});
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_LT(secs, 30.0);
  const json f = json::parse(r.out)["files"][0];
  EXPECT_TRUE(f["error"].is_null()) << f["error"].dump();
  EXPECT_EQ(f["format"], "csv");
  EXPECT_EQ(f["encoding"], "GB18030");
  EXPECT_GT(f["text_chars"].get<size_t>(), 100000u * 65) << "every row read";
  std::cerr << "100,000-row CSV inspected in " << secs << " s\n";
}

}  // namespace lh::faults
