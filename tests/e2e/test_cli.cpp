// The command line as a user meets it: --help, --version, exit codes, bad input set aside.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.h"

using lh::test::program;
using lh::test::run;

TEST(Cli, VersionAndHelp) {
  auto v = run({program().string(), "--version"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_NE(v.out.find("lianghua "), std::string::npos);
  auto h = run({program().string(), "--help"});
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_NE(h.out.find("inspect"), std::string::npos);
  for (const char* cmd : {"inspect", "archive", "verify"}) {
    auto c = run({program().string(), cmd, "--help"});
    EXPECT_EQ(c.exit_code, 0) << cmd;
    EXPECT_NE(c.out.find("usage: lianghua"), std::string::npos) << cmd;
  }
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run({program().string()}).exit_code, 2);
  EXPECT_EQ(run({program().string(), "no-such-command"}).exit_code, 2);
  EXPECT_EQ(run({program().string(), "inspect"}).exit_code, 2);
  auto bad = run({program().string(), "inspect", "--jobs", "abc", "."});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--jobs"), std::string::npos);
}

TEST(Cli, InspectSetsAsideBadInputAndGoesOn) {
  auto dir = lh::test::temp_dir("cli-inspect");
  lh::test::write_file(dir / "好.txt", "市场监管所标准化规范化建设，行政处罚决定书。\n");
  lh::test::write_file(dir / "坏.pdf", "%PDF-1.4\n1 0 obj <<>> endobj\n");  // no xref, no trailer
  lh::test::write_file(dir / "空.docx", "");
  auto r = run({program().string(), "inspect", "--json", "--quiet", dir.string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["files"].size(), 3u);
  int errors = 0;
  for (const auto& f : j["files"]) {
    for (const char* k : {"path", "sha256", "format", "encoding", "pages", "title", "text_chars", "scanned_pages",
                          "fields", "error", "children"})
      EXPECT_TRUE(f.contains(k)) << k;
    if (!f["error"].is_null()) ++errors;
  }
  EXPECT_EQ(errors, 2);
  auto good = run({program().string(), "inspect", "--quiet", (dir / "好.txt").string()});
  EXPECT_EQ(good.exit_code, 0) << good.out << good.err;
}
