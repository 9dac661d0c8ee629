// Issue 12 floor (the one-new-document night on 10,000 items under 2 s): derived.json written from
// the entries' texts the catalogue keeps (package/derived_state.h) must be byte for byte what
// dump_json writes of the whole state, whatever the names and values hold.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "filing/catalogue.h"
#include "package/derived_state.h"
#include "package/manifest.h"
#include "test_support.h"

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace lh;

namespace {

// A state with what derived.json meets: names that need escaping or sort by their UTF-8 bytes,
// nested arrays and objects, empty ones, numbers, an entry that is {}.
json awkward_state(bool empty_volumes) {
  json st = {{"format", package::kDerivedGenerator}, {"items", json::object()}, {"volumes", json::object()}, {"catalogues", json::object()}};
  st["items"]["Z109-WS·2024-Y-BGS-0001"] = {{"key", "k1"}, {"pages", 3}, {"how", "pdf"}, {"record_issues", json::array()},
                                           {"files", {{{"path", "WS/2024/阅览本/a.pdf"}, {"sha256", "00"}, {"pdfa_problems", {"6.2 \"x\""}}}}}};
  st["items"]["Z109-WS·2024-Y-BGS-0002"] = {{"key", ""}, {"problem", "tab\there\\ and \x01 control"}, {"files", json::array()}};
  st["items"]["A\"quoted\\name"] = json::object();
  st["items"]["é-accent"] = {{"nested", {{"a", {{"b", json::array({1, 2, json::object()})}}}}}};
  if (!empty_volumes)
    st["volumes"]["AJ/2019/南市监处罚〔2019〕101号"] = {{"volume_no", "001"}, {"contents", {{{"seq", 1}, {"title", "立案审批表"}}}},
                                                    {"pages", 12}, {"problems", json::array()}};
  st["catalogues"]["AJ/2019"] = {{"rows", 1353}, {"files", {{{"path", "AJ/2019/归档文件目录.pdf"}, {"sha256", "ff"}}}}};
  return st;
}

std::array<std::vector<std::string>, 3> names_of(const json& st) {
  std::array<std::vector<std::string>, 3> names;
  for (size_t i = 0; i < 3; ++i)
    for (const auto& [name, e] : st[package::kDerivedSections[i]].items()) names[i].push_back(name);
  return names;
}

}  // namespace

// Every entry stored, or every entry fresh, or half and half: the bytes of dump_json.
TEST(DerivedState, TextsWriteTheBytesDumpJsonWrites) {
  for (bool empty_volumes : {false, true}) {
    const json st = awkward_state(empty_volumes);
    fs::path dir = lh::test::temp_dir("derived-state-texts");
    filing::Catalogue cat(dir / "catalog.db");
    package::EntryTexts all, half;
    {
      filing::Catalogue::DerivedRows rows(cat, true);
      for (size_t i = 0; i < 3; ++i) {
        bool odd = false;
        for (const auto& [name, e] : st[package::kDerivedSections[i]].items()) {
          const std::string text = package::entry_text(e);
          all[i][name] = text;
          if ((odd = !odd)) half[i][name] = text;
          rows.put({package::kDerivedSections[i], name, package::encode_summary(package::entry_summary(e)), text});
        }
      }
      rows.commit("test", "stamp");
    }
    const std::string expected = package::dump_json(st);
    const package::EntryTexts none;
    for (const package::EntryTexts* fresh : std::initializer_list<const package::EntryTexts*>{&all, &half, &none}) {
      package::write_state_texts(dir / "derived.json", names_of(st), *fresh, cat);
      EXPECT_EQ(lh::test::read_file(dir / "derived.json"), expected) << (fresh == &all ? "all fresh" : fresh == &half ? "half" : "all stored");
    }
  }
}

// An entry the state names that neither tonight nor the catalogue has: an error, not a file that
// silently lacks it.
TEST(DerivedState, AnEntryNeitherMadeNorStoredIsAnError) {
  fs::path dir = lh::test::temp_dir("derived-state-missing");
  filing::Catalogue cat(dir / "catalog.db");
  std::array<std::vector<std::string>, 3> names;
  names[0] = {"Z109-WS·2024-Y-BGS-0001"};
  EXPECT_THROW(package::write_state_texts(dir / "derived.json", names, {}, cat), std::runtime_error);
  EXPECT_FALSE(fs::exists(dir / "derived.json"));
}

// The summary a night reads: the fields it uses, files as path and SHA-256, arrays as their JSON
// ("" for none), and the same back from the catalogue's encoding.
TEST(DerivedState, SummaryKeepsWhatANightReadsAndDecodesToItself) {
  const json st = awkward_state(false);
  const package::EntrySummary item = package::entry_summary(st["items"]["Z109-WS·2024-Y-BGS-0001"]);
  ASSERT_EQ(item.files.size(), 1u);
  EXPECT_EQ(item.files[0].first, "WS/2024/阅览本/a.pdf");
  EXPECT_EQ(item.files[0].second, "00");
  EXPECT_EQ(item.pages, 3);
  EXPECT_EQ(item.key, "k1");
  EXPECT_EQ(item.how, "pdf");
  EXPECT_EQ(item.record_issues, "");
  const package::EntrySummary vol = package::entry_summary(st["volumes"]["AJ/2019/南市监处罚〔2019〕101号"]);
  EXPECT_EQ(vol.volume_no, "001");
  EXPECT_EQ(vol.pages, 12);
  EXPECT_EQ(package::entry_summary(st["catalogues"]["AJ/2019"]).rows, 1353);
  package::EntrySummary odd = package::entry_summary(st["items"]["Z109-WS·2024-Y-BGS-0002"]);
  odd.record_issues = R"([{"record_id":"12:34","problems":[]}])";
  odd.files.emplace_back("a:b/c 1:2.pdf", "");
  for (const package::EntrySummary& e : {item, vol, odd}) {
    auto back = package::decode_summary(package::encode_summary(e));
    ASSERT_TRUE(back);
    EXPECT_EQ(package::encode_summary(*back), package::encode_summary(e));
    EXPECT_EQ(back->files, e.files);
    EXPECT_EQ(back->problem, e.problem);
  }
  // A row of another encoding (the JSON summaries of the first version of this table) is refused.
  EXPECT_FALSE(package::decode_summary(R"({"key":"k1","files":[]})"));
  EXPECT_FALSE(package::decode_summary(package::encode_summary(item) + "x"));
  EXPECT_FALSE(package::decode_summary(package::encode_summary(item).substr(0, 20)));
}
