// The property checks themselves (checks.cpp) must be able to fail: each is given one night that
// breaks its property on purpose, and one that keeps it, built by hand (no program, no generator).
#include <gtest/gtest.h>

#include "sweep.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace lh::property;

namespace {

int violations_of(const SweepResult& r, const char* property) {
  int n = 0;
  for (const auto& v : r.violations) n += v.property == property;
  return n;
}

// One inbox of three inputs: a case document, a routine inspection record, and a ZIP whose bomb
// entry the program must quarantine.
Night a_night() {
  Night n;
  n.seed = 1, n.night = 1, n.exit_code = 1;
  n.err = "隔离：扫描件/现场照片.bmp (zip_bomb)";
  n.truth = json::parse(R"({"inputs": [
    {"path": "粤汕市监罚〔2024〕37号/询问笔录.docx", "case": "粤汕市监罚〔2024〕37号", "doc_type": "询问笔录", "kind": null},
    {"path": "检查记录/现场检查笔录-鸿发食品店.txt", "case": null, "doc_type": "现场检查笔录", "kind": null},
    {"path": "材料.zip", "case": null, "doc_type": null, "kind": "container"},
    {"path": "材料.zip/扫描件/现场照片.bmp", "in_zip": "材料.zip", "case": null, "doc_type": null, "kind": "zip_bomb"}],
    "removed": []})");
  for (const auto& t : n.truth["inputs"]) n.truth_so_far[t["path"]] = t;
  n.new_zips = {"材料.zip"};
  n.manifest = json::parse(R"({"inputs": [
    {"path": "粤汕市监罚〔2024〕37号/询问笔录.docx", "fate": "archived"},
    {"path": "检查记录/现场检查笔录-鸿发食品店.txt", "fate": "archived"},
    {"path": "材料.zip", "fate": "archived"},
    {"path": "材料.zip/扫描件/现场照片.bmp", "fate": "quarantined", "kind": "zip_bomb", "reason": "压缩炸弹"}],
    "items": [
    {"archival_code": "J031-AJ·2024-Y-JPS-0001", "category": "AJ", "case_number": "粤汕市监罚〔2024〕37号",
     "case_key": "粤汕市监罚|2024|37", "volume": "1", "identity": "a",
     "sources": ["粤汕市监罚〔2024〕37号/询问笔录.docx"],
     "files": [{"role": "original", "path": "AJ/0001.docx", "sha256": ""}]},
    {"archival_code": "J031-JC·2024-Y-JPS-0001", "category": "JC", "case_number": "", "volume": "", "identity": "b",
     "sources": ["检查记录/现场检查笔录-鸿发食品店.txt"],
     "files": [{"role": "original", "path": "JC/0001.txt", "sha256": ""}]}]})");
  return n;
}

}  // namespace

TEST(PropertyChecks, AKeptNightHasNoViolation) {
  fs::path archive = lh::test::temp_dir("checks-kept");
  lh::test::write_file(archive / "AJ" / "0001.docx", "x");
  lh::test::write_file(archive / "JC" / "0001.txt", "y");
  lh::test::write_file(archive / "manifest.json", "{}");
  Night n = a_night();
  n.archive = archive;
  json previous = n.manifest;
  n.previous = &previous;
  SweepResult r;
  check_fates(n, r), check_refused(n, r), check_never_moves(n, r), check_links(n, r), check_agree(n, r);
  for (const auto& v : r.violations) ADD_FAILURE() << v.property << ": " << v.path << ": " << v.detail;
  for (const char* p : {kOneFate, kRefusedKept, kNeverMoves, kPositiveLink, kEvidenceFiled, kAgree}) EXPECT_GT(r.checks[p], 0) << p;
}

TEST(PropertyChecks, AnInputWithNoFateOrTwoIsCaught) {
  Night n = a_night();
  n.manifest["inputs"].erase(1);                                       // the inspection record: no fate
  n.manifest["inputs"].push_back({{"path", "材料.zip"}, {"fate", "junk"}});  // the ZIP: two
  SweepResult r;
  check_fates(n, r);
  EXPECT_EQ(violations_of(r, kOneFate), 2);
}

TEST(PropertyChecks, ARefusedEntryFiledAsAnEmptyFileIsCaught) {
  Night n = a_night();
  n.manifest["inputs"][3] = {{"path", "材料.zip/扫描件/现场照片.bmp"}, {"fate", "junk"}, {"reason", "空文件（0 字节）"}};
  n.exit_code = 0, n.err.clear();
  SweepResult r;
  check_refused(n, r);
  EXPECT_EQ(violations_of(r, kRefusedKept), 3);  // not quarantined, exit 0, not on stderr
}

TEST(PropertyChecks, ANumberedItemMovedTheNextNightIsCaught) {
  Night n = a_night();
  json previous = n.manifest;
  n.manifest["items"][1]["files"][0]["path"] = "AJ/检查记录/0002.txt";
  n.manifest["items"][1]["case_number"] = "检查记录";
  n.previous = &previous;
  SweepResult r;
  check_never_moves(n, r);
  EXPECT_EQ(violations_of(r, kNeverMoves), 2);  // its case and its path
}

TEST(PropertyChecks, AnInspectionRecordInACaseIsCaught) {
  Night n = a_night();
  n.manifest["items"][1]["category"] = "AJ";
  n.manifest["items"][1]["case_key"] = "folder:检查记录";
  SweepResult r;
  check_links(n, r);
  EXPECT_EQ(violations_of(r, kPositiveLink), 1);
  n.manifest["items"][1]["category"] = "JC";
  n.manifest["items"][0]["case_number"] = "粤汕市监罚〔2024〕38号";  // the right category, another case
  r = {};
  check_links(n, r);
  EXPECT_EQ(violations_of(r, kPositiveLink), 1);
}

// Regression: the placement branch's first build filed every case document as 文书 (WS); the
// positive-link property held because nothing sat in any case.
TEST(PropertyChecks, ACaseDocumentFiledOutsideItsCaseIsCaught) {
  Night n = a_night();
  n.manifest["items"][0]["category"] = "WS";
  n.manifest["items"][0]["case_number"] = "";
  SweepResult r;
  check_links(n, r);
  EXPECT_EQ(violations_of(r, kPositiveLink), 0);
  EXPECT_EQ(violations_of(r, kEvidenceFiled), 1);
}

TEST(PropertyChecks, AFileTheManifestDoesNotNameAndANamedFileMissingAreCaught) {
  fs::path archive = lh::test::temp_dir("checks-agree");
  lh::test::write_file(archive / "AJ" / "0001.docx", "x");
  lh::test::write_file(archive / "AJ" / "检查记录" / "0002.txt", "stale copy");
  Night n = a_night();
  n.archive = archive;
  SweepResult r;
  check_agree(n, r);
  EXPECT_EQ(violations_of(r, kAgree), 2);  // JC/0001.txt missing, AJ/检查记录/0002.txt unnamed
}
