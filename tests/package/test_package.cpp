// The archive writer end to end on synthetic InspectedFiles: manifest shape, byte-identical
// originals, untouched inputs, idempotent re-runs, verify, the lock, incremental re-runs.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <memory>

#include "manifest_json.h"
#include "package/archive.h"
#include "package/files.h"
#include "package/lock.h"
#include "package_inbox.h"
#include "test_support.h"

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace lh;

namespace {

using test::archive_options;
using test::Derived;
using test::fate_of;
using test::Inbox;
using test::input_of;
using test::read_json;

std::map<std::string, std::string> tree_hashes(const fs::path& root) {
  std::map<std::string, std::string> m;
  for (auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) m[fs::relative(e.path(), root).string()] = *package::sha256_file(e.path());
  return m;
}

Inbox sample(const fs::path& base) {
  Inbox in{base / "INBOX", {}};
  // 文书: final, its draft (older), a duplicate of the final, junk.
  auto& n = in.add("通知/关于开展节前安全检查的通知 初稿.docx", "draft bytes", "关于开展节前安全检查的通知");
  n.fields.dates = {"2024-01-05"};
  auto& f = in.add("通知/关于开展节前安全检查的通知.docx", "final bytes", "关于开展节前安全检查的通知");
  f.fields.dates = {"2024-01-10"};
  in.add("备份/关于开展节前安全检查的通知.docx", "final bytes", "关于开展节前安全检查的通知").fields.dates = {"2024-01-10"};
  in.add("通知/Thumbs.db", "thumbs", "");
  in.add("通知/~$关于开展节前安全检查的通知.docx", "lock", "");
  in.add("空文件.txt", "", "", model::Format::Text);
  auto& bad = in.add("坏文件.pdf", "%PDF-1.4 broken", "", model::Format::Pdf);
  bad.error = model::ReadError{model::ErrorKind::Damaged, "no trailer"};
  // A penalty case: decision and 立案审批表 with the 案号, a photo in the same folder.
  model::CaseNumber cn{"城市监处罚\u30142024\u301512号", "城市监处罚〔2024〕12号", false};
  auto& d = in.add("案件/张三无照经营案/行政处罚决定书.pdf", "decision", "行政处罚决定书", model::Format::Pdf);
  d.fields.case_numbers = {cn};
  d.fields.doc_type = "行政处罚决定书";
  d.fields.doc_type_number = 45;
  d.fields.parties = {"张三"};  // the folder is named by it (案件名称): the photo's evidence (issue 9)
  d.fields.dates = {"2024-03-01"};
  d.fields.credit_codes = {{"91350100M000100Y4Z", false}};
  auto& l = in.add("案件/张三无照经营案/立案审批表.pdf", "opening", "立案审批表", model::Format::Pdf);
  l.fields.case_numbers = {cn};
  l.fields.doc_type_number = 7;
  l.fields.dates = {"2024-02-01"};
  in.add("案件/张三无照经营案/现场照片.jpg", "jpeg bytes", "现场照片", model::Format::Image).fields.dates = {"2024-02-02"};
  // A ZIP with an inspection record entry.
  auto& z = in.add("检查.zip", "PK zip bytes", "", model::Format::Zip);
  model::InspectedFile e;
  e.path = "检查.zip/日常监督检查记录.xml";
  e.source_path = z.source_path;
  e.is_zip_entry = true;
  std::string eb = "<record/>";
  e.entry_bytes = std::make_shared<const std::string>(eb);
  e.sha256 = package::sha256_hex(eb);
  e.size = eb.size();
  e.mtime_ns = z.mtime_ns;
  e.meta.format = model::Format::Xml;
  e.title = "日常监督检查记录";
  model::InspectionRecord rec;
  rec.officers = {{"王五", "A001"}, {"赵六", ""}};
  rec.inspected_at = "2024-04-02";
  e.records = {rec};
  e.fields.dates = {"2024-04-02"};
  z.children.push_back(e);
  return in;
}

}  // namespace

TEST(Package, EndToEndManifestShapeAndFates) {
  auto base = test::temp_dir("pkg-e2e");
  Inbox in = sample(base);
  auto before = tree_hashes(in.root);
  auto r = package::run_archive(in.files, archive_options(base, Derived::Made));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.status, package::ArchiveStatus::SetAside);  // the damaged PDF
  EXPECT_EQ(tree_hashes(in.root), before) << "inputs must never change";

  json m = read_json(base / "ARCHIVE/manifest.json");
  ASSERT_TRUE(m["archive"].contains("fonds"));
  ASSERT_TRUE(m["archive"].contains("office"));
  EXPECT_EQ(m["archive"]["fonds"], "Z109");
  ASSERT_TRUE(m["items"].is_array());
  for (const auto& it : m["items"]) {
    for (const char* k : {"archival_code", "category", "case_number", "year", "retention", "item_number", "box", "location",
                          "title", "doc_type", "date", "files", "versions"})
      EXPECT_TRUE(it.contains(k)) << k;
    ASSERT_FALSE(it["files"].empty());
    for (const auto& f : it["files"]) {
      for (const char* k : {"role", "path", "sha256"}) EXPECT_TRUE(f.contains(k)) << k;
      // Byte-identical original.
      std::string source = f["source"];
      std::string src = source.find(".zip/") != std::string::npos ? std::string("<record/>")
                                                                    : test::read_file(in.root / source);
      EXPECT_EQ(test::read_file(base / "ARCHIVE" / f["path"].get<std::string>()), src);
      EXPECT_EQ(package::sha256_hex(src), f["sha256"]);
    }
  }
  for (const auto& i : m["inputs"])
    for (const char* k : {"path", "sha256", "fate", "archival_code", "reason"}) EXPECT_TRUE(i.contains(k)) << k;

  auto fate = [&](const std::string& p) { return fate_of(m, p); };
  EXPECT_EQ(fate("通知/关于开展节前安全检查的通知.docx"), "archived");
  EXPECT_EQ(fate("通知/关于开展节前安全检查的通知 初稿.docx"), "version");
  EXPECT_EQ(fate("备份/关于开展节前安全检查的通知.docx"), "duplicate");
  EXPECT_EQ(fate("通知/Thumbs.db"), "junk");
  EXPECT_EQ(fate("通知/~$关于开展节前安全检查的通知.docx"), "junk");
  EXPECT_EQ(fate("空文件.txt"), "junk");
  EXPECT_EQ(fate("坏文件.pdf"), "quarantined");
  EXPECT_EQ(fate("检查.zip/日常监督检查记录.xml"), "archived");
  EXPECT_EQ(fate("案件/张三无照经营案/现场照片.jpg"), "archived");
  // The duplicate and the version carry the 档号 of their item.
  EXPECT_EQ((*input_of(m, "备份/关于开展节前安全检查的通知.docx"))["archival_code"],
            (*input_of(m, "通知/关于开展节前安全检查的通知.docx"))["archival_code"]);

  // Items: WS notice (D10 by the example rule "通知"), 3 case documents in 第七十八条 order, JC record.
  std::map<std::string, json> by_title;
  for (const auto& it : m["items"]) by_title[it["title"]] = it;
  ASSERT_EQ(m["items"].size(), 5u);
  // A form's bare name gets the case's 当事人 in front (DA/T 22-2015 §6.7: 题名 says whose it is).
  for (const char* form : {"立案审批表", "行政处罚决定书"}) {
    ASSERT_TRUE(by_title.count(std::string("张三") + form)) << form << " should read 张三" << form;
    by_title[form] = by_title[std::string("张三") + form];
  }
  json notice = by_title["关于开展节前安全检查的通知"];
  EXPECT_EQ(notice["archival_code"], "Z109-WS\u00B72024-D10-SMS-0001");
  EXPECT_EQ(notice["versions"].size(), 1u);
  EXPECT_EQ(notice["files"][0]["path"],
            "WS/2024/D10/Z109-WS\u00B72024-D10-SMS-0001 关于开展节前安全检查的通知.docx");
  EXPECT_EQ(by_title["立案审批表"]["archival_code"], "Z109-AJ\u00B72024-Y-SMS-0001");
  EXPECT_EQ(by_title["行政处罚决定书"]["archival_code"], "Z109-AJ\u00B72024-Y-SMS-0002");
  EXPECT_EQ(by_title["现场照片"]["archival_code"], "Z109-AJ\u00B72024-Y-SMS-0003");
  EXPECT_EQ(by_title["现场照片"]["case_number"], "城市监处罚\u30142024\u301512号");
  EXPECT_EQ(by_title["行政处罚决定书"]["volume"], "正卷");
  EXPECT_EQ(by_title["日常监督检查记录"]["category"], "JC");

  json rep = read_json(base / "ARCHIVE/reports/report.json");
  ASSERT_EQ(rep["cases"].size(), 1u);
  std::vector<std::string> missing;
  for (const auto& x : rep["cases"][0]["missing"]) missing.push_back(x["rule"]);
  EXPECT_EQ(missing, (std::vector<std::string>{"decision-served", "case-closed", "investigation-report"}));
  EXPECT_EQ(rep["inspection_issues"].size(), 1u);
  EXPECT_EQ(rep["invalid_credit_codes"].size(), 1u);
  EXPECT_EQ(rep["counts"]["by_fate"]["quarantined"], 1);
  EXPECT_TRUE(fs::exists(base / "ARCHIVE/reports/report.html"));
  EXPECT_NE(test::read_file(base / "ARCHIVE/reports/report.html").find("结案审批表"), std::string::npos);
}

TEST(Package, RerunChangesNothingAndANewFileGetsTheNextNumber) {
  auto base = test::temp_dir("pkg-rerun");
  Inbox in = sample(base);
  auto opt = archive_options(base, Derived::Made);
  ASSERT_TRUE(package::run_archive(in.files, opt).ok());
  std::string m1 = test::read_file(base / "ARCHIVE/manifest.json");
  auto archive1 = tree_hashes(base / "ARCHIVE/WS");
  opt.run_started_at = "2024-06-02T02:00:00+0800";  // another night
  auto r2 = package::run_archive(in.files, opt);
  ASSERT_TRUE(r2.ok()) << r2.error;
  EXPECT_EQ(r2.new_items, 0u);
  EXPECT_EQ(test::read_file(base / "ARCHIVE/manifest.json"), m1);
  EXPECT_EQ(tree_hashes(base / "ARCHIVE/WS"), archive1);

  // A new 文书 of the same scope: next number, nothing else moves.
  auto& g = in.add("通知/关于调整值班安排的通知.docx", "new bytes", "关于调整值班安排的通知");
  g.fields.dates = {"2024-01-02"};  // earlier date, still appended at the end (DA/T 22: late files go last)
  auto r3 = package::run_archive(in.files, opt);
  ASSERT_TRUE(r3.ok()) << r3.error;
  EXPECT_EQ(r3.new_items, 1u);
  json m = read_json(base / "ARCHIVE/manifest.json");
  json before = json::parse(m1);
  std::map<std::string, std::string> codes_before, codes_after;
  for (const auto& it : before["items"]) codes_before[it["identity"]] = it["archival_code"];
  for (const auto& it : m["items"]) codes_after[it["identity"]] = it["archival_code"];
  for (const auto& [id, code] : codes_before) EXPECT_EQ(codes_after[id], code);
  EXPECT_EQ(codes_after[g.sha256], "Z109-WS\u00B72024-D10-SMS-0002");
}

TEST(Package, VerifyCatchesOneFlippedByte) {
  auto base = test::temp_dir("pkg-verify");
  Inbox in = sample(base);
  ASSERT_TRUE(package::run_archive(in.files, archive_options(base, Derived::Made)).ok());
  auto v = package::verify_archive(base / "ARCHIVE");
  EXPECT_TRUE(v.ok) << (v.problems.empty() ? "" : v.problems[0].kind + " " + v.problems[0].path);
  EXPECT_EQ(v.files_checked, 6u);  // 5 originals + 1 version
  json m = read_json(base / "ARCHIVE/manifest.json");
  std::string p = m["items"][0]["files"][0]["path"];
  std::string bytes = test::read_file(base / "ARCHIVE" / p);
  bytes[0] = static_cast<char>(bytes[0] ^ 1);
  test::write_file(base / "ARCHIVE" / p, bytes);
  test::write_file(base / "ARCHIVE/WS/stray.txt", "x");
  auto v2 = package::verify_archive(base / "ARCHIVE");
  EXPECT_FALSE(v2.ok);
  ASSERT_EQ(v2.problems.size(), 2u);
  std::map<std::string, std::string> kinds;
  for (auto& pr : v2.problems) kinds[pr.path] = pr.kind;
  EXPECT_EQ(kinds[p], "hash-mismatch");
  EXPECT_EQ(kinds["WS/stray.txt"], "unlisted-file");
}

TEST(Package, LockRefusesASecondRun) {
  auto base = test::temp_dir("pkg-lock");
  Inbox in = sample(base);
  std::string err;
  auto held = package::ArchiveLock::acquire(base / "ARCHIVE", err);
  ASSERT_TRUE(held) << err;
  auto r = package::run_archive(in.files, archive_options(base, Derived::Made));
  EXPECT_EQ(r.status, package::ArchiveStatus::LockHeld);
  EXPECT_NE(r.error.find(".lock"), std::string::npos) << r.error;
  EXPECT_FALSE(fs::exists(base / "ARCHIVE/manifest.json"));
  held.reset();
  EXPECT_TRUE(package::run_archive(in.files, archive_options(base, Derived::Made)).ok());
}

TEST(Package, BadSchemeIsAConfigErrorNamingTheLine) {
  auto base = test::temp_dir("pkg-badcfg");
  auto opt = archive_options(base, Derived::Made);
  fs::create_directories(base / "cfg");
  fs::copy_file(test::source_dir() / "templates/scheme/scheme.xsd", base / "cfg/scheme.xsd");
  fs::copy_file(test::source_dir() / "templates/scheme/office.xsd", base / "cfg/office.xsd");
  test::write_file(base / "cfg/default.xml", "<?xml version=\"1.0\"?>\n<scheme name=\"x\" version=\"1\">\n<junk/>\n</scheme>\n");
  opt.scheme = base / "cfg/default.xml";
  auto r = package::run_archive({}, opt);
  EXPECT_EQ(r.status, package::ArchiveStatus::BadConfig);
  EXPECT_NE(r.error.find("default.xml:3:"), std::string::npos) << r.error;
}

TEST(Package, UnchangedInputsComeBackWithoutParsing) {
  auto base = test::temp_dir("pkg-incr");
  Inbox in = sample(base);
  auto opt = archive_options(base, Derived::Made);
  ASSERT_TRUE(package::run_archive(in.files, opt).ok());
  std::string m1 = test::read_file(base / "ARCHIVE/manifest.json");
  package::PreviousRun prev(opt.out_dir);
  std::vector<model::InspectedFile> again;
  for (const auto& f : in.files) {
    auto u = prev.unchanged(f.path, opt.in_dir, f.size, f.mtime_ns);
    ASSERT_TRUE(u) << f.path;
    EXPECT_EQ(u->sha256, f.sha256);
    again.push_back(*u);
  }
  EXPECT_FALSE(prev.unchanged(in.files[0].path, opt.in_dir, in.files[0].size + 1, in.files[0].mtime_ns));
  // The ZIP came back with its entry (without bytes: the archive already holds them).
  for (const auto& f : again) {
    if (f.path == "检查.zip") {
      EXPECT_EQ(f.children.size(), 1u);
    }
  }
  opt.run_started_at = "2024-06-03T02:00:00+0800";
  auto r = package::run_archive(again, opt);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(test::read_file(base / "ARCHIVE/manifest.json"), m1);
}
