// Issue 12 §4 (constant parent memory): manifest.json streamed from catalog.db entry by entry must
// be byte for byte what the runs before wrote (the whole manifest as one nlohmann tree, dumped:
// that code is kept below as the oracle), and a night's peak memory must not grow with the number
// of items the catalogue already holds.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>

#include "filing/catalogue.h"
#include "package/archive.h"
#include "package/files.h"
#include "package/manifest.h"
#include "package_inbox.h"
#include "test_support.h"

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace lh;

namespace {

// ---- the manifest as main at 392c5fc built it (package/manifest.cpp then), verbatim ------------
void previous_list_refused_entries(json& inputs) {
  std::map<std::string, size_t> container_at;
  for (size_t i = 0; i < inputs.size(); ++i)
    if (inputs[i].value("container", false)) container_at[inputs[i].value("path", "")] = i;
  if (container_at.empty()) return;
  for (const auto& in : inputs) {
    if (in.value("fate", "") != "quarantined") continue;
    const std::string path = in.value("path", "");
    for (size_t cut = path.rfind('/'); cut != std::string::npos && cut > 0; cut = path.rfind('/', cut - 1)) {
      auto z = container_at.find(path.substr(0, cut));
      if (z != container_at.end())
        inputs[z->second]["refused"].push_back({{"path", path}, {"reason", in.value("reason", "")}});
    }
  }
}

std::string previous_manifest_bytes(const filing::Catalogue& cat, json archive_header) {
  json m;
  m["archive"] = std::move(archive_header);
  json items = json::array();
  for (const auto& it : cat.items()) {
    if (it.manifest.empty()) continue;
    json j = json::parse(it.manifest, nullptr, false);
    if (j.is_discarded()) continue;
    items.push_back(std::move(j));
  }
  m["items"] = std::move(items);
  json inputs = json::array();
  for (const auto& in : cat.input_entries()) {
    json j = {{"path", in.path}, {"sha256", in.sha256}, {"fate", in.fate}, {"archival_code", in.archival_code},
              {"reason", in.reason}, {"size", in.size}, {"container", in.container}, {"standard_name", in.standard_name}};
    if (!in.present) j["in_inbox"] = false;
    if (in.read_problems != "[]") j["read_problems"] = json::parse(in.read_problems);
    inputs.push_back(std::move(j));
  }
  previous_list_refused_entries(inputs);
  m["inputs"] = std::move(inputs);
  std::string s = m.dump(2, ' ', false, json::error_handler_t::replace);
  s.push_back('\n');
  return s;
}
// -------------------------------------------------------------------------------------------------

using test::archive_options;
using test::Derived;
using test::Inbox;

// A ZIP entry; its bytes in memory, or spooled to a file as `lianghua archive` does (spool != "").
model::InspectedFile entry(const model::InspectedFile& zip, const std::string& name, const std::string& bytes,
                           const fs::path& spool = {}) {
  model::InspectedFile e;
  e.path = zip.path + "/" + name;
  e.source_path = zip.source_path;
  e.is_zip_entry = true;
  if (spool.empty()) {
    e.entry_bytes = std::make_shared<const std::string>(bytes);
  } else {
    test::write_file(spool, bytes);
    e.spool_path = spool.string();
  }
  e.sha256 = package::sha256_hex(bytes);
  e.size = bytes.size();
  e.mtime_ns = zip.mtime_ns;
  e.meta.format = model::Format::Text;
  e.text_chars = 120;  // an empty text would be junk
  e.title = name;
  e.fields.dates = {"2024-04-02"};
  return e;
}

model::InspectedFile refused(const model::InspectedFile& zip, const std::string& name, const std::string& why) {
  model::InspectedFile e;
  e.path = zip.path + "/" + name;
  e.source_path = zip.source_path;
  e.is_zip_entry = true;
  e.mtime_ns = zip.mtime_ns;
  e.error = model::ReadError{model::ErrorKind::UnsafePath, why};
  return e;
}

// Documents, junk, a damaged file, a ZIP (one entry spooled, one refused) holding a nested ZIP
// (one refused entry: listed on both ZIPs), and "a.zip-b.txt", which sorts between a ZIP and its entries.
Inbox nested_zip_inbox(const fs::path& base) {
  Inbox in{base / "INBOX", {}};
  in.add("通知/关于开展节前安全检查的通知.docx", "final bytes", "关于开展节前安全检查的通知").fields.dates = {"2024-01-10"};
  in.add("通知/关于做好年度归档工作的通知.docx", "other bytes", "关于做好年度归档工作的通知").fields.dates = {"2024-02-10"};
  in.add("通知/Thumbs.db", "thumbs", "");
  auto& bad = in.add("坏文件.pdf", "%PDF-1.4 broken", "", model::Format::Pdf);
  bad.error = model::ReadError{model::ErrorKind::Damaged, "no trailer"};
  auto& between = in.add("a.zip-b.txt", "between", "检查情况说明", model::Format::Text);
  between.fields.dates = {"2024-03-01"};
  between.text_chars = 120;
  auto& z = in.add("a.zip", "PK outer", "", model::Format::Zip);
  z.children.push_back(entry(z, "检查记录.txt", "record one", base / "spool" / "entry-1"));
  z.children.push_back(refused(z, "../逃逸.txt", "压缩包内路径不安全"));
  model::InspectedFile inner = entry(z, "内层.zip", "PK inner");
  inner.meta.format = model::Format::Zip;
  inner.children.push_back(entry(inner, "整改通知.txt", "record two"));
  inner.children.push_back(refused(inner, "x/../../y.txt", "路径含“..”"));
  z.children.push_back(inner);
  return in;
}

void expect_previous_bytes(const fs::path& archive) {
  const std::string streamed = test::read_file(archive / "manifest.json");
  const json header = json::parse(streamed).at("archive");
  filing::Catalogue cat(archive / "catalog.db");
  EXPECT_EQ(streamed, previous_manifest_bytes(cat, header));
}

}  // namespace

TEST(ManifestStream, StreamedManifestIsByteForByteThePreviousTreeDump) {
  auto base = test::temp_dir("manifest-stream");
  Inbox in = nested_zip_inbox(base);
  auto r = package::run_archive(in.files, archive_options(base, Derived::None));
  ASSERT_TRUE(r.ok()) << r.error;
  expect_previous_bytes(base / "ARCHIVE");
  const json m = json::parse(test::read_file(base / "ARCHIVE/manifest.json"));
  EXPECT_EQ(r.items, m["items"].size());
  size_t on_outer = 0;
  for (const auto& i : m["inputs"])
    if (i["path"] == "a.zip") on_outer = i.value("refused", json::array()).size();
  EXPECT_EQ(on_outer, 2u) << "the outer ZIP lists its own refused entry and the nested ZIP's";
  // The spooled entry was filed from its spool file, byte for byte.
  bool spooled_filed = false;
  for (const auto& it : m["items"])
    for (const auto& f : it["files"])
      if (f.value("source", "") == "a.zip/检查记录.txt")
        spooled_filed = test::read_file(base / "ARCHIVE" / f["path"].get<std::string>()) == "record one";
  EXPECT_TRUE(spooled_filed);

  // Second night: one document gone from the inbox (in_inbox: false), one new.
  Inbox next = in;
  next.files.erase(next.files.begin() + 1);
  next.add("通知/关于开展消费品质量抽查的通知.docx", "third bytes", "关于开展消费品质量抽查的通知").fields.dates = {"2024-05-10"};
  auto r2 = package::run_archive(next.files, archive_options(base, Derived::None));
  ASSERT_TRUE(r2.ok()) << r2.error;
  expect_previous_bytes(base / "ARCHIVE");
  EXPECT_NE(test::read_file(base / "ARCHIVE/manifest.json").find("\"in_inbox\": false"), std::string::npos);
}

TEST(ManifestStream, EmptyArchiveManifestIsThePreviousTreeDump) {
  auto base = test::temp_dir("manifest-empty");
  Inbox in{base / "INBOX", {}};
  in.add("Thumbs.db", "thumbs", "");  // junk only: no item
  auto r = package::run_archive(in.files, archive_options(base, Derived::None));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.items, 0u);
  expect_previous_bytes(base / "ARCHIVE");
  EXPECT_NE(test::read_file(base / "ARCHIVE/manifest.json").find("\"items\": []"), std::string::npos);
}

namespace {

// An archive whose catalogue holds `n` items and inputs made directly through the catalogue (the
// night under test files one new document beside them): each item's manifest line ~1 KB, as a real one.
// `role` "attachment" and `year` 0: items the derived outputs draw nothing for (no reading copy, no
// 归档文件目录), so a night with them measures what the parent holds, not what workers render.
void fill_catalogue(const fs::path& archive, int n, const std::string& role = "original", int year = 2023) {
  fs::create_directories(archive);
  filing::Catalogue cat(archive / "catalog.db");
  std::vector<filing::AllocationRequest> reqs;
  for (int i = 0; i < n; ++i)
    reqs.push_back({package::sha256_hex("item " + std::to_string(i)), "synthetic", 50, [](const std::string&) { return std::string("{}"); }});
  auto allocs = cat.allocate(reqs, [](const std::string&, int k) { return "SYN-" + std::to_string(100000 + k); });
  std::vector<filing::ItemRecord> items;
  std::vector<filing::InputRecord> inputs;
  for (int i = 0; i < n; ++i) {
    const std::string path = "旧件/" + std::to_string(i) + " 关于开展节前安全检查工作的通知.docx";
    const std::string sha = package::sha256_hex("bytes " + std::to_string(i));
    json it = {{"archival_code", allocs[static_cast<size_t>(i)].archival_code}, {"category", "WS"}, {"category_name", "文书"},
               {"year", year}, {"retention", "D30"}, {"item_number", i + 1}, {"box", "X001-WS·2023-D30-" + std::to_string(i / 50 + 1)},
               {"title", "关于开展节前安全检查工作的通知（第" + std::to_string(i) + "号）"}, {"title_by", "document_title"},
               {"date", "2023-01-10"}, {"date_by", "document_date"}, {"format", "docx"}, {"identity", reqs[static_cast<size_t>(i)].identity},
               {"files", {{{"role", role}, {"path", "WS/2023/D30/" + path}, {"sha256", sha}, {"size", 20480}, {"source", path}}}},
               {"versions", json::array()}, {"sources", {path}}, {"issues", json::array()}, {"warnings", json::array()},
               {"invalid_credit_codes", json::array()}, {"case_key", ""}, {"placed_by", "门类规则"}};
    items.push_back({it["identity"].get<std::string>(), it["archival_code"].get<std::string>(), it.dump(), "{}"});
    json facts = {{"path", path}, {"sha256", sha}, {"size", 20480}, {"title", it["title"]}, {"format", "docx"}};
    inputs.push_back({path, 20480, 1, sha, "archived", it["archival_code"].get<std::string>(), "", facts.dump(), false});
  }
  cat.save_batch(items, inputs);
}

// The night under test: one new document filed into `base`/ARCHIVE (with its derived outputs when
// `derived`: its reading copy, a placeholder for these bytes, and its year's 归档文件目录).
bool one_new_document(const fs::path& base, bool derived = false) {
  Inbox in{base / "INBOX", {}};
  in.add("新件/关于开展消费品质量抽查的通知.docx", "new bytes " + base.string(), "关于开展消费品质量抽查的通知").fields.dates = {"2024-05-10"};
  package::ArchiveOptions o = archive_options(base, Derived::None);
  o.derived_outputs = derived;
  auto r = package::run_archive(in.files, o);
  return r.ok() && r.new_items == 1;
}

}  // namespace

// Regression (issue 12 §4, parent 223.5 MiB at 10,000 items): the night's peak no longer grows with
// the items already in the catalogue. 4,000 more items cost the old code ~15 KB each (~60 MB: the
// manifest tree, its dump, every stored item and input held); streamed, a few MiB at most
// (SQLite's page cache).
TEST(ManifestStream, NightPeakMemoryDoesNotGrowWithTheCatalogue) {
  auto small = test::temp_dir("mem-1000"), large = test::temp_dir("mem-5000");
  ASSERT_GE(test::child_peak_kib([&] { fill_catalogue(small / "ARCHIVE", 1000); return true; }), 0);
  ASSERT_GE(test::child_peak_kib([&] { fill_catalogue(large / "ARCHIVE", 5000); return true; }), 0);
  const long a = test::child_peak_kib([&] { return one_new_document(small); });
  const long b = test::child_peak_kib([&] { return one_new_document(large); });
  ASSERT_GT(a, 0);
  ASSERT_GT(b, 0);
  const json m = json::parse(test::read_file(large / "ARCHIVE/manifest.json"));
  EXPECT_EQ(m["items"].size(), 5001u);
  std::printf("night peak: %ld KiB at 1,000 items, %ld KiB at 5,000\n", a, b);
  EXPECT_LT(b - a, 8 * 1024) << "peak " << a << " KiB at 1,000 items, " << b << " KiB at 5,000";
}

// Regression (issue 12 §4, the derived outputs' part of the night): build_derived took every
// manifest item as one tree (manifest_items), ~8 KB per item held beside derived.json's; it now
// reads them one at a time and keeps their facts (~0.5 KB), a whole item only for a task. On the old
// code the night's peak grew 46.4 -> 63.7 MiB from 1,000 to 5,000 items; now 43.0 -> 45.1 MiB.
TEST(ManifestStream, DerivedNightPeakMemoryDoesNotGrowWithTheItems) {
  auto small = test::temp_dir("derived-mem-1000"), large = test::temp_dir("derived-mem-5000");
  ASSERT_GE(test::child_peak_kib([&] { fill_catalogue(small / "ARCHIVE", 1000, "attachment", 0); return true; }), 0);
  ASSERT_GE(test::child_peak_kib([&] { fill_catalogue(large / "ARCHIVE", 5000, "attachment", 0); return true; }), 0);
  const long a = test::child_peak_kib([&] { return one_new_document(small, true); });
  const long b = test::child_peak_kib([&] { return one_new_document(large, true); });
  ASSERT_GT(a, 0);
  ASSERT_GT(b, 0);
  // The night did build the new item's outputs and read every item.
  const json d = json::parse(test::read_file(large / "ARCHIVE/derived.json"));
  EXPECT_EQ(d["items"].size(), 1u);
  EXPECT_EQ(d["catalogues"].size(), 1u);
  std::printf("derived night peak: %ld KiB at 1,000 items, %ld KiB at 5,000\n", a, b);
  EXPECT_LT(b - a, 8 * 1024) << "peak " << a << " KiB at 1,000 items, " << b << " KiB at 5,000";
}

// Regression (issue 12 §4: `lianghua verify` held manifest.json whole, 1.1 GiB at 100,000 items):
// verify reads the manifest one item at a time and asks the catalogue per item, so 4,000 more items
// cost a few MiB (the problems it reports for their missing synthetic files, 8 bytes per path and
// identity), not the old ~10 KB each (the manifest's text and tree, every catalogue item's line).
TEST(ManifestStream, VerifyPeakMemoryDoesNotGrowWithTheManifest) {
  auto small = test::temp_dir("verify-mem-1000"), large = test::temp_dir("verify-mem-5000");
  ASSERT_GE(test::child_peak_kib([&] { fill_catalogue(small / "ARCHIVE", 1000); return one_new_document(small); }), 0);
  ASSERT_GE(test::child_peak_kib([&] { fill_catalogue(large / "ARCHIVE", 5000); return one_new_document(large); }), 0);
  size_t problems_small = 0;
  const long a = test::child_peak_kib([&] { return !package::verify_archive(small / "ARCHIVE").ok; });
  const long b = test::child_peak_kib([&] { return !package::verify_archive(large / "ARCHIVE").ok; });
  ASSERT_GT(a, 0);
  ASSERT_GT(b, 0);
  // What verify says is unchanged by the streaming: every synthetic original missing, the new one fine.
  const package::VerifyResult vs = package::verify_archive(small / "ARCHIVE");
  for (const auto& p : vs.problems) problems_small += p.kind == "missing";
  EXPECT_EQ(problems_small, 1000u);
  EXPECT_EQ(vs.files_checked, 1001u);
  std::printf("verify peak: %ld KiB at 1,000 items, %ld KiB at 5,000\n", a, b);
  EXPECT_LT(b - a, 6 * 1024) << "peak " << a << " KiB at 1,000 items, " << b << " KiB at 5,000";
}

// The streaming reader gives the items in order, as the whole-tree parse does, drops "inputs", and
// refuses what is not a manifest.
TEST(ManifestStream, ManifestItemsReadOneAtATimeAreTheTreesItems) {
  const fs::path dir = test::temp_dir("manifest-read");
  json m = {{"archive", {{"fonds", "X001"}, {"nested", {{"a", {1, 2}}}}}},
            {"items", {{{"archival_code", "A-1"}, {"files", {{{"path", "a"}, {"sha256", "1"}}}}}, {{"archival_code", "A-2"}}}},
            {"inputs", {{{"path", "in/a"}}, {{"path", "in/b"}}}}};
  test::write_file(dir / "manifest.json", package::dump_json(m));
  std::vector<json> got;
  ASSERT_TRUE(package::for_each_manifest_item(dir / "manifest.json", [&](const json& it) { got.push_back(it); }));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], m["items"][0]);
  EXPECT_EQ(got[1], m["items"][1]);
  test::write_file(dir / "truncated.json", package::dump_json(m).substr(0, 60));
  EXPECT_FALSE(package::for_each_manifest_item(dir / "truncated.json", [](const json&) {}));
  test::write_file(dir / "no-items.json", R"({"archive": {}, "inputs": []})");
  EXPECT_FALSE(package::for_each_manifest_item(dir / "no-items.json", [](const json&) {}));
  EXPECT_FALSE(package::for_each_manifest_item(dir / "absent.json", [](const json&) {}));
}

// Issue 12 floor (the one-new-document night): manifest.json re-indents each stored compact line
// instead of parsing and dumping it. The bytes must be dump_json_at's for every tree nlohmann writes,
// and anything nlohmann's compact dump would not have written is refused (then parsed and dumped).
TEST(ManifestStream, CompactLinesReIndentToTheBytesOfTheirTree) {
  const json trees[] = {
      json::parse(R"({"archival_code":"Z109-WS·2024-Y-BGS-0001","box_range":[1,50],"files":[{"path":"WS/2024/a b.pdf","role":"original","size":123}],
                     "issues":[],"moved_from":{},"title":"关于\"双引号\"与\\反斜杠\t制表","year":2024,"n":-7,"big":9223372036854775807,"small":-9223372036854775807,
                     "ok":true,"no":false,"nothing":null,"nested":[[],[{}],[[1,[2,{"k":[]}]]]]})"),
      json::parse(R"({"":1,"!":2," ":3,"x":4,"x y":5,"xy":6,"é":7,"中":8})"),
      json(std::string("ctl \x01\x1f\x7f \b\f\n\r")),
      json::array(),
      json::object(),
      json(42),
  };
  for (const json& j : trees)
    for (int depth : {0, 1, 2}) {
      std::string out;
      ASSERT_TRUE(package::indent_compact_json(j.dump(-1, ' ', false, json::error_handler_t::replace), depth, out)) << j.dump();
      EXPECT_EQ(out, package::dump_json_at(j, depth)) << j.dump();
    }
  for (const char* odd : {R"({"a": 1})", R"({"b":1,"a":2})", R"({"a":1,"a":2})", R"({"x y":1,"x":2})", R"({"a":1.5})", R"([1e3])",
                          R"(["a\/b"])", R"(["\u4e2d"])", R"(["\u001F"])", R"(["\u0008"])", R"({"k\"":1})", R"([01])", R"([-0])",
                          "[\"\xff\"]", "[\"\xed\xa0\x80\"]", "[\"\xc0\xaf\"]", "[\"tab\tinside\"]", R"([123456789012345678901])"}) {
    std::string out;
    EXPECT_FALSE(package::indent_compact_json(odd, 2, out)) << odd;
  }
}
