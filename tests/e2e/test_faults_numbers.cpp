// A full 件号 sequence (issue 13 §3 "100,000 inputs"): DA/T 22-2015 gives the 件号 4 digits in the
// lowest category of the scheme (the sequence scope: 全宗, 门类, 年度, 保管期限, 机构(问题)), so a scope
// holds at most 9,999 items; the scheme's item-digits may set another width. Expected outcome, written
// down: the items that cannot get a number are set aside, each with one line naming the file, the
// full scope and what the clerk can change; the night exits 1; everything else is filed and verifies;
// the numbers given stay; every later night tries them again and refuses them the same way until the
// scheme splits the scope (then they are filed) — before, the whole night exited 3, every night.
#include <chrono>
#include <map>
#include <set>

#include "faults_support.h"

namespace lh::faults {

namespace {

constexpr const char* kFull = "item_numbers_exhausted";

std::string notice_name(int n) {
  char name[32];
  std::snprintf(name, sizeof name, "%06d.txt", n);
  return name;
}

// Notices [from, to) of 2024: one scope (WS, 2024, D10 by the default scheme's retention rule).
void write_notices(const fs::path& in, int from, int to, const std::string& date = "2024年1月2日") {
  for (int i = from; i < to; ++i) lh::test::write_file(in / notice_name(i), notice(i, date));
}

// A copy of the default scheme (and its XSDs) whose text is edited by `edit`.
fs::path scheme_copy(const fs::path& dir, const std::function<void(std::string&)>& edit) {
  fs::create_directories(dir);
  for (const char* f : {"default.xml", "scheme.xsd", "office.xsd"})
    fs::copy_file(lh::test::source_dir() / "templates/scheme" / f, dir / f, fs::copy_options::overwrite_existing);
  std::string xml = lh::test::read_file(dir / "default.xml");
  edit(xml);
  lh::test::write_file(dir / "default.xml", xml);
  return dir / "default.xml";
}

void replace_once(std::string& s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  s.replace(at, from.size(), to);
}

std::map<std::string, std::string> code_by_source(const json& m) {
  std::map<std::string, std::string> out;
  for (const auto& it : m["items"]) out[it["sources"][0].get<std::string>()] = it["archival_code"].get<std::string>();
  return out;
}

// report.json's set-aside inputs: path → reason.
std::map<std::string, std::string> set_aside(const fs::path& out) {
  std::map<std::string, std::string> s;
  const json report = read_json(out / "reports/report.json");  // held: a range-for over a temporary's member dangles
  for (const auto& e : report["set_aside"])
    if (e["fate"] == "quarantined") s[e["path"].get<std::string>()] = e["reason"].get<std::string>();
  return s;
}

// The CLI's line for one input set aside (stderr): "set aside: PATH: REASON", one line.
std::string set_aside_line(const std::string& err, const std::string& path) {
  size_t at = err.find("set aside: " + path + ": ");
  if (at == std::string::npos) return {};
  return err.substr(at, err.find('\n', at) - at);
}

}  // namespace

// The regression (before: `no 档号 can be formed for number 10000 …`, exit 3, every night).
TEST(FaultsNumbers, ScopeFullAtNineThousandNineHundredNinetyNineSetsAsideTheRestAndKeepsTheNumbers) {
  auto base = lh::test::temp_dir("fault-full-scope");
  fs::path in = base / "inbox", out = base / "ARCHIVE";
  constexpr int kFill = 9999;
  write_notices(in, 0, kFill);
  auto t0 = std::chrono::steady_clock::now();
  auto r1 = archive(in, out, {"--no-documents", "--quiet"});
  std::cerr << kFill << " notices of one scope filed in "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() << " s\n";
  ASSERT_EQ(r1.exit_code, 0) << r1.err;
  const json m1 = read_json(out / "manifest.json");
  ASSERT_EQ(m1["items"].size(), size_t{kFill});
  const auto codes1 = code_by_source(m1);
  std::set<std::string> scopes;
  int top = 0;
  for (const auto& it : m1["items"]) {
    const std::string code = it["archival_code"];
    scopes.insert(code.substr(0, code.rfind('-')));
    top = std::max(top, it["item_number"].get<int>());
  }
  ASSERT_EQ(scopes.size(), 1u) << "one sequence scope";
  ASSERT_EQ(top, kFill);
  const std::string scope = *scopes.begin();  // e.g. Z109-WS·2024-D10-SMS

  write_notices(in, kFill, kFill + 3);
  auto r2 = archive(in, out, {"--no-documents"});
  EXPECT_EQ(r2.exit_code, 1) << "set aside, like any bad input: " << r2.err.substr(0, 2000);
  auto aside = set_aside(out);
  ASSERT_EQ(aside.size(), 3u);
  for (int i = kFill; i < kFill + 3; ++i) {
    const std::string p = notice_name(i);
    ASSERT_TRUE(aside.count(p)) << p;
    EXPECT_NE(aside[p].find(kFull), std::string::npos) << aside[p];
    EXPECT_NE(aside[p].find(scope), std::string::npos) << "names the full scope: " << aside[p];
    EXPECT_NE(aside[p].find("9999"), std::string::npos) << aside[p];
    EXPECT_NE(aside[p].find("细分此范围"), std::string::npos) << "says what the clerk can do: " << aside[p];
    const std::string line = set_aside_line(r2.err, p);
    EXPECT_NE(line.find(scope), std::string::npos) << "one line naming the file and the scope: " << line;
  }
  const json m2 = read_json(out / "manifest.json");
  EXPECT_EQ(code_by_source(m2), codes1) << "the 9,999 keep their numbers; nothing else numbered";
  auto v2 = verify(out);
  EXPECT_EQ(v2.exit_code, 0) << v2.out << v2.err;

  // The next night tries them again (a notice of another 年度 came in: a full run) and refuses them the
  // same way; the new notice is filed in its own scope.
  lh::test::write_file(in / "2023.txt", notice(1, "2023年5月6日"));
  auto r4 = archive(in, out, {"--no-documents"}, "2024-06-02T02:00:00+0800");
  EXPECT_EQ(r4.exit_code, 1) << r4.err.substr(0, 2000);
  EXPECT_EQ(set_aside(out), aside) << "refused the same way";
  const auto codes4 = code_by_source(read_json(out / "manifest.json"));
  EXPECT_EQ(codes4.size(), size_t{kFill + 1});
  ASSERT_TRUE(codes4.count("2023.txt"));
  EXPECT_EQ(codes4.at("2023.txt").substr(codes4.at("2023.txt").rfind('-')), "-0001") << "another scope numbers on";
  for (const auto& [src, code] : codes1) EXPECT_EQ(codes4.at(src), code) << src;
  EXPECT_EQ(verify(out).exit_code, 0);
}

// With the 件号 five digits wide (item-digits="5", an office's own scheme), the same 10,002 notices of
// one scope are all filed, the 件号 written with five digits.
TEST(FaultsNumbers, WiderItemDigitsFilesTenThousandTwoInOneScope) {
  auto base = lh::test::temp_dir("fault-wide-scope");
  fs::path in = base / "inbox", out = base / "ARCHIVE";
  const fs::path scheme = scheme_copy(base / "scheme", [](std::string& x) {
    replace_once(x, "item-digits=\"4\"", "item-digits=\"5\"");
  });
  write_notices(in, 0, 10002);
  auto r = archive(in, out, {"--no-documents", "--quiet", "--scheme", scheme.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
  const json m = read_json(out / "manifest.json");
  ASSERT_EQ(m["items"].size(), 10002u);
  std::set<std::string> tails;
  for (const auto& it : m["items"]) {
    const std::string code = it["archival_code"];
    tails.insert(code.substr(code.rfind('-') + 1));
  }
  EXPECT_TRUE(tails.count("00001")) << "five digits";
  EXPECT_TRUE(tails.count("10002"));
  EXPECT_EQ(verify(out).exit_code, 0);
}

// What the reason tells the clerk works: the scheme splits the scope (notices now kept 30 years), and
// the night after files the items set aside, in the new scope; the numbered ones stay. The width is
// one digit here, so the scope is full at 9 (the same rule, in a second).
TEST(FaultsNumbers, ItemsSetAsideForAFullScopeAreFiledTheNightTheSchemeSplitsIt) {
  auto base = lh::test::temp_dir("fault-split-scope");
  fs::path in = base / "inbox", out = base / "ARCHIVE";
  const fs::path scheme = scheme_copy(base / "scheme", [](std::string& x) {
    replace_once(x, "item-digits=\"4\"", "item-digits=\"1\"");
  });
  write_notices(in, 0, 9);
  ASSERT_EQ(archive(in, out, {"--no-documents", "--scheme", scheme.string()}).exit_code, 0);
  const auto codes1 = code_by_source(read_json(out / "manifest.json"));
  ASSERT_EQ(codes1.size(), 9u);
  write_notices(in, 9, 12);
  auto r2 = archive(in, out, {"--no-documents", "--scheme", scheme.string()});
  EXPECT_EQ(r2.exit_code, 1) << r2.err;
  auto aside = set_aside(out);
  EXPECT_EQ(aside.size(), 3u) << r2.err;
  for (const auto& [p, why] : aside) EXPECT_NE(why.find("已编到 9（方案 item-digits=\"1\""), std::string::npos) << p << ": " << why;

  scheme_copy(base / "scheme", [](std::string& x) {
    replace_once(x, "item-digits=\"4\"", "item-digits=\"1\"");
    replace_once(x, "title-contains=\"通知|报表|统计|简报|台账\" retention=\"D10\"",
                 "title-contains=\"通知|报表|统计|简报|台账\" retention=\"D30\"");
  });
  auto r3 = archive(in, out, {"--no-documents", "--scheme", scheme.string()}, "2024-06-02T02:00:00+0800");
  EXPECT_EQ(r3.exit_code, 0) << r3.err;
  EXPECT_TRUE(set_aside(out).empty());
  const auto codes3 = code_by_source(read_json(out / "manifest.json"));
  ASSERT_EQ(codes3.size(), 12u);
  for (const auto& [src, code] : codes1) EXPECT_EQ(codes3.at(src), code) << "numbered items stay: " << src;
  for (int i = 9; i < 12; ++i) EXPECT_NE(codes3.at(notice_name(i)).find("-D30-"), std::string::npos) << codes3.at(notice_name(i));
  EXPECT_EQ(verify(out).exit_code, 0);
}

}  // namespace lh::faults
